/**
 * Strength labels for agreement coefficients, so colour is never the only signal. Bands are
 * Landis & Koch (1977) for kappa-type coefficients, which the compare view also applies to alpha,
 * with Krippendorff's (2004) guidance shown alongside: α ≥ .800 reliable, ≥ .667 tentative.
 */
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

/** Landis–Koch band of a value; null (undefined coefficient) gets "n/a". */
export function strengthOf(value: number | null): Strength {
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

/** A figure with three decimals, or "n/a". */
export function fmt3(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : v.toFixed(3);
}

