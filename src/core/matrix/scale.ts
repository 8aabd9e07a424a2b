import type { Matrix } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';

/** Default ordinal scale of a Table A6 judgement, low to high. */
export const DEFAULT_SCALE: readonly string[] = ['none', 'weak', 'moderate', 'strong'];

/** Default label meaning "the question does not apply to this case" (outside the ordinal scale). */
export const DEFAULT_NOT_APPLICABLE = 'not applicable';

/** Longest accepted scale label, in characters. */
export const MAX_LABEL_CHARS = 40;

/** What a stored rating value means on its matrix's scale. */
export type ScalePoint = { kind: 'unrated' } | { kind: 'not-applicable'; label: string } | { kind: 'scale'; label: string; index: number } | { kind: 'unknown'; label: string };

/**
 * Classify a rating value against a matrix scale. Labels compare case-insensitively after trimming,
 * so `"Strong"` on the CLI finds `strong`; the canonical label is returned.
 * `unknown` only arises for data written by something that bypassed validation.
 */
export function scalePoint(matrix: Pick<Matrix, 'scale' | 'notApplicable'>, value: string | null): ScalePoint {
  if (value === null) return { kind: 'unrated' };
  const want = normaliseLabel(value);
  if (want === '') return { kind: 'unrated' };
  if (normaliseLabel(matrix.notApplicable) === want) return { kind: 'not-applicable', label: matrix.notApplicable };
  const index = matrix.scale.findIndex((l) => normaliseLabel(l) === want);
  if (index >= 0) return { kind: 'scale', label: matrix.scale[index] ?? value, index };
  return { kind: 'unknown', label: value };
}

/**
 * The ordinal index (0 = lowest) of a value, or null when it is unrated, not applicable or unknown.
 * This is the number the agreement statistic and the `rating` column of the tidy export use.
 */
export function scaleIndex(matrix: Pick<Matrix, 'scale' | 'notApplicable'>, value: string | null): number | null {
  const p = scalePoint(matrix, value);
  return p.kind === 'scale' ? p.index : null;
}

/** Lower-cased, trimmed, inner whitespace collapsed: the form in which labels are compared. */
export function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Validate a scale: at least two labels, each non-empty and at most {@link MAX_LABEL_CHARS}
 * characters, all distinct (case-insensitively) and distinct from the not-applicable label.
 * Returns the labels trimmed.
 */
export function validateScale(scale: readonly string[], notApplicable: string): Result<{ scale: string[]; notApplicable: string }> {
  if (!Array.isArray(scale) || scale.length < 2) return err('invalid', 'A rating scale needs at least two labels');
  const labels = scale.map((l) => (typeof l === 'string' ? l.trim().replace(/\s+/g, ' ') : ''));
  const na = typeof notApplicable === 'string' ? notApplicable.trim().replace(/\s+/g, ' ') : '';
  const seen = new Set<string>();
  for (const l of [...labels, na]) {
    if (l === '') return err('invalid', 'Scale labels must not be empty');
    if (l.length > MAX_LABEL_CHARS) return err('invalid', `Scale label "${l.slice(0, MAX_LABEL_CHARS)}…" is longer than ${MAX_LABEL_CHARS} characters`);
    const key = l.toLowerCase();
    if (seen.has(key)) return err('invalid', `Scale label "${l}" appears twice`);
    seen.add(key);
  }
  return ok({ scale: labels, notApplicable: na });
}
