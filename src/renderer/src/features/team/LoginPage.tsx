import { useState } from 'react';
import type { TeamMe } from '../../../../shared/team-auth.js';
import { teamCall } from './team-client.js';

/** The team server's sign-in page. One message for a wrong login or password; a wait after failures. */
export function LoginPage({ onSignedIn }: { onSignedIn: (me: TeamMe) => void }): React.JSX.Element {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="team-login">
      <form
        className="modal"
        aria-labelledby="team-login-title"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setMessage(null);
          void teamCall<TeamMe>('POST', '/auth/login', { login, password }).then((r) => {
            setBusy(false);
            if (r.ok) return onSignedIn(r.value);
            setPassword('');
            setMessage(r.status === 429 ? `Too many failed sign-ins. Try again in ${r.retryAfter ?? 1} s.` : r.error.message);
          });
        }}
      >
        <h2 id="team-login-title">Sign in to the team project</h2>
        <p className="hint">Your account was made by the project’s owner. Your coding stays hidden from the other coders until comparison is opened.</p>
        <label>
          Login
          <input name="login" autoComplete="username" autoFocus value={login} onChange={(e) => setLogin(e.target.value)} maxLength={64} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={1024} />
        </label>
        {message && (
          <p className="team-error" role="alert">
            {message}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={busy || !login.trim() || !password}>
            Sign in
          </button>
        </div>
      </form>
    </div>
  );
}
