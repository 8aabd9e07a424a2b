import { useEffect, useState, type ReactNode } from 'react';
import type { TeamMe } from '../../../../shared/team-auth.js';
import { AccountsPanel } from './AccountsPanel.js';
import { AuditPanel } from './AuditPanel.js';
import { ComparisonPanel } from './ComparisonPanel.js';
import { LoginPage } from './LoginPage.js';
import { probeTeam, teamCall } from './team-client.js';

type Gate = { kind: 'probing' } | { kind: 'solo' } | { kind: 'login' } | { kind: 'in'; me: TeamMe };

/**
 * On a team server: the sign-in page until signed in, then the app with a bar naming the account
 * and its role, and the owner's panels. Elsewhere (desktop, browser mode) the app as it is.
 */
export function TeamGate({ children }: { children: ReactNode }): React.JSX.Element {
  const [gate, setGate] = useState<Gate>({ kind: 'probing' });
  const [panel, setPanel] = useState<'accounts' | 'audit' | 'comparison' | null>(null);
  useEffect(() => {
    void probeTeam().then((p) => setGate(!p.team ? { kind: 'solo' } : p.me ? { kind: 'in', me: p.me } : { kind: 'login' }));
  }, []);
  if (gate.kind === 'probing') return <div className="loading">Opening Casecoder…</div>;
  if (gate.kind === 'solo') return <>{children}</>;
  if (gate.kind === 'login') return <LoginPage onSignedIn={(me) => setGate({ kind: 'in', me })} />;
  const { me } = gate;
  return (
    // The bar and the app share the window's height: the app fills what the bar leaves, so the bar never scrolls away.
    <div className="team-shell">
      <div className="team-bar" role="region" aria-label="Team account">
        <span>
          Signed in as <strong>{me.displayName}</strong> ({me.role})
        </span>
        {(me.role === 'coder' || me.role === 'viewer') && <span className="hint-inline">Blind coding: you see your own work until comparison is opened.</span>}
        <span className="team-bar-actions">
          {(me.role === 'owner' || me.role === 'adjudicator') && (
            <button type="button" onClick={() => setPanel('comparison')}>
              Comparison…
            </button>
          )}
          {me.role === 'owner' && (
            <>
              <button type="button" onClick={() => setPanel('accounts')}>
                Accounts…
              </button>
              <button type="button" onClick={() => setPanel('audit')}>
                Audit…
              </button>
            </>
          )}
          <button type="button" onClick={() => void teamCall('POST', '/auth/logout', {}).then(() => setGate({ kind: 'login' }))}>
            Sign out
          </button>
        </span>
      </div>
      <div className="team-main">{children}</div>
      {panel === 'accounts' && <AccountsPanel onClose={() => setPanel(null)} />}
      {panel === 'audit' && <AuditPanel onClose={() => setPanel(null)} />}
      {panel === 'comparison' && <ComparisonPanel onClose={() => setPanel(null)} />}
    </div>
  );
}
