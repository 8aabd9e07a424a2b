import { describe, expect, it } from 'vitest';
import { ratingAgreement, ratingReliabilityData } from '../../../src/core/matrix/reliability.js';
import { ratedProject } from './fixture-project.js';

describe('rating reliability data', () => {
  it('has one unit per cell, scale indexes as values, and not applicable as missing', () => {
    const r = ratingReliabilityData(ratedProject(), 'mx-a6-outcomes');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.coders).toEqual(['Ana', 'Ben']);
    expect(r.value.unitIds?.[0]).toBe('Argentina / Outcomes/Legislation');
    expect(r.value.units).toEqual([
      [3, 3],
      [2, 3],
      [1, 1],
      [3, 2],
      [2, 2],
      [2, 3],
      [0, 0],
      [null, 0],
      [0, null],
    ]);
  });

  it('reports ordinal alpha over the pairable cells and rejects fewer than two coders', () => {
    const a = ratingAgreement(ratedProject(), 'mx-a6-outcomes');
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.value).toMatchObject({ metric: 'alpha', level: 'ordinal', units: 7, coders: 2 });
    // Worked by hand (Krippendorff 2011, "Computing Krippendorff's alpha-reliability", ordinal metric):
    // marginals n0=2, n1=2, n2=5, n3=5 (n=14); the only off-diagonal coincidences are o23=o32=3,
    // delta²(2,3) = (n2+n3 − (n2+n3)/2)² = 25, so D_o = 6·25/14; D_e = 5782/182; alpha = 1 − D_o/D_e.
    expect(a.value.value).toBeCloseTo(1 - 150 / 14 / (5782 / 182), 12);
    const one = ratingAgreement(ratedProject(), 'mx-a6-outcomes', ['u-ana']);
    expect(!one.ok && one.error.message).toMatch(/two coders/);
    expect(ratingReliabilityData(ratedProject(), 'mx-a6-outcomes', ['u-ana', 'u-ana']).ok).toBe(false);
  });
});
