import { codePaths, flattenTree } from '../../../core/codebook/paths.js';
import { useProject } from '../state/project-store.js';
import { memoDraftKey, useMemoDraft } from '../features/workflow/memo-draft.js';
import { useReader, type LoadedDocument } from './reader-store.js';
import { currentSelection, nudge as nudgeEdge, recode, resize, setCodingMemo, uncode } from './commands.js';

/**
 * The selected coding, editable: change its code, nudge its start and end by a word, set it to
 * the current selection, write its memo, delete it. Keyboard: Escape closes.
 */
export function CodingInspector({ loaded }: { loaded: LoadedDocument }): React.JSX.Element | null {
  const id = useReader((s) => s.selectedCodingId);
  const select = useReader((s) => s.selectCoding);
  const data = useProject((s) => s.data);
  const me = useProject((s) => s.view?.coderId ?? null);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const coding = id ? data?.codings.find((c) => c.id === id && c.documentId === loaded.id) : undefined;
  const { text: memo, setText: setMemo, dirty } = useMemoDraft(coding ? memoDraftKey(`coding:${coding.id}`, me) : null, coding?.memo ?? '');
  if (!data || !coding) return null;
  const paths = codePaths(data.codebook);
  const coder = data.coders.find((c) => c.id === coding.coderId);
  const text = loaded.index.text;
  const locked = readOnly;
  const nudge = (edge: 'start' | 'end', dir: 1 | -1): void => void nudgeEdge(coding, text, edge, dir);
  return (
    <section
      className="coding-inspector card"
      aria-label="Selected coding"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          select(null);
          useReader.getState().mounted?.view.focus();
        }
      }}
    >
      <header className="inspector-head">
        <span className="swatch" style={{ background: data.codebook.find((c) => c.id === coding.codeId)?.color ?? '#999' }} aria-hidden="true" />
        <strong>{paths.get(coding.codeId) ?? 'Unknown code'}</strong>
        <span className="hint-inline">
          by {coder?.name ?? 'unknown'}
          {coding.coderId === me ? ' (you)' : ''}
        </span>
        <span className="spacer" />
        <button className="link-button" onClick={() => select(null)} aria-label="Close the coding inspector">
          Close
        </button>
      </header>
      <blockquote className="inspector-quote">{coding.exact.length > 280 ? `${coding.exact.slice(0, 140)} … ${coding.exact.slice(-120)}` : coding.exact}</blockquote>
      <div className="inspector-grid">
        <label>
          Code
          <select aria-label="Change code" value={coding.codeId} disabled={locked} onChange={(e) => void recode(coding.id, e.target.value)}>
            {flattenTree(data.codebook).map(({ code, depth }) => (
              <option key={code.id} value={code.id}>
                {`${'  '.repeat(depth)}${code.name}`}
              </option>
            ))}
          </select>
        </label>
        <div className="bounds" role="group" aria-label="Boundaries">
          <span>Start</span>
          <button className="icon-button" disabled={locked} onClick={() => nudge('start', -1)} aria-label="Start one word earlier">
            ◀
          </button>
          <button className="icon-button" disabled={locked} onClick={() => nudge('start', 1)} aria-label="Start one word later">
            ▶
          </button>
          <span>End</span>
          <button className="icon-button" disabled={locked} onClick={() => nudge('end', -1)} aria-label="End one word earlier">
            ◀
          </button>
          <button className="icon-button" disabled={locked} onClick={() => nudge('end', 1)} aria-label="End one word later">
            ▶
          </button>
          <button
            className="icon-button"
            disabled={locked}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              const sel = currentSelection();
              if (!sel) useProject.getState().toast('info', 'Select the new extent in the text first');
              else void resize(coding.id, sel.start, sel.end);
            }}
          >
            Use selection
          </button>
        </div>
      </div>
      <label className="inspector-memo">
        Memo
        <textarea aria-label="Coding memo" rows={3} value={memo} disabled={locked} onChange={(e) => setMemo(e.target.value)} placeholder="Why this passage, doubts, links…" />
      </label>
      <div className="inspector-actions">
        <button className="secondary" disabled={locked || memo === coding.memo} onClick={() => void setCodingMemo(coding.id, memo)}>
          Save memo
        </button>
        {dirty && (
          <span className="hint-inline" role="status">
            Unsaved draft
          </span>
        )}
        <span className="spacer" />
        <button
          className="secondary danger-text"
          disabled={locked}
          onClick={() => {
            void uncode(coding.id);
            select(null);
          }}
        >
          Delete coding
        </button>
      </div>
    </section>
  );
}
