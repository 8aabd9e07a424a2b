import fc from 'fast-check';
import Papa from 'papaparse';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeLatex, escapeXml, toCsv } from '../../../src/core/export/escape.js';

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

  it('LaTeX output has no unescaped special character', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = escapeLatex(s).replace(/\\textbackslash\{\}|\\textasciitilde\{\}|\\textasciicircum\{\}|\\textless\{\}|\\textgreater\{\}|\\textbar\{\}|\\[&%$#_{}]/g, '');
        expect(out).not.toMatch(/[\\&%$#_{}~^<>|\n\r]/);
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
