import { describe, expect, it } from 'vitest';
import { barLength, chartRows, coveragePercent } from '../../../../src/renderer/src/features/workflow/frequency-chart.js';
import type { CodeCaseCounts } from '../../../../src/core/matrix/counts.js';

const table: CodeCaseCounts = {
  codes: [
    { id: 'c1', path: 'Outcomes/Legislation', depth: 1, color: '#0072b2' },
    { id: 'c2', path: 'Concerns', depth: 0, color: '#d55e00' },
    { id: 'c3', path: 'Unused', depth: 0, color: '#000000' },
  ],
  cases: [
    { id: 'd1', name: 'A' },
    { id: 'd2', name: 'B' },
  ],
  counts: [
    [2, 1],
    [0, 3],
    [0, 0],
  ],
  distinct: [
    [1, 1],
    [0, 2],
    [0, 0],
  ],
  coverage: [
    [0.5, 0.1],
    [0, 0.25],
    [0, 0],
  ],
};

describe('the frequency and coverage chart', () => {
  it('sums passages and codings over documents and weights coverage by document length', () => {
    const rows = chartRows(table, [100, 300]);
    expect(rows.map((r) => [r.label, r.passages, r.codings])).toEqual([
      ['Legislation', 2, 3],
      ['Concerns', 2, 3],
    ]);
    // (0.5·100 + 0.1·300) / 400 = 0.2; (0.25·300) / 400 = 0.1875
    expect(rows.map((r) => r.coverage)).toEqual([0.2, 0.1875]);
  });

  it('leaves out codes with nothing coded, and has zero coverage without text', () => {
    expect(chartRows(table, [0, 0]).map((r) => r.coverage)).toEqual([0, 0]);
    expect(
      chartRows(
        {
          ...table,
          counts: [
            [0, 0],
            [0, 0],
            [0, 0],
          ],
        },
        [1, 1],
      ),
    ).toEqual([]);
  });

  it('scales bars to the largest, with a visible sliver for small values', () => {
    expect(barLength(10, 10, 200)).toBe(200);
    expect(barLength(5, 10, 200)).toBe(100);
    expect(barLength(0.001, 10, 200)).toBe(2);
    expect(barLength(0, 10, 200)).toBe(0);
    expect(barLength(3, 0, 200)).toBe(0);
  });

  it('writes coverage as a percentage', () => {
    expect(coveragePercent(0.1875)).toBe('18.8 %');
    expect(coveragePercent(0.0001)).toBe('<0.1 %');
    expect(coveragePercent(0)).toBe('0.0 %');
  });
});
