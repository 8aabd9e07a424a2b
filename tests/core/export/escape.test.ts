import fc from 'fast-check';
import Papa from 'papaparse';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, toCsv } from '../../../src/core/export/escape.js';
import { latexText } from '../../../src/core/export/latex-text.js';

describe('escaping holds for arbitrary text (property tests)', () => {
  it('CSV round-trips through papaparse, up to the formula guard', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = Papa.parse<string[]>(toCsv(rows), { newline: '\r\n', delimiter: ',' });
        const back = parsed.data.slice(0, rows.length);
        const expected = rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
        expect(back).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('LaTeX output has no unescaped special character and is pure ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        let out = latexText(s).tex;
        // strip what latexText writes on purpose: accent commands (innermost first), \command{}, \ensuremath{\x}, escaped specials, -{}-, code points
        for (let prev = ''; prev !== out;) {
          prev = out;
          out = out.replace(/\\[`'^"~=.uvHcdbkr]\{(?:[A-Za-z]|\\[ij])\}/g, 'x');
        }
        out = out.replace(/\\ensuremath\{\\[a-z]+\}|\\[a-zA-Z]+\{\}|\\[&%$#_{}]|\{\}-|\[U\+[0-9A-F]{4,6}(?: U\+[0-9A-F]{4,6})*\]/g, '');
        expect(out).not.toMatch(/[\\&%$#_{}~^<>|\n\r]/);
        expect(out).toMatch(/^[\x20-\x7e]*$/);
      }),
      { numRuns: 500 },
    );
  });

  it('XML text stays well-formed and reads back', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const xml = `<r><t>${escapeXml(s)}</t></r>`;
        expect(XMLValidator.validate(xml)).toBe(true);
        const parsed = new XMLParser({ parseTagValue: false, trimValues: false, htmlEntities: true }).parse(xml) as { r: { t: string | number } };
        const want = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
        expect(String(parsed.r.t ?? '')).toBe(want);
      }),
      { numRuns: 300 },
    );
  });
});
