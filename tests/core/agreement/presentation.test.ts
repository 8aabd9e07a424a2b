/**
 * Regression tests for issue 11's presentation faults: degenerate comparisons named in words,
 * no "-0.000", distinct labels for documents sharing a title, per-pair tables for three coders,
 * and AC1 / kappa intervals in every report format.
 */
import { describe, expect, it } from 'vitest';
import { CAVEAT_TEXT, compareCodings, documentLabels, formatFigure, parseCsv, presenceCaveats, renderAgreementReport } from '../../../src/core/agreement/index.js';
import type { Coding } from '../../../src/core/model/types.js';

function coding(coderId: string, codeId: string, documentId: string, start: number, end: number): Coding {
  return { id: `${coderId}${codeId}${documentId}${start}`, documentId, codeId, coderId, start, end, exact: '', prefix: '', suffix: '', memo: '', created: '', updated: '' };
}

describe('degenerate comparisons', () => {
  it('segment units always lack uncoded units: 70% identical segments give kappa 0, and the caveat says so', () => {
    // 7 segments both coded identically, 3 coded by A only: no unit is "neither".
    const codings: Coding[] = [];
    for (let i = 0; i < 7; i++) codings.push(coding('A', 'c', 'd', i * 100, i * 100 + 50), coding('B', 'c', 'd', i * 100, i * 100 + 50));
    for (let i = 7; i < 10; i++) codings.push(coding('A', 'c', 'd', i * 100, i * 100 + 50));
    const seg = compareCodings(codings, [{ id: 'd', length: 1000 }], ['A', 'B'], ['c'], 'segment');
    if (!seg.ok) throw new Error(seg.error.message);
    expect(seg.value.pooled.percent.value).toBeCloseTo(0.7, 12);
    expect(seg.value.pooled.kappa.value === null || Math.abs(seg.value.pooled.kappa.value) < 1e-12).toBe(true);
    expect(seg.value.pooled.caveats).toContain('no-uncoded-units');
    const chars = compareCodings(codings, [{ id: 'd', length: 1000 }], ['A', 'B'], ['c'], 'character');
    if (!chars.ok) throw new Error(chars.error.message);
    expect(chars.value.pooled.caveats).toEqual([]);
    expect(chars.value.pooled.kappa.value).toBeGreaterThan(0.6);
  });

  it('names codes the coders never agree on, codes only one coder used, and codes nobody used', () => {
    expect(
      presenceCaveats({
        coders: ['a', 'b'],
        units: [
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      }),
    ).toEqual(['never-agree']);
    expect(
      presenceCaveats({
        coders: ['a', 'b'],
        units: [
          [1, 0],
          [0, 0],
        ],
      }),
    ).toEqual(['one-coder-only']);
    expect(presenceCaveats({ coders: ['a', 'b'], units: [[0, 0]] })).toEqual(['nobody-coded']);
    expect(
      presenceCaveats({
        coders: ['a', 'b'],
        units: [
          [1, 1],
          [0, 0],
        ],
      }),
    ).toEqual([]);
    expect(presenceCaveats({ coders: ['a', 'b'], units: [[3, 1]] })).toEqual([]);
    for (const text of Object.values(CAVEAT_TEXT)) expect(text).toMatch(/^[a-z].*[a-z)]$/);
  });
});

describe('formatting', () => {
  it('never prints a negative zero', () => {
    expect(formatFigure(-0.0001)).toBe('0.000');
    expect(formatFigure(-0)).toBe('0.000');
    expect(formatFigure(-0.0006)).toBe('-0.001');
    expect(formatFigure(null)).toBe('n/a');
    expect(formatFigure(0.5, 2)).toBe('0.50');
  });

  it('labels documents that share a title with their id, others by title alone', () => {
    const labels = documentLabels([
      { id: 'd_aaa111', title: 'Ecuador' },
      { id: 'd_bbb222', title: 'Ecuador ' },
      { id: 'd_ccc', title: 'Peru' },
    ]);
    expect(labels.get('d_aaa111')).toBe('Ecuador [d_aaa111]');
    expect(labels.get('d_bbb222')).toBe('Ecuador [d_bbb222]');
    expect(labels.get('d_ccc')).toBe('Peru');
    expect(
      documentLabels(
        [
          { id: 'd_aaa111', title: 'E' },
          { id: 'd_bbb222', title: 'E' },
        ],
        3,
      ).get('d_aaa111'),
    ).toBe('E [d_aaa]');
  });
});

const three = compareCodings(
  [coding('A', 'c1', 'd1', 0, 40), coding('B', 'c1', 'd1', 5, 40), coding('C', 'c1', 'd1', 0, 20), coding('A', 'c2', 'd2', 50, 60), coding('B', 'c2', 'd2', 70, 80)],
  [
    { id: 'd1', length: 100 },
    { id: 'd2', length: 100 },
  ],
  ['A', 'B', 'C'],
  ['c1', 'c2'],
  'character',
);
if (!three.ok) throw new Error(three.error.message);

