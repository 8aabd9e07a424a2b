import { describe, expect, it } from 'vitest';
import { alphaU1995, unitizingAlphas, type Continuum } from '../../../src/core/agreement/index.js';

const derived: Continuum = {
  length: 20,
  coders: [
    [
      { start: 2, end: 8, value: 'K' },
      { start: 12, end: 18, value: 'K' },
    ],
    [
      { start: 3, end: 8, value: 'K' },
      { start: 12, end: 15, value: 'K' },
    ],
  ],
};

describe('uα family', () => {
  it('builds the hand-checked coincidences of derived_u_alpha_single_value', () => {
    const r = unitizingAlphas(derived);
    expect(r.table.rowLabels).toEqual(['K', 'φ']);
    expect(r.table.counts).toEqual([
      [16, 4],
      [4, 16],
    ]);
    expect(r.uAlpha.value).toBeCloseTo(1263 / 2000, 12);
    expect(r.binaryUAlpha.value).toBeCloseTo(1263 / 2000, 12);
  });

  it('perfect agreement gives 1 for uα and |uα', () => {
    const same = [
      { start: 1, end: 4, value: 'a' },
      { start: 6, end: 9, value: 'b' },
    ];
    const r = unitizingAlphas({ length: 12, coders: [same, same, same] });
    expect(r.uAlpha.value).toBeCloseTo(1, 12);
    expect(r.binaryUAlpha.value).toBeCloseTo(1, 12);
    expect(r.cuAlpha.value).toBeCloseTo(1, 12);
  });

  it('|uα is undefined without irrelevant matter; nothing coded is undefined too', () => {
    const full = unitizingAlphas({
      length: 4,
      coders: [
        [{ start: 0, end: 4, value: 'a' }],
        [
          { start: 0, end: 2, value: 'a' },
          { start: 2, end: 4, value: 'b' },
        ],
      ],
    });
    expect(full.binaryUAlpha.reasonCode).toBe('no-irrelevant-matter');
    expect(full.uAlpha.value).not.toBeNull();
    const empty = unitizingAlphas({ length: 10, coders: [[], []] });
    expect(empty.uAlpha.value).toBeNull();
    expect(empty.cuAlpha.reasonCode).toBe('no-coincident-units');
  });

  it('rejects overlapping segments of one coder, segments outside the continuum, an empty continuum', () => {
    expect(
      unitizingAlphas({
        length: 10,
        coders: [
          [
            { start: 0, end: 5, value: 'a' },
            { start: 4, end: 6, value: 'b' },
          ],
          [],
        ],
      }).uAlpha.reasonCode,
    ).toBe('overlapping-segments');
    expect(unitizingAlphas({ length: 10, coders: [[{ start: 8, end: 12, value: 'a' }], []] }).uAlpha.reasonCode).toBe('invalid-input');
    expect(unitizingAlphas({ length: 0, coders: [[], []] }).uAlpha.reasonCode).toBe('empty-continuum');
    expect(unitizingAlphas({ length: 5, coders: [[]] }).uAlpha.reasonCode).toBe('no-pairable-units');
  });

  it('is invariant under coder order and segment order', () => {
    const c: Continuum = {
      length: 60,
      coders: [
        [
          { start: 0, end: 7, value: '1' },
          { start: 30, end: 44, value: '6' },
        ],
        [
          { start: 13, end: 21, value: '5' },
          { start: 0, end: 7, value: '1' },
        ],
        [
          { start: 32, end: 37, value: '6' },
          { start: 0, end: 9, value: '2' },
        ],
      ],
    };
    const a = unitizingAlphas(c);
    const b = unitizingAlphas({ length: 60, coders: [...c.coders].reverse().map((s) => [...s].reverse()) });
    expect(b.uAlpha.value).toBeCloseTo(a.uAlpha.value ?? NaN, 12);
    expect(b.binaryUAlpha.value).toBeCloseTo(a.binaryUAlpha.value ?? NaN, 12);
    expect(b.cuAlpha.value).toBeCloseTo(a.cuAlpha.value ?? NaN, 12);
  });
});

describe('α_U (1995)', () => {
  it('allows overlapping units of different values by one coder but not of the same value', () => {
    const ok = alphaU1995({
      length: 10,
      coders: [
        [
          { start: 0, end: 5, value: 'a' },
          { start: 2, end: 6, value: 'b' },
        ],
        [
          { start: 0, end: 5, value: 'a' },
          { start: 2, end: 6, value: 'b' },
        ],
      ],
    });
    expect(ok.value).toBeCloseTo(1, 12);
    expect(ok.perValue.map((p) => p.value)).toEqual(['a', 'b']);
    const bad = alphaU1995({
      length: 10,
      coders: [
        [
          { start: 0, end: 5, value: 'a' },
          { start: 2, end: 6, value: 'a' },
        ],
        [],
      ],
    });
    expect(bad.reasonCode).toBe('overlapping-segments');
  });
});
