/**
 * Fleiss' kappa (Fleiss 1971) and the multi-rater Brennan–Prediger / Randolph free-marginal kappa.
 *
 * Fleiss: n ratings per unit (constant; raters may differ between units), n_ij = ratings of unit i
 * in category j; P_i = (Σ_j n_ij² − n)/(n(n−1)), P̄ = mean P_i, p_j = Σ_i n_ij/(N n),
 * P̄_e = Σ_j p_j², κ = (P̄ − P̄_e)/(1 − P̄_e). Per category: κ_j = 1 − Σ_i n_ij(n − n_ij)/(N n (n−1) p_j (1 − p_j)).
 * With two raters Fleiss' κ equals Scott's π. Units without any rating are ignored.
 */
import { fleissInterval } from './gwet.js';
import { meanPairwiseAgreement } from './percent.js';
import type { AgreementResult, AgreementTable, Value, WeightedReliabilityData } from './types.js';
import { buildDomain, undefinedResult, valueLabel, weightOf } from './values.js';

export interface FleissOptions {
  categories?: readonly Value[];
  withTable?: boolean;
}

/** Fleiss' kappa plus per-category kappas (null where p_j is 0 or 1). */
export interface FleissResult extends AgreementResult {
  perCategory?: { category: Value; value: number | null }[];
}

/**
 * Fleiss' kappa from a category-count table (rows = units, columns = categories, each row summing
 * to the same n). `weights[i]` optionally repeats row i.
 */
export function fleissFromCounts(counts: readonly (readonly number[])[], weights?: readonly number[], categories?: readonly Value[]): FleissResult {
  const metric = 'fleiss';
  const rows = counts.filter((r) => r.reduce((s, x) => s + x, 0) > 0);
  const ws = weights ? counts.map((_, i) => weights[i] ?? 1).filter((_, i) => (counts[i] ?? []).reduce((s, x) => s + x, 0) > 0) : rows.map(() => 1);
  if (rows.length === 0) return undefinedResult(metric, 'nominal', 'no-units', 0, 0);
  const n = (rows[0] ?? []).reduce((s, x) => s + x, 0);
  if (rows.some((r) => r.reduce((s, x) => s + x, 0) !== n)) return undefinedResult(metric, 'nominal', 'unequal-ratings-per-unit', 0, n);
  if (n < 2) return undefinedResult(metric, 'nominal', 'no-pairable-units', 0, n);
  const q = Math.max(...rows.map((r) => r.length));
  let N = 0;
  let pSum = 0;
  const colSum = new Float64Array(q);
  const disagreeSum = new Float64Array(q);
  rows.forEach((r, i) => {
    const w = ws[i] ?? 1;
    N += w;
    let sq = 0;
    for (let j = 0; j < q; j++) {
      const x = r[j] ?? 0;
      sq += x * x;
      colSum[j] = (colSum[j] ?? 0) + w * x;
      disagreeSum[j] = (disagreeSum[j] ?? 0) + w * x * (n - x);
    }
    pSum += (w * (sq - n)) / (n * (n - 1));
  });
  const pBar = pSum / N;
  let pe = 0;
  const p = Array.from(colSum, (s) => s / (N * n));
  for (const pj of p) pe += pj * pj;
  const perCategory = p.map((pj, j) => ({
    category: categories?.[j] ?? j,
    value: pj <= 0 || pj >= 1 ? null : 1 - (disagreeSum[j] ?? 0) / (N * n * (n - 1) * pj * (1 - pj)),
  }));
  const details = { N, n, Pbar: pBar, Pe: pe };
  if (pe >= 1) return { ...undefinedResult(metric, 'nominal', 'single-value', N, n), observed: pBar, expected: pe, details, perCategory };
  return { metric, level: 'nominal', value: (pBar - pe) / (1 - pe), units: N, coders: n, observed: pBar, expected: pe, details, perCategory };
}

/** Category counts per unit of reliability data, over its domain (rows in unit order). */
export function categoryCounts(data: WeightedReliabilityData, categories?: readonly Value[]): { values: Value[]; counts: number[][]; weights: number[] } {
  const domain = buildDomain(data, categories);
  const counts = data.units.map((row) => {
    const c = new Array<number>(domain.values.length).fill(0);
    for (const v of row) if (v !== null) c[domain.index.get(v) ?? 0]! += 1;
    return c;
  });
  return { values: domain.values, counts, weights: data.units.map((_, u) => weightOf(data, u)) };
}

/** Fleiss' kappa of reliability data (every unit with ratings must have the same number of them). */
export function fleissKappa(data: WeightedReliabilityData, options: FleissOptions = {}): FleissResult {
  const cc = categoryCounts(data, options.categories);
  const r = fleissFromCounts(cc.counts, cc.weights, cc.values);
  r.coders = data.coders.length;
  if (r.value !== null) {
    const ci = fleissInterval(data, options.categories);
    if (ci) {
      r.details = { ...r.details, se: ci.standardError };
      r.interval = ci.interval;
    }
  }
  r.definition = "Fleiss' kappa: (P̄ − P̄_e)/(1 − P̄_e), P̄_e from the pooled category proportions; needs a constant number of ratings per unit";
  if (options.withTable) {
    const table: AgreementTable = { kind: 'category-counts', rowLabels: data.units.map((_, u) => data.unitIds?.[u] ?? String(u + 1)), columnLabels: cc.values.map(valueLabel), counts: cc.counts };
    r.table = table;
  }
  return r;
}

/**
 * Brennan–Prediger kappa_n for any number of coders (Randolph 2005's free-marginal multirater
 * kappa): (P̄ − 1/q)/(1 − 1/q), P̄ = mean pairwise agreement, q = declared number of categories.
 * For two coders P̄ = p_o. q is never inferred from the data (NLTK's `S()` does, statsmodels counts
 * table columns); using more distinct values than q gives null with reason 'unknown-category'.
 */
export function brennanPrediger(data: WeightedReliabilityData, q: number | undefined): AgreementResult {
  const metric = 'bp';
  const coders = data.coders.length;
  if (q === undefined || !Number.isInteger(q) || q < 2) return undefinedResult(metric, 'nominal', 'too-few-categories', 0, coders, `q = ${String(q)}; pass the number of categories in the codebook`);
  const used = buildDomain(data).values.length;
  if (used > q) return undefinedResult(metric, 'nominal', 'unknown-category', 0, coders, `${used} distinct values but q = ${q}`);
  const r = meanPairwiseAgreement(data);
  if (r.value === null) return undefinedResult(metric, 'nominal', 'no-pairable-units', 0, coders);
  const pe = 1 / q;
  return {
    metric,
    level: 'nominal',
    value: (r.value - pe) / (1 - pe),
    units: r.units,
    coders,
    observed: r.value,
    expected: pe,
    details: { Pbar: r.value, q },
    definition: 'Brennan–Prediger / Randolph free-marginal kappa: (P̄ − 1/q)/(1 − 1/q), P̄ = mean pairwise agreement, q = declared number of categories',
  };
}
