import { useCallback, useEffect, useState } from 'react';
import type { AccountSummary, TeamRoleName } from '../../../../shared/team-auth.js';
import { teamCall } from './team-client.js';
import { TeamDialog } from './TeamDialog.js';

const ROLES: TeamRoleName[] = ['owner', 'adjudicator', 'coder', 'viewer'];
/** The role choices, as each role select lists them. */
const ROLE_OPTIONS = ROLES.map((r) => (
  <option key={r} value={r}>
    {r}
  </option>
));

/** The owner's accounts panel: list, add, change role, disable or enable, set a new password. */
export function AccountsPanel({ onClose }: { onClose: () => void }): React.JSX.Element {
  const [accounts, setAccounts] = useState<AccountSummary[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [reset, setReset] = useState<{ login: string; password: string } | null>(null);
  const [draft, setDraft] = useState({ login: '', displayName: '', password: '', role: 'coder' as TeamRoleName });
  const reload = useCallback(async () => {
    const r = await teamCall<AccountSummary[]>('GET', '/auth/accounts');
    if (r.ok) setAccounts(r.value);
    else setMessage(r.error.message);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const act = async (path: string, body: unknown, done: string) => {
    const r = await teamCall<AccountSummary>('POST', path, body);
    setMessage(r.ok ? done : r.error.message);
    if (r.ok) await reload();
    return r.ok;
  };
  return (
    <TeamDialog id="accounts" title="Accounts" status={message} onClose={onClose}>
      <table className="team-table">
        <thead>
          <tr>
            <th>Login</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} data-login={a.login}>
              <td>{a.login}</td>
              <td>{a.displayName}</td>
              <td>
                <select aria-label={`Role of ${a.login}`} value={a.role} onChange={(e) => void act('/auth/accounts/role', { login: a.login, role: e.target.value }, `${a.login} is now ${e.target.value}; their sessions were ended.`)}>
                  {ROLE_OPTIONS}
                </select>
              </td>
              <td>{a.disabled ? 'disabled' : 'active'}</td>
              <td className="team-row-actions">
                <button type="button" onClick={() => void act('/auth/accounts/disable', { login: a.login, disabled: !a.disabled }, `${a.login} ${a.disabled ? 'enabled' : 'disabled'}.`)}>
                  {a.disabled ? 'Enable' : 'Disable'}
                </button>
                <button type="button" onClick={() => setReset({ login: a.login, password: '' })}>
                  New password
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reset && (
        <form
          className="team-add"
          onSubmit={(e) => {
            e.preventDefault();
            void act('/auth/accounts/password', reset, `New password set for ${reset.login}; their sessions were ended.`).then((ok) => ok && setReset(null));
          }}
        >
          <label>
            New password for {reset.login} (at least 10 characters)
            <input name="reset-password" type="password" autoComplete="new-password" autoFocus value={reset.password} onChange={(e) => setReset({ ...reset, password: e.target.value })} maxLength={1024} />
          </label>
          <button type="submit" className="primary" disabled={!reset.password}>
            Set password
          </button>
          <button type="button" onClick={() => setReset(null)}>
            Cancel
          </button>
        </form>
      )}
      <form
        className="team-add"
        onSubmit={(e) => {
          e.preventDefault();
          void act('/auth/accounts', draft, `Account ${draft.login} added.`).then((ok) => ok && setDraft({ login: '', displayName: '', password: '', role: 'coder' }));
        }}
      >
        <h3>Add an account</h3>
        <label>
          Login
          <input name="new-login" value={draft.login} onChange={(e) => setDraft({ ...draft, login: e.target.value })} maxLength={64} />
        </label>
        <label>
          Full name
          <input name="new-name" value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} maxLength={200} />
        </label>
        <label>
          Password
          <input name="new-password" type="password" autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} maxLength={1024} />
        </label>
        <label>
          Role
          <select name="new-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as TeamRoleName })}>
            {ROLE_OPTIONS}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!draft.login.trim() || !draft.password}>
          Add account
        </button>
      </form>
    </TeamDialog>
  );
}
