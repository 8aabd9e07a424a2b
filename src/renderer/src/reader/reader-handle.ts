import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { trimRange } from '../../../core/codings/anchor.js';
import type { LoadedDocument } from '../state/project-store.js';

/** The current selection in canonical-text offsets, trimmed; null when empty. */
export function selectionOffsets(view: EditorView, loaded: LoadedDocument): { start: number; end: number } | null {
  const { from, to } = view.state.selection;
  if (from === to) return null;
  const r = trimRange(loaded.index.text, loaded.index.posToOffset(from, 1), loaded.index.posToOffset(to, -1));
  return r.end > r.start ? r : null;
}

/** Module-level handle so the codebook panel, palette and inspector can reach the reader. */
export const readerHandle: { view: EditorView | null; loaded: LoadedDocument | null } = { view: null, loaded: null };

// The reader benchmark (tests/bench/reader.bench.ts) times a no-op transaction on this view.
(globalThis as { __casecoderReader?: typeof readerHandle }).__casecoderReader = readerHandle;

/** Select `[start, end)` in the reader and scroll it into view. */
export function revealRange(view: EditorView, loaded: LoadedDocument, start: number, end: number, focus = true): void {
  const from = loaded.index.offsetToPos(start, 1);
  const to = Math.max(from, loaded.index.offsetToPos(end, -1));
  if (focus) view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)).scrollIntoView());
  // ProseMirror scrolls only when the DOM selection is in a focused editor; a read-only reader
  // reached from another view may have neither, so bring the passage's element to the middle.
  const { node } = view.domAtPos(from);
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  el?.scrollIntoView({ block: 'center' });
}