describe('coder pairs', () => {
  it('a three-coder comparison carries every pair, each equal to that two-coder comparison', () => {
    const pairs = three.value.pairs ?? [];
    expect(pairs.map((p) => `${p.coderA}${p.coderB}`)).toEqual(['AB', 'AC', 'BC']);
    const ab = compareCodings(
      [coding('A', 'c1', 'd1', 0, 40), coding('B', 'c1', 'd1', 5, 40), coding('A', 'c2', 'd2', 50, 60), coding('B', 'c2', 'd2', 70, 80)],
      [
        { id: 'd1', length: 100 },
        { id: 'd2', length: 100 },
      ],
      ['A', 'B'],
      ['c1', 'c2'],
      'character',
    );
    if (!ab.ok) throw new Error();
    expect(pairs[0]?.pooled.kappa.value).toBeCloseTo(ab.value.pooled.kappa.value ?? NaN, 12);
    expect(pairs[0]?.pooled.kappa.metric).toBe('cohen');
    expect(pairs[0]?.pooled.kappa.interval).toBeDefined();
    expect(pairs[0]?.perCode[1]?.gwet.value).toBeCloseTo(ab.value.perCode[1]?.gwet.value ?? NaN, 12);
    expect(ab.value.pairs).toBeUndefined();
  });
});

describe('the report', () => {
  const twoEcuadors = compareCodings(
    [coding('A', 'c1', 'd_one', 0, 40), coding('B', 'c1', 'd_one', 0, 40), coding('A', 'c1', 'd_two', 0, 10), coding('B', 'c1', 'd_two', 50, 60)],
    [
      { id: 'd_one', length: 100 },
      { id: 'd_two', length: 100 },
    ],
    ['A', 'B'],
    ['c1'],
    'character',
  );
  if (!twoEcuadors.ok) throw new Error();
  const input = { comparison: twoEcuadors.value, date: '2026-01-01', codebookVersion: 1, coderNames: { A: 'Ann', B: 'Bo' }, codeNames: { c1: 'Code' }, documentTitles: { d_one: 'Ecuador', d_two: 'Ecuador' } };

  it('tells the two Ecuador documents apart in every format', () => {
    const md = renderAgreementReport(input, 'md');
    expect(md).toContain('Ecuador \\[d\\_one\\]');
    expect(md).toContain('Ecuador \\[d\\_two\\]');
    const html = renderAgreementReport(input, 'html');
    expect(html).toContain('<td>Ecuador [d_one]</td>');
    const rows = parseCsv(renderAgreementReport(input, 'csv'));
    if (!rows.ok) throw new Error();
    const [header, ...body] = rows.value;
    const docId = header?.indexOf('document_id') ?? -1;
    expect(new Set(body.filter((r) => r[3] === 'document').map((r) => r[docId]))).toEqual(new Set(['d_one', 'd_two']));
  });

  it("reports kappa with its interval and Gwet's AC1 with its interval, and names never-agree cells", () => {
    const md = renderAgreementReport(input, 'md');
    expect(md).toMatch(/- Cohen's kappa: -?\d\.\d{3} \\\[-?\d\.\d{3}, \d\.\d{3}\\\]/);
    expect(md).toMatch(/- Gwet's AC1: \d\.\d{3} \\\[-?\d\.\d{3}, \d\.\d{3}\\\]/);
    expect(md).toMatch(/\| AC1 \| AC1 interval \|/);
    expect(md).toContain('coders never agree');
    expect(md).not.toMatch(/-0\.000/);
    const rows = parseCsv(renderAgreementReport(input, 'csv'));
    if (!rows.ok) throw new Error();
    const [header, ...body] = rows.value;
    const ac1 = body.find((r) => r[3] === 'pooled' && r[6] === 'ac1');
    expect(Number(ac1?.[7])).toBeCloseTo(twoEcuadors.value.pooled.gwet.value ?? NaN, 12);
    expect(ac1?.[header?.indexOf('standard_error') ?? -1]).not.toBe('');
    const neverCell = body.find((r) => r[3] === 'cell' && r[5] === 'Ecuador [d_two]');
    expect(neverCell?.[header?.indexOf('caveats') ?? -1]).toBe('never-agree');
  });

  it('puts a segment comparison under a warning in words', () => {
    const seg = compareCodings([coding('A', 'c1', 'd_one', 0, 40), coding('B', 'c1', 'd_one', 0, 40)], [{ id: 'd_one', length: 100 }], ['A', 'B'], ['c1'], 'segment');
    if (!seg.ok) throw new Error();
    const md = renderAgreementReport({ ...input, comparison: seg.value }, 'md');
    expect(md).toMatch(/^> Warning: every unit was coded by at least one coder/m);
    expect(renderAgreementReport({ ...input, comparison: seg.value }, 'html')).toContain('<p class="warning">Warning: every unit was coded');
  });

  it('has per-pair sections for three coders', () => {
    const md = renderAgreementReport({ ...input, comparison: three.value, coderNames: { A: 'Ann', B: 'Bo', C: 'Cy' } }, 'md');
    expect(md).toContain('## Per coder pair');
    expect(md).toMatch(/\| Ann \/ Cy \| all \| all \|/);
  });
});
