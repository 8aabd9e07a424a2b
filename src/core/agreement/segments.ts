/**
 * Turning codings (half-open UTF-16 ranges of one code in one document) into units of comparison.
 * Each builder returns reliability data with binary values per coder: 1 = the coder applied the
 * code to this unit, 0 = did not. Every selected coder is assumed to have coded every selected
 * document, so a coder without codings contributes 0s, never missing values.
 */
import type { WeightedReliabilityData } from './types.js';
export { paragraphRanges } from '../document/paragraphs.js';

/** A coder's coded range: coder column index and [start, end). */
export interface CoderRange {
  coder: number;
  start: number;
  end: number;
}

/**
 * Character level (NVivo's coding comparison): every character of [0, length) is a unit; a coder
 * applies the code to a character if any of their codings of the code covers it (overlapping
 * codings by one coder count once). Runs of characters with the same pattern are one weighted
 * row (weight = run length), so the cost is O(r log r) in the number of ranges, not the text length.
 * Row ids are `${prefix}${start}`: row `P123` with weight w stands for characters 123 … 123 + w − 1.
 */
export function characterUnits(ranges: readonly CoderRange[], coders: number, length: number, prefix: string): WeightedReliabilityData {
  // One sortable number per event: ((position · 2 + kind) · coders + coder), kind 0 = end, 1 = start,
  // so ends sort before starts at the same position. Exact while position · 4 · coders < 2^53.
  const keys = new Float64Array(ranges.length * 2);
  let n = 0;
  for (const r of ranges) {
    const s = Math.max(0, r.start);
    const e = Math.min(length, r.end);
    if (s >= e) continue;
    keys[n++] = (s * 2 + 1) * coders + r.coder;
    keys[n++] = e * 2 * coders + r.coder;
  }
  const events = keys.subarray(0, n).sort();
  const depth = new Int32Array(coders);
  const units: number[][] = [];
  const weights: number[] = [];
  const unitIds: string[] = [];
  let pos = 0;
  let dirty = true;
  const emit = (to: number): void => {
    if (to <= pos) return;
    const last = units[units.length - 1];
    let same = last !== undefined;
    if (dirty && last) for (let c = 0; c < coders && same; c++) same = last[c] === ((depth[c] ?? 0) > 0 ? 1 : 0);
    if (same) weights[weights.length - 1] = (weights[weights.length - 1] ?? 0) + (to - pos);
    else {
      const row = new Array<number>(coders);
      for (let c = 0; c < coders; c++) row[c] = (depth[c] ?? 0) > 0 ? 1 : 0;
      units.push(row);
      weights.push(to - pos);
      unitIds.push(`${prefix}${pos}`);
    }
    dirty = false;
    pos = to;
  };
  for (let i = 0; i < n; i++) {
    const key = events[i] ?? 0;
    const coder = key % coders;
    const slot = (key - coder) / coders;
    emit(Math.floor(slot / 2));
    const before = depth[coder] ?? 0;
    const after = before + (slot % 2 === 1 ? 1 : -1);
    depth[coder] = after;
    if (before > 0 !== after > 0) dirty = true;
  }
  emit(length);
  return { coders: Array.from({ length: coders }, (_, i) => String(i)), units, weights, unitIds };
}

/**
 * Paragraph level: one unit per non-empty paragraph; a coder applies the code to a paragraph when
 * one of their codings of the code shares at least one character with it. Row ids are `${prefix}p${n}`
 * with n the 1-based paragraph number.
 */
export function paragraphUnits(ranges: readonly CoderRange[], coders: number, paragraphs: readonly [number, number][], prefix: string): WeightedReliabilityData {
  const units = paragraphs.map(() => new Array<number>(coders).fill(0));
  for (const r of ranges) {
    let lo = 0;
    let hi = paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((paragraphs[mid]?.[1] ?? 0) > r.start) hi = mid;
      else lo = mid + 1;
    }
    for (let p = lo; p < paragraphs.length && (paragraphs[p]?.[0] ?? 0) < r.end; p++) {
      const row = units[p];
      if (row && r.end > r.start) row[r.coder] = 1;
    }
  }
  return { coders: Array.from({ length: coders }, (_, i) => String(i)), units, unitIds: paragraphs.map((_, p) => `${prefix}p${p + 1}`) };
}

/** Document level: one unit; the value is presence (0/1) or the number of codings (frequency). */
export function documentUnit(ranges: readonly CoderRange[], coders: number, criterion: 'presence' | 'frequency', prefix: string): WeightedReliabilityData {
  const counts = new Array<number>(coders).fill(0);
  for (const r of ranges) if (r.end > r.start) counts[r.coder] = (counts[r.coder] ?? 0) + 1;
  const row = criterion === 'presence' ? counts.map((n) => (n > 0 ? 1 : 0)) : counts;
  return { coders: Array.from({ length: coders }, (_, i) => String(i)), units: [row], unitIds: [prefix.replace(/:$/, '')] };
}
