import { describe, expect, it } from 'vitest';
import { brennanPrediger, brennanPrediger2, cohenKappa, dataFromContingency, fleissKappa, pairwiseCohen, percentAgreement, scottPi, type WeightedReliabilityData } from '../../../src/core/agreement/index.js';

// tidycomm m2n data (3 coders × 9 units), units × coders.
const m2n: WeightedReliabilityData = {
  coders: ['a', 'b', 'c'],
  units: [
    [1, 1, 1],
    [2, 2, 2],
    [4, 3, 3],
    [1, 1, 1],
    [2, 2, 2],
    [1, 1, 2],
    [1, 1, 1],
    [1, 2, 1],
    [2, 2, 2],
  ],
};

describe('two-coder kappas', () => {
  it("Cohen's table and intermediates (Cohen 1960 p.45: p_o .70, p_e .41)", () => {
    const data = dataFromContingency(
      [1, 2, 3],
      [
        [88, 14, 18],
        [10, 40, 10],
        [2, 6, 12],
      ],
    );
    const r = cohenKappa(data, { withTable: true });
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.41, 12);
    expect(r.table).toEqual({
      kind: 'contingency',
      rowLabels: ['1', '2', '3'],
      columnLabels: ['1', '2', '3'],
      counts: [
        [88, 14, 18],
        [10, 40, 10],
        [2, 6, 12],
      ],
    });
  });

  it('refuses other than two coders unless a pair is named, and then matches the 2-coder value', () => {
    expect(cohenKappa(m2n).reasonCode).toBe('needs-two-coders');
    expect(scottPi(m2n).value).toBeNull();
    const pair = cohenKappa(m2n, { pair: [0, 2] }).value;
    const direct = cohenKappa({ coders: ['a', 'c'], units: m2n.units.map((r) => [r[0] ?? null, r[2] ?? null]) }).value;
    expect(pair).toBeCloseTo(direct ?? NaN, 15);
  });

  it("Light's kappa = NLTK kappa() on tidycomm m2n (0.6301020408163266)", () => {
    const { pairs, light } = pairwiseCohen(m2n);
    expect(pairs).toHaveLength(3);
    expect(light.value).toBeCloseTo(0.6301020408163266, 12);
  });

  it('is undefined when both coders used one identical category (p_e = 1), not 1', () => {
    const r = cohenKappa({
      coders: ['a', 'b'],
      units: [
        ['x', 'x'],
        ['x', 'x'],
      ],
    });
    expect(r.value).toBeNull();
    expect(r.reasonCode).toBe('single-value');
    expect(scottPi({ coders: ['a', 'b'], units: [['x', 'x']] }).value).toBeNull();
  });

  it('skips units either coder left missing; none left → null', () => {
    expect(
      cohenKappa({
        coders: ['a', 'b'],
        units: [
          [1, null],
          [null, 2],
        ],
      }).reasonCode,
    ).toBe('no-pairable-units');
    const r = cohenKappa({
      coders: ['a', 'b'],
      units: [
        [1, 1],
        [2, 2],
        [1, null],
        [1, 2],
      ],
    });
    expect(r.units).toBe(3);
  });
});

describe('Brennan–Prediger', () => {
  it('needs a declared q ≥ 2 and at least as many categories as used', () => {
    const data = dataFromContingency(
      ['a', 'b', 'c'],
      [
        [2, 1, 0],
        [0, 3, 1],
        [0, 0, 1],
      ],
    );
    expect(brennanPrediger(data, undefined).reasonCode).toBe('too-few-categories');
    expect(brennanPrediger(data, 1).reasonCode).toBe('too-few-categories');
    expect(brennanPrediger(data, 2).reasonCode).toBe('unknown-category');
    expect(brennanPrediger(data, 3).value).toBeCloseTo((6 / 8 - 1 / 3) / (2 / 3), 12);
    expect(brennanPrediger2(data, 3).value).toBeCloseTo(brennanPrediger(data, 3).value ?? NaN, 12);
    // More declared categories lower the chance term: the value rises.
    expect(brennanPrediger(data, 10).value ?? 0).toBeGreaterThan(brennanPrediger(data, 3).value ?? 1);
  });
});

describe('Fleiss', () => {
  it("equals Scott's pi for two coders", () => {
    const d: WeightedReliabilityData = {
      coders: ['a', 'b'],
      units: [
        [1, 1],
        [2, 4],
        [1, 2],
        [3, 3],
        [2, 2],
      ],
    };
    expect(fleissKappa(d).value).toBeCloseTo(scottPi(d).value ?? NaN, 12);
  });
  it('needs a constant number of ratings per unit', () => {
    const r = fleissKappa({
      coders: ['a', 'b', 'c'],
      units: [
        [1, 1, 1],
        [1, 2, null],
      ],
    });
    expect(r.reasonCode).toBe('unequal-ratings-per-unit');
  });
  it('single category → null; table on request', () => {
    expect(
      fleissKappa({
        coders: ['a', 'b'],
        units: [
          [1, 1],
          [1, 1],
        ],
      }).value,
    ).toBeNull();
    const t = fleissKappa(m2n, { withTable: true }).table;
    expect(t?.kind).toBe('category-counts');
    expect(t?.counts[2]).toEqual([0, 0, 2, 1]);
  });
});

describe('percent agreement definitions', () => {
  it('mean pairwise is the default and differs from all-agree on m2n (0.7778 vs 0.6667)', () => {
    const def = percentAgreement(m2n);
    expect(def.value).toBeCloseTo(7 / 9, 12);
    expect(def.definition).toMatch(/mean pairwise/);
    expect(percentAgreement(m2n, 'all-agree').value).toBeCloseTo(6 / 9, 12);
  });
  it('coincide for two coders with complete data', () => {
    const d: WeightedReliabilityData = {
      coders: ['a', 'b'],
      units: [
        [1, 1],
        [2, 4],
        [1, 2],
        [3, 3],
      ],
    };
    for (const def of ['mean-pairwise', 'all-agree', 'pairable'] as const) expect(percentAgreement(d, def).value).toBeCloseTo(0.5, 12);
  });
  it('no pairable unit → null', () => {
    for (const def of ['mean-pairwise', 'all-agree', 'pairable'] as const) expect(percentAgreement({ coders: ['a'], units: [[1]] }, def).value).toBeNull();
  });
});
