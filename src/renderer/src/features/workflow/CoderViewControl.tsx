import { useState } from 'react';
import { useProject } from '../../state/project-store.js';
import { useWorkflow } from './store.js';

/** Whose codings are shown: all, mine, or chosen coders; blind mode hides every other coder's work. */
export function CoderViewControl(): React.JSX.Element | null {
  const view = useWorkflow((s) => s.coderView);
  const set = useWorkflow((s) => s.setCoderView);
  const coders = useProject((s) => s.data?.coders ?? []);
  const me = useProject((s) => s.view?.coderId ?? null);
  const [picking, setPicking] = useState(false);
  return (
    <div className="coder-view" role="group" aria-label="Whose codings to show">
      <label className="inline-label">
        Show
        <select
          aria-label="Show codings of"
          value={view.blind ? 'mine' : view.mode}
          disabled={view.blind}
          onChange={(e) => {
            const mode = e.target.value as 'all' | 'mine' | 'chosen';
            set({ mode, ...(mode === 'chosen' && view.chosen.length === 0 && me ? { chosen: [me] } : {}) });
            setPicking(mode === 'chosen');
          }}
        >
          <option value="all">all coders</option>
          <option value="mine">my codings</option>
          <option value="chosen">chosen coders…</option>
        </select>
      </label>
      {view.mode === 'chosen' && !view.blind && (
        <button className="link-button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
          {view.chosen.length} chosen
        </button>
      )}
      <label className="inline-label" title="Independent double coding: other coders' codings, memos and counts are hidden entirely">
        <input type="checkbox" checked={view.blind} onChange={(e) => set({ blind: e.target.checked })} />
        Blind
      </label>
      {picking && view.mode === 'chosen' && !view.blind && (
        <div className="coder-pick card" role="group" aria-label="Chosen coders">
          {coders.map((c) => (
            <label key={c.id} className="inline-label">
              <input
                type="checkbox"
                checked={view.chosen.includes(c.id)}
                onChange={(e) => set({ chosen: e.target.checked ? [...view.chosen, c.id] : view.chosen.filter((x) => x !== c.id) })}
              />
              {c.name}
              {c.id === me ? ' (you)' : ''}
              {c.auto ? ' (autocode)' : ''}
            </label>
          ))}
          <button className="link-button" onClick={() => setPicking(false)}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}
