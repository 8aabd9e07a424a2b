/**
 * The character-level reliability CSV writes runs of identical units once, with a weight column
 * and a comment saying how to expand them in R, and reads back to the same figures.
 */
import { describe, expect, it } from 'vitest';
import { cohenKappa, compareCodings, gwetAC, krippendorffAlpha, parseReliabilityCsv, reliabilityCsv } from '../../../src/core/agreement/index.js';
import type { Coding } from '../../../src/core/model/types.js';

function coding(coderId: string, codeId: string, start: number, end: number): Coding {
  return { id: `${coderId}${codeId}${start}`, documentId: 'd', codeId, coderId, start, end, exact: '', prefix: '', suffix: '', memo: '', created: '', updated: '' };
}

describe('weighted reliability CSV', () => {
  // A 200,000-character document: one line per character would be 200,001 lines.
  const codings = [coding('A', 'c', 1000, 50_000), coding('B', 'c', 1200, 52_000), coding('A', 'k', 90_000, 91_000), coding('B', 'k', 150_000, 151_000)];
  const cmp = compareCodings(codings, [{ id: 'd', length: 200_000 }], ['A', 'B'], ['c', 'k'], 'character');
  if (!cmp.ok) throw new Error(cmp.error.message);
  const data = { ...cmp.value.pooled.data, coders: ['Ann', 'Bo'] };
  const text = reliabilityCsv(data);

  it('writes one line per run, not per character, under a comment on reading it in R', () => {
    const lines = text.trim().split('\n');
    const comments = lines.filter((l) => l.startsWith('#'));
    expect(comments.join('\n')).toMatch(/rep\(seq_len\(nrow\(d\)\), d\$weight\)/);
    expect(comments.join('\n')).toMatch(/comment\.char = "#"/);
    expect(lines[comments.length]).toBe('unit,weight,Ann,Bo');
    expect(lines.length - comments.length - 1).toBe(data.units.length);
    expect(lines.length).toBeLessThan(30);
    expect(text.length).toBeLessThan(3000);
    expect(lines).toContain('d:c:1000,200,1,0');
  });

  it('reads back to the same kappa, AC1 and alpha, weights included', () => {
    const back = parseReliabilityCsv(text, 'nominal');
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.weights?.reduce((s, w) => s + w, 0)).toBe(400_000);
    expect(krippendorffAlpha(back.value).value).toBeCloseTo(cmp.value.pooled.alpha.value ?? NaN, 12);
    expect(cohenKappa(back.value).value).toBeCloseTo(cmp.value.pooled.kappa.value ?? NaN, 12);
    expect(gwetAC(back.value, { categories: ['0', '1'] }).value).toBeCloseTo(cmp.value.pooled.gwet.value ?? NaN, 12);
  });

  it('refuses a bad weight with the line it is on, and keeps unweighted data in the plain form', () => {
    const bad = parseReliabilityCsv('# note\nunit,weight,A,B\nu1,0,1,1\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe('CSV: row 3: the weight must be a positive whole number, got "0"');
    expect(reliabilityCsv({ coders: ['A', 'B'], units: [[1, 0]], weights: [1] })).toBe('unit,A,B\n1,1,0\n');
  });
});
