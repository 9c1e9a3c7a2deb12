import { useState, type FormEvent } from 'react';
import { PRODUCT_CODES, type OrganisationSettings, type ProductCode } from '../../../../machines';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { api } from '../../lib/api';
import type { SettingsView } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { adminFailure } from './admin-requests';
import { centsToEuroText, euroTextToCents } from '../../lib/money';

const t = nl.admin.settings;
/** The thresholds PATCH /settings accepts (server/organisations/schema.ts). */
const THRESHOLDS = [
  'deadlineNearDays',
  'noActivityDays',
  'dropoutUnresolvedDays',
  'suspendedLongDays',
  'waitingStartDays',
  'relapseDays',
] as const;

export function SettingsSection() {
  const [reload, setReload] = useState(0);
  // Kept here: the form below is remounted with the saved values, its message must survive that.
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const loaded = useApiGet(`settings#${reload}`, (signal) =>
    api<SettingsView>('/settings', { signal }),
  );
  return (
    <section aria-labelledby="instellingen">
      <h2 id="instellingen">{t.title}</h2>
      <p>{t.intro}</p>
      {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      {loaded.status === 'loading' && <p role="status">{nl.loading}</p>}
      {loaded.status === 'failed' && <Notice kind="error">{nl.genericError}</Notice>}
      {loaded.status === 'ready' && (
        <SettingsForm
          key={reload}
          settings={loaded.data.settings}
          onResult={(result) => {
            setMessage(result);
            if (result.ok) setReload((value) => value + 1);
          }}
        />
      )}
    </section>
  );
}

function SettingsForm(props: {
  settings: OrganisationSettings;
  onResult(result: { ok: boolean; text: string }): void;
}) {
  const [products, setProducts] = useState(
    () =>
      Object.fromEntries(
        PRODUCT_CODES.map((code) => {
          const product = props.settings.products[code];
          return [
            code,
            {
              enabled: product.enabled,
              limitMonths: product.limitMonths === null ? '' : String(product.limitMonths),
              reviewMonths: product.reviewMonths === null ? '' : String(product.reviewMonths),
              tariff: centsToEuroText(product.tariffCentsPerHour),
            },
          ];
        }),
      ) as Record<
        ProductCode,
        { enabled: boolean; limitMonths: string; reviewMonths: string; tariff: string }
      >,
  );
  const [signals, setSignals] = useState(() =>
    Object.fromEntries(THRESHOLDS.map((key) => [key, String(props.settings.signals[key])])),
  );
  async function save(event: FormEvent) {
    event.preventDefault();
    const productChanges: Record<string, Record<string, unknown>> = {};
    for (const code of PRODUCT_CODES) {
      const before = props.settings.products[code];
      const now = products[code];
      const change: Record<string, unknown> = {};
      if (now.enabled !== before.enabled) change.enabled = now.enabled;
      if (before.limitMonths !== null && Number(now.limitMonths) !== before.limitMonths)
        change.limitMonths = Number(now.limitMonths);
      if (before.reviewMonths !== null && Number(now.reviewMonths) !== before.reviewMonths)
        change.reviewMonths = Number(now.reviewMonths);
      if (euroTextToCents(now.tariff) !== before.tariffCentsPerHour)
        change.tariffCentsPerHour = euroTextToCents(now.tariff);
      if (Object.keys(change).length) productChanges[code] = change;
    }
    const signalChanges = Object.fromEntries(
      THRESHOLDS.filter((key) => Number(signals[key]) !== props.settings.signals[key]).map(
        (key) => [key, Number(signals[key])],
      ),
    );
    try {
      await api('/settings', {
        method: 'PATCH',
        body: { products: productChanges, signals: signalChanges },
      });
      props.onResult({ ok: true, text: t.saved });
    } catch (error) {
      props.onResult({ ok: false, text: adminFailure(error) });
    }
  }

  return (
    <>
      <form onSubmit={(event) => void save(event)} aria-label={t.title}>
        <div className="table-scroll">
          <table>
            <caption>{t.products}</caption>
            <thead>
              <tr>
                <th scope="col">{t.product}</th>
                <th scope="col">{t.enabled}</th>
                <th scope="col">{t.limitMonths}</th>
                <th scope="col">{t.reviewMonths}</th>
                <th scope="col">{t.tariff}</th>
              </tr>
            </thead>
            <tbody>
              {PRODUCT_CODES.map((code) => {
                const row = products[code];
                const set = (change: Partial<typeof row>) =>
                  setProducts({ ...products, [code]: { ...row, ...change } });
                const label = `${code} ${nl.products[code]}`;
                return (
                  <tr key={code}>
                    <th scope="row">{label}</th>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t.enabled}: ${label}`}
                        checked={row.enabled}
                        onChange={(event) => set({ enabled: event.target.checked })}
                      />
                    </td>
                    <td>
                      {row.limitMonths === '' ? (
                        '—'
                      ) : (
                        <input
                          aria-label={`${t.limitMonths}: ${label}`}
                          inputMode="numeric"
                          size={4}
                          value={row.limitMonths}
                          onChange={(event) => set({ limitMonths: event.target.value })}
                        />
                      )}
                    </td>
                    <td>
                      {row.reviewMonths === '' ? (
                        '—'
                      ) : (
                        <input
                          aria-label={`${t.reviewMonths}: ${label}`}
                          inputMode="numeric"
                          size={4}
                          value={row.reviewMonths}
                          onChange={(event) => set({ reviewMonths: event.target.value })}
                        />
                      )}
                    </td>
                    <td>
                      <input
                        aria-label={`${t.tariff}: ${label}`}
                        inputMode="decimal"
                        size={7}
                        value={row.tariff}
                        onChange={(event) => set({ tariff: event.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <fieldset className="filters">
          <legend>{t.thresholds}</legend>
          {THRESHOLDS.map((key) => (
            <Field key={key} label={t.threshold[key]}>
              {(control) => (
                <input
                  {...control}
                  inputMode="numeric"
                  value={signals[key]}
                  onChange={(event) => setSignals({ ...signals, [key]: event.target.value })}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {t.save}
        </button>
      </form>
    </>
  );
}
