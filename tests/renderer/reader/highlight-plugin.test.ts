import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { faithfulTextToDoc } from '../../../src/core/document/plain-text.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import { DRAW_ALL_HIGHLIGHTS, FIRST_WINDOW_CHARS, highlightKey, highlightMeta, highlightPlugin, type Highlight } from '../../../src/renderer/src/reader/highlight-plugin.js';

const PARAS = 400;
const text = Array.from({ length: PARAS }, (_, i) => `Paragraph ${i} of the long report, where the ministry and the embassy met again to talk.`).join('\n\n');
const doc = readerSchema.nodeFromJSON(faithfulTextToDoc(text));
const index = buildTextIndex(doc);
const COLORS = ['#aa0000', '#00aa00', '#0000aa'];

function highlights(n: number, seed = 1): Highlight[] {
  let a = seed;
  const rnd = (): number => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  return Array.from({ length: n }, (_, i) => {
    const start = Math.floor(rnd() * (text.length - 60));
    return { id: `h${i}`, start, end: start + 5 + Math.floor(rnd() * 50), color: COLORS[i % 3] as string };
  });
}

/** What the state draws: (from, to, class) of every decoration, in order. */
function drawn(state: EditorState): string[] {
  const set = highlightKey.getState(state)?.set;
  return (set?.find() ?? []).map((d) => `${d.from}-${d.to} ${(d as unknown as { type: { attrs: { class: string } } }).type.attrs.class}`).sort();
}

const stateWith = (hs: Highlight[]): EditorState => EditorState.create({ doc, plugins: [highlightPlugin(index, hs)] });
const withMeta = (s: EditorState, meta: unknown): EditorState => s.apply(s.tr.setMeta(highlightKey, meta));

describe('highlightPlugin', () => {
  it('draws every piece of a lightly coded document', () => {
    const s = stateWith(highlights(40));
    const st = highlightKey.getState(s);
    expect(st?.window).toEqual({ start: 0, end: text.length });
    expect(st?.set.find().length).toBe(st?.pieces.length);
    expect(Math.max(...(st?.pieces ?? []).map((p) => p.end))).toBeGreaterThan(text.length / 2);
  });

  it('draws only the pieces near the viewport of a densely coded document, and follows the window', () => {
    let s = stateWith(highlights(3000));
    const st = highlightKey.getState(s);
    expect(st?.highlights.length).toBeGreaterThan(DRAW_ALL_HIGHLIGHTS);
    const first = st?.set.find() ?? [];
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBe(st?.pieces.length);
    expect(Math.max(...first.map((d) => (d.spec as { start: number }).start))).toBeLessThan(FIRST_WINDOW_CHARS);
    s = withMeta(s, { type: 'window', window: { start: 20_000, end: 26_000 } });
    const moved = highlightKey.getState(s)?.set.find() ?? [];
    expect(moved.length).toBeGreaterThan(0);
    for (const d of moved) {
      const spec = d.spec as { start: number; end: number };
      expect(spec.end > 20_000 && spec.start < 26_000).toBe(true);
    }
  });

  it('after any adds, removals and window moves draws exactly what a rebuild draws', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('add' as const), at: fc.nat(text.length - 80), len: fc.integer({ min: 1, max: 70 }), color: fc.nat(2) }),
            fc.record({ kind: fc.constant('remove' as const), k: fc.nat(2999) }),
            fc.record({ kind: fc.constant('window' as const), at: fc.nat(text.length) }),
          ),
          { maxLength: 12 },
        ),
        fc.boolean(),
        (steps, dense) => {
          let hs = highlights(dense ? 3000 : 60, 7);
          let s = stateWith(hs);
          let window = { start: 0, end: FIRST_WINDOW_CHARS };
          let n = 0;
          for (const step of steps) {
            if (step.kind === 'add') {
              const h = { id: `new${n++}`, start: step.at, end: step.at + step.len, color: COLORS[step.color] as string };
              hs = [...hs, h];
              s = withMeta(s, highlightMeta.add(h));
            } else if (step.kind === 'remove') {
              const h = hs[step.k % hs.length];
              if (!h) continue;
              hs = hs.filter((x) => x !== h);
              s = withMeta(s, highlightMeta.remove(h.id));
            } else {
              window = { start: step.at, end: Math.min(text.length, step.at + 5000) };
              s = withMeta(s, { type: 'window', window });
            }
          }
          const fresh = withMeta(stateWith(hs), { type: 'window', window });
          expect(drawn(s)).toEqual(drawn(fresh));
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
