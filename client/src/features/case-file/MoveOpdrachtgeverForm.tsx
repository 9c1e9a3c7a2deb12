import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { api } from '../../lib/api';
import type { Opdrachtgever } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';

const t = nl.caseFile.move;

export interface MoveBody {
  opdrachtgeverId: string;
  expectedVersion: number;
}

/**
 * "Opdrachtgever wijzigen" (PATCH /cases/:id, teamleider only, decision 031): the organisation's
 * other opdrachtgevers, sent with the case file's version so a stale page gets the 409 like any
 * other action. Whether the new one offers the running product is the server's answer (422).
 */
export function MoveOpdrachtgeverForm(props: {
  currentId: string | null;
  expectedVersion: number;
  serverErrors: Record<string, string>;
  busy: boolean;
  onSubmit(body: MoveBody): void;
  onCancel(): void;
}) {
  const opdrachtgevers = useApiGet('opdrachtgevers', (signal) =>
    api<{ items: Opdrachtgever[] }>('/opdrachtgevers', { signal }),
  );
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string>();
  const items = opdrachtgevers.status === 'ready' ? opdrachtgevers.data.items : [];
  const current = items.find((item) => item.id === props.currentId);
  const others = items.filter((item) => item.id !== props.currentId);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) {
      setError(t.choose);
      return;
    }
    setError(undefined);
    props.onSubmit({ opdrachtgeverId: chosen, expectedVersion: props.expectedVersion });
  }

  return (
    <form className="action-form" onSubmit={submit} noValidate aria-labelledby="form-move">
      <h3 id="form-move">{t.title}</h3>
      {opdrachtgevers.status === 'loading' && <p role="status">{nl.loading}</p>}
      {opdrachtgevers.status === 'failed' && <Notice kind="error">{nl.genericError}</Notice>}
      {opdrachtgevers.status === 'ready' && (
        <>
          <p>{t.current(current?.name ?? t.unknown)}</p>
          <p className="muted">{t.explanation}</p>
          {others.length === 0 ? (
            <p>{t.noOthers}</p>
          ) : (
            <Field label={t.label} error={error ?? props.serverErrors.opdrachtgeverId}>
              {(control) => (
                <select
                  {...control}
                  name="opdrachtgeverId"
                  value={chosen}
                  onChange={(event) => {
                    setChosen(event.target.value);
                    setError(undefined);
                  }}
                >
                  <option value="">{nl.form.choose}</option>
                  {others.map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </>
      )}
      <div className="button-row">
        {others.length > 0 && (
          <button type="submit" className="button" disabled={props.busy}>
            {props.busy ? nl.saving : nl.form.save}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          {nl.form.cancel}
        </button>
      </div>
    </form>
  );
}
