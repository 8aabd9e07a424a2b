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
  const [confirmOff, setConfirmOff] = useState(false);
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
        <input
          type="checkbox"
          checked={view.blind}
          onChange={(e) => {
            // Turning blind coding off shows other coders' work: a deliberate act, confirmed.
            if (e.target.checked) set({ blind: true });
            else setConfirmOff(true);
          }}
        />
        Blind
      </label>
      {confirmOff && (
        <div className="blind-confirm card" role="alertdialog" aria-modal="false" aria-labelledby="blind-confirm-title" aria-describedby="blind-confirm-text">
          <h3 id="blind-confirm-title">Turn blind coding off?</h3>
          <p id="blind-confirm-text">You will see the other coders’ work: their codings, counts, memos, matrix ratings and the agreement between you. Do this when you adjudicate, after everyone has finished coding.</p>
          <div className="blind-confirm-actions">
            <button
              className="primary"
              onClick={() => {
                setConfirmOff(false);
                set({ blind: false });
              }}
            >
              Show other coders’ work
            </button>
            <button className="secondary" autoFocus onClick={() => setConfirmOff(false)}>
              Keep coding blind
            </button>
          </div>
        </div>
      )}
      {picking && view.mode === 'chosen' && !view.blind && (
        <div className="coder-pick card" role="group" aria-label="Chosen coders">
          {coders.map((c) => (
            <label key={c.id} className="inline-label">
              <input type="checkbox" checked={view.chosen.includes(c.id)} onChange={(e) => set({ chosen: e.target.checked ? [...view.chosen, c.id] : view.chosen.filter((x) => x !== c.id) })} />
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
