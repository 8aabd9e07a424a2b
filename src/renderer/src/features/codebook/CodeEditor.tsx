import { useEffect, useRef, useState } from 'react';
import { deleteImpact } from '../../../../core/codebook/edit.js';
import { codePath, descendantIds, flattenTree } from '../../../../core/codebook/paths.js';
import type { Code, Id } from '../../../../core/model/types.js';
import { useProject } from '../../state/project-store.js';
import { codebookActions } from './actions.js';

type Draft = Pick<Code, 'name' | 'color' | 'description' | 'inclusion' | 'exclusion' | 'example' | 'shortcut'>;

const draftOf = (c: Code): Draft => ({ name: c.name, color: c.color, description: c.description, inclusion: c.inclusion, exclusion: c.exclusion, example: c.example, shortcut: c.shortcut });

/** The fields of `draft` that differ from the code as stored. */
export function changedFields(draft: Draft, code: Draft): Partial<Draft> {
  const out: Partial<Draft> = {};
  for (const k of Object.keys(draft) as (keyof Draft)[]) if (draft[k] !== code[k]) (out as Record<string, unknown>)[k] = draft[k];
  return out;
}

/** A draft after the code changed from `base` to `fresh`: untouched fields take the new values, edited ones stay. */
export function rebaseDraft(draft: Draft, base: Draft, fresh: Draft): Draft {
  const out = { ...fresh };
  for (const k of Object.keys(draft) as (keyof Draft)[]) if (draft[k] !== base[k]) (out as Record<string, unknown>)[k] = draft[k];
  return out;
}

/** A code's details: name, colour, shortcut, definition, rules, example; merge into another code; delete (with what it removes). */
export function CodeEditor({ id, onClose }: { id: Id; onClose: () => void }): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const code = data?.codebook.find((c) => c.id === id);
  // What the form shows, and the code as it was when each field was last in sync with it.
  const [draft, setDraft] = useState<Draft | null>(code ? draftOf(code) : null);
  const [base, setBase] = useState<Draft | null>(code ? draftOf(code) : null);
  const [mergeTarget, setMergeTarget] = useState('');
  const [confirm, setConfirm] = useState<'delete' | 'merge' | null>(null);
  const openId = useRef(id);
  useEffect(() => {
    if (!code) return;
    // The code changed on the backend (a save here, or another window's): fields the user has not
    // touched follow it, fields being edited keep the user's text.
    const fresh = draftOf(code);
    setDraft((d) => (d && base && code.id === openId.current ? rebaseDraft(d, base, fresh) : fresh));
    setBase(fresh);
    if (code.id !== openId.current) setConfirm(null);
    openId.current = code.id;
  }, [code]);
  if (!data || !code || !draft) return null;
  const changed = changedFields(draft, code);
  const dirty = Object.keys(changed).length > 0;
  const impact = deleteImpact(data, id);
  const own = data.codings.filter((g) => g.codeId === id).length;
  const inside = descendantIds(data.codebook, id);
  const targets = flattenTree(data.codebook).filter((e) => !inside.has(e.code.id));
  const field = (k: 'description' | 'inclusion' | 'exclusion' | 'example', label: string, rows = 3): React.JSX.Element => (
    <label className="field">
      {label}
      <textarea rows={rows} value={draft[k]} disabled={readOnly} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
    </label>
  );
  return (
    <section
      className="code-editor"
      aria-label={`Edit code ${code.name}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="inspector-head">
        <strong>{codePath(data.codebook, id)}</strong>
        <span className="spacer" />
        <button className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // Only the fields the user changed: another window may have saved the others meanwhile.
          if (dirty) void codebookActions.update(id, changed);
        }}
      >
        <label className="field">
          Name
          <input value={draft.name} disabled={readOnly} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <div className="field-row">
          <label className="field">
            Colour
            <input type="color" value={draft.color} disabled={readOnly} onChange={(e) => setDraft({ ...draft, color: e.target.value })} />
          </label>
          <label className="field">
            Shortcut key
            <select value={draft.shortcut ?? ''} disabled={readOnly} onChange={(e) => setDraft({ ...draft, shortcut: e.target.value || null })}>
              <option value="">none</option>
              {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((k) => (
                <option key={k} value={k}>
                  {k}
                  {data.codebook.find((c) => c.shortcut === k && c.id !== id) ? ` (now ${data.codebook.find((c) => c.shortcut === k)?.name})` : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
        {field('description', 'Definition')}
        {field('inclusion', 'Include when', 2)}
        {field('exclusion', 'Exclude when', 2)}
        {field('example', 'Example', 2)}
        <button type="submit" className="primary" disabled={readOnly || !dirty}>
          Save code
        </button>
      </form>
      <div className="editor-section">
        <label className="field">
          Merge into
          <select aria-label="Merge into code" value={mergeTarget} disabled={readOnly} onChange={(e) => setMergeTarget(e.target.value)}>
            <option value="">choose a code…</option>
            {targets.map(({ code: t, depth }) => (
              <option key={t.id} value={t.id}>
                {`${'  '.repeat(depth)}${t.name}`}
              </option>
            ))}
          </select>
        </label>
        {confirm === 'merge' ? (
          <div className="confirm" role="alert">
            Move {own} coding{own === 1 ? '' : 's'} of “{code.name}” to “{data.codebook.find((c) => c.id === mergeTarget)?.name}” and remove “{code.name}”? Duplicates collapse. Undo restores everything.
            <div className="inspector-actions">
              <button
                className="primary"
                autoFocus
                onClick={() => {
                  const target = mergeTarget;
                  void codebookActions.merge(id, target).then((r) => {
                    if (r) {
                      useProject.getState().toast('info', `Merged: ${r.moved} moved, ${r.collapsed} duplicate${r.collapsed === 1 ? '' : 's'} collapsed`);
                      onClose();
                    }
                  });
                }}
              >
                Merge
              </button>
              <button className="secondary" onClick={() => setConfirm(null)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button className="secondary" disabled={readOnly || !mergeTarget} onClick={() => setConfirm('merge')}>
            Merge…
          </button>
        )}
      </div>
      <div className="editor-section">
        {confirm === 'delete' ? (
          <div className="confirm" role="alert">
            Delete “{code.name}”{impact.codes > 1 ? ` and its ${impact.codes - 1} sub-code${impact.codes === 2 ? '' : 's'}` : ''}, removing {impact.codings} coding{impact.codings === 1 ? '' : 's'}
            {impact.ratings ? ` and ${impact.ratings} matrix rating${impact.ratings === 1 ? '' : 's'}` : ''}? Undo restores them.
            <div className="inspector-actions">
              <button className="primary danger-fill" autoFocus onClick={() => void codebookActions.remove(id).then((r) => r && onClose())}>
                Delete
              </button>
              <button className="secondary" onClick={() => setConfirm(null)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button id="code-delete" className="secondary danger-text" disabled={readOnly} onClick={() => setConfirm('delete')}>
            Delete code… ({impact.codings} coding{impact.codings === 1 ? '' : 's'})
          </button>
        )}
      </div>
    </section>
  );
}
