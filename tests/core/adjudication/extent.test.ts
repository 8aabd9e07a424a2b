import { describe, expect, it } from 'vitest';
import { extentParts, nudgeEdge, shortQuote, snapToWords } from '../../../src/core/adjudication/index.js';

const text = 'The minister met the ambassador. Parliament passed the law in 2005. Shelters opened in Quito.';
const span = (phrase: string, extra = 0) => {
  const start = text.indexOf(phrase);
  return { start, end: start + phrase.length + extra };
};

describe('extentParts', () => {
  it('shows two extents over their union with the difference marked, not cut at the same point', () => {
    const a = span('Parliament passed the law');
    const b = span('Parliament passed the law in 2005');
    const union = { start: a.start, end: b.end };
    expect(extentParts(text, a, union)).toEqual([
      { text: 'Parliament passed the law', inside: true },
      { text: ' in 2005', inside: false },
    ]);
    expect(extentParts(text, b, union)).toEqual([{ text: 'Parliament passed the law in 2005', inside: true }]);
  });

  it('elides the middle of a long run at word boundaries so both ends stay visible', () => {
    const long = `${'word '.repeat(60)}end`;
    const parts = extentParts(long, { start: 5, end: long.length }, { start: 0, end: long.length }, 20);
    expect(parts[0]).toEqual({ text: 'word ', inside: false });
    expect(parts.map((p) => p.elided === true)).toEqual([false, false, true, false]);
    expect(parts[1]!.text).toMatch(/^word( word)* ?$/);
    expect(parts[3]!.text).toMatch(/^ ?(word )*end$/);
    expect(parts.slice(1).every((p) => p.inside)).toBe(true);
  });
});

describe('shortQuote', () => {
  it('cuts at a word boundary and squashes line breaks', () => {
    expect(shortQuote('Parliament passed\nthe law in 2005 after long debate', 24)).toBe('Parliament passed the…');
    expect(shortQuote('short', 24)).toBe('short');
  });
});

describe('nudgeEdge and snapToWords', () => {
  it('moves an edge by one whole word and never empties the span', () => {
    const s = span('passed the law');
    expect(text.slice(...(Object.values(nudgeEdge(text, s, 'end', 1)) as [number, number]))).toBe('passed the law in');
    expect(text.slice(...(Object.values(nudgeEdge(text, s, 'end', -1)) as [number, number]))).toBe('passed the');
    expect(text.slice(...(Object.values(nudgeEdge(text, s, 'start', -1)) as [number, number]))).toBe('Parliament passed the law');
    expect(text.slice(...(Object.values(nudgeEdge(text, s, 'start', 1)) as [number, number]))).toBe('the law');
    const one = span('law');
    expect(nudgeEdge(text, one, 'end', -1)).toEqual(one);
    expect(nudgeEdge(text, { start: 0, end: 3 }, 'start', -1)).toEqual({ start: 0, end: 3 });
  });

  it('widens a selection that cut words in half to whole words', () => {
    const s = span('liament passed the l');
    expect(text.slice(...(Object.values(snapToWords(text, s)) as [number, number]))).toBe('Parliament passed the law');
  });
});
