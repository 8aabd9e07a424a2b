/**
 * Value domains and undefined-result helpers shared by every coefficient.
 *
 * Values are compared with JavaScript `Map` identity, so the number `1` and the string `"1"` are
 * different categories (parsers decide which one a cell becomes; see `parse-data.ts`).
 */
import type { AgreementResult, Level, UndefinedReason, Value, WeightedReliabilityData } from './types.js';

/** An indexed set of categories: `values[i]` has index `i`; `index.get(v)` is its index. */
export interface Domain {
  values: Value[];
  index: Map<Value, number>;
}

/** Order values for display: numbers ascending, then strings by UTF-16 code units. Deterministic. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The categories of a data set. Declared categories (e.g. from the codebook) come first in their
 * declared order; values observed but not declared follow in {@link compareValues} order.
 * Invariant: the result does not depend on the order of units or coders.
 */
export function buildDomain(data: WeightedReliabilityData, declared?: readonly Value[]): Domain {
  const values: Value[] = [];
  const index = new Map<Value, number>();
  for (const v of declared ?? []) {
    if (!index.has(v)) {
      index.set(v, values.length);
      values.push(v);
    }
  }
  const extra = new Set<Value>();
  for (const row of data.units) for (const v of row) if (v !== null && !index.has(v)) extra.add(v);
  for (const v of [...extra].sort(compareValues)) {
    index.set(v, values.length);
    values.push(v);
  }
  return { values, index };
}

/** Weight of unit `u` (1 when the data carry no weights). */
export function weightOf(data: WeightedReliabilityData, u: number): number {
  return data.weights?.[u] ?? 1;
}

/** Sum of unit weights. */
export function totalWeight(data: WeightedReliabilityData): number {
  if (!data.weights) return data.units.length;
  let s = 0;
  for (const w of data.weights) s += w;
  return s;
}

/** Label of a value for tables and CSV. */
export function valueLabel(v: Value): string {
  return typeof v === 'number' ? String(v) : v;
}

/** Human sentences for each {@link UndefinedReason}. */
export const REASON_TEXT: Record<UndefinedReason, string> = {
  'no-units': 'there are no units',
  'no-pairable-units': 'no unit has values from at least two coders',
  'single-value': 'only one value occurs, so there is no variation to compare against (expected disagreement is 0)',
  'needs-two-coders': 'this coefficient compares exactly two coders',
  'unequal-ratings-per-unit': "Fleiss' kappa needs the same number of ratings for every unit",
  'non-numeric-values': 'this level needs numeric values',
  'no-value-order': 'ordinal data need numeric values or a declared category order',
  'unknown-category': 'a value is not one of the declared categories',
  'too-few-categories': 'the number of categories must be at least 2',
  'no-irrelevant-matter': 'no stretch of the continuum is left uncoded, so relevance cannot vary',
  'no-coincident-units': 'no stretch was coded as relevant by two coders',
  'overlapping-segments': 'one coder has overlapping segments where the coefficient requires a partition',
  'empty-continuum': 'the continuum has no length',
  'invalid-input': 'the input is not valid for this coefficient',
};

/** An undefined result: `value: null` with a reason code and sentence. */
export function undefinedResult(metric: string, level: Level | null, code: UndefinedReason, units: number, coders: number, detail?: string): AgreementResult {
  return { metric, level, value: null, reason: detail ? `${REASON_TEXT[code]} (${detail})` : REASON_TEXT[code], reasonCode: code, units, coders };
}
