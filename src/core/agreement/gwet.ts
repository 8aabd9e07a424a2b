/**
 * Gwet's AC1 (nominal) and AC2 (weighted) agreement coefficients for any number of coders with
 * missing ratings, with Gwet's linearized variance, and the same variance for Fleiss' κ.
 * Definitions follow Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., ch. 2–5, as coded
 * in his R package irrCAC 1.0 (`gwet.ac1.raw`, `fleiss.kappa.raw`):
 *
 * With r_ik = ratings of unit i in category k, r_i = Σ_k r_ik, r*_ik = Σ_l w_kl r_il, n = units
 * with at least one rating, n₂ = units with at least two:
 * - p_a = (1/n₂) Σ_{r_i ≥ 2} Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))
 * - π_k = (1/n) Σ_i r_ik / r_i
 * - Gwet:   p_e = T_w / (q(q − 1)) · Σ_k π_k (1 − π_k), T_w = Σ_kl w_kl, q = number of categories
 * - Fleiss: p_e = Σ_kl w_kl π_k π_l
 * - coefficient = (p_a − p_e) / (1 − p_e)
 * - variance = 1/(n(n − 1)) Σ_i (x_i − coefficient)², x_i = (n/n₂)(p_a|i − p_e·[r_i ≥ 2])/(1 − p_e)
 *   − 2(1 − coefficient)(p_e|i − p_e)/(1 − p_e), with p_e|i the unit's share of p_e.
 * The interval is `tInterval` (t with n − 1 degrees of freedom). Weighted rows count `weight` times.
 */
import { tInterval } from './interval.js';
import type { AgreementResult, ConfidenceInterval, Level, Value, WeightedReliabilityData } from './types.js';
import { buildDomain, type Domain, undefinedResult, weightOf } from './values.js';

/** Gwet's predefined weights (irrCAC `weights.gen.r`); identity gives AC1, the others AC2. */
export type AgreementWeights = 'identity' | 'linear' | 'quadratic' | 'ordinal';

export const AGREEMENT_WEIGHTS: readonly AgreementWeights[] = ['identity', 'linear', 'quadratic', 'ordinal'];

/**
 * Gwet's weight matrix (row-major q × q) over a domain in its order. Linear and quadratic weights
 * use the values when every category is a number, else the ranks 1…q:
 * linear 1 − |x_k − x_l|/(x_max − x_min), quadratic 1 − (x_k − x_l)²/(x_max − x_min)²;
 * ordinal (ranks only): with m = |k − l| + 1, 1 − m(m − 1)/2 ÷ its maximum.
 */
export function agreementWeightMatrix(kind: AgreementWeights, domain: Domain): Float64Array {
  const q = domain.values.length;
  const w = new Float64Array(q * q);
  const numeric = domain.values.every((v) => typeof v === 'number');
  const x = domain.values.map((v, i) => (numeric ? (v as number) : i + 1));
  const span = q > 0 ? Math.max(...x) - Math.min(...x) : 0;
  const maxOrdinal = (q * (q - 1)) / 2;
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      const d = (x[k] ?? 0) - (x[l] ?? 0);
      let v: number;
      if (kind === 'identity' || q < 2 || span === 0) v = k === l ? 1 : 0;
      else if (kind === 'linear') v = 1 - Math.abs(d) / span;
      else if (kind === 'quadratic') v = 1 - (d * d) / (span * span);
      else {
        const m = Math.abs(k - l) + 1;
        v = 1 - (m * (m - 1)) / 2 / maxOrdinal;
      }
      w[k * q + l] = v;
    }
  }
  return w;
}

/** p_a, p_e, the coefficient and its standard error under one chance model. */
export interface Linearized {
  pa: number;
  pe: number;
  value: number | null;
  standardError: number | null;
  /** Units with at least one rating, and with at least two (total weight). */
  units: number;
  pairableUnits: number;
}

