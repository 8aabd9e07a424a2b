/**
 * Input shape and validation shared by the unitizing coefficients: a continuum [begin, begin + length)
 * (for text: UTF-16 code-unit offsets into the canonical text) on which every coder marks
 * half-open segments carrying a value (for text: a code id). Uncovered stretches are irrelevant
 * matter, written φ.
 */
import type { UndefinedReason } from './types.js';

/** A coder's segment [start, end) with its value. */
export interface Segment {
  start: number;
  end: number;
  value: string;
}

/** A unitized continuum: `coders[i]` holds coder i's segments, in any order. */
export interface Continuum {
  /** First position (default 0). */
  begin?: number;
  length: number;
  coders: Segment[][];
  /** Optional coder names, parallel to `coders`. */
  coderIds?: string[];
}

/** Label used for irrelevant matter in tables. */
export const PHI = 'φ';

/**
 * Check segments lie inside the continuum with start < end and integer-free constraints, and
 * return each coder's segments sorted by start (then end). With `partition` (the 2016 family),
 * a coder's segments must not overlap at all; otherwise (1995 α_U) only segments of the same value
 * must not overlap.
 */
export function sortedSegments(c: Continuum, partition: boolean): { ok: true; coders: Segment[][] } | { ok: false; reason: UndefinedReason; detail: string } {
  const begin = c.begin ?? 0;
  const end = begin + c.length;
  if (!(c.length > 0)) return { ok: false, reason: 'empty-continuum', detail: `length ${c.length}` };
  const out: Segment[][] = [];
  for (let i = 0; i < c.coders.length; i++) {
    const segs = [...(c.coders[i] ?? [])].sort((a, b) => a.start - b.start || a.end - b.end);
    for (const s of segs) {
      if (!Number.isFinite(s.start) || !Number.isFinite(s.end) || s.start >= s.end || s.start < begin || s.end > end) {
        return { ok: false, reason: 'invalid-input', detail: `coder ${i + 1}: segment [${s.start}, ${s.end}) is empty or outside [${begin}, ${end})` };
      }
    }
    const lastEnd = new Map<string, number>();
    let prevEnd = -Infinity;
    for (const s of segs) {
      const key = partition ? '' : s.value;
      const pe = partition ? prevEnd : (lastEnd.get(key) ?? -Infinity);
      if (s.start < pe) return { ok: false, reason: 'overlapping-segments', detail: `coder ${i + 1} at ${s.start}` };
      lastEnd.set(key, Math.max(pe, s.end));
      prevEnd = Math.max(prevEnd, s.end);
    }
    out.push(segs);
  }
  return { ok: true, coders: out };
}
