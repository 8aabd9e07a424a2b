/**
 * Krippendorff's alpha in coincidence-matrix form, for any number of coders, missing values and
 * the nominal, ordinal, interval and ratio metrics (Krippendorff 2011, section E):
 *
 *   α = 1 − D_o / D_e,  D_o = (1/n) Σ_c Σ_k o_ck δ²(c,k),  D_e = (1/(n(n−1))) Σ_c Σ_k n_c n_k δ²(c,k)
 *
 * computed as α = 1 − (n − 1) Σ o_ck δ² / Σ n_c n_k δ². Only units with at least two values are
 * pairable. α is undefined (null) when no unit is pairable or when D_e = 0 (a single value occurs);
 * it is 1 when D_o = 0 and D_e > 0, and may be negative.
 */
import { type Coincidence, coincidenceMatrix, coincidenceTable } from './coincidence.js';
import type { AgreementResult, Level, UndefinedReason, Value, WeightedReliabilityData } from './types.js';
import { buildDomain, type Domain, undefinedResult } from './values.js';

/** A squared difference function δ²(a, b): symmetric, δ²(a, a) = 0. */
export type Distance = (a: Value, b: Value) => number;

export interface AlphaOptions {
  /**
   * Declared categories. For ordinal data they give the order (low to high), which is required
   * when the values are not all numbers. Unused categories do not change α.
   */
  categories?: readonly Value[];
  /** A custom δ² replacing the level's metric (e.g. Artstein & Poesio's weighted example). */
  distance?: Distance;
  /** Attach the coincidence matrix as `table`. */
  withTable?: boolean;
}

/** The δ² matrix (row-major V × V) for a level over a domain, or a reason it cannot be built. */
export function distanceMatrix(level: Level, domain: Domain, marginals: ArrayLike<number>, custom?: Distance): { ok: true; delta: Float64Array } | { ok: false; reason: UndefinedReason } {
  const size = domain.values.length;
  const delta = new Float64Array(size * size);
  const vals = domain.values;
  if (custom) {
    for (let c = 0; c < size; c++) for (let k = 0; k < size; k++) delta[c * size + k] = c === k ? 0 : custom(vals[c] as Value, vals[k] as Value);
    return { ok: true, delta };
  }
  if (level === 'nominal') {
    for (let c = 0; c < size; c++) for (let k = 0; k < size; k++) delta[c * size + k] = c === k ? 0 : 1;
    return { ok: true, delta };
  }
  if (level === 'ordinal') {
    // Ranks follow the domain order; δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)².
    const cum = new Float64Array(size + 1);
    for (let g = 0; g < size; g++) cum[g + 1] = (cum[g] ?? 0) + (marginals[g] ?? 0);
    for (let c = 0; c < size; c++) {
      for (let k = c + 1; k < size; k++) {
        const between = (cum[k + 1] ?? 0) - (cum[c] ?? 0) - ((marginals[c] ?? 0) + (marginals[k] ?? 0)) / 2;
        const d = between * between;
        delta[c * size + k] = d;
        delta[k * size + c] = d;
      }
    }
    return { ok: true, delta };
  }
  for (const v of vals) if (typeof v !== 'number') return { ok: false, reason: 'non-numeric-values' };
  const nums = vals as number[];
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const a = nums[c] ?? 0;
      const b = nums[k] ?? 0;
      if (level === 'interval') delta[c * size + k] = (a - b) * (a - b);
      else delta[c * size + k] = a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
    }
  }
  return { ok: true, delta };
}

/**
 * The domain to use for a level: for ordinal data without declared categories all values must be
 * numbers (sorted ascending); with declared categories every observed value must be declared.
 */
export function levelDomain(data: WeightedReliabilityData, level: Level, categories?: readonly Value[]): { ok: true; domain: Domain } | { ok: false; reason: UndefinedReason } {
  const domain = buildDomain(data, categories);
  if (level === 'ordinal') {
    if (categories && domain.values.length > new Set(categories).size) return { ok: false, reason: 'unknown-category' };
    if (!categories && domain.values.some((v) => typeof v !== 'number')) return { ok: false, reason: 'no-value-order' };
  }
  return { ok: true, domain };
}

/** α from a finished coincidence matrix and its δ² matrix (both over the same domain). */
export function alphaFromCoincidence(coin: Coincidence, delta: Float64Array): { value: number | null; Do: number; De: number; reason?: UndefinedReason } {
  const size = coin.size;
  const n = coin.total;
  if (coin.pairableUnits === 0 || n < 2) return { value: null, Do: 0, De: 0, reason: 'no-pairable-units' };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    const nc = coin.marginals[c] ?? 0;
    for (let k = 0; k < size; k++) {
      const d = delta[c * size + k] ?? 0;
      if (d === 0) continue;
      observed += (coin.o[c * size + k] ?? 0) * d;
      expected += nc * (coin.marginals[k] ?? 0) * d;
    }
  }
  const Do = observed / n;
  const De = expected / (n * (n - 1));
  if (expected === 0) return { value: null, Do, De, reason: 'single-value' };
  return { value: 1 - ((n - 1) * observed) / expected, Do, De };
}

/**
 * Krippendorff's alpha of `data` at `level`. Returns `observed` = D_o, `expected` = D_e,
 * `units` = pairable units, and details `{ n, Do, De }`.
 */
export function krippendorffAlpha(data: WeightedReliabilityData, level: Level = 'nominal', options: AlphaOptions = {}): AgreementResult {
  const metric = 'alpha';
  const coders = data.coders.length;
  const dom = levelDomain(data, level, options.categories);
  if (!dom.ok) return undefinedResult(metric, level, dom.reason, 0, coders);
  const coin = coincidenceMatrix(data, dom.domain);
  const dm = distanceMatrix(level, dom.domain, coin.marginals, options.distance);
  if (!dm.ok) return undefinedResult(metric, level, dm.reason, coin.pairableUnits, coders);
  const a = alphaFromCoincidence(coin, dm.delta);
  const base: AgreementResult = a.value === null ? undefinedResult(metric, level, a.reason ?? 'no-pairable-units', coin.pairableUnits, coders) : { metric, level, value: a.value, units: coin.pairableUnits, coders };
  base.observed = a.Do;
  base.expected = a.De;
  base.details = { n: coin.total, Do: a.Do, De: a.De };
  base.definition = `Krippendorff's alpha (${options.distance ? 'custom' : level} metric), coincidence-matrix form: 1 − D_o/D_e over pairable values`;
  if (options.withTable) base.table = coincidenceTable(coin, dom.domain);
  return base;
}
