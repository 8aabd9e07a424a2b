import { TextSelection } from 'prosemirror-state';
import { flattenTree } from '../../../../core/codebook/paths.js';
import type { Code } from '../../../../core/model/types.js';
import { useProject } from '../../state/project-store.js';
import { readerHandle, selectionOffsets } from '../../reader/ReaderView.js';

/** Code the reader's current selection with `code`; tells the user when nothing is selected. */
export async function codeSelection(code: Code): Promise<void> {
  const { view, loaded } = readerHandle;
  const store = useProject.getState();
  if (!view || !loaded) return store.toast('info', 'Open a document first');
  const sel = selectionOffsets(view, loaded);
  if (!sel) return store.toast('info', `Select a passage in the text, then press ${code.shortcut ?? 'the code'} to code it with ${code.name}`);
  const done = await store.addCoding(code.id, sel.start, sel.end);
  if (done) {
    // Collapse the selection so the fresh highlight shows instead of the selection colour.
    const { state } = view;
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, state.selection.to)));
    window.getSelection()?.removeAllRanges();
  }
}

/** The codebook: the code tree with colours, shortcut keys and per-code counts; click to code. */
export function CodebookPanel(): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const activeDocId = useProject((s) => s.activeDocId);
  if (!data) return null;
  const counts = new Map<string, number>();
  for (const c of data.codings) if (c.documentId === activeDocId) counts.set(c.codeId, (counts.get(c.codeId) ?? 0) + 1);
  return (
    <aside className="panel codebook" aria-label="Codebook">
      <h2 className="panel-title">Codebook</h2>
      <ul className="code-tree" role="tree">
        {flattenTree(data.codebook).map(({ code, depth }) => (
          <li key={code.id} role="treeitem" aria-level={depth + 1} aria-selected={false}>
            <button
              className="code-row"
              style={{ paddingLeft: 8 + depth * 16 }}
              title={code.description}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void codeSelection(code)}
              data-code-id={code.id}
            >
              <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
              <span className="code-name">{code.name}</span>
              <span className="code-count" aria-label={`${counts.get(code.id) ?? 0} codings in this document`}>
                {counts.get(code.id) ?? ''}
              </span>
              {code.shortcut && <kbd className="shortcut">{code.shortcut}</kbd>}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">Select text, then press a number key or click a code.</p>
    </aside>
  );
}