/** The per-unit category counts of the rated units, sparse. */
interface Tally {
  weight: number;
  total: number;
  cats: number[];
  counts: number[];
}

function tallies(data: WeightedReliabilityData, domain: Domain): Tally[] {
  const out: Tally[] = [];
  const scratch = new Map<number, number>();
  for (let u = 0; u < data.units.length; u++) {
    scratch.clear();
    let total = 0;
    for (const v of data.units[u] ?? []) {
      if (v === null) continue;
      const k = domain.index.get(v);
      if (k === undefined) continue;
      scratch.set(k, (scratch.get(k) ?? 0) + 1);
      total++;
    }
    if (total === 0) continue;
    out.push({ weight: weightOf(data, u), total, cats: [...scratch.keys()], counts: [...scratch.values()] });
  }
  return out;
}

/** Gwet's raw-data computation under the Gwet (AC1/AC2) or Fleiss chance model (see module doc). */
export function linearizedCoefficient(data: WeightedReliabilityData, domain: Domain, w: Float64Array, model: 'gwet' | 'fleiss'): Linearized {
  const q = domain.values.length;
  const units = tallies(data, domain);
  let n = 0;
  let n2 = 0;
  let paSum = 0;
  const pi = new Float64Array(q);
  const unitPa = new Float64Array(units.length);
  units.forEach((t, i) => {
    n += t.weight;
    for (let j = 0; j < t.cats.length; j++) pi[t.cats[j] ?? 0] = (pi[t.cats[j] ?? 0] ?? 0) + (t.weight * (t.counts[j] ?? 0)) / t.total;
    if (t.total < 2) return;
    let s = 0;
    for (let j = 0; j < t.cats.length; j++) {
      const k = t.cats[j] ?? 0;
      let weighted = 0;
      for (let h = 0; h < t.cats.length; h++) weighted += (w[k * q + (t.cats[h] ?? 0)] ?? 0) * (t.counts[h] ?? 0);
      s += (t.counts[j] ?? 0) * (weighted - 1);
    }
    unitPa[i] = s / (t.total * (t.total - 1));
    paSum += t.weight * (unitPa[i] ?? 0);
    n2 += t.weight;
  });
  if (n2 === 0) return { pa: 0, pe: 0, value: null, standardError: null, units: n, pairableUnits: 0 };
  for (let k = 0; k < q; k++) pi[k] = (pi[k] ?? 0) / n;
  let tw = 0;
  for (const x of w) tw += x;
  const gwetScale = q >= 2 ? tw / (q * (q - 1)) : 0;
  // The unit's chance term is Σ_k r_ik c_k / r_i, with c_k = T_w(1 − π_k)/(q(q − 1)) for Gwet
  // and c_k = (Σ_l w_kl π_l + Σ_l w_lk π_l)/2 for Fleiss; p_e = Σ_k π_k c_k in both models.
  const c = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    if (model === 'gwet') c[k] = gwetScale * (1 - (pi[k] ?? 0));
    else {
      let s = 0;
      for (let l = 0; l < q; l++) s += ((w[k * q + l] ?? 0) + (w[l * q + k] ?? 0)) * (pi[l] ?? 0);
      c[k] = s / 2;
    }
  }
  let pe = 0;
  for (let k = 0; k < q; k++) pe += (pi[k] ?? 0) * (c[k] ?? 0);
  const pa = paSum / n2;
  if (model === 'gwet' && q < 2) return { pa, pe: 1, value: null, standardError: null, units: n, pairableUnits: n2 };
  if (pe >= 1 - 1e-15) return { pa, pe, value: null, standardError: null, units: n, pairableUnits: n2 };
  const value = (pa - pe) / (1 - pe);
  let ss = 0;
  units.forEach((t, i) => {
    let pei = 0;
    for (let j = 0; j < t.cats.length; j++) pei += (t.counts[j] ?? 0) * (c[t.cats[j] ?? 0] ?? 0);
    pei /= t.total;
    const paired = t.total >= 2;
    const xi = ((n / n2) * ((paired ? (unitPa[i] ?? 0) : 0) - (paired ? pe : 0))) / (1 - pe) - (2 * (1 - value) * (pei - pe)) / (1 - pe);
    ss += t.weight * (xi - value) * (xi - value);
  });
  const standardError = n >= 2 ? Math.sqrt(ss / (n * (n - 1))) : null;
  return { pa, pe, value, standardError, units: n, pairableUnits: n2 };
}

