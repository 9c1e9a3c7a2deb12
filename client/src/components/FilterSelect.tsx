import { SIGNAL_CODES } from '../../../machines';
import { api } from '../lib/api';
import type { Opdrachtgever } from '../lib/api-types';
import { useApiGet } from '../lib/use-api';
import { nl } from '../i18n/nl';
import { Field } from './Field';

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * One labelled filter `<select>` (caseload, team overview, reports, audit log): an "any" option
 * first (value ''; `anyLabel={null}` for a choice without one), then the options.
 */
export function FilterSelect(props: {
  label: string;
  value: string;
  options: readonly FilterOption[];
  onChange(value: string): void;
  anyLabel?: string | null;
  hint?: string;
}) {
  const anyLabel = props.anyLabel === undefined ? nl.caseload.any : props.anyLabel;
  return (
    <Field label={props.label} hint={props.hint}>
      {(control) => (
        <select
          {...control}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        >
          {anyLabel !== null && <option value="">{anyLabel}</option>}
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Every signal code with its Dutch name (SPEC §2.4). */
export const SIGNAL_OPTIONS: readonly FilterOption[] = SIGNAL_CODES.map((code) => ({
  value: code,
  label: nl.signals[code] ?? code,
}));

/**
 * The opdrachtgever filter (SPEC §4.1). It loads the opdrachtgevers itself and, unless `always`,
 * shows only when the organisation works for more than one municipality.
 */
export function OpdrachtgeverFilter(props: {
  value: string;
  onChange(value: string): void;
  label?: string;
  anyLabel?: string;
  always?: boolean;
}) {
  const loaded = useApiGet('opdrachtgevers', (signal) =>
    api<{ items: Opdrachtgever[] }>('/opdrachtgevers', { signal }),
  );
  const items = loaded.status === 'ready' ? loaded.data.items : [];
  if (!props.always && items.length < 2) return null;
  return (
    <FilterSelect
      label={props.label ?? nl.caseload.opdrachtgever}
      value={props.value}
      anyLabel={props.anyLabel}
      options={items.map((item) => ({ value: item.id, label: item.name }))}
      onChange={props.onChange}
    />
  );
}
