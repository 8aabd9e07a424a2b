import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findAutolinks } from '../../../src/core/import/autolink.js';
import { importMarkdown } from '../../../src/core/import/markdown.js';

const links = (text: string): [string, string][] => findAutolinks(text).flatMap((p) => (p.href === undefined ? [] : [[p.text, p.href] as [string, string]]));

describe('findAutolinks', () => {
  it('finds http(s), www and e-mail literals and leaves trailing punctuation outside', () => {
    expect(links('See https://e.org/a?b=1. And www.state.gov/j/tip, or (http://x.org/p_(1)) ok')).toEqual([
      ['https://e.org/a?b=1', 'https://e.org/a?b=1'],
      ['www.state.gov/j/tip', 'http://www.state.gov/j/tip'],
      ['http://x.org/p_(1)', 'http://x.org/p_(1)'],
    ]);
    expect(links('Write to ana.b+tip@mail.example.org; thanks')).toEqual([['ana.b+tip@mail.example.org', 'mailto:ana.b+tip@mail.example.org']]);
    expect(links('a URL after a footnote number: ¹⁹³http://example.com/x; next')).toEqual([['http://example.com/x', 'http://example.com/x']]);
    expect(links('http://e.org/a&amp; and "https://e.org/q?x=1"')).toEqual([
      ['http://e.org/a', 'http://e.org/a'],
      ['https://e.org/q?x=1', 'https://e.org/q?x=1'],
    ]);
  });

  it('does not link what GFM would not', () => {
    expect(links('xhttp://e.org nohttps://e.org awww.e.org www. http://under_score.e_x.org @handle a@b')).toEqual([]);
    expect(links('plain prose without any links at all.')).toEqual([]);
  });

  it('never changes the text: the pieces concatenate to the input (property)', () => {
    const alphabet = fc.constantFrom('h', 't', 'p', 's', ':', '/', 'w', '.', '@', '(', ')', ' ', 'a', 'e', 'o', ';', '&', '_', '*', '~', 'x');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join('')),
        (s) => {
          const pieces = findAutolinks(s);
          expect(pieces.map((p) => p.text).join('')).toBe(s);
          for (const p of pieces) if (p.href !== undefined) expect(p.text.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('Markdown import links bare URLs (not inside code or existing links) with safe hrefs only', () => {
    const doc = JSON.stringify(importMarkdown('Bare https://e.org/x. Code `https://no.org` and [named](https://named.org) www.ok.org\n').doc);
    expect(doc).toContain('"href":"https://e.org/x"');
    expect(doc).toContain('"href":"http://www.ok.org"');
    expect(doc).not.toContain('"href":"https://no.org"');
    expect((doc.match(/"type":"link"/g) ?? []).length).toBe(3);
  });
});
