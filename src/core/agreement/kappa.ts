/**
 * Two-coder chance-corrected coefficients over a contingency table n_ck (rows: first coder's
 * category, columns: second coder's), using only units both coders coded:
 * - Cohen (1960): p_e = Σ_c (n_c·/N)(n_·c/N), each coder's own marginals.
 * - Scott (1955): p_e = Σ_c p̂_c², p̂_c = (n_c· + n_·c)/(2N), pooled marginals.
 * - Brennan & Prediger (1981): p_e = 1/q with q the declared number of categories.
 * κ = (p_o − p_e)/(1 − p_e) with p_o = Σ_c n_cc / N. Undefined when N = 0 or p_e = 1.
 */
import type { AgreementResult, AgreementTable, Value, WeightedReliabilityData } from './types.js';
import { tInterval } from './interval.js';
import { buildDomain, type Domain, undefinedResult, valueLabel, weightOf } from './values.js';

/** A contingency table with its domain. `counts` is row-major V × V. */
export interface Contingency {
  domain: Domain;
  counts: Float64Array;
  /** N: units both coders coded (total weight). */
  total: number;
}

export interface KappaOptions {
  /** Declared categories (order of the table; unused ones do not change the value). */
  categories?: readonly Value[];
  /** Column indices of the two coders compared (default 0 and 1). */
  pair?: readonly [number, number];
  withTable?: boolean;
}

/** Build the contingency table of two coders from reliability data (units missing either value are skipped). */
export function contingencyOf(data: WeightedReliabilityData, a: number, b: number, categories?: readonly Value[]): Contingency {
  const domain = buildDomain(data, categories);
  const size = domain.values.length;
  const counts = new Float64Array(size * size);
  let total = 0;
  for (let u = 0; u < data.units.length; u++) {
    const row = data.units[u] ?? [];
    const va = row[a];
    const vb = row[b];
    if (va === null || va === undefined || vb === null || vb === undefined) continue;
    const w = weightOf(data, u);
    const i = (domain.index.get(va) ?? 0) * size + (domain.index.get(vb) ?? 0);
    counts[i] = (counts[i] ?? 0) + w;
    total += w;
  }
  return { domain, counts, total };
}

/**
 * Reliability data (2 coders, weighted rows) equivalent to a published contingency table:
 * one row per non-empty cell, weighted by its count. Lets every coefficient run on table data.
 */
export function dataFromContingency(categories: readonly Value[], counts: readonly (readonly number[])[], coders: [string, string] = ['coder1', 'coder2']): WeightedReliabilityData {
  const units: (Value | null)[][] = [];
  const weights: number[] = [];
  counts.forEach((row, i) =>
    row.forEach((n, j) => {
      if (n > 0) {
        units.push([categories[i] as Value, categories[j] as Value]);
        weights.push(n);
      }
    }),
  );
  return { coders: [...coders], units, weights };
}

/** The contingency table as a display table. */
export function contingencyTable(t: Contingency): AgreementTable {
  const size = t.domain.values.length;
  const labels = t.domain.values.map(valueLabel);
  const counts: number[][] = [];
  for (let c = 0; c < size; c++) counts.push(Array.from(t.counts.subarray(c * size, (c + 1) * size)));
  return { kind: 'contingency', rowLabels: labels, columnLabels: [...labels], counts };
}

/** Observed agreement p_o and the two marginal vectors of a contingency table. */
export function tableMargins(t: Contingency): { po: number; rows: Float64Array; cols: Float64Array } {
  const size = t.domain.values.length;
  const rows = new Float64Array(size);
  const cols = new Float64Array(size);
  let diag = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const n = t.counts[c * size + k] ?? 0;
      rows[c] = (rows[c] ?? 0) + n;
      cols[k] = (cols[k] ?? 0) + n;
      if (c === k) diag += n;
    }
  }
  return { po: t.total === 0 ? 0 : diag / t.total, rows, cols };
}

type ChanceModel = 'cohen' | 'scott' | 'bp';

/** κ for a given chance model on a contingency table (`q` only for 'bp'). */
export function kappaFromTable(t: Contingency, model: ChanceModel, q?: number, coders = 2): AgreementResult {
  const metric = model;
  if (t.total === 0) return undefinedResult(metric, 'nominal', 'no-pairable-units', 0, coders);
  const { po, rows, cols } = tableMargins(t);
  const N = t.total;
  let pe = 0;
  if (model === 'cohen') {
    for (let c = 0; c < rows.length; c++) pe += ((rows[c] ?? 0) / N) * ((cols[c] ?? 0) / N);
  } else if (model === 'scott') {
    for (let c = 0; c < rows.length; c++) {
      const p = ((rows[c] ?? 0) + (cols[c] ?? 0)) / (2 * N);
      pe += p * p;
    }
  } else {
    if (q === undefined || !Number.isInteger(q) || q < 2) return undefinedResult(metric, 'nominal', 'too-few-categories', N, coders, `q = ${String(q)}`);
    const used = t.domain.values.filter((_, c) => (rows[c] ?? 0) + (cols[c] ?? 0) > 0).length;
    if (used > q) return undefinedResult(metric, 'nominal', 'unknown-category', N, coders, `${used} categories used but q = ${q}`);
    pe = 1 / q;
  }
  const details: Record<string, number> = { N, po, pe };
  if (q !== undefined && model === 'bp') details.q = q;
  if (pe >= 1) return { ...undefinedResult(metric, 'nominal', 'single-value', N, coders), observed: po, expected: pe, details };
  const value = (po - pe) / (1 - pe);
  const out: AgreementResult = { metric, level: 'nominal', value, units: N, coders, observed: po, expected: pe, details };
  if (model !== 'bp') {
    const se = kappaStandardError(t, model, value, po, pe, rows, cols);
    details.se = se;
    const interval = tInterval(value, se, N, `${model === 'cohen' ? 'Cohen' : 'Scott'} two-rater variance (Gwet 2014, as irrCAC ${model === 'cohen' ? 'kappa2' : 'scott2'}.table)`);
    if (interval) out.interval = interval;
  }
  return out;
}

