import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importMarkdown } from '../../../src/core/import/markdown.js';
import { extractOneLineFootnotes } from '../../../src/core/import/one-line-footnotes.js';
import { footnoteFlood } from '../../fixtures/import/hostile.js';

const seed = (name: string): string => readFileSync(new URL(`../../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const ONE_PIECE = 1e12;

/** Documents whose one-line footnotes must read the same with and without the fast path. */
const CASES: Record<string, string> = {
  plain: 'Text.[^1] More.[^b]\n\n[^1]: Cable 1, Quito to Washington.\n[^b]: Another note.\n',
  syntax: [
    'A[^1] b[^2] c[^3] d[^4] e[^5] f[^6] g[^7] h[^8] i[^9] j[^10].',
    '',
    '[^1]: *Emphasis* and **strong**, `code`.',
    '[^2]: See <http://example.org/a\\_b> and [a link](http://x.org/p_q).',
    '[^3]: http://www.state.gov/j/tip/rls/tiprpt/2008/ and www.example.org.',
    '[^4]: AT&amp;T &copy; 2008 \\* not emphasis',
    '[^5]: 10^th^ report, x<sup>2</sup> and <b>bold</b>.',
    '[^6]: Refers to another note.[^7]',
    '[^7]: ~~struck~~ | not a table',
    '[^8]: # Not a heading? #',
    '[^9]: > quoted',
    '[^10]: === and --- and +++',
  ].join('\n'),
  duplicates: 'One[^1] two[^2].\n\n[^1]: First definition.\n\n[^2]: Two.\n\n[^1]: Second definition of one.\n',
  unreferenced: 'Only[^b] one.\n\n[^a]: Unreferenced A.\n[^b]: Referenced B.\n[^c]: Unreferenced C.\n\n[^d]:\n    Multi-line D, indented.\n\n[^e]: Unreferenced E.\n',
  continued: 'R[^1] S[^2] T[^3] U[^4].\n\n[^1]: First line\nlazy continuation.\n\n[^2]: First paragraph.\n\n    Second paragraph of note 2.\n\n[^3]: Note three.\n    continued by indent.\n[^4]: Four.\n',
  positions: [
    'Para[^1][^2][^3][^4][^5][^6].',
    '```',
    '[^1]: in a fence',
    '```',
    '',
    '- item',
    '',
    '  [^2]: inside a list item',
    '',
    '> [^3]: in a quote',
    '',
    'A paragraph line',
    '[^4]: right after a paragraph line',
    '',
    '<!--',
    '[^5]: inside a comment',
    '-->',
    '',
    '[^6]: real one',
  ].join('\n'),
  blocks: 'L[^1] M[^2] N[^3] O[^4] P[^5] Q[^6] R[^7].\n\n[^1]: - a list item\n[^2]: 1. an ordered item\n[^3]: 2008. A year\n[^4]: ```\n[^5]: <!-- open comment\n[^6]: [x]: http://example.org\n[^7]: After the odd ones.\n',
  listThenNote: 'X[^1] Y[^2].\n\n[^1]: - a\n[^2]: b\n',
  crlf: 'A[^1] B[^2].\r\n\r\n[^1]: CRLF note one.\r\n[^2]: CRLF *two*.\r\n',
  labels: 'Ref[^Ab] and[^x.y-z] and[^\u00e9t\u00e9].\n\n[^aB]: Case folded.\n[^x.y-z]: Punctuation.\n[^\u00c9T\u00c9]: Accents.\n',
  spaces: 'Z[^1] W[^2].\n\n[^1]:     five spaces before the text\n[^2]:\tafter a tab\n',
  empty: 'E[^1].\n\n[^1]:\n\nAfter.\n',
  missing: 'Nowhere[^zz].\n\n[^1]: Defined, not cited.\n',
  trailingNoNewline: 'End[^1].\n\n[^1]: Last line without newline',
};

describe('one-line footnote definitions (fast path)', () => {
  for (const [name, src] of Object.entries(CASES)) {
    it(`reads "${name}" as micromark does`, () => {
      for (const pieceChars of [ONE_PIECE, 8]) {
        expect(importMarkdown(src, { pieceChars }), `${name} @ ${pieceChars}`).toEqual(importMarkdown(src, { pieceChars, fastFootnotes: false }));
      }
    });
  }

  it('takes the one-line definitions out, keeping every other line in place', () => {
    const { body, notes } = extractOneLineFootnotes(CASES['plain'] ?? '');
    expect(body).toBe('Text.[^1] More.[^b]\n\n\n\n');
    expect(notes.map((n) => [n.label, n.identifier, n.text, n.plain])).toEqual([
      ['1', '1', 'Cable 1, Quito to Washington.', true],
      ['b', 'b', 'Another note.', true],
    ]);
    expect(extractOneLineFootnotes(CASES['positions'] ?? '').notes.map((n) => n.text)).toEqual(['real one']);
    // Bare URLs are linked on text nodes after the parse (findAutolinks), so note 3 needs no parse.
    expect(
      extractOneLineFootnotes(CASES['syntax'] ?? '')
        .notes.filter((n) => n.plain)
        .map((n) => n.label),
    ).toEqual(['3']);
  });

  it('gives the same documents on a flood of notes and on the Markdown seeds', () => {
    const flood = footnoteFlood(3000);
    expect(extractOneLineFootnotes(flood).notes).toHaveLength(3000);
    expect(importMarkdown(flood)).toEqual(importMarkdown(flood, { fastFootnotes: false }));
    for (const name of ['000_b19cde1f6a69a6f8.txt', '001_f1f3b25bdee2a5e2.txt', '003_3526632470e2ad38.txt']) {
      expect(importMarkdown(seed(name)), name).toEqual(importMarkdown(seed(name), { fastFootnotes: false }));
    }
  }, 120_000);
});
