import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PmNode } from 'prosemirror-model';
import { segmentize, splitAtBlocks, type Segment } from '../../../core/codings/segments.js';
import type { TextIndex } from '../../../core/document/text-index.js';

/** What the reader needs of a coding to draw it. */
export interface Highlight {
  id: string;
  start: number;
  end: number;
  color: string;
}

interface HighlightState {
  set: DecorationSet;
  highlights: Highlight[];
}

type Meta = { type: 'set'; highlights: Highlight[] } | { type: 'add'; highlight: Highlight } | { type: 'remove'; id: string };

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

function decorate(segments: Segment[], byId: Map<string, Highlight>, index: TextIndex): Decoration[] {
  const out: Decoration[] = [];
  for (const seg of splitAtBlocks(segments, index.blocks)) {
    const from = index.offsetToPos(seg.start, 1);
    const to = index.offsetToPos(seg.end, -1);
    if (to <= from) continue;
    const colors = [...new Set(seg.ids.map((id) => byId.get(id)?.color ?? '#999999'))];
    out.push(
      Decoration.inline(from, to, { class: `hl depth-${Math.min(seg.ids.length, 4)} ${comboClass(colors)}` }, { ids: seg.ids, start: seg.start, end: seg.end }),
    );
  }
  return out;
}

function build(doc: PmNode, highlights: Highlight[], index: TextIndex): DecorationSet {
  const byId = new Map(highlights.map((h) => [h.id, h]));
  return DecorationSet.create(doc, decorate(segmentize(highlights), byId, index));
}

/**
 * Re-draw only the region a change touches: remove the decorations overlapping it, widen the
 * region to their extent, and recompute segments there from the codings that overlap it.
 */
function patchRegion(state: HighlightState, doc: PmNode, index: TextIndex, highlights: Highlight[], start: number, end: number): DecorationSet {
  const from = index.offsetToPos(start, 1);
  const to = index.offsetToPos(end, -1);
  const old = state.set.find(from, to);
  let s = start;
  let e = end;
  for (const d of old) {
    const spec = d.spec as { start: number; end: number };
    s = Math.min(s, spec.start);
    e = Math.max(e, spec.end);
  }
  const local = highlights.filter((h) => h.start < e && h.end > s);
  const segs = segmentize(local)
    .map((g) => ({ ...g, start: Math.max(g.start, s), end: Math.min(g.end, e) }))
    .filter((g) => g.end > g.start);
  const byId = new Map(local.map((h) => [h.id, h]));
  return state.set.remove(old).add(doc, decorate(segs, byId, index));
}

/**
 * The highlight plugin: decorations live in plugin state; `props.decorations` only reads them.
 * `initial` highlights are drawn with the first render, so opening a document paints once.
 */
export function highlightPlugin(index: TextIndex, initial: Highlight[] = []): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightKey,
    state: {
      init: (_config, state: EditorState) => ({ set: initial.length ? build(state.doc, [...initial], index) : DecorationSet.empty, highlights: initial }),
      apply(tr: Transaction, prev: HighlightState, _old: EditorState, state: EditorState): HighlightState {
        const meta = tr.getMeta(highlightKey) as Meta | undefined;
        if (!meta) return prev;
        if (meta.type === 'set') return { set: build(state.doc, meta.highlights, index), highlights: meta.highlights };
        if (meta.type === 'add') {
          const highlights = [...prev.highlights, meta.highlight];
          return { set: patchRegion(prev, state.doc, index, highlights, meta.highlight.start, meta.highlight.end), highlights };
        }
        const gone = prev.highlights.find((h) => h.id === meta.id);
        if (!gone) return prev;
        const highlights = prev.highlights.filter((h) => h.id !== meta.id);
        return { set: patchRegion(prev, state.doc, index, highlights, gone.start, gone.end), highlights };
      },
    },
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
