/**
 * Krippendorff's coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", section E):
 *   o_ck = Σ_u (number of ordered pairs of values (c, k) from different coders in unit u) / (m_u − 1)
 * over pairable units (m_u ≥ 2 values). Each pairable value contributes exactly 1 to the matrix.
 *
 * To stay exact in floating point, integer pair counts are accumulated separately for every
 * m_u and divided by (m_u − 1) once per bucket at the end.
 */
import type { AgreementTable, Value, WeightedReliabilityData } from './types.js';
import { type Domain, valueLabel, weightOf } from './values.js';

/** The ordered value pairs of one pairable unit, as sparse cells `c * V + k` with counts. */
export interface UnitPairs {
  /** Number of values in the unit (m_u ≥ 2). */
  m: number;
  /** Unit multiplicity. */
  weight: number;
  cells: number[];
  counts: number[];
}

/** A finished coincidence matrix over a domain of V categories. */
export interface Coincidence {
  size: number;
  /** Row-major V × V. */
  o: Float64Array;
  /** Marginals n_c. */
  marginals: Float64Array;
  /** n = Σ n_c, the number of pairable values. */
  total: number;
  /** Number (total weight) of pairable units. */
  pairableUnits: number;
}

/**
 * Sparse pair counts of every pairable unit of `data`, in unit order. Units with fewer than two
 * values are skipped. Values missing from `domain` are ignored (callers build the domain from the
 * data, so this only happens for deliberately restricted domains).
 */
export function unitPairs(data: WeightedReliabilityData, domain: Domain): UnitPairs[] {
  const size = domain.values.length;
  const scratch = new Float64Array(size);
  const out: UnitPairs[] = [];
  const touched: number[] = [];
  for (let u = 0; u < data.units.length; u++) {
    const m = tallyUnit(data.units[u] ?? [], domain, scratch, touched);
    if (m >= 2) {
      const cells: number[] = [];
      const counts: number[] = [];
      for (const c of touched) {
        const nc = scratch[c] ?? 0;
        for (const k of touched) {
          const nk = scratch[k] ?? 0;
          const pairs = c === k ? nc * (nc - 1) : nc * nk;
          if (pairs > 0) {
            cells.push(c * size + k);
            counts.push(pairs);
          }
        }
      }
      out.push({ m, weight: weightOf(data, u), cells, counts });
    }
    for (const c of touched) scratch[c] = 0;
  }
  return out;
}

/**
 * Sum unit pairs into a coincidence matrix. `multiplicity[i]`, when given, replaces the weight of
 * `pairs[i]` (the bootstrap uses it to resample units).
 */
export function coincidenceFromPairs(pairs: readonly UnitPairs[], size: number, multiplicity?: ArrayLike<number>): Coincidence {
  const buckets = new Map<number, Float64Array>();
  let pairableUnits = 0;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i];
    if (!p) continue;
    const w = multiplicity ? (multiplicity[i] ?? 0) : p.weight;
    if (w === 0) continue;
    pairableUnits += w;
    let bucket = buckets.get(p.m);
    if (!bucket) {
      bucket = new Float64Array(size * size);
      buckets.set(p.m, bucket);
    }
    for (let j = 0; j < p.cells.length; j++) {
      const cell = p.cells[j] ?? 0;
      bucket[cell] = (bucket[cell] ?? 0) + w * (p.counts[j] ?? 0);
    }
  }
  return finish(buckets, size, pairableUnits);
}

/**
 * The coincidence matrix of `data` over `domain`, accumulated directly (no per-unit allocation).
 * Equal to `coincidenceFromPairs(unitPairs(data, domain), V)`.
 */
export function coincidenceMatrix(data: WeightedReliabilityData, domain: Domain): Coincidence {
  const size = domain.values.length;
  const scratch = new Float64Array(size);
  const touched: number[] = [];
  const buckets = new Map<number, Float64Array>();
  let pairableUnits = 0;
  for (let u = 0; u < data.units.length; u++) {
    const m = tallyUnit(data.units[u] ?? [], domain, scratch, touched);
    if (m >= 2) {
      const w = weightOf(data, u);
      pairableUnits += w;
      let bucket = buckets.get(m);
      if (!bucket) buckets.set(m, (bucket = new Float64Array(size * size)));
      for (const c of touched) {
        const nc = scratch[c] ?? 0;
        for (const k of touched) {
          const pairs = c === k ? nc * (nc - 1) : nc * (scratch[k] ?? 0);
          bucket[c * size + k] = (bucket[c * size + k] ?? 0) + w * pairs;
        }
      }
    }
    for (const c of touched) scratch[c] = 0;
  }
  return finish(buckets, size, pairableUnits);
}

/**
 * Count one unit's values into `scratch` (indexed by domain position) and list the positions it
 * touched in `touched` (cleared first); returns m, the number of values counted. The caller zeroes
 * the touched cells of `scratch` after use.
 */
function tallyUnit(row: readonly (Value | null)[], domain: Domain, scratch: Float64Array, touched: number[]): number {
  touched.length = 0;
  let m = 0;
  for (const v of row) {
    if (v === null) continue;
    const c = domain.index.get(v);
    if (c === undefined) continue;
    if (scratch[c] === 0) touched.push(c);
    scratch[c] = (scratch[c] ?? 0) + 1;
    m++;
  }
  return m;
}

function finish(buckets: Map<number, Float64Array>, size: number, pairableUnits: number): Coincidence {
  const o = new Float64Array(size * size);
  for (const [m, bucket] of buckets) {
    for (let i = 0; i < bucket.length; i++) o[i] = (o[i] ?? 0) + (bucket[i] ?? 0) / (m - 1);
  }
  const marginals = new Float64Array(size);
  let total = 0;
  for (let c = 0; c < size; c++) {
    let s = 0;
    for (let k = 0; k < size; k++) s += o[c * size + k] ?? 0;
    marginals[c] = s;
    total += s;
  }
  return { size, o, marginals, total, pairableUnits };
}

/** The coincidence matrix as a display table, labelled by the domain's values. */
export function coincidenceTable(coin: Coincidence, domain: Domain): AgreementTable {
  const labels = domain.values.map(valueLabel);
  const counts: number[][] = [];
  for (let c = 0; c < coin.size; c++) counts.push(Array.from(coin.o.subarray(c * coin.size, (c + 1) * coin.size)));
  return { kind: 'coincidence', rowLabels: labels, columnLabels: [...labels], counts };
}
