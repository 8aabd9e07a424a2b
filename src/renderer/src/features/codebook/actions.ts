import { saveText } from '../../lib/download.js';
import { TextSelection } from 'prosemirror-state';
import type { CodeFields } from '../../../../core/codebook/edit.js';
import type { Code, Id } from '../../../../core/model/types.js';
import { api } from '../../lib/api.js';
import { applyMutation, useProject } from '../../state/project-store.js';
import { readerHandle, selectionOffsets } from '../../reader/reader-handle.js';
import { highlightKey, highlightMeta } from '../../reader/highlight-plugin.js';

/** Code the reader's current selection with `code`; tells the user when nothing is selected. */
export async function codeSelection(code: Code): Promise<void> {
  const { view, loaded } = readerHandle;
  const store = useProject.getState();
  if (!view || !loaded) return store.toast('info', 'Open a document first');
  const sel = selectionOffsets(view, loaded);
  if (!sel) return store.toast('info', `Select a passage in the text, then press ${code.shortcut ?? 'the code'} to code it with ${code.name}`);
  // Show the passage at once as pending (the durable save of a large project takes a while); the
  // acknowledged coding replaces it, and a refused one simply disappears (the error is a toast).
  const pending = `pending-${sel.start}-${sel.end}`;
  view.dispatch(view.state.tr.setMeta(highlightKey, highlightMeta.add({ id: pending, start: sel.start, end: sel.end, color: code.color })));
  void view.dom.offsetHeight;
  performance.mark('coding:pending-shown');
  const done = await store.addCoding(code.id, sel.start, sel.end);
  performance.mark('coding:acknowledged');
  if (readerHandle.view === view) view.dispatch(view.state.tr.setMeta(highlightKey, highlightMeta.remove(pending)));
  if (done) {
    // Collapse the selection so the fresh highlight shows instead of the selection colour.
    const { state } = view;
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, state.selection.to)));
    window.getSelection()?.removeAllRanges();
  }
}

/** Codebook operations: each is one undoable step on the backend. */
export const codebookActions = {
  create: (name: string, parentId: Id | null) => applyMutation(api.call('code.create', { name, parentId })),
  update: (id: Id, patch: Partial<CodeFields>) => applyMutation(api.call('code.update', { id, patch })),
  move: (id: Id, parentId: Id | null, index: number) => applyMutation(api.call('code.move', { id, parentId, index })),
  merge: (sourceId: Id, targetId: Id) => applyMutation(api.call('code.merge', { sourceId, targetId })),
  remove: (id: Id) => applyMutation(api.call('code.delete', { id })),
  async importJson(text: string): Promise<void> {
    const r = await applyMutation(api.call('codebook.import', { json: text }));
    if (r) useProject.getState().toast('info', `Codebook imported: ${r.added} new, ${r.updated} updated, ${r.unchanged} unchanged`);
  },
  async exportAs(format: 'md' | 'json'): Promise<void> {
    const r = await api.call('codebook.export', { format });
    if (!r.ok) return useProject.getState().toast('error', r.error.message);
    saveText(r.value.fileName, r.value.text, format === 'md' ? 'text/markdown' : 'application/json');
  },
};

