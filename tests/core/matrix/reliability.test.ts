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
      [3, 3], [2, 3], [1, 1],
      [3, 2], [2, 2], [2, 3],
      [0, 0], [null, 0], [0, null],
    ]);
  });

  it('reports ordinal alpha over the pairable cells and rejects fewer than two coders', () => {
    const a = ratingAgreement(ratedProject(), 'mx-a6-outcomes');
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.value).toMatchObject({ metric: 'alpha', level: 'ordinal', units: 7, coders: 2 });
    const one = ratingAgreement(ratedProject(), 'mx-a6-outcomes', ['u-ana']);
    expect(!one.ok && one.error.message).toMatch(/two coders/);
    expect(ratingReliabilityData(ratedProject(), 'mx-a6-outcomes', ['u-ana', 'u-ana']).ok).toBe(false);
  });
});
