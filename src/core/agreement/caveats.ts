/**
 * Degenerate comparisons, named in words. Presence data (1 = the coder applied the code to the
 * unit, 0 = not) can make κ and α meaningless even when the arithmetic is right:
 * - `no-uncoded-units`: every unit was coded by at least one coder, so there is no agreement on what
 *   to leave uncoded. The chance model then sees almost only disagreement: 70% identical units can
 *   give κ = 0. Segment units are always like this (a segment exists because someone coded it).
 * - `never-agree`: the code was applied, but never by two coders to the same unit; the only
 *   agreement is on text nobody coded, and κ/α sit at or below 0.
 * - `one-coder-only`: only one coder applied the code at all.
 * - `nobody-coded`: no coder applied the code; there is nothing to compare.
 */
import type { WeightedReliabilityData } from './types.js';

export type FigureCaveat = 'no-uncoded-units' | 'never-agree' | 'one-coder-only' | 'nobody-coded';

/** One sentence per caveat, for the UI, the CLI and reports. */
export const CAVEAT_TEXT: Record<FigureCaveat, string> = {
  'no-uncoded-units':
    'every unit was coded by at least one coder, so nothing counts as agreeing to leave text uncoded; kappa and alpha are degenerate here (they can be 0 or below even when most units agree) — compare at the character or paragraph level instead',
  'never-agree': 'the coders never applied this code to the same unit; the only agreement is on text neither coded',
  'one-coder-only': 'only one coder applied this code',
  'nobody-coded': 'no coder applied this code, so there is nothing to compare',
};

/**
 * The caveats of presence data (values 0/1, null = missing); none for other data (e.g. document
 * frequencies). Deterministic; order as in {@link FigureCaveat}.
 */
export function presenceCaveats(data: WeightedReliabilityData): FigureCaveat[] {
  let neither = 0;
  let shared = 0;
  let coded = 0;
  const applied = new Set<number>();
  for (let u = 0; u < data.units.length; u++) {
    const row = data.units[u] ?? [];
    let ones = 0;
    let values = 0;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined) continue;
      if (v !== 0 && v !== 1) return [];
      values++;
      if (v === 1) {
        ones++;
        applied.add(c);
      }
    }
    if (values === 0) continue;
    const w = data.weights?.[u] ?? 1;
    if (ones === 0) neither += w;
    else coded += w;
    if (ones >= 2) shared += w;
  }
  if (coded === 0) return ['nobody-coded'];
  const out: FigureCaveat[] = [];
  if (neither === 0) out.push('no-uncoded-units');
  if (applied.size === 1) out.push('one-coder-only');
  else if (shared === 0) out.push('never-agree');
  return out;
}
