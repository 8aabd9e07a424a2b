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
export interface AgreementResult {
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
