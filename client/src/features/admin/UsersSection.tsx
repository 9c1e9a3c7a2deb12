import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../../machines';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { api } from '../../lib/api';
import type { Team, User } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { useAdminRequest } from './admin-requests';

const t = nl.admin.users;

function TeamChoices(props: {
  teams: Team[];
  value: string[];
  onChange(value: string[]): void;
  legend: string;
}) {
  return (
    <fieldset className="field">
      <legend>{props.legend}</legend>
      {props.teams.map((team) => (
        <label key={team.id} className="checkbox">
          <input
            type="checkbox"
            checked={props.value.includes(team.id)}
            onChange={(event) =>
              props.onChange(
                event.target.checked
                  ? [...props.value, team.id]
                  : props.value.filter((id) => id !== team.id),
              )
            }
          />{' '}
          {team.name}
        </label>
      ))}
    </fieldset>
  );
}

export function UsersSection(props: { teams: Team[] }) {
  const { reload, message, run } = useAdminRequest();
  const users = useApiGet(`users#${reload}`, (signal) =>
    api<{ items: User[] }>('/users', { signal }),
  );
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    role: 'begeleider' as Role,
    teamIds: [] as string[],
    password: '',
  });

  async function create(event: FormEvent) {
    event.preventDefault();
    const ok = await run(
      () => api('/users', { method: 'POST', body: form }),
      t.created(form.username),
    );
    if (ok) setForm({ ...form, username: '', displayName: '', password: '' });
  }

  const teamNames = (ids: string[]) =>
    props.teams
      .filter((team) => ids.includes(team.id))
      .map((team) => team.name)
      .join(', ');
  return (
    <section aria-labelledby="gebruikers">
      <h2 id="gebruikers">{t.title}</h2>
      {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      <form className="panel" onSubmit={(event) => void create(event)} aria-label={t.createTitle}>
        <h3>{t.createTitle}</h3>
        <Field label={t.username} hint={t.usernameHint}>
          {(control) => (
            <input
              {...control}
              autoComplete="off"
              value={form.username}
              onChange={(event) => setForm({ ...form, username: event.target.value })}
            />
          )}
        </Field>
        <Field label={t.displayName}>
          {(control) => (
            <input
              {...control}
              value={form.displayName}
              onChange={(event) => setForm({ ...form, displayName: event.target.value })}
            />
          )}
        </Field>
        <Field label={t.role}>
          {(control) => (
            <select
              {...control}
              value={form.role}
              onChange={(event) => setForm({ ...form, role: event.target.value as Role })}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {nl.roles[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TeamChoices
          legend={t.teams}
          teams={props.teams}
          value={form.teamIds}
          onChange={(teamIds) => setForm({ ...form, teamIds })}
        />
        <Field label={t.password} hint={t.passwordHint}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(event) => setForm({ ...form, password: event.target.value })}
            />
          )}
        </Field>
        <button type="submit" className="button">
          {t.create}
        </button>
      </form>
      {users.status === 'loading' && <p role="status">{nl.loading}</p>}
      {users.status === 'failed' && <Notice kind="error">{nl.genericError}</Notice>}
      {users.status === 'ready' && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.displayName}</th>
                <th scope="col">{t.username}</th>
                <th scope="col">{t.role}</th>
                <th scope="col">{t.teams}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.change}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.displayName}</th>
                  <td>{user.username}</td>
                  <td>{nl.roles[user.role]}</td>
                  <td>{teamNames(user.teamIds)}</td>
                  <td>{user.active === false ? t.inactive : t.active}</td>
                  <td>
                    <EditUser
                      user={user}
                      teams={props.teams}
                      onSave={(changes, success) =>
                        run(
                          () =>
                            api(`/users/${encodeURIComponent(user.id)}`, {
                              method: 'PATCH',
                              body: changes,
                            }),
                          success,
                        )
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function EditUser(props: {
  user: User;
  teams: Team[];
  onSave(changes: Record<string, unknown>, success: string): Promise<boolean>;
}) {
  const [role, setRole] = useState(props.user.role);
  const [teamIds, setTeamIds] = useState(props.user.teamIds);
  const [password, setPassword] = useState('');
  const name = props.user.displayName;
  return (
    <details>
      <summary>{t.changeFor(name)}</summary>
      <form
        aria-label={t.changeFor(name)}
        onSubmit={(event) => {
          event.preventDefault();
          void props.onSave({ role, teamIds }, t.saved(name));
        }}
      >
        <Field label={t.role}>
          {(control) => (
            <select
              {...control}
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
            >
              {ROLES.map((option) => (
                <option key={option} value={option}>
                  {nl.roles[option]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TeamChoices legend={t.teams} teams={props.teams} value={teamIds} onChange={setTeamIds} />
        <button type="submit" className="button">
          {t.save}
        </button>
      </form>
      <form
        aria-label={t.setPasswordFor(name)}
        onSubmit={(event) => {
          event.preventDefault();
          void props.onSave({ password }, t.passwordSet(name)).then((ok) => ok && setPassword(''));
        }}
      >
        <Field label={t.newPassword} hint={t.passwordHint}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--secondary">
          {t.setPassword}
        </button>
      </form>
      <button
        type="button"
        className="button button--secondary"
        onClick={() =>
          void props.onSave(
            { active: props.user.active === false },
            props.user.active === false ? t.reactivated(name) : t.deactivated(name),
          )
        }
      >
        {props.user.active === false ? t.reactivate : t.deactivate}
      </button>
    </details>
  );
}
