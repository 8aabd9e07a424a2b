/**
 * Bootstrap confidence intervals for Krippendorff's alpha.
 *
 * Algorithm (nonparametric percentile bootstrap over units):
 * 1. Keep the pairable units (≥ 2 values) of the data; let N be their number.
 * 2. For each of B replicates, draw N units with replacement, uniformly (weighted rows count as
 *    `weight` units, drawn with Walker–Vose alias sampling), using the seeded xoshiro128**
 *    generator (`prng.ts`), and compute α on the drawn units, recomputing the coincidence matrix
 *    (and, for ordinal data, the rank distances from the replicate's marginals).
 * 3. Replicates where α is undefined (e.g. only one value drawn) are counted but left out.
 * 4. The interval is the (1 − c)/2 and (1 + c)/2 quantiles of the defined replicates, with linear
 *    interpolation between order statistics (R's quantile type 7).
 * With `resample: 'rows'` each weighted row is drawn as one block (a block bootstrap; used for
 * character runs, whose characters are not independent). Same data, seed and options → same interval.
 * Cost: O(B · (N + V²)).
 */
import { alphaFromCoincidence, type AlphaOptions, distanceMatrix, levelDomain } from './alpha.js';
import { coincidenceFromPairs, type UnitPairs, unitPairs } from './coincidence.js';
import { seededRandom, seededUint32s } from './prng.js';
import type { ConfidenceInterval, Level, WeightedReliabilityData } from './types.js';

export interface BootstrapOptions {
  /** Replicates B (default 1000). */
  samples?: number;
  /** 32-bit seed (default 1). */
  seed?: number;
  /** Coverage (default 0.95). */
  confidence?: number;
  /** Draw weighted rows as single blocks instead of `weight` separate units (default 'units'). */
  resample?: 'units' | 'rows';
  categories?: AlphaOptions['categories'];
  distance?: AlphaOptions['distance'];
}

/** Linear-interpolation quantile of sorted values (R type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

function aliasTable(weights: readonly number[]): { prob: Float64Array; alias: Int32Array } {
  const n = weights.length;
  const total = weights.reduce((s, w) => s + w, 0);
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((s, i) => (s < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s] ?? 0;
    alias[s] = l;
    scaled[l] = (scaled[l] ?? 0) + (scaled[s] ?? 0) - 1;
    ((scaled[l] ?? 0) < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) prob[i] = 1;
  return { prob, alias };
}

/**
 * Units grouped by their pairs (same m, cells and counts): `of[i]` is unit i's class, `classPairs`
 * one representative per class (in order of first appearance), `mRank` the rank of each m.
 */
function unitClasses(pairs: readonly UnitPairs[]): { of: Int32Array; classPairs: UnitPairs[]; mRank: Map<number, number> } {
  const index = new Map<string, number>();
  const of = new Int32Array(pairs.length);
  const classPairs: UnitPairs[] = [];
  const mRank = new Map<number, number>();
  pairs.forEach((p, i) => {
    const key = `${p.m}|${p.cells.join(' ')}|${p.counts.join(' ')}`;
    let c = index.get(key);
    if (c === undefined) {
      index.set(key, (c = classPairs.length));
      classPairs.push(p);
    }
    of[i] = c;
    if (!mRank.has(p.m)) mRank.set(p.m, mRank.size);
  });
  return { of, classPairs, mRank };
}

/**
 * Percentile bootstrap interval of α (see module doc). Returns null when α itself is undefined
 * or no replicate has a defined value.
 */
