import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { SessionContext } from '../../lib/session';
import { nl } from '../../i18n/nl';

/** The login, shown on whatever URL the user asked for; after it, that page renders. */
export default function LoginPage() {
  const session = SessionContext.useActorRef();
  const busy = SessionContext.useSelector((snapshot) => snapshot.matches('loggingIn'));
  const problem = SessionContext.useSelector((snapshot) => snapshot.context.problem);
  const reason = SessionContext.useSelector((snapshot) => snapshot.context.reason);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    session.send({ type: 'LOGIN', username: username.trim(), password });
  }

  const message = missing
    ? nl.login.required
    : problem === 'invalid'
      ? nl.login.invalid
      : problem === 'rateLimited'
        ? nl.login.rateLimited
        : problem === 'unreachable'
          ? nl.serverUnreachable
          : problem === 'failed'
            ? nl.genericError
            : null;

  return (
    <main className="login" id="inhoud">
      <div className="login__panel">
        <p className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            ▟
          </span>
          {nl.appName}
        </p>
        <p className="muted">{nl.tagline}</p>
        <h1>{nl.login.title}</h1>
        {reason === 'expired' && !problem && <Notice kind="info">{nl.login.expired}</Notice>}
        {reason === 'loggedOut' && !problem && <Notice kind="success">{nl.login.loggedOut}</Notice>}
        {message && <Notice kind="error">{message}</Notice>}
        <form onSubmit={submit} noValidate>
          <Field label={nl.login.username}>
            {(control) => (
              <input
                {...control}
                name="username"
                autoComplete="username"
                value={username}
                onChange={(event) => setUsername(event.target.value)}
              />
            )}
          </Field>
          <Field label={nl.login.password}>
            {(control) => (
              <input
                {...control}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={busy}>
            {busy ? nl.login.busy : nl.login.submit}
          </button>
        </form>
      </div>
    </main>
  );
}
