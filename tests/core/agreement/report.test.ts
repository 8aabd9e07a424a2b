import { describe, expect, it } from 'vitest';
import { compareCodings, parseCsv, renderAgreementReport } from '../../../src/core/agreement/index.js';
import type { Coding } from '../../../src/core/model/types.js';

function coding(coderId: string, codeId: string, start: number, end: number): Coding {
  return { id: `${coderId}${codeId}${start}`, documentId: 'd1', codeId, coderId, start, end, exact: '', prefix: '', suffix: '', memo: '', created: '', updated: '' };
}

const cmp = compareCodings([coding('A', 'c1', 0, 40), coding('B', 'c1', 5, 40), coding('A', 'c2', 50, 60), coding('B', 'c2', 70, 80)], [{ id: 'd1', length: 100 }], ['A', 'B'], ['c1', 'c2'], 'segment', {
  bootstrap: { samples: 100, seed: 1 },
});
if (!cmp.ok) throw new Error(cmp.error.message);
const input = {
  comparison: cmp.value,
  date: '2025-01-31',
  codebookVersion: 7,
  title: 'Scorecard <diplomacy> & "agreement"',
  coderNames: { A: 'Ann <script>alert(1)</script>', B: 'Bo' },
  codeNames: { c1: 'Outcomes/Legislation', c2: 'Concerns, minor' },
  documentTitles: { d1: 'Ecuador' },
};

describe('agreement report', () => {
  it('Markdown has parameters, definitions, pooled and per-code figures, date and codebook version', () => {
    const md = renderAgreementReport(input, 'md');
    expect(md).toMatch(/\*\*Date:\*\* 2025-01-31/);
    expect(md).toMatch(/\*\*Codebook version:\*\* 7/);
    expect(md).toMatch(/Overlap threshold:\*\* 90%/);
    expect(md).toMatch(/mean pairwise/);
    expect(md).toMatch(/\| Outcomes\/Legislation \| all \|/);
    expect(md).toMatch(/## Per code and document/);
    expect(md).toMatch(/Row agreement/);
  });

  it('HTML is self-contained and escapes every name', () => {
    const html = renderAgreementReport(input, 'html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('Ann &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Scorecard &lt;diplomacy&gt; &amp; &quot;agreement&quot;');
    expect(html).not.toMatch(/(src|href)=/);
    expect(html).toMatch(/Content-Security-Policy/);
  });

  it('CSV is tidy: one figure per row, parseable, with reasons for undefined values', () => {
    const text = renderAgreementReport(input, 'csv');
    const rows = parseCsv(text);
    if (!rows.ok) throw new Error();
    const [header, ...body] = rows.value;
    expect(header?.slice(0, 7)).toEqual(['date', 'codebook_version', 'unit', 'scope', 'code', 'document', 'statistic']);
    expect(body.every((r) => r.length === header?.length)).toBe(true);
    expect(body.some((r) => r[4] === 'Concerns, minor')).toBe(true);
    const pooledAlpha = body.find((r) => r[3] === 'pooled' && r[6] === 'alpha');
    expect(Number(pooledAlpha?.[7])).toBeCloseTo(cmp.value.pooled.alpha.value ?? NaN, 12);
    expect(pooledAlpha?.[11]).not.toBe('');
    const undefinedRow = body.find((r) => r[7] === '');
    if (undefinedRow) expect(undefinedRow[8]).toMatch(/\w/);
  });
});
