/**
 * Percent agreement. Three multi-coder definitions exist and disagree (research note §2.1); all
 * three are offered and every result names the one it reports:
 * - `mean-pairwise` (the DEFAULT; Fleiss' P̄, NLTK `avg_Ao`): P_u = Σ_c n_uc(n_uc − 1)/(m_u(m_u − 1))
 *   averaged over units with at least two values. With two coders it is the share of units both
 *   coded identically.
 * - `all-agree` (tidycomm `icr_agreement`): share of units (with ≥ 2 values) whose values are all identical.
 * - `pairable` (Krippendorff): Σ_c o_cc / n over the coincidence matrix = 1 − D_o(nominal); it
 *   weights units by their number of pairable values.
 * For two coders with complete data the three coincide.
 */
import { coincidenceMatrix, coincidenceTable } from './coincidence.js';
import type { AgreementResult, WeightedReliabilityData } from './types.js';
import { buildDomain, undefinedResult, weightOf } from './values.js';

export type PercentDefinition = 'mean-pairwise' | 'all-agree' | 'pairable';

/** The default multi-coder definition. */
export const DEFAULT_PERCENT_DEFINITION: PercentDefinition = 'mean-pairwise';

export const PERCENT_DEFINITIONS: Record<PercentDefinition, string> = {
  'mean-pairwise': 'percent agreement, mean pairwise: share of agreeing coder pairs per unit, averaged over units with at least two values',
  'all-agree': 'percent agreement, all agree: share of units (with at least two values) on which every value is identical',
  pairable: "percent agreement, Krippendorff's pairable-value form: Σ_c o_cc / n over the coincidence matrix",
};

/** Mean pairwise agreement P̄ and the pairable unit weight it averages over (null when none). */
export function meanPairwiseAgreement(data: WeightedReliabilityData): { value: number | null; units: number } {
  let sum = 0;
  let units = 0;
  const counts = new Map<unknown, number>();
  for (let u = 0; u < data.units.length; u++) {
    counts.clear();
    let m = 0;
    for (const v of data.units[u] ?? []) {
      if (v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    let agree = 0;
    for (const n of counts.values()) agree += n * (n - 1);
    const w = weightOf(data, u);
    sum += (w * agree) / (m * (m - 1));
    units += w;
  }
  return { value: units === 0 ? null : sum / units, units };
}

/** Percent agreement under the chosen definition (default mean pairwise). Level-free (nominal). */
export function percentAgreement(data: WeightedReliabilityData, definition: PercentDefinition = DEFAULT_PERCENT_DEFINITION, withTable = false): AgreementResult {
  const metric = 'percent';
  const coders = data.coders.length;
  let value: number | null;
  let units: number;
  let result: AgreementResult;
  if (definition === 'pairable') {
    const domain = buildDomain(data);
    const coin = coincidenceMatrix(data, domain);
    let diag = 0;
    for (let c = 0; c < coin.size; c++) diag += coin.o[c * coin.size + c] ?? 0;
    units = coin.pairableUnits;
    value = coin.total > 0 ? diag / coin.total : null;
    result = value === null ? undefinedResult(metric, 'nominal', 'no-pairable-units', 0, coders) : { metric, level: 'nominal', value, units, coders };
    result.details = { n: coin.total };
    if (withTable) result.table = coincidenceTable(coin, domain);
  } else if (definition === 'all-agree') {
    let agree = 0;
    units = 0;
    for (let u = 0; u < data.units.length; u++) {
      const vals = (data.units[u] ?? []).filter((v) => v !== null);
      if (vals.length < 2) continue;
      const w = weightOf(data, u);
      units += w;
      if (vals.every((v) => v === vals[0])) agree += w;
    }
    value = units === 0 ? null : agree / units;
    result = value === null ? undefinedResult(metric, 'nominal', 'no-pairable-units', 0, coders) : { metric, level: 'nominal', value, units, coders };
  } else {
    const r = meanPairwiseAgreement(data);
    result = r.value === null ? undefinedResult(metric, 'nominal', 'no-pairable-units', 0, coders) : { metric, level: 'nominal', value: r.value, units: r.units, coders };
  }
  result.definition = PERCENT_DEFINITIONS[definition];
  return result;
}
