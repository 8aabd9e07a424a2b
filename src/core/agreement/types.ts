/**
 * Shared types of the agreement engine. A reliability data matrix has one row per unit and one
 * column per coder; `null` is a missing value.
 */

/** Measurement level of the values (Krippendorff's metric). */
export type Level = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Value a coder assigned to a unit: a category label or a number. */
export type Value = string | number;

/** Units × coders. `units[u][c]` is coder c's value for unit u, or null when missing. */
export interface ReliabilityData {
  coders: string[];
  units: (Value | null)[][];
  /** Optional unit labels, parallel to `units`. */
  unitIds?: string[];
}

/** An agreement figure. `value` is null when the coefficient is undefined, with a `reason`. */
export interface AgreementResult extends AgreementExtras {
  metric: string;
  level: Level | null;
  value: number | null;
  reason?: string;
  /** Number of units that entered the computation (pairable units). */
  units: number;
  coders: number;
  /** Observed and expected disagreement or agreement, when the metric has them. */
  observed?: number;
  expected?: number;
}

/**
 * Why a coefficient is undefined. Every coefficient returns `value: null` with one of these
 * (plus a human sentence in `reason`) instead of NaN or an exception.
 */
export type UndefinedReason =
  | 'no-units'
  | 'no-pairable-units'
  | 'single-value'
  | 'needs-two-coders'
  | 'unequal-ratings-per-unit'
  | 'non-numeric-values'
  | 'no-value-order'
  | 'unknown-category'
  | 'too-few-categories'
  | 'no-irrelevant-matter'
  | 'no-coincident-units'
  | 'overlapping-segments'
  | 'empty-continuum'
  | 'invalid-input';

/**
 * The table behind a figure, for display and export. `counts[r][c]` is indexed by `rowLabels`
 * and `columnLabels`.
 * - `contingency`: rows = first coder's categories, columns = second coder's.
 * - `coincidence`: Krippendorff's coincidence matrix (symmetric; each pairable value adds 1).
 * - `category-counts`: rows = units, columns = categories (Fleiss' n_ij).
 * - `unitizing-coincidence`: length coincidences l_ck of the unitizing alphas (φ = irrelevant matter).
 */
export interface AgreementTable {
  kind: 'contingency' | 'coincidence' | 'category-counts' | 'unitizing-coincidence';
  rowLabels: string[];
  columnLabels: string[];
  counts: number[][];
}

/**
 * A confidence interval: a percentile bootstrap (`bootstrap.ts`; α) or an analytic one from a
 * standard error and Student's t quantile (`interval.ts`; κ family and Gwet's AC1/AC2).
 */
export interface ConfidenceInterval {
  lower: number;
  upper: number;
  /** Nominal coverage, e.g. 0.95. */
  confidence: number;
  /** Bootstrap only: replicates drawn, how many had a defined value, and the seed. */
  samples?: number;
  definedSamples?: number;
  seed?: number;
  /** Analytic only: the standard error and the t quantile's degrees of freedom. */
  standardError?: number;
  degreesOfFreedom?: number;
  method: string;
}

/** Optional extras an {@link AgreementResult} may carry. */
export interface AgreementExtras {
  /** Machine-readable companion of `reason`. */
  reasonCode?: UndefinedReason;
  /** One-sentence definition of what `value` is. */
  definition?: string;
  /** Named intermediates (P̄, P̄_e, D_o, D_e, n, q, …) for checking by hand. */
  details?: Record<string, number>;
  /** The table behind the figure, when requested. */
  table?: AgreementTable;
  /** Bootstrap interval, when requested. */
  interval?: ConfidenceInterval;
}

/** Unit multiplicities: a data set whose row `u` stands for `weights[u]` identical units. */
export interface WeightedReliabilityData extends ReliabilityData {
  /** Positive integers parallel to `units`; absent means every row weighs 1. */
  weights?: number[];
}
