import type { Code, Coding, Id } from '../../../core/model/types.js';
import { wordStep } from '../../../core/codings/edit.js';
import { api } from '../lib/api.js';
import { applyMutation, useProject } from '../state/project-store.js';
import { highlightKey, highlightMeta } from './highlight-plugin.js';
import { useReader } from './reader-store.js';
import { collapseSelection, selectionOffsets, type OffsetRange } from './selection.js';

/**
 * The reader's commands: the one place a coding is made, removed or changed from the reader, so
 * every entry point (number keys, the codebook, the palette, in-vivo, the right-click menu, the
 * inspector, the drag handles) behaves the same: same selection rule, same pending highlight,
 * same messages, same clean-up.
 */

/** What to code a selection with: an existing code, a new code of that name, or an in-vivo code. */
export type CodeWith = { codeId: Id } | { newCode: string } | { inVivo: true };

/** Grey for a passage whose code does not exist yet (a new or in-vivo code). */
const NEW_CODE_COLOR = '#9aa0a6';

let pendingSeq = 0;

/** The range a command acts on: the one given (captured when a palette or menu opened) or the reader's selection now. */
export function currentSelection(): OffsetRange | null {
  const m = useReader.getState().mounted;
  return m ? selectionOffsets(m.view, m.loaded) : null;
}

function colorOf(how: CodeWith): string {
  if ('codeId' in how) return useProject.getState().data?.codebook.find((c) => c.id === how.codeId)?.color ?? NEW_CODE_COLOR;
  return NEW_CODE_COLOR;
}

async function create(how: CodeWith, documentId: Id, sel: OffsetRange): Promise<Coding | undefined> {
  if ('inVivo' in how) return (await applyMutation(api.call('coding.inVivo', { documentId, start: sel.start, end: sel.end })))?.coding;
  let codeId: Id;
  if ('newCode' in how) {
    const code = await applyMutation(api.call('code.create', { name: how.newCode }));
    if (!code) return undefined;
    codeId = code.id;
  } else codeId = how.codeId;
  return applyMutation(api.call('coding.add', { documentId, codeId, start: sel.start, end: sel.end }));
}

/**
 * Code a passage: `range` when given, else the reader's selection. Shows the passage at once as
 * pending (the durable save of a large project takes a while); the acknowledged coding replaces
 * it, a refused one disappears (its error is a toast). On success the selection collapses. Returns the new coding, or null.
 */
export async function codeSelection(how: CodeWith, range?: OffsetRange | null): Promise<Coding | null> {
  const store = useProject.getState();
  const mounted = useReader.getState().mounted;
  if (!mounted) {
    store.toast('info', 'Open a document first');
    return null;
  }
  const sel = range ?? selectionOffsets(mounted.view, mounted.loaded);
  if (!sel) {
    store.toast('info', 'Select a passage in the text first: drag over it, then choose the code');
    return null;
  }
  if (store.view?.readOnly) {
    store.toast('info', 'This project is open read-only: codings cannot be added');
    return null;
  }
  const { view, loaded } = mounted;
  const pending = `pending-${++pendingSeq}`;
  view.dispatch(view.state.tr.setMeta(highlightKey, highlightMeta.add({ id: pending, start: sel.start, end: sel.end, color: colorOf(how) })));
  void view.dom.offsetHeight;
  performance.mark('coding:pending-shown');
  const coding = await create(how, loaded.id, sel);
  performance.mark('coding:acknowledged');
  const still = useReader.getState().mounted;
  if (still?.view === view) {
    view.dispatch(view.state.tr.setMeta(highlightKey, highlightMeta.remove(pending)));
    // Collapse only the selection that was coded: the user may have selected the next passage meanwhile.
    const now = selectionOffsets(view, loaded);
    if (coding && now && now.start === sel.start && now.end === sel.end) collapseSelection(view);
  }
  return coding ?? null;
}

/** Code the selection with `code` (a number key, the codebook, the palette, the menu). */
export function codeWith(code: Pick<Code, 'id'>, range?: OffsetRange | null): Promise<Coding | null> {
  return codeSelection({ codeId: code.id }, range);
}

/** Remove a coding (one undo step); clears the selection when it was the selected one. */
export async function uncode(id: Id): Promise<boolean> {
  const done = (await applyMutation(api.call('coding.remove', { id }))) !== undefined;
  const r = useReader.getState();
  if (done && r.selectedCodingId === id) r.selectCoding(null);
  return done;
}

/** Give a coding another code, keeping its passage, coder and memo. */
export async function recode(id: Id, codeId: Id): Promise<boolean> {
  return (await applyMutation(api.call('coding.update', { id, codeId }))) !== undefined;
}

/** Move a coding's boundaries (drag handles, word nudges, "use selection"); refuses an empty extent. */
export async function resize(id: Id, start: number, end: number): Promise<boolean> {
  if (end <= start) {
    useProject.getState().toast('info', 'A coding needs at least one character');
    return false;
  }
  return (await applyMutation(api.call('coding.update', { id, start, end }))) !== undefined;
}

/** Nudge one edge of a coding by a word (the inspector's ◀ ▶ and Shift/Alt+arrow keys). */
export function nudge(coding: Pick<Coding, 'id' | 'start' | 'end'>, text: string, edge: 'start' | 'end', dir: 1 | -1): Promise<boolean> {
  const at = wordStep(text, coding[edge], dir);
  return resize(coding.id, edge === 'start' ? at : coding.start, edge === 'end' ? at : coding.end);
}

/** Set a coding's memo (empty text clears it). */
export async function setCodingMemo(id: Id, memo: string): Promise<boolean> {
  return (await applyMutation(api.call('coding.update', { id, memo }))) !== undefined;
}