/**
 * Standard error of Cohen's κ or Scott's π from a two-rater table (Gwet 2014, Handbook of
 * Inter-Rater Reliability, ch. 5; irrCAC `kappa2.table` / `scott2.table`), with p_kl = n_kl/N:
 * var = (Σ_kl p_kl ([k = l] − (1 − κ)(a_k + b_l))² − (p_o − 2(1 − κ)p_e)²) / (N (1 − p_e)²),
 * where Cohen takes a_k = p_·k (column share) and b_l = p_l· (row share), and Scott takes
 * a_k = b_k = (p_k· + p_·k)/2.
 */
function kappaStandardError(t: Contingency, model: 'cohen' | 'scott', value: number, po: number, pe: number, rows: Float64Array, cols: Float64Array): number {
  const size = t.domain.values.length;
  const N = t.total;
  const a = new Float64Array(size);
  const b = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const row = (rows[k] ?? 0) / N;
    const col = (cols[k] ?? 0) / N;
    a[k] = model === 'cohen' ? col : (row + col) / 2;
    b[k] = model === 'cohen' ? row : (row + col) / 2;
  }
  let sum = 0;
  for (let k = 0; k < size; k++) {
    for (let l = 0; l < size; l++) {
      const p = (t.counts[k * size + l] ?? 0) / N;
      if (p === 0) continue;
      const d = (k === l ? 1 : 0) - (1 - value) * ((a[k] ?? 0) + (b[l] ?? 0));
      sum += p * d * d;
    }
  }
  const centre = po - 2 * (1 - value) * pe;
  return Math.sqrt(Math.max((sum - centre * centre) / (N * (1 - pe) * (1 - pe)), 0));
}

const DEFINITIONS: Record<ChanceModel, string> = {
  cohen: "Cohen's kappa: (p_o − p_e)/(1 − p_e), p_e from each coder's own marginals; units both coders coded",
  scott: "Scott's pi: (p_o − p_e)/(1 − p_e), p_e from the pooled marginals of both coders; units both coders coded",
  bp: 'Brennan–Prediger kappa_n: (p_o − 1/q)/(1 − 1/q), q = declared number of categories',
};

function twoCoder(data: WeightedReliabilityData, model: ChanceModel, options: KappaOptions, q?: number): AgreementResult {
  const [a, b] = options.pair ?? [0, 1];
  if (options.pair === undefined && data.coders.length !== 2) {
    return undefinedResult(model, 'nominal', 'needs-two-coders', 0, data.coders.length, `got ${data.coders.length}; use fleiss or alpha, or pick a pair`);
  }
  if (a === b || a < 0 || b < 0 || a >= data.coders.length || b >= data.coders.length) {
    return undefinedResult(model, 'nominal', 'invalid-input', 0, data.coders.length, 'the pair must name two different coder columns');
  }
  const t = contingencyOf(data, a, b, options.categories);
  const r = kappaFromTable(t, model, q);
  r.definition = DEFINITIONS[model];
  if (options.withTable) r.table = contingencyTable(t);
  return r;
}

/** Cohen's kappa of two coders (units where either value is missing are skipped). */
export function cohenKappa(data: WeightedReliabilityData, options: KappaOptions = {}): AgreementResult {
  return twoCoder(data, 'cohen', options);
}

/** Scott's pi of two coders. */
export function scottPi(data: WeightedReliabilityData, options: KappaOptions = {}): AgreementResult {
  return twoCoder(data, 'scott', options);
}

/**
 * Two-coder Brennan–Prediger kappa_n with q declared categories (e.g. the number of codes in the
 * codebook). Using more categories than q is an error reported as null with a reason.
 */
export function brennanPrediger2(data: WeightedReliabilityData, q: number, options: KappaOptions = {}): AgreementResult {
  return twoCoder(data, 'bp', options, q);
}

/** Cohen's kappa of every coder pair, and their mean (Light's kappa; NLTK `kappa()`, psych `av.kappa`). */
export function pairwiseCohen(data: WeightedReliabilityData, options: Omit<KappaOptions, 'pair'> = {}): { pairs: { a: string; b: string; result: AgreementResult }[]; light: AgreementResult } {
  const pairs: { a: string; b: string; result: AgreementResult }[] = [];
  for (let i = 0; i < data.coders.length; i++) {
    for (let j = i + 1; j < data.coders.length; j++) {
      pairs.push({ a: data.coders[i] ?? '', b: data.coders[j] ?? '', result: cohenKappa(data, { ...options, pair: [i, j] }) });
    }
  }
  const defined = pairs.map((p) => p.result.value).filter((v): v is number => v !== null);
  const light: AgreementResult =
    pairs.length === 0
      ? undefinedResult('light', 'nominal', 'needs-two-coders', 0, data.coders.length)
      : defined.length < pairs.length
        ? undefinedResult('light', 'nominal', 'single-value', 0, data.coders.length, 'a pairwise kappa is undefined')
        : { metric: 'light', level: 'nominal', value: defined.reduce((s, x) => s + x, 0) / defined.length, units: Math.max(...pairs.map((p) => p.result.units)), coders: data.coders.length };
  light.definition = "Light's kappa: the mean of Cohen's kappa over all coder pairs";
  return { pairs, light };
}
