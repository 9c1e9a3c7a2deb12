import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { api } from '../../lib/api';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { useAdminRequest } from './admin-requests';
import { centsToEuroText, euroTextToCents } from '../../lib/money';

const t = nl.admin.opdrachtgevers;

interface CatalogueEntry {
  code: string;
  name: string;
  machineId: string;
  enabled: boolean;
  tariffCentsPerHour: number;
  limitMonths: number | null;
  reviewMonths: number | null;
  stabielTrede: number | null;
}
interface Opdrachtgever {
  id: string;
  name: string;
  gemeentecode: string | null;
  catalogue: CatalogueEntry[];
}

/** Municipalities this provider works for, each with its own catalogue, tariffs and variants. */
export function OpdrachtgeversSection() {
  const { reload, message, run } = useAdminRequest();
  const loaded = useApiGet(`opdrachtgevers#${reload}`, (signal) =>
    api<{ items: Opdrachtgever[] }>('/opdrachtgevers', { signal }),
  );
  const [form, setForm] = useState({ name: '', gemeentecode: '' });

  return (
    <section aria-labelledby="opdrachtgevers">
      <h2 id="opdrachtgevers">{t.title}</h2>
      {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      {loaded.status === 'loading' && <p role="status">{nl.loading}</p>}
      {loaded.status === 'failed' && <Notice kind="error">{nl.genericError}</Notice>}
      {loaded.status === 'ready' &&
        loaded.data.items.map((item) => (
          <details key={item.id}>
            <summary>
              {item.name} {item.gemeentecode && `(${item.gemeentecode})`}
            </summary>
            <Catalogue
              item={item}
              onSave={(products) =>
                run(
                  () =>
                    api(`/opdrachtgevers/${encodeURIComponent(item.id)}`, {
                      method: 'PATCH',
                      body: { products },
                    }),
                  t.saved(item.name),
                )
              }
            />
            <VariantForm
              name={item.name}
              onSave={(code, body) =>
                run(
                  () =>
                    api(
                      `/opdrachtgevers/${encodeURIComponent(item.id)}/variants/${encodeURIComponent(code)}`,
                      { method: 'PUT', body },
                    ),
                  t.variantSaved(code),
                )
              }
            />
          </details>
        ))}
      <form
        className="panel"
        aria-label={t.create}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void run(
            () => api('/opdrachtgevers', { method: 'POST', body: form }),
            t.created(form.name),
          ).then((ok) => ok && setForm({ name: '', gemeentecode: '' }));
        }}
      >
        <h3>{t.create}</h3>
        <Field label={t.name}>
          {(control) => (
            <input
              {...control}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          )}
        </Field>
        <Field label={t.gemeentecode} hint={t.gemeentecodeHint}>
          {(control) => (
            <input
              {...control}
              value={form.gemeentecode}
              onChange={(e) => setForm({ ...form, gemeentecode: e.target.value })}
            />
          )}
        </Field>
        <button type="submit" className="button">
          {t.create}
        </button>
      </form>
    </section>
  );
}

function Catalogue(props: {
  item: Opdrachtgever;
  onSave(products: Record<string, Record<string, unknown>>): Promise<boolean>;
}) {
  const [rows, setRows] = useState(() =>
    Object.fromEntries(
      props.item.catalogue.map((entry) => [
        entry.code,
        { enabled: entry.enabled, tariff: centsToEuroText(entry.tariffCentsPerHour) },
      ]),
    ),
  );
  return (
    <form
      aria-label={t.catalogueOf(props.item.name)}
      onSubmit={(event) => {
        event.preventDefault();
        const products: Record<string, Record<string, unknown>> = {};
        for (const entry of props.item.catalogue) {
          const row = rows[entry.code]!;
          const change: Record<string, unknown> = {};
          if (row.enabled !== entry.enabled) change.enabled = row.enabled;
          if (euroTextToCents(row.tariff) !== entry.tariffCentsPerHour)
            change.tariffCentsPerHour = euroTextToCents(row.tariff);
          if (Object.keys(change).length) products[entry.code] = change;
        }
        void props.onSave(products);
      }}
    >
      <div className="table-scroll">
        <table>
          <caption>{t.catalogueOf(props.item.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.code}</th>
              <th scope="col">{t.productName}</th>
              <th scope="col">{nl.admin.settings.enabled}</th>
              <th scope="col">{nl.admin.settings.tariff}</th>
            </tr>
          </thead>
          <tbody>
            {props.item.catalogue.map((entry) => {
              const row = rows[entry.code]!;
              const set = (change: Partial<typeof row>) =>
                setRows({ ...rows, [entry.code]: { ...row, ...change } });
              return (
                <tr key={entry.code}>
                  <th scope="row">{entry.code}</th>
                  <td>{entry.name}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${nl.admin.settings.enabled}: ${entry.code} (${props.item.name})`}
                      checked={row.enabled}
                      onChange={(e) => set({ enabled: e.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${nl.admin.settings.tariff}: ${entry.code} (${props.item.name})`}
                      inputMode="decimal"
                      size={7}
                      value={row.tariff}
                      onChange={(e) => set({ tariff: e.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="submit" className="button">
        {t.saveCatalogue}
      </button>
    </form>
  );
}

function VariantForm(props: {
  name: string;
  onSave(code: string, body: Record<string, unknown>): Promise<boolean>;
}) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [family, setFamily] = useState<'ONT' | 'STA' | 'HER'>('STA');
  const [trede, setTrede] = useState('3');
  const [months, setMonths] = useState('6');
  const [tariff, setTariff] = useState('');
  return (
    <form
      className="panel"
      aria-label={t.variantFor(props.name)}
      onSubmit={(event) => {
        event.preventDefault();
        const body: Record<string, unknown> = {
          name,
          family,
          tariffCentsPerHour: euroTextToCents(tariff),
          enabled: true,
          ...(family === 'STA'
            ? { stabielTrede: Number(trede), reviewMonths: Number(months) }
            : { limitMonths: Number(months) }),
        };
        void props.onSave(code.trim().toUpperCase(), body);
      }}
    >
      <h3>{t.variantFor(props.name)}</h3>
      <Field label={t.code} hint={t.codeHint}>
        {(control) => <input {...control} value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <Field label={t.productName}>
        {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t.family}>
        {(control) => (
          <select
            {...control}
            value={family}
            onChange={(e) => setFamily(e.target.value as 'ONT' | 'STA' | 'HER')}
          >
            <option value="ONT">{nl.products.ONT}</option>
            <option value="STA">{t.stabiel}</option>
            <option value="HER">{nl.products.HER}</option>
          </select>
        )}
      </Field>
      {family === 'STA' && (
        <Field label={t.stabielTrede}>
          {(control) => (
            <select {...control} value={trede} onChange={(e) => setTrede(e.target.value)}>
              {['2', '3', '4'].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        label={family === 'STA' ? nl.admin.settings.reviewMonths : nl.admin.settings.limitMonths}
      >
        {(control) => (
          <input
            {...control}
            inputMode="numeric"
            value={months}
            onChange={(e) => setMonths(e.target.value)}
          />
        )}
      </Field>
      <Field label={nl.admin.settings.tariff}>
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            value={tariff}
            onChange={(e) => setTariff(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button">
        {t.saveVariant}
      </button>
    </form>
  );
}
