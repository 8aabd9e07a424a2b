import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paragraphAround, paragraphIndexAt, paragraphRanges, paragraphStarts } from '../../../src/core/document/paragraphs.js';

describe('paragraphs of a canonical text', () => {
  it('splits paragraphs at blank-line separators', () => {
    expect(paragraphStarts('a\n\nb\nc\n\n\n\nd')).toEqual([0, 3, 8, 10]);
    expect(paragraphRanges('a\n\nb\nc\n\n\n\nd')).toEqual([
      [0, 1],
      [3, 6],
      [10, 11],
    ]);
    expect(paragraphRanges('a\n\nb\nc\n\n\n\nd', { keepEmpty: true })).toEqual([
      [0, 1],
      [3, 6],
      [8, 8],
      [10, 11],
    ]);
    expect(paragraphRanges('')).toEqual([]);
    expect(paragraphRanges('', { keepEmpty: true })).toEqual([[0, 0]]);
  });

  it('keepEmpty gives exactly the pieces of split("\\n\\n") (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n') }), (text) => {
        const pieces = paragraphRanges(text, { keepEmpty: true }).map(([s, e]) => text.slice(s, e));
        expect(pieces).toEqual(text.split('\n\n'));
        expect(paragraphRanges(text).map(([s, e]) => text.slice(s, e))).toEqual(text.split('\n\n').filter((p) => p.length > 0));
      }),
    );
  });

  it('finds the paragraph holding an offset, and the paragraph around a span', () => {
    const text = 'one\n\ntwo two\n\nthree';
    const starts = paragraphStarts(text);
    expect([0, 3, 5, 12, 14, 18].map((o) => paragraphIndexAt(starts, o))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(paragraphAround(text, 6, 8)).toEqual({ start: 5, end: 12 });
    expect(paragraphAround(text, 0, 2)).toEqual({ start: 0, end: 3 });
    expect(paragraphAround(text, 15, 19)).toEqual({ start: 14, end: 19 });
  });
});
