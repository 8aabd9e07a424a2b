import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDomain, coincidenceMatrix, krippendorffAlpha, percentAgreement, type Value, type WeightedReliabilityData } from '../../../src/core/agreement/index.js';
import { coincidenceFromPairs, unitPairs } from '../../../src/core/agreement/coincidence.js';

// Krippendorff 2011 data, units × coders (A–D), as in research/agreement.md §2.6.
const K2011: (number | null)[][] = [
  [1, 1, null, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [null, 5, 5, 5],
  [null, null, 1, 1],
  [null, 3, null, null],
];
const k2011: WeightedReliabilityData = { coders: ['A', 'B', 'C', 'D'], units: K2011 };

describe('krippendorffAlpha', () => {
  it('gives D_o and D_e of the 2011 example and its coincidence matrix (n = 40)', () => {
    const r = krippendorffAlpha(k2011, 'nominal', { withTable: true });
    expect(r.units).toBe(11);
    expect(r.details?.n).toBe(40);
    expect(r.observed).toBeCloseTo(0.2, 12);
    expect(r.expected).toBeCloseTo(0.779487, 6);
    const t = r.table;
    expect(t?.kind).toBe('coincidence');
    expect(t?.rowLabels).toEqual(['1', '2', '3', '4', '5']);
    const sum = (t?.counts ?? []).flat().reduce((s, x) => s + x, 0);
    expect(sum).toBeCloseTo(40, 12);
    // Published coincidences (Krippendorff 2011, p. 4): o_11 = 7, o_12 = 4/3, n_1 = 9, n_2 = 13.
    expect(t?.counts[0]?.[0]).toBeCloseTo(7, 12);
    expect(t?.counts[0]?.[1]).toBeCloseTo(4 / 3, 12);
    expect((t?.counts[0] ?? []).reduce((s, x) => s + x, 0)).toBeCloseTo(9, 12);
    expect((t?.counts[1] ?? []).reduce((s, x) => s + x, 0)).toBeCloseTo(13, 12);
  });

  it('interval D_o/D_e match the published 0.433333 / 2.871795', () => {
    const r = krippendorffAlpha(k2011, 'interval');
    expect(r.observed).toBeCloseTo(0.433333, 6);
    expect(r.expected).toBeCloseTo(2.871795, 6);
  });

  it('ordinal alpha does not change when unused categories are declared (0.815 either way)', () => {
    const a = krippendorffAlpha(k2011, 'ordinal').value;
    const b = krippendorffAlpha(k2011, 'ordinal', { categories: [0, 1, 2, 3, 4, 5, 6] }).value;
    expect(a).toBeCloseTo(0.8153875037548813, 12);
    expect(b).toBeCloseTo(a ?? NaN, 12);
  });

  it('ordinal with string values needs a declared order, and uses it', () => {
    const data: WeightedReliabilityData = {
      coders: ['a', 'b'],
      units: [
        ['low', 'low'],
        ['mid', 'high'],
        ['high', 'high'],
        ['mid', 'mid'],
      ],
    };
    expect(krippendorffAlpha(data, 'ordinal').reasonCode).toBe('no-value-order');
    const r = krippendorffAlpha(data, 'ordinal', { categories: ['low', 'mid', 'high'] });
    expect(r.value).not.toBeNull();
    const asNumbers: WeightedReliabilityData = {
      coders: ['a', 'b'],
      units: [
        [1, 1],
        [2, 3],
        [3, 3],
        [2, 2],
      ],
    };
    expect(r.value).toBeCloseTo(krippendorffAlpha(asNumbers, 'ordinal').value ?? NaN, 12);
    expect(krippendorffAlpha(data, 'ordinal', { categories: ['low', 'high'] }).reasonCode).toBe('unknown-category');
  });

  it('interval and ratio refuse non-numeric values with a reason', () => {
    const r = krippendorffAlpha(
      {
        coders: ['a', 'b'],
        units: [
          ['x', 'y'],
          ['y', 'y'],
        ],
      },
      'interval',
    );
    expect(r.value).toBeNull();
    expect(r.reasonCode).toBe('non-numeric-values');
  });

  it('ratio treats 0 vs 0 as no difference', () => {
    const r = krippendorffAlpha(
      {
        coders: ['a', 'b'],
        units: [
          [0, 0],
          [1, 2],
          [3, 3],
        ],
      },
      'ratio',
    );
    expect(r.value).not.toBeNull();
    expect(Number.isFinite(r.value)).toBe(true);
  });
});

describe('undefined results are null with a reason, never NaN', () => {
  const cases: [string, WeightedReliabilityData, string][] = [
    [
      'one value only',
      {
        coders: ['a', 'b'],
        units: [
          [1, 1],
          [1, 1],
          [1, null],
        ],
      },
      'single-value',
    ],
    [
      'no pairable units',
      {
        coders: ['a', 'b'],
        units: [
          [1, null],
          [null, 2],
        ],
      },
      'no-pairable-units',
    ],
    [
      'all missing',
      {
        coders: ['a', 'b', 'c'],
        units: [
          [null, null, null],
          [null, null, null],
        ],
      },
      'no-pairable-units',
    ],
    ['single coder', { coders: ['a'], units: [[1], [2], [3]] }, 'no-pairable-units'],
    ['no units', { coders: ['a', 'b'], units: [] }, 'no-pairable-units'],
  ];
  it.each(cases)('%s', (_name, data, reason) => {
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const r = krippendorffAlpha(data, level);
      expect(r.value).toBeNull();
      expect(r.reasonCode).toBe(reason);
      expect(r.reason).toMatch(/\w/);
    }
  });
});