export function bootstrapAlpha(data: WeightedReliabilityData, level: Level = 'nominal', options: BootstrapOptions = {}): ConfidenceInterval | null {
  const samples = options.samples ?? 1000;
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.95;
  const dom = levelDomain(data, level, options.categories);
  if (!dom.ok || !(samples >= 1) || !(confidence > 0 && confidence < 1)) return null;
  const size = dom.domain.values.length;
  const pairs = unitPairs(data, dom.domain);
  if (pairs.length === 0) return null;
  const rows = options.resample === 'rows';
  const weights = pairs.map((p) => (rows ? 1 : p.weight));
  const draws = Math.round(weights.reduce((s, w) => s + w, 0));
  const { prob, alias } = aliasTable(weights);
  const values: number[] = [];
  /** α of one replicate (the drawn multiplicities of these pairs) into `values`; false when its distances are undefined. */
  const replicate = (drawn: readonly UnitPairs[], mult: ArrayLike<number>): boolean => {
    const coin = coincidenceFromPairs(drawn, size, mult);
    const dm = distanceMatrix(level, dom.domain, coin.marginals, options.distance);
    if (!dm.ok) return false;
    const a = alphaFromCoincidence(coin, dm.delta);
    if (a.value !== null) values.push(a.value);
    return true;
  };
  const classes = rows && !pairs.every((p) => Number.isInteger(p.weight)) ? null : unitClasses(pairs);
  if (classes) {
    // Units with the same pairs are interchangeable: count draws per class (integer sums, exact in
    // any order), then build the matrix from the few classes. Same draws, same α as below.
    const { of, classPairs, mRank } = classes;
    const n = pairs.length;
    const step = rows ? Float64Array.from(pairs, (p) => p.weight) : null;
    const mult = new Float64Array(classPairs.length);
    // Where each bucket m first appears among the drawn units: the per-unit sum adds buckets in that order.
    const firstOfM = new Float64Array(mRank.size);
    const rankOf = Int32Array.from(pairs, (p) => mRank.get(p.m) ?? 0);
    const severalM = mRank.size > 1;
    // The generator's outputs in bulk, two per draw (as `random()` twice); a batch never splits a draw.
    const fill = seededUint32s(seed);
    const buf = new Uint32Array(1 << 16);
    let at = buf.length;
    for (let b = 0; b < samples; b++) {
      mult.fill(0);
      firstOfM.fill(Infinity);
      for (let k = 0; k < draws; k++) {
        if (at === buf.length) {
          fill(buf);
          at = 0;
        }
        const i = Math.floor(((buf[at] ?? 0) / 4294967296) * n);
        const pick = (buf[at + 1] ?? 0) / 4294967296 < (prob[i] ?? 1) ? i : (alias[i] ?? i);
        at += 2;
        const c = of[pick] ?? 0;
        mult[c] = (mult[c] ?? 0) + (step ? (step[pick] ?? 1) : 1);
        if (severalM) {
          const r = rankOf[pick] ?? 0;
          if (pick < (firstOfM[r] ?? Infinity)) firstOfM[r] = pick;
        }
      }
      const order = classPairs.map((_, c) => c).sort((x, y) => (firstOfM[mRank.get((classPairs[x] as UnitPairs).m) ?? 0] ?? 0) - (firstOfM[mRank.get((classPairs[y] as UnitPairs).m) ?? 0] ?? 0) || x - y);
      const drawn = order.map((c) => classPairs[c] as UnitPairs);
      if (
        !replicate(
          drawn,
          order.map((c) => mult[c] ?? 0),
        )
      )
        return null;
    }
  } else {
    const random = seededRandom(seed);
    const mult = new Float64Array(pairs.length);
    for (let b = 0; b < samples; b++) {
      mult.fill(0);
      for (let k = 0; k < draws; k++) {
        const i = Math.floor(random() * pairs.length);
        const pick = random() < (prob[i] ?? 1) ? i : (alias[i] ?? i);
        mult[pick] = (mult[pick] ?? 0) + (rows ? (pairs[pick]?.weight ?? 1) : 1);
      }
      if (!replicate(pairs, mult)) return null;
    }
  }
  if (values.length === 0) return null;
  values.sort((x, y) => x - y);
  return {
    lower: quantile(values, (1 - confidence) / 2),
    upper: quantile(values, (1 + confidence) / 2),
    confidence,
    samples,
    definedSamples: values.length,
    seed,
    method: `percentile bootstrap over ${rows ? 'rows (blocks)' : 'units'}, xoshiro128** seed ${seed}, quantile type 7`,
  };
}
