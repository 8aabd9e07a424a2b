import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { segmentize, splitAtBlocks, spansAt } from '../../../src/core/codings/segments.js';

describe('segmentize', () => {
  it('splits overlapping spans into covered pieces', () => {
    const segs = segmentize([
      { id: 'a', start: 0, end: 10 },
      { id: 'b', start: 5, end: 15 },
    ]);
    expect(segs).toEqual([
      { start: 0, end: 5, ids: ['a'] },
      { start: 5, end: 10, ids: ['a', 'b'] },
      { start: 10, end: 15, ids: ['b'] },
    ]);
  });

  it('leaves gaps uncovered and ignores empty spans', () => {
    expect(
      segmentize([
        { id: 'a', start: 0, end: 2 },
        { id: 'b', start: 4, end: 6 },
        { id: 'c', start: 3, end: 3 },
      ]),
    ).toEqual([
      { start: 0, end: 2, ids: ['a'] },
      { start: 4, end: 6, ids: ['b'] },
    ]);
  });

  it('property: every offset is covered by exactly the spans that contain it', () => {
    const span = fc.tuple(fc.nat(60), fc.nat(30)).map(([s, l]) => ({ start: s, end: s + l }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), (raw) => {
        const spans = raw.map((s, i) => ({ id: `s${i}`, ...s }));
        const segs = segmentize(spans);
        for (let o = 0; o < 95; o++) {
          const want = spansAt(spans, o)
            .map((s) => s.id)
            .sort();
          const seg = segs.find((g) => g.start <= o && o < g.end);
          expect(seg ? [...seg.ids].sort() : []).toEqual(want);
        }
        for (let i = 1; i < segs.length; i++) expect(segs[i]!.start).toBeGreaterThanOrEqual(segs[i - 1]!.end);
      }),
      { numRuns: 500 },
    );
  });
});

describe('splitAtBlocks', () => {
  it('cuts a segment at the separator between blocks', () => {
    const blocks = [
      { start: 0, end: 5 },
      { start: 7, end: 12 },
    ];
    expect(splitAtBlocks([{ start: 3, end: 9, ids: ['x'] }], blocks)).toEqual([
      { start: 3, end: 5, ids: ['x'] },
      { start: 7, end: 9, ids: ['x'] },
    ]);
  });
});
