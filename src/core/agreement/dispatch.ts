/**
 * One entry point for `casecoder agreement --data FILE --metric M --level L`: computes the named
 * coefficient on reliability data and returns the CLI contract's JSON shape
 * (`metric`, `level`, `value`, `reason`, `units`, `coders`, plus optional extras).
 */
import { krippendorffAlpha, type Distance } from './alpha.js';
import { bootstrapAlpha } from './bootstrap.js';
import { brennanPrediger, fleissKappa } from './fleiss.js';
import { type AgreementWeights, gwetAC } from './gwet.js';
import { cohenKappa, scottPi } from './kappa.js';
import { DEFAULT_PERCENT_DEFINITION, percentAgreement, type PercentDefinition } from './percent.js';
import type { AgreementResult, Level, Value, WeightedReliabilityData } from './types.js';
import { undefinedResult } from './values.js';

export type MetricName = 'percent' | 'cohen' | 'scott' | 'fleiss' | 'bp' | 'alpha' | 'gwet';

export const METRICS: readonly MetricName[] = ['percent', 'cohen', 'scott', 'fleiss', 'bp', 'alpha', 'gwet'];
export const LEVELS: readonly Level[] = ['nominal', 'ordinal', 'interval', 'ratio'];

export interface MetricOptions {
  /** Percent agreement definition (default 'mean-pairwise'). */
  percentDefinition?: PercentDefinition;
  /** Declared categories: the order for ordinal alpha, and q = their number for Brennan–Prediger. */
  categories?: readonly Value[];
  /** Brennan–Prediger q when no category list is given (e.g. the number of codes in the codebook). */
  q?: number;
  /** Custom δ² for alpha. */
  distance?: Distance;
  /** Attach the table behind the figure. */
  withTable?: boolean;
  /** Gwet's AC2 weights, overriding the level's default (nominal: identity = AC1, ordinal: ordinal, interval: quadratic). */
  weights?: AgreementWeights;
  /** Bootstrap interval for alpha. */
  bootstrap?: { samples?: number; seed?: number; confidence?: number };
}

/** The AC1/AC2 weights each level implies (Gwet 2014, ch. 3): none for ratio data. */
const GWET_WEIGHTS_BY_LEVEL: Record<Level, AgreementWeights | undefined> = { nominal: 'identity', ordinal: 'ordinal', interval: 'quadratic', ratio: undefined };

/**
 * Compute `metric` on `data`. `level` matters only for alpha; the other coefficients are nominal
 * and report level 'nominal'. Never throws: an undefined or inapplicable figure is `value: null`
 * with a `reason` (e.g. Cohen's kappa on three coders, Brennan–Prediger without q).
 */
export function computeMetric(data: WeightedReliabilityData, metric: MetricName, level: Level = 'nominal', options: MetricOptions = {}): AgreementResult {
  const coders = data.coders.length;
  if (!METRICS.includes(metric)) return undefinedResult(String(metric), level, 'invalid-input', 0, coders, `unknown metric; use ${METRICS.join('|')}`);
  if (!LEVELS.includes(level)) return undefinedResult(metric, null, 'invalid-input', 0, coders, `unknown level; use ${LEVELS.join('|')}`);
  const bad = data.units.findIndex((row) => row.length !== coders);
  if (bad >= 0) return undefinedResult(metric, level, 'invalid-input', 0, coders, `unit ${bad + 1} has ${data.units[bad]?.length ?? 0} values for ${coders} coders`);
  const withTable = options.withTable ?? false;
  switch (metric) {
    case 'percent': {
      const r = percentAgreement(data, options.percentDefinition ?? DEFAULT_PERCENT_DEFINITION, withTable);
      r.metric = 'percent';
      return r;
    }
    case 'cohen':
      return cohenKappa(data, { categories: options.categories, withTable });
    case 'scott':
      return scottPi(data, { categories: options.categories, withTable });
    case 'fleiss':
      return fleissKappa(data, { categories: options.categories, withTable });
    case 'bp':
      return brennanPrediger(data, options.categories ? new Set(options.categories).size : options.q);
    case 'gwet': {
      const weights = options.weights ?? GWET_WEIGHTS_BY_LEVEL[level];
      if (!weights) return undefinedResult('ac2', level, 'invalid-input', 0, coders, 'Gwet has no ratio weights here; name the weights (linear, quadratic or ordinal)');
      return gwetAC(data, { weights, categories: options.categories });
    }
    case 'alpha': {
      const r = krippendorffAlpha(data, level, { categories: options.categories, distance: options.distance, withTable });
      if (options.bootstrap && r.value !== null) {
        const interval = bootstrapAlpha(data, level, { ...options.bootstrap, categories: options.categories, distance: options.distance });
        if (interval) r.interval = interval;
      }
      return r;
    }
  }
}
