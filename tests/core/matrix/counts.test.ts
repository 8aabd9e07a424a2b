import { describe, expect, it } from 'vitest';
import { codeCaseCounts, coOccurrence, unionLength } from '../../../src/core/matrix/counts.js';
import { baseProject, codingOf, TEXTS } from './fixture-project.js';

describe('unionLength', () => {
  it('merges overlapping and nested intervals', () => {
    expect(
      unionLength([
        [0, 5],
        [3, 8],
        [10, 12],
        [10, 11],
      ]),
    ).toBe(10);
    expect(unionLength([[5, 6]])).toBe(1);
    expect(unionLength([])).toBe(0);
  });
});

describe('codeCaseCounts', () => {
  it('counts passages per code and case, rolling descendants into parents', () => {
    const r = codeCaseCounts(baseProject());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const row = (path: string): number[] => r.value.counts[r.value.codes.findIndex((c) => c.path === path)] ?? [];
    expect(r.value.cases.map((c) => c.name)).toEqual(['Argentina', 'Armenia', 'Chad']);
    expect(row('Outcomes/Legislation')).toEqual([2, 2, 1]);
    expect(row('Outcomes')).toEqual([3, 3, 2]);
    expect(row('Concerns')).toEqual([0, 2, 0]);
    const flat = codeCaseCounts(baseProject(), { includeDescendants: false });
    expect(flat.ok && flat.value.counts[flat.value.codes.findIndex((c) => c.path === 'Outcomes')]).toEqual([0, 0, 1]);
  });

  it('computes coverage as the union of coded characters over the case text', () => {
    const data = baseProject();
    const r = codeCaseCounts(data, { codeIds: ['sd-legislation'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = TEXTS['d-arg']!;
    const a = data.codings.find((c) => c.id === 'c1')!;
    const b = data.codings.find((c) => c.id === 'c2')!;
    const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
    expect(r.value.coverage[0]?.[0]).toBeCloseTo(union / text.length, 12);
  });

  it('filters by coder and rejects unknown ids', () => {
    const r = codeCaseCounts(baseProject(), { coderIds: ['u-ben'], codeIds: ['sd-legislation'] });
    expect(r.ok && r.value.counts).toEqual([[1, 1, 0]]);
    expect(codeCaseCounts(baseProject(), { coderIds: ['x'] }).ok).toBe(false);
    expect(codeCaseCounts(baseProject(), { codeIds: ['x'] }).ok).toBe(false);
    expect(codeCaseCounts(baseProject(), { caseIds: ['x'] }).ok).toBe(false);
  });
});

describe('coOccurrence', () => {
  const texts = new Map(Object.entries(TEXTS));

  it('counts overlapping codings of one coder, never across coders', () => {
    const r = coOccurrence(baseProject(), { rule: 'overlap', codeIds: ['sd-norms-practices', 'sd-concerns', 'sd-legislation'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const at = (a: string, b: string): number => r.value.counts[r.value.codes.findIndex((c) => c.id === a)]?.[r.value.codes.findIndex((c) => c.id === b)] ?? -1;
    expect(at('sd-norms-practices', 'sd-concerns')).toBe(1); // c7 and c10, both Ben
    expect(at('sd-concerns', 'sd-norms-practices')).toBe(1);
    expect(at('sd-legislation', 'sd-legislation')).toBe(5);
    expect(at('sd-legislation', 'sd-concerns')).toBe(0);
  });

  it('counts shared paragraphs, which needs the texts', () => {
    const data = baseProject();
    data.codings.push(codingOf('p1', 'd-arm', 'Officials asked how to reach Tier 1', 'sd-direct-diplomacy', 'u-ana'));
    const r = coOccurrence(data, { rule: 'paragraph', texts, codeIds: ['sd-direct-diplomacy', 'sd-concerns'] });
    expect(r.ok && r.value.counts).toEqual([
      [2, 1],
      [1, 2],
    ]);
    const missing = coOccurrence(data, { rule: 'paragraph' });
    expect(!missing.ok && missing.error.message).toMatch(/needs the text/);
  });
});
