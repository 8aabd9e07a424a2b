import { useEffect, useState } from 'react';
import type { ComparisonView } from '../../../../shared/team-auth.js';
import { useProject } from '../../state/project-store.js';
import { teamCall } from './team-client.js';
import { TeamDialog } from './TeamDialog.js';

/**
 * Owner and adjudicator: open comparison for documents (their cases' ratings open with them) or
 * for the whole project. Until then each coder sees only their own work. Opening cannot be undone.
 */
export function ComparisonPanel({ onClose }: { onClose: () => void }): React.JSX.Element {
  const documents = useProject((s) => s.data?.documents ?? []);
  const [state, setState] = useState<ComparisonView | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void teamCall<ComparisonView>('GET', '/auth/comparison').then((r) => (r.ok ? setState(r.value) : setMessage(r.error.message)));
  }, []);
  const open = async (all: boolean) => {
    const picked = documents.filter((d) => chosen.has(d.id));
    const caseIds = [...new Set(picked.map((d) => d.caseId).filter((c): c is string => c !== null))];
    const r = await teamCall<ComparisonView>('POST', '/auth/comparison', all ? { all: true } : { documentIds: picked.map((d) => d.id), caseIds });
    if (r.ok) {
      setState(r.value);
      setChosen(new Set());
      setMessage(all ? 'Comparison is open for the whole project.' : `Comparison opened for ${picked.length} document${picked.length === 1 ? '' : 's'}.`);
    } else setMessage(r.error.message);
  };
  const isOpen = (id: string) => state?.all || state?.documentIds.includes(id);
  return (
    <TeamDialog
      id="comparison"
      title="Open comparison"
      status={message}
      onClose={onClose}
      actions={
        <>
          <button type="button" disabled={state?.all} onClick={() => void open(true)}>
            Open everything
          </button>
          <button type="button" className="primary" disabled={chosen.size === 0} onClick={() => void open(false)}>
            Open for chosen documents
          </button>
        </>
      }
    >
      <p className="hint">Coders see each other’s codings, ratings and memos only on documents opened here. Opening cannot be undone.</p>
      <ul className="team-docs">
        {documents.map((d) => (
          <li key={d.id}>
            <label className="check">
              <input
                type="checkbox"
                disabled={!!isOpen(d.id)}
                checked={!!isOpen(d.id) || chosen.has(d.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(d.id);
                  else next.delete(d.id);
                  setChosen(next);
                }}
              />
              {d.title} {isOpen(d.id) ? <span className="hint-inline">open</span> : null}
            </label>
          </li>
        ))}
      </ul>
    </TeamDialog>
  );
}
