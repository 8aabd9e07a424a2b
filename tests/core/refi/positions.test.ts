import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalToRefi, detectUnit, onWordBoundary, positionTable, priorChoice } from '../../../src/core/refi/positions.js';

// "a😀\r\nb": canonical "a😀\nb" (UTF-16: a=0, 😀=1-2, \n=3, b=4, end=5)
const RAW = 'a😀\r\nb';

describe('positionTable', () => {
  it('maps code points with CRLF as one', () => {
    expect([...positionTable(RAW, { unit: 'codepoints', crlfAs: 1 })]).toEqual([0, 1, 3, 4, 5]);
  });
  it('maps code points with CRLF as two (a position inside the CRLF lands before the LF)', () => {
    expect([...positionTable(RAW, { unit: 'codepoints', crlfAs: 2 })]).toEqual([0, 1, 3, 3, 4, 5]);
  });
  it('maps UTF-16 units with CRLF as two (NVivo for Windows)', () => {
    expect([...positionTable(RAW, { unit: 'utf16', crlfAs: 2 })]).toEqual([0, 1, 2, 3, 3, 4, 5]);
  });
  it('maps UTF-16 units with CRLF as one (the identity on the canonical text)', () => {
    expect([...positionTable(RAW, { unit: 'utf16', crlfAs: 1 })]).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('treats a lone CR as a line break of one unit', () => {
    expect([...positionTable('a\rb', { unit: 'codepoints', crlfAs: 2 })]).toEqual([0, 1, 2, 3]);
  });
});

describe('canonicalToRefi', () => {
  it('counts code points, or passes UTF-16 offsets through', () => {
    const text = 'a😀\nb';
    expect([0, 1, 3, 4, 5].map(canonicalToRefi(text, 'codepoints'))).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 3, 4, 5].map(canonicalToRefi(text, 'utf16'))).toEqual([0, 1, 3, 4, 5]);
  });

  it('is inverted by positionTable for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('codepoints' as const, 'utf16' as const), (s, unit) => {
        const text = s.replace(/\r\n?/g, '\n');
        const table = positionTable(text, { unit, crlfAs: 1 });
        const toRefi = canonicalToRefi(text, unit);
        for (let o = 0; o <= text.length; o++) {
          const isLow = o < text.length && text.charCodeAt(o) >= 0xdc00 && text.charCodeAt(o) <= 0xdfff;
          if (!isLow) expect(table[toRefi(o)]).toBe(o);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('detectUnit', () => {
  const raw = '🙂🙂🙂 Alpha beta.\r\nGamma 🙂 delta epsilon.\r\n';
  const canonical = raw.replace(/\r\n/g, '\n');
  const spans = ['Alpha beta.', 'Gamma', 'delta epsilon.'].map((w) => [canonical.indexOf(w), canonical.indexOf(w) + w.length] as const);
  /** Positions of the spans as a producer with `unit`/`crlfAs` would write them. */
  const asProducer = (unit: 'codepoints' | 'utf16', crlfAs: 1 | 2) =>
    spans.map(([s, e]) => {
      const count = (o: number) => {
        const head = canonical.slice(0, o);
        const n = unit === 'codepoints' ? Array.from(head).length : head.length;
        return n + (crlfAs === 2 ? (head.match(/\n/g) ?? []).length : 0);
      };
      return { start: count(s), end: count(e), name: '' };
    });

  it.each([
    ['codepoints', 1],
    ['codepoints', 2],
    ['utf16', 1],
    ['utf16', 2],
  ] as const)('recognises %s with CRLF as %i from word boundaries, whatever the producer claims', (unit, crlfAs) => {
    const d = detectUnit(raw, asProducer(unit, crlfAs), 'Unknown tool');
    expect(d.choice).toEqual({ unit, crlfAs });
    expect(d.fit).toBe(3);
  });

  it('uses selection names when they are present', () => {
    const sel = asProducer('utf16', 1).map((s, i) => ({ ...s, name: ['Alpha beta.', 'Gamma', 'delta epsilon.'][i] ?? '' }));
    expect(detectUnit(raw, sel, 'ATLAS.ti 9')).toMatchObject({ choice: { unit: 'utf16', crlfAs: 1 }, evidence: 'names' });
  });

  it('falls back to the producer habit when nothing distinguishes the readings', () => {
    expect(detectUnit('plain ascii\nonly', [{ start: 0, end: 5, name: '' }], 'NVivo 14')).toMatchObject({ evidence: 'not-needed', choice: { unit: 'utf16' } });
    expect(detectUnit('a😀 b', [], 'NVivo 14')).toMatchObject({ evidence: 'prior', choice: { unit: 'utf16', crlfAs: 2 } });
    expect(priorChoice('ATLAS.ti 23', true)).toEqual({ unit: 'codepoints', crlfAs: 1 });
    expect(priorChoice('MAXQDA 2022', true)).toEqual({ unit: 'codepoints', crlfAs: 2 });
  });
});

describe('onWordBoundary', () => {
  it('is true at text edges and next to non-word characters, false inside words (letters of any script)', () => {
    expect(onWordBoundary('ab cd', 0)).toBe(true);
    expect(onWordBoundary('ab cd', 2)).toBe(true);
    expect(onWordBoundary('ab cd', 1)).toBe(false);
    expect(onWordBoundary('fogékonyság', 4)).toBe(false);
    expect(onWordBoundary('a😀b', 1)).toBe(true);
  });
});