export interface GwetOptions {
  /** Identity (AC1, default) or an ordered weighting (AC2). */
  weights?: AgreementWeights;
  /** Declared categories: q and the order for weights. Binary presence data should declare [0, 1]. */
  categories?: readonly Value[];
  /** Interval coverage (default 0.95). */
  confidence?: number;
}

/**
 * Gwet's AC1 (identity weights) or AC2 (linear, quadratic or ordinal weights) of reliability data,
 * with its standard error (`details.se`) and t interval. Undefined with fewer than two categories
 * (declare them: with q = 1 there is nothing to be chance-corrected) or no unit rated twice.
 */
export function gwetAC(data: WeightedReliabilityData, options: GwetOptions = {}): AgreementResult {
  const kind = options.weights ?? 'identity';
  const metric = kind === 'identity' ? 'ac1' : 'ac2';
  const level: Level = kind === 'identity' ? 'nominal' : 'ordinal';
  const coders = data.coders.length;
  const domain = buildDomain(data, options.categories);
  if (options.categories && domain.values.length > new Set(options.categories).size) return undefinedResult(metric, level, 'unknown-category', 0, coders);
  if (kind !== 'identity' && !options.categories && domain.values.some((v) => typeof v !== 'number')) return undefinedResult(metric, level, 'no-value-order', 0, coders);
  if (domain.values.length < 2) return undefinedResult(metric, level, 'too-few-categories', 0, coders, 'declare the categories the coders could choose from');
  const r = linearizedCoefficient(data, domain, agreementWeightMatrix(kind, domain), 'gwet');
  const details: Record<string, number> = { pa: r.pa, pe: r.pe, q: domain.values.length, n: r.units };
  const definition =
    kind === 'identity' ? "Gwet's AC1: (p_a − p_e)/(1 − p_e), p_e = Σ_k π_k(1 − π_k)/(q − 1) with π_k the mean share of category k per unit" : `Gwet's AC2 (${kind} weights): weighted p_a, p_e = T_w Σ_k π_k(1 − π_k)/(q(q − 1))`;
  if (r.value === null) {
    const u = undefinedResult(metric, level, r.pairableUnits === 0 ? 'no-pairable-units' : 'single-value', r.pairableUnits, coders);
    return { ...u, details, definition };
  }
  const out: AgreementResult = { metric, level, value: r.value, units: r.pairableUnits, coders, observed: r.pa, expected: r.pe, details, definition };
  if (r.standardError !== null) {
    details.se = r.standardError;
    const interval = tInterval(r.value, r.standardError, r.units, "Gwet's linearized variance (Handbook of Inter-Rater Reliability, 2014)", options.confidence);
    if (interval) out.interval = interval;
  }
  return out;
}

/** Gwet's standard error and t interval of Fleiss' κ (irrCAC `fleiss.kappa.raw`), or undefined. */
export function fleissInterval(data: WeightedReliabilityData, categories?: readonly Value[], confidence?: number): { standardError: number; interval: ConfidenceInterval } | undefined {
  const domain = buildDomain(data, categories);
  const r = linearizedCoefficient(data, domain, agreementWeightMatrix('identity', domain), 'fleiss');
  if (r.value === null || r.standardError === null) return undefined;
  const interval = tInterval(r.value, r.standardError, r.units, "Gwet's linearized variance of Fleiss' kappa", confidence);
  return interval ? { standardError: r.standardError, interval } : undefined;
}