const valueArb = fc.constantFrom<Value | null>(1, 2, 3, 4, null, null);
const dataArb = fc
  .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 25 }))
  .chain(([coders, units]) => fc.array(fc.array(valueArb, { minLength: coders, maxLength: coders }), { minLength: units, maxLength: units }))
  .map((units): WeightedReliabilityData => ({ coders: (units[0] ?? []).map((_, i) => `c${i}`), units }));

function permuteColumns(d: WeightedReliabilityData, perm: number[]): WeightedReliabilityData {
  return { coders: perm.map((p) => d.coders[p] ?? ''), units: d.units.map((row) => perm.map((p) => row[p] ?? null)) };
}

describe('alpha properties', () => {
  const levels = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
  it('is invariant under permutations of coders and of units', () => {
    fc.assert(
      fc.property(dataArb, fc.integer(), fc.integer(), (data, s1, s2) => {
        const perm = data.coders.map((_, i) => i).sort((a, b) => Math.sin(a * 7 + s1) - Math.sin(b * 7 + s1));
        const byCoder = permuteColumns(data, perm);
        const byUnit = { coders: data.coders, units: [...data.units].sort((a, b) => Math.sin(JSON.stringify(a).length + s2) - Math.sin(JSON.stringify(b).length + s2)).reverse() };
        for (const level of levels) {
          const base = krippendorffAlpha(data, level).value;
          for (const other of [krippendorffAlpha(byCoder, level).value, krippendorffAlpha(byUnit, level).value]) {
            if (base === null) expect(other).toBeNull();
            else expect(other).toBeCloseTo(base, 10);
          }
        }
      }),
    );
  });

  it('is 1 for perfect agreement whenever at least two values occur', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(1, 2, 3, 5), { minLength: 2, maxLength: 30 }), fc.integer({ min: 2, max: 6 }), (values, m) => {
        fc.pre(new Set(values).size >= 2);
        const data = { coders: Array.from({ length: m }, (_, i) => `c${i}`), units: values.map((v) => new Array<Value>(m).fill(v)) };
        for (const level of levels) expect(krippendorffAlpha(data, level).value).toBeCloseTo(1, 12);
      }),
    );
  });

  it('is never NaN and never above 1; weights equal repeated rows', () => {
    fc.assert(
      fc.property(dataArb, fc.integer({ min: 1, max: 4 }), (data, w) => {
        for (const level of levels) {
          const r = krippendorffAlpha(data, level);
          if (r.value !== null) {
            expect(Number.isNaN(r.value)).toBe(false);
            expect(r.value).toBeLessThanOrEqual(1 + 1e-12);
          } else expect(r.reason).toBeTruthy();
          const weighted = krippendorffAlpha({ ...data, weights: data.units.map(() => w) }, level).value;
          const repeated = krippendorffAlpha({ coders: data.coders, units: data.units.flatMap((row) => new Array(w).fill(row)) }, level).value;
          if (weighted === null) expect(repeated).toBeNull();
          else expect(repeated).toBeCloseTo(weighted, 10);
        }
      }),
    );
  });

  it('direct coincidence accumulation equals the per-unit pair form the bootstrap uses', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const domain = buildDomain(data);
        const a = coincidenceMatrix(data, domain);
        const b = coincidenceFromPairs(unitPairs(data, domain), domain.values.length);
        expect(Array.from(a.o)).toEqual(Array.from(b.o));
        expect(a.pairableUnits).toBe(b.pairableUnits);
      }),
    );
  });

  it('pairable percent agreement equals 1 − D_o(nominal)', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const a = krippendorffAlpha(data, 'nominal');
        const p = percentAgreement(data, 'pairable');
        if (p.value === null) return;
        expect(p.value).toBeCloseTo(1 - (a.observed ?? NaN), 10);
      }),
    );
  });
});
