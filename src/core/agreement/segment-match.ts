/**
 * Segment level comparison (QDA Miner / MAXQDA style) of one code in one document.
 *
 * Overlap definition: two segments A and B (different coders, same code) MATCH when
 *   |A ∩ B| / |A ∪ B| ≥ threshold        (default 0.9; |·| in UTF-16 code units)
 * i.e. the shared stretch relative to the whole stretch either covers (the research note's reading
 * of MAXQDA's "minimum overlap"; unverified against MAXQDA output).
 *
 * Units: matching segments are grouped into clusters holding at most one segment per coder, every
 * two of which match. Clusters are formed greedily from the best-overlapping pairs first (ties:
 * earlier start, then coder order), so the result does not depend on input order. Each cluster
 * is one unit: a coder's value is 1 when the cluster holds one of their segments, else 0. There is
 * no "neither coded" unit at this level, so chance-corrected coefficients are conservative.
 *
 * Row agreement (MAXQDA's percentage): every segment of every coder is a row; a row agrees when
 * every other coder has a matching segment. Identical duplicate segments of one coder count once.
 */
import type { CoderRange } from './segments.js';
import type { WeightedReliabilityData } from './types.js';

export interface SegmentMatch {
  data: WeightedReliabilityData;
  /** MAXQDA-style rows: all segments, and those that agree. */
  rows: number;
  agreeingRows: number;
}

/** Overlap ratio |A ∩ B| / |A ∪ B| of two half-open ranges (0 when disjoint). */
export function overlapRatio(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (inter <= 0) return 0;
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

/** Cluster one code's segments in one document and build its units (see module doc). */
export function matchSegments(ranges: readonly CoderRange[], coders: number, threshold: number, prefix: string): SegmentMatch {
  const seen = new Set<string>();
  const segs: CoderRange[] = [];
  for (const r of ranges) {
    if (r.end <= r.start) continue;
    const key = `${r.coder}:${r.start}:${r.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    segs.push(r);
  }
  segs.sort((a, b) => a.start - b.start || a.end - b.end || a.coder - b.coder);
  const pairs: { i: number; j: number; ratio: number }[] = [];
  for (let i = 0; i < segs.length; i++) {
    const a = segs[i] as CoderRange;
    for (let j = i + 1; j < segs.length && (segs[j] as CoderRange).start < a.end; j++) {
      const b = segs[j] as CoderRange;
      if (a.coder === b.coder) continue;
      const ratio = overlapRatio(a, b);
      if (ratio >= threshold) pairs.push({ i, j, ratio });
    }
  }
  const matches = (i: number, j: number) => overlapRatio(segs[i] as CoderRange, segs[j] as CoderRange) >= threshold;
  const hasMatch = segs.map(() => new Set<number>());
  for (const p of pairs) {
    hasMatch[p.i]?.add((segs[p.j] as CoderRange).coder);
    hasMatch[p.j]?.add((segs[p.i] as CoderRange).coder);
  }
  pairs.sort((x, y) => y.ratio - x.ratio || x.i - y.i || x.j - y.j);
  const cluster = segs.map((_, i) => [i]);
  const owner = segs.map((_, i) => i);
  for (const p of pairs) {
    const ca = owner[p.i] ?? p.i;
    const cb = owner[p.j] ?? p.j;
    if (ca === cb) continue;
    const A = cluster[ca] as number[];
    const B = cluster[cb] as number[];
    const codersA = new Set(A.map((k) => (segs[k] as CoderRange).coder));
    if (B.some((k) => codersA.has((segs[k] as CoderRange).coder))) continue;
    if (!A.every((x) => B.every((y) => matches(x, y)))) continue;
    for (const k of B) owner[k] = ca;
    A.push(...B);
    cluster[cb] = [];
  }
  const units: number[][] = [];
  const unitIds: string[] = [];
  cluster.forEach((members) => {
    if (members.length === 0) return;
    const row = new Array<number>(coders).fill(0);
    let first = Infinity;
    let last = -Infinity;
    for (const k of members) {
      const s = segs[k] as CoderRange;
      row[s.coder] = 1;
      first = Math.min(first, s.start);
      last = Math.max(last, s.end);
    }
    units.push(row);
    unitIds.push(`${prefix}${first}-${last}`);
  });
  let agreeing = 0;
  segs.forEach((_, i) => {
    if ((hasMatch[i]?.size ?? 0) === coders - 1 && coders > 1) agreeing++;
  });
  return { data: { coders: Array.from({ length: coders }, (_, i) => String(i)), units, unitIds }, rows: segs.length, agreeingRows: agreeing };
}
