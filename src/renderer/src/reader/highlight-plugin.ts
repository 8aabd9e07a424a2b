import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { Node as PmNode } from 'prosemirror-model';
import { segmentize, splitAtBlocks, type Segment } from '../../../core/codings/segments.js';
import type { TextIndex } from '../../../core/document/text-index.js';
import { textBetween } from './viewport-text.js';

/** What the reader needs of a coding to draw it. */
export interface Highlight {
  id: string;
  start: number;
  end: number;
  color: string;
}

export const highlightKey = new PluginKey<HighlightState>('highlights');

/** `#rrggbb` → `rgba(r, g, b, a)`. */
export function rgba(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** Inline style of a segment covered by `colors` (one band per code, stacked top to bottom). */
export function segmentStyle(colors: string[]): string {
  if (colors.length === 1) return `background-color: ${rgba(colors[0] ?? '#999999', 0.32)}`;
  const step = 100 / colors.length;
  const stops = colors.map((c, i) => `${rgba(c, 0.38)} ${(i * step).toFixed(1)}% ${((i + 1) * step).toFixed(1)}%`).join(', ');
  return `background-image: linear-gradient(180deg, ${stops})`;
}

/**
 * Highlight styles live in one generated stylesheet, one rule per distinct colour combination,
 * instead of a `style` attribute on every piece: thousands of pieces then share a few classes,
 * which the browser styles and lays out far faster (aesthetics.md §7.4, point 3).
 */
const styleRules = new Map<string, string>();
let sheet: CSSStyleSheet | null = null;

/** The class for a colour combination, adding its rule on first use. */
export function comboClass(colors: string[]): string {
  const key = colors.map((c) => c.replace('#', '').toLowerCase()).join('-');
  const cls = `hc-${key}`;
  if (!styleRules.has(key)) {
    const rule = `.reader-doc .${cls} { ${segmentStyle(colors)} }`;
    styleRules.set(key, rule);
    // A constructed stylesheet: the app's CSP forbids inline <style> elements, not the CSSOM.
    if (!sheet && typeof document !== 'undefined' && typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in document) {
      try {
        sheet = new CSSStyleSheet();
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      } catch {
        sheet = null;
      }
    }
    sheet?.insertRule(rule, sheet.cssRules.length);
  }
  return cls;
}

/** Up to this many highlights every one is drawn; beyond, only those near the viewport. */
export const DRAW_ALL_HIGHLIGHTS = 1000;
/** Characters drawn from the top before the reader has been laid out and measured. */
export const FIRST_WINDOW_CHARS = 6000;

/** A text range in offsets of the canonical text. */
interface Range {
  start: number;
  end: number;
}

interface HighlightState {
  /** The decorations drawn: one per piece. */
  set: DecorationSet;
  highlights: Highlight[];
  /** Colour of each highlight drawn so far (only grows; a fresh map on every full rebuild). */
  colors: Map<string, string>;
  /** The text drawn: the whole text, or the part near the viewport when there are many highlights. */
  window: Range;
  /** The highlights within `window` flattened into disjoint pieces cut at block and window bounds, sorted by start. */
  pieces: Segment[];
  /** Decorations made so far, by piece (start, end, ids): redrawing a window leaves unchanged paragraphs alone. */
  made: Map<string, Decoration | null>;
}

type Meta = { type: 'set'; highlights: Highlight[] } | { type: 'add'; highlight: Highlight } | { type: 'remove'; id: string } | { type: 'window'; window: Range };

function decorationOf(st: Pick<HighlightState, 'colors' | 'made'>, piece: Segment, index: TextIndex): Decoration | null {
  const key = `${piece.start}:${piece.end}:${piece.ids.join(',')}`;
  let d = st.made.get(key);
  if (d !== undefined) return d;
  const from = index.offsetToPos(piece.start, 1);
  const to = index.offsetToPos(piece.end, -1);
  const combo = [...new Set(piece.ids.map((id) => st.colors.get(id) ?? '#999999'))];
  d = to > from ? Decoration.inline(from, to, { class: `hl depth-${Math.min(piece.ids.length, 4)} ${comboClass(combo)}` }, piece) : null;
  st.made.set(key, d);
  return d;
}

function decorationsOf(st: Pick<HighlightState, 'colors' | 'made'>, pieces: readonly Segment[], index: TextIndex): Decoration[] {
  const out: Decoration[] = [];
  for (const piece of pieces) {
    const d = decorationOf(st, piece, index);
    if (d) out.push(d);
  }
  return out;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Index of the first piece ending after `offset` (pieces are sorted and disjoint). */
function firstEndingAfter(pieces: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pieces[mid] as Segment).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The pieces of `range`: the highlights overlapping it, flattened and clipped to it (O(highlights)
 * to find them); their colours go into `colors`, so only the highlights drawn are ever mapped.
 */
function piecesIn(highlights: readonly Highlight[], index: TextIndex, range: Range, colors: Map<string, string>): Segment[] {
  const local = highlights.filter((h) => h.start < range.end && h.end > range.start);
  for (const h of local) colors.set(h.id, h.color);
  const segs = segmentize(local)
    .map((g) => ({ ...g, start: Math.max(g.start, range.start), end: Math.min(g.end, range.end) }))
    .filter((g) => g.end > g.start);
  return splitAtBlocks(segs, index.blocks);
}

/** The window to draw: everything when there are few highlights, else `near`. */
function windowFor(highlights: readonly Highlight[], index: TextIndex, near: Range): Range {
  return highlights.length <= DRAW_ALL_HIGHLIGHTS ? { start: 0, end: index.text.length } : near;
}

function build(doc: PmNode, highlights: Highlight[], index: TextIndex, near: Range): HighlightState {
  const window = windowFor(highlights, index, near);
  const st = { highlights, colors: new Map<string, string>(), window, made: new Map<string, Decoration | null>() };
  const pieces = piecesIn(highlights, index, window, st.colors);
  return { ...st, pieces, set: DecorationSet.create(doc, decorationsOf(st, pieces, index)) };
}

/**
 * Re-draw only the region a change touches: the pieces overlapping it are replaced by pieces
 * recomputed there from the highlights that overlap it (the region widened to those pieces'
 * extent, kept within the window), and only their decorations are swapped.
 */
function patchRegion(prev: HighlightState, doc: PmNode, index: TextIndex, highlights: Highlight[], start: number, end: number): HighlightState {
  const window = windowFor(highlights, index, prev.window);
  if (window.start !== prev.window.start || window.end !== prev.window.end) return build(doc, highlights, index, window);
  const st = { ...prev, highlights };
  if (end <= window.start || start >= window.end) return st;
  const lo = firstEndingAfter(prev.pieces, start);
  let hi = lo;
  while (hi < prev.pieces.length && (prev.pieces[hi] as Segment).start < end) hi++;
  const s = Math.max(window.start, Math.min(start, lo < hi ? (prev.pieces[lo] as Segment).start : start));
  const e = Math.min(window.end, Math.max(end, lo < hi ? (prev.pieces[hi - 1] as Segment).end : end));
  const fresh = piecesIn(highlights, index, { start: s, end: e }, prev.colors);
  // Where a fresh piece meets an old one with the same codings, they become one piece (as a full rebuild draws it).
  let from = lo;
  let to = hi;
  const before = prev.pieces[lo - 1];
  if (before && fresh[0] && before.end === fresh[0].start && sameIds(before.ids, fresh[0].ids)) {
    fresh[0] = { ...fresh[0], start: before.start };
    from--;
  }
  const after = prev.pieces[hi];
  const last = fresh[fresh.length - 1];
  if (after && last && after.start === last.end && sameIds(after.ids, last.ids)) {
    fresh[fresh.length - 1] = { ...last, end: after.end };
    to++;
  }
  const pieces = prev.pieces.slice(0, from).concat(fresh, prev.pieces.slice(to));
  const rs = from < lo ? (prev.pieces[from] as Segment).start : s;
  const re = to > hi ? (prev.pieces[to - 1] as Segment).end : e;
  const old = prev.set.find(index.offsetToPos(rs, 1), index.offsetToPos(re, -1), (spec: Segment) => spec.start >= rs && spec.end <= re);
  return { ...st, pieces, set: prev.set.remove(old).add(doc, decorationsOf(st, fresh, index)) };
}

/** The text range on screen, widened by a screenful on each side, or null when the reader is not on screen. */
function measureWindow(view: EditorView, index: TextIndex): Range | null {
  const dom = view.dom;
  if (!dom.isConnected) return null;
  const scroller = dom.closest('.reader-column');
  const vp = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
  const box = dom.getBoundingClientRect();
  const top = Math.max(box.top, vp.top) + 2;
  const bottom = Math.min(box.bottom, vp.bottom) - 2;
  if (bottom <= top) return null;
  const { start: lo, end: hi } = textBetween(view, index, top, bottom);
  const screen = Math.max(hi - lo, 1500);
  return { start: Math.max(0, lo - screen), end: Math.min(index.text.length, hi + screen) };
}

/**
 * Keeps the plugin's window on the viewport: measured after layout, on scroll and on resize (one
 * frame at a time); a new window is dispatched only when the viewport has left the drawn one.
 */
class WindowFollower {
  #frame = 0;
  #scroller: Element | null;
  #schedule = (): void => {
    if (!this.#frame) this.#frame = requestAnimationFrame(this.#measure);
  };
  #measure = (): void => {
    this.#frame = 0;
    const st = highlightKey.getState(this.view.state);
    if (!st || st.highlights.length <= DRAW_ALL_HIGHLIGHTS) return;
    const next = measureWindow(this.view, this.index);
    if (!next) return;
    const margin = (next.end - next.start) / 6;
    const inside = next.start + margin >= st.window.start && next.end - margin <= st.window.end;
    if (!inside) this.view.dispatch(this.view.state.tr.setMeta(highlightKey, { type: 'window', window: next } satisfies Meta));
  };

  constructor(
    readonly view: EditorView,
    readonly index: TextIndex,
  ) {
    this.#scroller = view.dom.closest('.reader-column');
    this.#scroller?.addEventListener('scroll', this.#schedule, { passive: true });
    window.addEventListener('resize', this.#schedule);
    this.#schedule();
  }

  update(_view: EditorView, prevState: EditorState): void {
    // Measure again only when the highlights went past DRAW_ALL_HIGHLIGHTS (scrolling does the rest).
    const st = highlightKey.getState(this.view.state);
    const before = highlightKey.getState(prevState);
    if (st && before && st.highlights.length > DRAW_ALL_HIGHLIGHTS && before.highlights.length <= DRAW_ALL_HIGHLIGHTS) this.#schedule();
  }

  destroy(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#scroller?.removeEventListener('scroll', this.#schedule);
    window.removeEventListener('resize', this.#schedule);
  }
}

/**
 * The highlight plugin: decorations live in plugin state; `props.decorations` only reads them.
 * `initial` highlights are drawn with the first render, so opening a document paints once. A
 * document with many highlights (more than {@link DRAW_ALL_HIGHLIGHTS}) flattens and draws only
 * those near the viewport, like the margin's brackets: first the top of the text, then wherever the
 * reader scrolls; a coding added or removed redraws only its region.
 */
export function highlightPlugin(index: TextIndex, initial: Highlight[] = []): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightKey,
    state: {
      init: (_config, state: EditorState) => build(state.doc, [...initial], index, { start: 0, end: FIRST_WINDOW_CHARS }),
      apply(tr: Transaction, prev: HighlightState, _old: EditorState, state: EditorState): HighlightState {
        const meta = tr.getMeta(highlightKey) as Meta | undefined;
        if (!meta) return prev;
        if (meta.type === 'set') return build(state.doc, meta.highlights, index, prev.window);
        if (meta.type === 'window') {
          if (prev.highlights.length <= DRAW_ALL_HIGHLIGHTS) return prev;
          const pieces = piecesIn(prev.highlights, index, meta.window, prev.colors);
          return { ...prev, window: meta.window, pieces, set: DecorationSet.create(state.doc, decorationsOf(prev, pieces, index)) };
        }
        if (meta.type === 'add') {
          const highlights = [...prev.highlights, meta.highlight];
          return patchRegion(prev, state.doc, index, highlights, meta.highlight.start, meta.highlight.end);
        }
        const gone = prev.highlights.find((h) => h.id === meta.id);
        if (!gone) return prev;
        const highlights = prev.highlights.filter((h) => h.id !== meta.id);
        return patchRegion(prev, state.doc, index, highlights, gone.start, gone.end);
      },
    },
    view: (view) => new WindowFollower(view, index),
    props: {
      decorations: (state) => highlightKey.getState(state)?.set,
    },
  });
}

/** Transaction metas for the plugin. */
export const highlightMeta = {
  set: (highlights: Highlight[]): Meta => ({ type: 'set', highlights }),
  add: (highlight: Highlight): Meta => ({ type: 'add', highlight }),
  remove: (id: string): Meta => ({ type: 'remove', id }),
};
