import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { trimRange } from '../../../core/codings/anchor.js';
import type { LoadedDocument } from './reader-store.js';

/** A range of canonical-text offsets, end exclusive. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** The current selection in canonical-text offsets, trimmed of surrounding space; null when empty. */
export function selectionOffsets(view: EditorView, loaded: LoadedDocument): OffsetRange | null {
  const { from, to } = view.state.selection;
  if (from === to) return null;
  const r = trimRange(loaded.index.text, loaded.index.posToOffset(from, 1), loaded.index.posToOffset(to, -1));
  return r.end > r.start ? r : null;
}

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
  el?.scrollIntoView?.({ block: 'center' });
}

/** Collapse the selection to its end (after coding it, so the fresh highlight shows instead of the selection colour). */
export function collapseSelection(view: EditorView): void {
  const { state } = view;
  view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, state.selection.to)));
  if (typeof window !== 'undefined') window.getSelection()?.removeAllRanges();
}

/**
 * The codings under an offset, innermost (shortest) first: what a click on coded text selects,
 * and what repeated clicks at one place step through.
 */
export function codingsAtOffset<T extends OffsetRange & { id: string }>(codings: readonly T[], offset: number): T[] {
  return codings.filter((c) => c.start <= offset && offset < c.end).sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start || (a.id < b.id ? -1 : 1));
}
