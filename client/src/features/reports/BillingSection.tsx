import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { api, API_BASE, queryString } from '../../lib/api';
import type { Billing } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { nl, productLabel } from '../../i18n/nl';

const t = nl.reports.billingTable;
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const hours = new Intl.NumberFormat('nl-NL', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
/** Integer cents, so the total shown is exactly the API's (the rows add up to it there). */
const euros = (cents: number) => euro.format(cents / 100);

/**
 * Billing for one month (GET /reports/billing?format=json): the rows opdrachtgever × product ×
 * tariff as a table with the API's total, beside the CSV/XLSX downloads of the same report.
 */
export function BillingSection(props: {
  month: string;
  team: string;
  opdrachtgever: string;
  onMonth(month: string): void;
}) {
  const [monthText, setMonthText] = useState(props.month);
  const [error, setError] = useState<string>();
  const filters = { month: props.month, team: props.team, opdrachtgever: props.opdrachtgever };
  const query = queryString({ ...filters, format: 'json' });
  const billing = useApiGet(query, (signal) =>
    api<Billing>(`/reports/billing${query}`, { signal }),
  );

  function applyMonth(event: FormEvent) {
    event.preventDefault();
    const value = monthText.trim();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
      setError(t.monthInvalid);
      return;
    }
    setError(undefined);
    props.onMonth(value);
  }

  return (
    <section aria-labelledby="facturatie">
      <h2 id="facturatie">{t.title}</h2>
      <form className="filters" onSubmit={applyMonth} aria-label={t.monthForm}>
        <Field label={nl.reports.billingMonth} hint="jjjj-mm" error={error}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={monthText}
              onChange={(event) => setMonthText(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button">
          {nl.reports.apply}
        </button>
      </form>
      <ul className="button-row">
        {(['csv', 'xlsx'] as const).map((format) => (
          <li key={format}>
            <a
              className="button button--secondary"
              href={`${API_BASE}/reports/billing${queryString({ ...filters, format })}`}
              download
            >
              {nl.reports.billing(format.toUpperCase(), props.month)}
            </a>
          </li>
        ))}
      </ul>
      {billing.status === 'loading' && <p role="status">{nl.loading}</p>}
      {billing.status === 'failed' && <Notice kind="error">{nl.genericError}</Notice>}
      {billing.status === 'ready' &&
        (billing.data.rows.length === 0 ? (
          <p>{t.empty(props.month)}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="billing-table">
              <caption>{t.caption(props.month)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.opdrachtgever}</th>
                  <th scope="col">{t.product}</th>
                  <th scope="col">{t.tariff}</th>
                  <th scope="col">{t.participants}</th>
                  <th scope="col">{t.billableDays}</th>
                  <th scope="col">{t.hours}</th>
                  <th scope="col">{t.amount}</th>
                </tr>
              </thead>
              <tbody>
                {billing.data.rows.map((row) => (
                  <tr key={`${row.opdrachtgeverId}/${row.product}/${row.tariffCents}`}>
                    <th scope="row">{row.opdrachtgever}</th>
                    <td>{row.productName || productLabel(row.product)}</td>
                    <td>{euros(row.tariffCents)}</td>
                    <td>{row.participants}</td>
                    <td>{row.billableDays}</td>
                    <td>{hours.format(row.minutes / 60)}</td>
                    <td>{euros(row.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t.total}
                  </th>
                  <td>{billing.data.total.participants}</td>
                  <td>{billing.data.total.billableDays}</td>
                  <td>{hours.format(billing.data.total.minutes / 60)}</td>
                  <td data-testid="billing-total">{euros(billing.data.total.amountCents)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        ))}
      <p className="muted">{t.note}</p>
    </section>
  );
}
