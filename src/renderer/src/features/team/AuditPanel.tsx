import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../shared/team-auth.js';
import { teamCall } from './team-client.js';
import { TeamDialog } from './TeamDialog.js';

function describe(e: AuditEntry): string {
  if (e.kind === 'change') {
    const items = Object.entries(e.detail)
      .map(([collection, n]) => `${String(n)} ${collection}`)
      .join(', ');
    return `${e.action} (revision ${e.rev ?? '?'}${items ? `: ${items}` : ''})`;
  }
  const d = e.detail as { from?: string; to?: string; documents?: string[]; cases?: string[]; all?: boolean };
  const who = e.subject ?? '';
  switch (e.action) {
    case 'login':
      return 'signed in';
    case 'account.add':
      return `added account ${who}`;
    case 'account.role':
      return `changed the role of ${who} from ${d.from ?? '?'} to ${d.to ?? '?'}`;
    case 'account.disable':
      return `disabled ${who}`;
    case 'account.enable':
      return `enabled ${who}`;
    case 'account.password':
      return `set a new password for ${who}`;
    case 'comparison.open':
      return d.all ? 'opened comparison for the whole project' : `opened comparison for ${d.documents?.length ?? 0} document(s) and ${d.cases?.length ?? 0} case(s)`;
    default:
      return `${e.action}${who ? ` ${who}` : ''}`;
  }
}

/** The owner's audit view: who changed what and when, newest first. */
export function AuditPanel({ onClose }: { onClose: () => void }): React.JSX.Element {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void teamCall<AuditEntry[]>('GET', '/auth/audit?limit=200').then((r) => (r.ok ? setEntries(r.value) : setMessage(r.error.message)));
  }, []);
  return (
    <TeamDialog id="audit" title="Audit" onClose={onClose}>
      <p className="hint">Every change to the project with its author, and account events (sign-ins, roles, comparisons opened). The newest 200.</p>
      {message && <p className="team-error">{message}</p>}
      {entries && (
        <table className="team-table" aria-label="Audit entries">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.who ?? '(command line)'}</td>
                <td>{describe(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </TeamDialog>
  );
}
