/**
 * Analytic confidence intervals from a standard error, as Gwet (2014, Handbook of Inter-Rater
 * Reliability, 4th ed.) and his R package irrCAC compute them:
 *   value ± se · t_{(1 + c)/2, n − 1},  the upper bound capped at 1 (no coefficient exceeds 1),
 * with n the number of subjects (units) and Student's t quantile. The lower bound is not capped
 * (as in irrCAC): weighted coefficients can fall below −1, and a bound below −1 says plainly that
 * the sample is too small to tell anything. The t quantile comes from
 * `@stdlib/stats-base-dists-t-quantile` (a port of Boost's inverse incomplete beta).
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { ConfidenceInterval } from './types.js';

/** Quantiles already computed, by coverage and degrees of freedom (cells of one document share n). */
const quantiles = new Map<string, number>();

function criticalValue(confidence: number, df: number): number {
  const key = `${confidence}:${df}`;
  let t = quantiles.get(key);
  if (t === undefined) {
    t = tQuantile(1 - (1 - confidence) / 2, df);
    if (quantiles.size > 4096) quantiles.clear();
    quantiles.set(key, t);
  }
  return t;
}

/** Default coverage of analytic intervals. */
export const DEFAULT_CONFIDENCE = 0.95;

/**
 * The interval `value ± se · t(n − 1)`, or undefined when it cannot be formed (fewer than two
 * units, a non-finite or negative standard error, a coverage outside (0, 1)).
 */
export function tInterval(value: number, standardError: number, units: number, method: string, confidence = DEFAULT_CONFIDENCE): ConfidenceInterval | undefined {
  if (!(units >= 2) || !Number.isFinite(standardError) || standardError < 0 || !(confidence > 0 && confidence < 1)) return undefined;
  const df = units - 1;
  const t = criticalValue(confidence, df);
  return {
    lower: value - standardError * t,
    upper: Math.min(1, value + standardError * t),
    confidence,
    standardError,
    degreesOfFreedom: df,
    method: `${method}; standard error × Student's t quantile with ${df} degrees of freedom, upper bound capped at 1`,
  };
}
