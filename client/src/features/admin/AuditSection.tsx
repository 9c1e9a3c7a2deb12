import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { addCalendarDays, startOfLocalDay } from '../../../../machines';
import { Field } from '../../components/Field';
import { FilterSelect, type FilterOption } from '../../components/FilterSelect';
import { Pager } from '../../components/Pager';
import { Notice } from '../../components/Notice';
import { api, queryString } from '../../lib/api';
import type { AuditPage, User } from '../../lib/api-types';
import { formatDate, formatLocalDate, parseDutchDate } from '../../lib/dates';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { withFilterChanges } from '../../lib/url-filters';

const t = nl.admin.audit;
/** GET /audit?category= (issue 12): changes, case-file reads, security events. */
const AUDIT_CATEGORIES = ['change', 'read', 'security'] as const;
const PAGE_SIZE = 50;
/** GET /audit?action= matches an action and those under it; these groups come first. */
const ACTION_GROUPS = Object.keys(t.actionGroups) as Array<keyof typeof t.actionGroups>;

/** The groups, then the exact actions on this page (and the chosen one), each once. */
function actionOptions(chosen: string, onPage: readonly string[]): FilterOption[] {
  const groups = ACTION_GROUPS.map((group) => ({ value: group, label: t.actionGroups[group] }));
  const exact = [...new Set([chosen, ...onPage])]
    .filter((action) => action && !ACTION_GROUPS.includes(action as never))
    .sort()
    .map((action) => ({ value: action, label: action }));
  return [...groups, ...exact];
}

const timeFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * The audit log with its filters in the URL: who, which case, from/to (Amsterdam days), what
 * (GET /audit?action=, so it narrows every page), which kind.
 */
export function AuditSection(props: { users: User[] }) {
  const [params, setParams] = useSearchParams();
  const filters = {
    userId: params.get('wie') ?? '',
    caseId: params.get('zaak') ?? '',
    from: params.get('van') ?? '',
    to: params.get('tot') ?? '',
    action: params.get('wat') ?? '',
    category: params.get('soort') ?? '',
    page: Math.max(1, Number(params.get('pagina')) || 1),
  };
  const [caseText, setCaseText] = useState(filters.caseId);
  const [fromText, setFromText] = useState(filters.from ? formatLocalDate(filters.from) : '');
  const [toText, setToText] = useState(filters.to ? formatLocalDate(filters.to) : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Amsterdam days; `to` is inclusive for people: up to the start of the next day.
  const toExclusive = filters.to ? startOfLocalDay(addCalendarDays(filters.to, 1)) : undefined;
  const query = queryString({
    userId: filters.userId,
    caseId: filters.caseId,
    category: filters.category,
    // An old bookmark's free text would be a 400: only an action name goes to the server.
    action: /^[a-z][a-z_]*(\.[a-z_]+)*$/.test(filters.action) ? filters.action : undefined,
    from: filters.from ? startOfLocalDay(filters.from) : undefined,
    to: toExclusive,
    page: filters.page,
    pageSize: PAGE_SIZE,
  });
  const loaded = useApiGet(query, (signal) => api<AuditPage>(`/audit${query}`, { signal }));
  const nameOf = (id: string | null) =>
    id === null ? t.system : (props.users.find((user) => user.id === id)?.displayName ?? id);

  function update(changes: Record<string, string>) {
    setParams(withFilterChanges(params, changes, 'pagina'));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const from = fromText.trim() ? parseDutchDate(fromText) : '';
    const to = toText.trim() ? parseDutchDate(toText) : '';
    const problems: Record<string, string> = {};
    if (from === null) problems.from = nl.teamOverview.dateInvalid;
    if (to === null) problems.to = nl.teamOverview.dateInvalid;
    setErrors(problems);
    if (Object.keys(problems).length) return;
    update({ zaak: caseText.trim(), van: from ?? '', tot: to ?? '' });
  }

  const items = loaded.status === 'ready' ? loaded.data.items : [];
  const actions =
    loaded.status === 'ready' ? [...new Set(loaded.data.items.map((i) => i.action))] : [];
  const pages =
    loaded.status === 'ready' ? Math.max(1, Math.ceil(loaded.data.total / PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="audit">
      <h2 id="audit">{t.title}</h2>
      <form className="filters" onSubmit={submit} aria-label={t.filters}>
        <FilterSelect
          label={t.who}
          value={filters.userId}
          options={props.users.map((user) => ({ value: user.id, label: user.displayName }))}
          onChange={(value) => update({ wie: value })}
        />
        <FilterSelect
          label={t.category}
          value={filters.category}
          options={AUDIT_CATEGORIES.map((category) => ({
            value: category,
            label: t.categories[category],
          }))}
          onChange={(value) => update({ soort: value })}
        />
        <Field label={t.caseId}>
          {(control) => (
            <input
              {...control}
              value={caseText}
              onChange={(event) => setCaseText(event.target.value)}
            />
          )}
        </Field>
        <Field label={t.from} hint="dd-mm-jjjj" error={errors.from}>
          {(control) => (
            <input
              {...control}
              value={fromText}
              onChange={(event) => setFromText(event.target.value)}
            />
          )}
        </Field>
        <Field label={t.to} hint="dd-mm-jjjj" error={errors.to}>
          {(control) => (
            <input
              {...control}
              value={toText}
              onChange={(event) => setToText(event.target.value)}
            />
          )}
        </Field>
        <FilterSelect
          label={t.what}
          hint={t.whatHint}
          value={filters.action}
          options={actionOptions(filters.action, actions)}
          onChange={(value) => update({ wat: value })}
        />
        <button type="submit" className="button">
          {t.apply}
        </button>
      </form>
      {loaded.status === 'loading' && <p role="status">{nl.loading}</p>}
      {loaded.status === 'failed' && <Notice kind="error">{nl.genericError}</Notice>}
      {loaded.status === 'ready' && (
        <>
          <p role="status">{t.total(loaded.data.total)}</p>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.when}</th>
                  <th scope="col">{t.who}</th>
                  <th scope="col">{t.what}</th>
                  <th scope="col">{t.caseId}</th>
                  <th scope="col">{t.details}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      {formatDate(item.at)} {timeFormat.format(new Date(item.at))}
                    </td>
                    <td>{nameOf(item.actorId)}</td>
                    <td>{item.action}</td>
                    <td>{item.caseId ?? '—'}</td>
                    <td>
                      <code className="audit-details">{JSON.stringify(item.details)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={filters.page}
            pages={pages}
            onPage={(page) => update({ pagina: String(page) })}
          />
        </>
      )}
    </section>
  );
}
