/**
 * The bootstrap as first written (one multiplicity per unit, every unit summed per replicate):
 * the reference that the faster implementation in src/core/agreement/bootstrap.ts must match
 * exactly, interval for interval.
 */
import { alphaFromCoincidence, distanceMatrix, levelDomain } from '../../../src/core/agreement/alpha.js';
import { type BootstrapOptions, quantile } from '../../../src/core/agreement/bootstrap.js';
import { coincidenceFromPairs, unitPairs } from '../../../src/core/agreement/coincidence.js';
import { seededRandom } from '../../../src/core/agreement/prng.js';
import type { ConfidenceInterval, Level, WeightedReliabilityData } from '../../../src/core/agreement/types.js';

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

/** Reference percentile bootstrap of α (the original per-unit loop). */
export function referenceBootstrapAlpha(data: WeightedReliabilityData, level: Level = 'nominal', options: BootstrapOptions = {}): ConfidenceInterval | null {
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
  const random = seededRandom(seed);
  const mult = new Float64Array(pairs.length);
  const values: number[] = [];
  for (let b = 0; b < samples; b++) {
    mult.fill(0);
    for (let k = 0; k < draws; k++) {
      const i = Math.floor(random() * pairs.length);
      const pick = random() < (prob[i] ?? 1) ? i : (alias[i] ?? i);
      mult[pick] = (mult[pick] ?? 0) + (rows ? (pairs[pick]?.weight ?? 1) : 1);
    }
    const coin = coincidenceFromPairs(pairs, size, mult);
    const dm = distanceMatrix(level, dom.domain, coin.marginals, options.distance);
    if (!dm.ok) return null;
    const a = alphaFromCoincidence(coin, dm.delta);
    if (a.value !== null) values.push(a.value);
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
