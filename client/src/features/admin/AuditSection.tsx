import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { addCalendarDays, startOfLocalDay } from '../../../../machines';
import { Field } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { Notice } from '../../components/Notice';
import { api, queryString } from '../../lib/api';
import type { User } from '../../lib/api-types';
import { formatDate, formatLocalDate, parseDutchDate } from '../../lib/dates';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { withFilterChanges } from '../../lib/url-filters';

const t = nl.admin.audit;
/** GET /audit?category= (issue 12): changes, case-file reads, security events. */
const AUDIT_CATEGORIES = ['change', 'read', 'security'] as const;
const PAGE_SIZE = 50;

interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  caseId: string | null;
  trajectoryId: string | null;
  details: Record<string, unknown>;
}

const timeFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  hour: '2-digit',
  minute: '2-digit',
});

/** The audit log with its filters in the URL: who, which case, from/to (Amsterdam days), what. */
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
    from: filters.from ? startOfLocalDay(filters.from) : undefined,
    to: toExclusive,
    page: filters.page,
    pageSize: PAGE_SIZE,
  });
  const loaded = useApiGet(query, (signal) =>
    api<{ items: AuditEntry[]; total: number }>(`/audit${query}`, { signal }),
  );
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

  const items =
    loaded.status === 'ready'
      ? loaded.data.items.filter(
          (item) => !filters.action || item.action.startsWith(filters.action),
        )
      : [];
  const actions =
    loaded.status === 'ready' ? [...new Set(loaded.data.items.map((i) => i.action))] : [];
  const pages =
    loaded.status === 'ready' ? Math.max(1, Math.ceil(loaded.data.total / PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="audit">
      <h2 id="audit">{t.title}</h2>
      <form className="filters" onSubmit={submit} aria-label={t.filters}>
        <Field label={t.who}>
          {(control) => (
            <select
              {...control}
              value={filters.userId}
              onChange={(event) => update({ wie: event.target.value })}
            >
              <option value="">{nl.caseload.any}</option>
              {props.users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.category}>
          {(control) => (
            <select
              {...control}
              value={filters.category}
              onChange={(event) => update({ soort: event.target.value })}
            >
              <option value="">{nl.caseload.any}</option>
              {AUDIT_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t.categories[category]}
                </option>
              ))}
            </select>
          )}
        </Field>
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
        <Field label={t.what} hint={t.whatHint}>
          {(control) => (
            <select
              {...control}
              value={filters.action}
              onChange={(event) => update({ wat: event.target.value })}
            >
              <option value="">{nl.caseload.any}</option>
              {[...new Set([filters.action, ...actions].filter(Boolean))].map((action) => (
                <option key={action} value={action}>
                  {action}
                </option>
              ))}
            </select>
          )}
        </Field>
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
