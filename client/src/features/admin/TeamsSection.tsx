import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { api } from '../../lib/api';
import type { Team } from '../../lib/api-types';
import { nl } from '../../i18n/nl';
import { adminFailure } from './admin-requests';

const t = nl.admin.teams;

export function TeamsSection(props: { teams: Team[]; onChanged(): void }) {
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    try {
      await api('/teams', { method: 'POST', body: { name } });
      setMessage({ ok: true, text: t.created(name) });
      setName('');
      props.onChanged();
    } catch (error) {
      setMessage({ ok: false, text: adminFailure(error) });
    }
  }

  return (
    <section aria-labelledby="teams">
      <h2 id="teams">{t.title}</h2>
      {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      <ul>
        {props.teams.map((team) => (
          <li key={team.id}>{team.name}</li>
        ))}
      </ul>
      <form className="search" onSubmit={(event) => void create(event)} aria-label={t.create}>
        <Field label={t.name}>
          {(control) => (
            <input {...control} value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button">
          {t.create}
        </button>
      </form>
    </section>
  );
}
