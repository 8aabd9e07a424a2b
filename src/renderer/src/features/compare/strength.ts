/**
 * Strength labels for agreement coefficients, so colour is never the only signal. Bands are
 * Landis & Koch (1977) for chance-corrected coefficients (κ, AC1, and α, to which the compare view
 * also applies them), with Krippendorff's (2004) guidance shown alongside: α ≥ .800 reliable,
 * ≥ .667 tentative. Percent agreement is not chance-corrected and gets no band. A figure whose
 * data are degenerate (e.g. the coders never applied the code to the same unit) is labelled by
 * that fact, not by a band: α = 0.000 there means "no agreement", not "slight".
 */
import { formatFigure, type FigureCaveat } from '../../../../core/agreement/index.js';
import type { Coder } from '../../../../core/model/types.js';

/** A coder's name with its kind, so consensus and machine coders are never mistaken for people. */
export function coderLabel(c: Pick<Coder, 'name' | 'consensus' | 'auto'>): string {
  return c.consensus ? `${c.name} (consensus)` : c.auto ? `${c.name} (auto)` : c.name;
}

export interface Strength {
  /** Short text label (always shown next to the colour). */
  label: string;
  /** CSS class carrying the colour. */
  className: string;
}

/** Labels that replace the band when the data are degenerate. */
const CAVEAT_LABEL: Partial<Record<FigureCaveat, Strength>> = {
  'nobody-coded': { label: 'nothing coded', className: 'strength-na' },
  'one-coder-only': { label: 'no agreement (one coder)', className: 'strength-poor' },
  'never-agree': { label: 'no agreement', className: 'strength-poor' },
};

/**
 * Landis–Koch band of a chance-corrected value; null (undefined coefficient) gets "n/a";
 * degenerate data get their own label instead of a band (see module doc).
 */
export function strengthOf(value: number | null, caveats: readonly FigureCaveat[] = []): Strength {
  for (const c of caveats) {
    const s = CAVEAT_LABEL[c];
    if (s) return s;
  }
  if (value === null) return { label: 'n/a', className: 'strength-na' };
  if (value < 0) return { label: 'poor', className: 'strength-poor' };
  if (value <= 0.2) return { label: 'slight', className: 'strength-slight' };
  if (value <= 0.4) return { label: 'fair', className: 'strength-fair' };
  if (value <= 0.6) return { label: 'moderate', className: 'strength-moderate' };
  if (value <= 0.8) return { label: 'substantial', className: 'strength-substantial' };
  return { label: 'almost perfect', className: 'strength-perfect' };
}

/** Krippendorff's reading of alpha: reliable (≥ .800), tentative (≥ .667) or not reliable. */
export function krippendorffReading(alpha: number | null): string {
  if (alpha === null) return 'undefined';
  return alpha >= 0.8 ? 'reliable (α ≥ .800)' : alpha >= 0.667 ? 'tentative (α ≥ .667)' : 'not reliable (α < .667)';
}

/** A figure with three decimals, or "n/a"; never "-0.000". */
export function fmt3(v: number | null | undefined): string {
  return formatFigure(v);
}

/** "[lower, upper]" of a figure's interval, or ''. */
export function fmtInterval(r: { interval?: { lower: number; upper: number; confidence: number } }): string {
  return r.interval ? `${Math.round(r.interval.confidence * 100)}% CI [${fmt3(r.interval.lower)}, ${fmt3(r.interval.upper)}]` : '';
}
