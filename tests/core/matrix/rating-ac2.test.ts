/**
 * Gwet's AC2 (ordinal weights) on matrix ratings, beside ordinal alpha (issue 11). Expected values:
 * an independent rational recomputation of Gwet's formulas (Handbook of Inter-Rater Reliability,
 * 2014; irrCAC `gwet.ac1.raw(weights = "ordinal")`) on the fixture's cells, scale positions 0–3:
 * p_a = 13/14, p_e = 143/216, AC2 = 403/511, se = 0.16706772606954619.
 */
import { describe, expect, it } from 'vitest';
import { ratingAC2 } from '../../../src/core/matrix/reliability.js';
import { ratedProject } from './fixture-project.js';

describe('rating AC2', () => {
  it('reports AC2 with ordinal weights and its interval over the same cells as alpha', () => {
    const r = ratingAC2(ratedProject(), 'mx-a6-outcomes');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.metric).toBe('ac2');
    expect(r.value.value).toBeCloseTo(403 / 511, 12);
    expect(r.value.details?.pa).toBeCloseTo(13 / 14, 12);
    expect(r.value.details?.pe).toBeCloseTo(143 / 216, 12);
    expect(Math.abs((r.value.details?.se ?? NaN) - 0.16706772606954619)).toBeLessThan(1e-9);
    expect(Math.abs((r.value.interval?.lower ?? NaN) - 0.40339083928239531)).toBeLessThan(1e-9);
    expect(r.value.units).toBe(7);
    const one = ratingAC2(ratedProject(), 'mx-a6-outcomes', ['u-ana']);
    expect(!one.ok && one.error.message).toMatch(/two coders/);
  });
});
