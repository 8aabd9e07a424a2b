import { Plugin, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/** What the reader does with pointer input, in canonical-text offsets (see {@link inputPlugin}). */
export interface InputHandlers {
  /** A plain click (the pointer did not move) at a text offset. */
  click(offset: number): void;
  /** A right-click at client coordinates over a text offset (null: outside the text). */
  contextMenu(x: number, y: number, offset: number | null): void;
  /** ProseMirror position → canonical-text offset. */
  toOffset(pos: number): number;
}

/** True when ProseMirror position `pos` lies inside the non-empty selection `from..to` (its edges included). */
export function insideSelection(sel: { from: number; to: number; empty: boolean }, pos: number): boolean {
  return !sel.empty && pos >= sel.from && pos <= sel.to;
}

/**
 * Pointer input of the read-only reader.
 *
 * - A mouse press inside the current selection starts a new selection. Browsers otherwise treat it
 *   as the start of dragging the selected text: the text was dragged, no new selection was made,
 *   and the next coding went to the older selection. So the selection is collapsed at the press
 *   (before the browser's default action, which then starts a fresh selection), and dragging text
 *   out of the reader is refused.
 * - A plain click on text reports its offset (clicking coded text selects its coding).
 * - A right-click reports where it happened (the reader's menu); the selection is kept.
 */
export function inputPlugin(h: InputHandlers): Plugin {
  return new Plugin({
    props: {
      handleDOMEvents: {
        mousedown(view: EditorView, e: MouseEvent): boolean {
          if (e.button !== 0 || e.shiftKey) return false;
          const sel = view.state.selection;
          if (sel.empty) return false;
          const hit = view.posAtCoords({ left: e.clientX, top: e.clientY });
          if (!hit || !insideSelection(sel, hit.pos)) return false;
          if (typeof window !== 'undefined') window.getSelection()?.removeAllRanges();
          view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, hit.pos)));
          return false;
        },
        dragstart(_view: EditorView, e: DragEvent): boolean {
          e.preventDefault();
          return true;
        },
        contextmenu(view: EditorView, e: MouseEvent): boolean {
          const hit = view.posAtCoords({ left: e.clientX, top: e.clientY });
          e.preventDefault();
          h.contextMenu(e.clientX, e.clientY, hit ? h.toOffset(hit.pos) : null);
          return true;
        },
      },
      // ProseMirror calls this only for a click that did not move (a drag selects instead).
      // A right button's mouseup counts as a click too; on Linux it follows the context menu and would close it.
      handleClick(_view: EditorView, pos: number, e: MouseEvent): boolean {
        if (e.button !== 0) return false;
        h.click(h.toOffset(pos));
        return false;
      },
    },
  });
}
