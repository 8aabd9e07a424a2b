import { describe, expect, it } from 'vitest';
import { compute, loadVectors, type Vector } from './vector-runner.js';

const vectors = loadVectors();
const required = vectors.filter((v) => v.status !== 'tentative');

function check(v: Vector, got: number | null | (number | null)[]): void {
  if (Array.isArray(v.expected)) {
    expect(Array.isArray(got)).toBe(true);
    const arr = got as (number | null)[];
    expect(arr).toHaveLength(v.expected.length);
    v.expected.forEach((e, i) => expect(Math.abs((arr[i] ?? NaN) - e)).toBeLessThanOrEqual(v.tolerance + 1e-12));
    return;
  }
  expect(typeof got).toBe('number');
  expect(Math.abs((got as number) - v.expected)).toBeLessThanOrEqual(v.tolerance + 1e-12);
  if (v.exact !== undefined) expect(Math.abs((got as number) - v.exact)).toBeLessThanOrEqual(v.exact_tolerance ?? 1e-9);
}

describe('agreement vectors (published, derived, implementation-test)', () => {
  it('covers every non-tentative vector', () => {
    expect(required.length).toBeGreaterThanOrEqual(68);
  });
  it.each(required.map((v) => [`${v.name} [${v.status}] ${v.statistic}`, v] as const))('%s', (_label, v) => {
    check(v, compute(v));
  });
});
