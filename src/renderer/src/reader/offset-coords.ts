import type { EditorView } from 'prosemirror-view';
import type { TextIndex } from '../../../core/document/text-index.js';

/** Vertical extent of a text offset's line, relative to the top of the reader's text. */
export interface LineSpan {
  top: number;
  bottom: number;
}

/**
 * The line boxes of text offsets, remembered between measures. The reader's text never changes
 * and highlights only paint backgrounds (no padding, border or font change), so an offset's place
 * relative to the top of the text changes only when the text reflows: the cache is keyed by the
 * text's width and height and starts afresh when either differs. The margin then measures with
 * `coordsAtPos` (a `getClientRects` each, ~0.1–0.2 ms in a densely highlighted paragraph) only the
 * codings it has not seen, instead of every coding near the viewport on every change.
 */
export class OffsetCoords {
  #spans = new Map<string, LineSpan>();
  #layout = '';

  constructor(
    readonly view: EditorView,
    readonly index: TextIndex,
  ) {}

  /** Start afresh when the text has reflowed since the last call; returns the text's top (client coordinates). */
  begin(): number {
    const dom = this.view.dom;
    const box = dom.getBoundingClientRect();
    const layout = `${dom.clientWidth}x${dom.offsetHeight}`;
    if (layout !== this.#layout) {
      this.#spans.clear();
      this.#layout = layout;
    }
    return box.top;
  }

  /** The line box at `offset` (`side` 1: the character after it, -1: the one before), relative to the text's top at `top`. */
  at(offset: number, side: 1 | -1, top: number): LineSpan {
    const key = side === 1 ? offset : -offset - 1;
    let s = this.#spans.get(String(key));
    if (!s) {
      const c = this.view.coordsAtPos(this.index.offsetToPos(offset, side), side);
      s = { top: c.top - top, bottom: c.bottom - top };
      this.#spans.set(String(key), s);
    }
    return s;
  }
}
