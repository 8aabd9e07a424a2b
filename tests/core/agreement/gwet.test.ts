/**
 * Gwet's AC1/AC2 and the analytic intervals of the kappa family, against published values.
 *
 * Sources of the published figures (each at the rounding it was published with):
 * - "raw4raters": Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., p. 120 (4 raters,
 *   12 subjects, missing ratings; also Krippendorff 2011's matrix), shipped with Gwet's R package
 *   irrCAC 1.0 as `cac.raw4raters`. AC1 0.77544 (se 0.14295, 95% CI 0.46081–1, p_a 0.81818,
 *   p_e 0.19032); AC2 quadratic 0.914 (se 0.10396, CI 0.68518–1, p_a 0.97538, p_e 0.7137);
 *   Fleiss 0.76117 (se 0.15302, CI 0.42438–1): the irrCAC Python port's documented outputs
 *   (afergadis/irrCAC docs/source/usage/usage_raw_data.ipynb). AC2 linear 0.859 (se 0.117, CI
 *   0.600–1, p_a 0.939, p_e 0.571) and ordinal 0.899 (se 0.107, CI 0.664–1, p_a 0.968, p_e 0.685):
 *   that port's tests (test/unit/irrCAC/raw/test_gwet.py), which check its R-derived outputs.
 * - "cont3x3abstractors" (Gwet 2014; irrCAC's overview vignette): Cohen's κ 0.7964094 (se
 *   0.05891072, CI 0.68–0.913), Scott's π 0.7962397 (se 0.05905473, CI 0.679–0.913), AC1 0.849.
 * - "cont4x4diagnosis" (Gwet 2014; irrCAC `cont4x4diagnosis`): AC1 0.456.
 * The `exact` values are an independent recomputation of the same formulas in rational arithmetic
 * (Python fractions; square root and t quantile in 40-digit mpmath / scipy), compared at 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { agreementWeightMatrix, buildDomain, linearizedCoefficient, cohenKappa, computeMetric, dataFromContingency, fleissKappa, gwetAC, scottPi, type WeightedReliabilityData } from '../../../src/core/agreement/index.js';

const N = null;
const raw4raters: WeightedReliabilityData = {
  coders: ['Rater1', 'Rater2', 'Rater3', 'Rater4'],
  units: [
    [1, 1, N, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [N, 5, 5, 5],
    [N, N, 1, 1],
    [N, N, 3, N],
  ],
};

const abstractors = dataFromContingency(
  ['Ectopic', 'AIU', 'NIU'],
  [
    [13, 0, 0],
    [0, 20, 7],
    [0, 4, 56],
  ],
);
const diagnosis = dataFromContingency(
  ['Schizophrenia', 'Bipolar Disorder', 'Depression', 'Other'],
  [
    [40, 6, 4, 15],
    [4, 25, 1, 5],
    [4, 2, 21, 9],
    [17, 13, 12, 45],
  ],
);

const near = (actual: number | null | undefined, expected: number, tolerance: number): void => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(tolerance);
};

interface Case {
  weights: 'identity' | 'quadratic' | 'linear' | 'ordinal';
  published: { value: number; se: number; lower: number; pa: number; pe: number; tol: number };
  exact: { value: number; se: number; lower: number; pa: number; pe: number };
}

const cases: Case[] = [
  {
    weights: 'identity',
    published: { value: 0.77544, se: 0.14295, lower: 0.46081, pa: 0.81818, pe: 0.19032, tol: 5e-6 },
    exact: { value: 0.77544406812699496, se: 0.14294995064076531, lower: 0.46081334813083825, pa: 0.81818181818181818, pe: 0.19032118055555556 },
  },
  {
    weights: 'quadratic',
    published: { value: 0.914, se: 0.10396, lower: 0.68518, pa: 0.97538, pe: 0.7137, tol: 5e-6 },
    exact: { value: 0.91400072355160473, se: 0.10396224464505995, lower: 0.68518136587801134, pa: 0.97537878787878788, pe: 0.71370442708333333 },
  },
  {
    weights: 'linear',
    published: { value: 0.859, se: 0.117, lower: 0.6, pa: 0.939, pe: 0.571, tol: 5e-4 },
    exact: { value: 0.85873913643261139, se: 0.11732902188136356, lower: 0.60049970042366302, pa: 0.93939393939393939, pe: 0.57096354166666667 },
  },
  {
    weights: 'ordinal',
    published: { value: 0.899, se: 0.107, lower: 0.664, pa: 0.968, pe: 0.685, tol: 5e-4 },
    exact: { value: 0.89893976990751184, se: 0.1069035238154355, lower: 0.66364670042823521, pa: 0.96818181818181818, pe: 0.68515625 },
  },
];

describe("Gwet's AC1 / AC2 (Handbook p. 120 data, irrCAC)", () => {
  for (const c of cases) {
    it(`${c.weights === 'identity' ? 'AC1' : `AC2, ${c.weights} weights`}: value, p_a, p_e, standard error and 95% interval`, () => {
      const r = gwetAC(raw4raters, { weights: c.weights });
      expect(r.metric).toBe(c.weights === 'identity' ? 'ac1' : 'ac2');
      for (const [got, key] of [
        [r.value, 'value'],
        [r.details?.pa, 'pa'],
        [r.details?.pe, 'pe'],
        [r.details?.se, 'se'],
        [r.interval?.lower, 'lower'],
      ] as const) {
        near(got, c.published[key], c.published.tol + 1e-12);
        near(got, c.exact[key], 1e-9);
      }
      expect(r.interval?.upper).toBe(1);
      expect(r.interval?.degreesOfFreedom).toBe(11);
      expect(r.units).toBe(11);
    });
  }

  // irrCAC's table functions use a two-rater variance (divisor n) and publish se 0.043 for the
  // diagnosis table; the raw-data variance used here (divisor n − 1, any number of coders) gives
  // 0.04355, so only the coefficient is compared with the published table figures.
  it('AC1 on the two-rater tables (abstractors 0.849; diagnosis 0.456)', () => {
    near(gwetAC(abstractors).value, 0.849, 5e-4);
    near(gwetAC(abstractors).value, 0.84933054823134609, 1e-9);
    const d = gwetAC(diagnosis);
    near(d.value, 0.456, 5e-4);
    near(d.value, 0.4561576354679803, 1e-9);
    near(d.details?.se, 0.043547624553509, 1e-9);
  });

  it("Gwet's weight matrices (irrCAC weights.gen.r): quadratic on 1…5, ordinal on 3 ranks", () => {
    const q = agreementWeightMatrix('quadratic', buildDomain(raw4raters));
    expect(Array.from(q.subarray(0, 5))).toEqual([1, 0.9375, 0.75, 0.4375, 0]);
    const o = agreementWeightMatrix('ordinal', buildDomain({ coders: ['a'], units: [['lo'], ['mid'], ['hi']] }, ['lo', 'mid', 'hi']));
    expect(Array.from(o.subarray(0, 3)).map((x) => x.toFixed(7))).toEqual(['1.0000000', '0.6666667', '0.0000000']);
  });

  it('is robust to prevalence where kappa is not: one category rare, declared binary categories', () => {
    // 95 units both coders said 0, 5 where they split: kappa ≈ 0 (chance agreement is high), AC1 ≈ .95.
    const data: WeightedReliabilityData = {
      coders: ['a', 'b'],
      units: [
        [0, 0],
        [1, 0],
        [0, 1],
      ],
      weights: [95, 3, 2],
    };
    expect(cohenKappa(data).value).toBeLessThan(0.01);
    expect(gwetAC(data, { categories: [0, 1] }).value).toBeGreaterThan(0.94);
  });

  it('is undefined, with a reason, for one category, no pairable unit, undeclared order or unknown categories', () => {
    expect(
      gwetAC({
        coders: ['a', 'b'],
        units: [
          [1, 1],
          [1, 1],
        ],
      }).reasonCode,
    ).toBe('too-few-categories');
    expect(
      gwetAC(
        {
          coders: ['a', 'b'],
          units: [
            [1, 1],
            [1, 1],
          ],
        },
        { categories: [0, 1] },
      ).value,
    ).toBe(1);
    expect(
      gwetAC({
        coders: ['a', 'b'],
        units: [
          [1, N],
          [N, 2],
        ],
      }).reasonCode,
    ).toBe('no-pairable-units');
    expect(gwetAC({ coders: ['a', 'b'], units: [['x', 'y']] }, { weights: 'linear' }).reasonCode).toBe('no-value-order');
    expect(gwetAC({ coders: ['a', 'b'], units: [['x', 'z']] }, { categories: ['x', 'y'] }).reasonCode).toBe('unknown-category');
  });

  it('weighted rows equal repeated rows (value and interval)', () => {
    const expanded: WeightedReliabilityData = { coders: ['a', 'b'], units: [] };
    const counts = [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ];
    const cats = ['Ectopic', 'AIU', 'NIU'];
    counts.forEach((row, i) =>
      row.forEach((n, j) => {
        for (let k = 0; k < n; k++) expanded.units.push([cats[i] ?? '', cats[j] ?? '']);
      }),
    );
    const a = gwetAC(expanded);
    const b = gwetAC(abstractors);
    near(b.value, a.value ?? NaN, 1e-12);
    near(b.interval?.lower, a.interval?.lower ?? NaN, 1e-12);
  });

  it('`computeMetric` gwet: AC1 at the nominal level, AC2 with ordinal or quadratic (interval) weights', () => {
    near(computeMetric(raw4raters, 'gwet', 'nominal').value, 0.77544406812699496, 1e-9);
    near(computeMetric(raw4raters, 'gwet', 'ordinal').value, 0.89893976990751184, 1e-9);
    near(computeMetric(raw4raters, 'gwet', 'interval').value, 0.91400072355160473, 1e-9);
    near(computeMetric(raw4raters, 'gwet', 'nominal', { weights: 'linear' }).value, 0.85873913643261139, 1e-9);
    expect(computeMetric(raw4raters, 'gwet', 'ratio').reasonCode).toBe('invalid-input');
  });
});

describe('analytic intervals of the kappa family', () => {
  it("Cohen's kappa, abstractors table: 0.7964094, se 0.05891072, 95% CI (0.68, 0.913)", () => {
    const r = cohenKappa(abstractors);
    near(r.value, 0.7964094, 5e-8);
    near(r.details?.se, 0.05891072, 5e-9);
    near(r.details?.se, 0.058910718326081467, 1e-9);
    near(r.interval?.lower, 0.68, 5e-4);
    near(r.interval?.lower, 0.6795177562512284, 1e-9);
    near(r.interval?.upper, 0.913, 5e-4);
    near(r.interval?.upper, 0.91330104811671533, 1e-9);
    expect(r.interval?.degreesOfFreedom).toBe(99);
  });

  it("Scott's pi, abstractors table: 0.7962397, se 0.05905473, 95% CI (0.679, 0.913)", () => {
    const r = scottPi(abstractors);
    near(r.value, 0.7962397, 5e-8);
    near(r.details?.se, 0.05905473, 5e-9);
    near(r.interval?.lower, 0.679, 5e-4);
    near(r.interval?.lower, 0.67906229330886237, 1e-9);
    near(r.interval?.upper, 0.91341709911495906, 1e-9);
  });

  it("Cohen's kappa, diagnosis table (exact recomputation)", () => {
    const r = cohenKappa(diagnosis);
    near(r.value, 0.43150077588117934, 1e-9);
    near(r.details?.se, 0.045969181562379004, 1e-9);
    near(r.interval?.lower, 0.34090896981937322, 1e-9);
  });

  it("Fleiss' kappa with missing ratings (irrCAC fleiss.kappa.raw on the Handbook p. 120 data): 0.76117, se 0.15302, CI 0.42438–1", () => {
    const domain = buildDomain(raw4raters);
    const r = linearizedCoefficient(raw4raters, domain, agreementWeightMatrix('identity', domain), 'fleiss');
    near(r.value, 0.76117, 5e-6);
    near(r.value, 0.76116927542241111, 1e-9);
    near(r.standardError, 0.15302, 5e-6);
    near(r.standardError, 0.15301920346949241, 1e-9);
  });

  it("Fleiss' kappa on complete data carries that interval (exact recomputation)", () => {
    const complete: WeightedReliabilityData = { coders: raw4raters.coders, units: raw4raters.units.filter((row) => row.every((v) => v !== null)) };
    const r = fleissKappa(complete);
    near(r.value, 0.64145658263305322, 1e-9);
    near(r.details?.se, 0.18557127326594227, 1e-9);
    near(r.interval?.lower, 0.20265024946945449, 1e-9);
    expect(r.interval?.upper).toBe(1);
  });
});
