/**
 * Segment level comparison (QDA Miner / MAXQDA style) of one code in one document (one pass per pair of coders)
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
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end || a.coder - b.coder);
  const segs: CoderRange[] = [];
  for (const r of sorted) {
    const prev = segs[segs.length - 1];
    if (!prev || prev.start !== r.start || prev.end !== r.end || prev.coder !== r.coder) segs.push(r);
  }
  const n = segs.length;
  // Candidate pairs (i < j, different coders, ratio ≥ threshold), found by a sweep in start order.
  const pi: number[] = [];
  const pj: number[] = [];
  const pr: number[] = [];
  // matched[i * coders + c] = 1 when segment i matches some segment of coder c.
  const matched = new Uint8Array(n * coders);
  for (let i = 0; i < n; i++) {
    const a = segs[i] as CoderRange;
    for (let j = i + 1; j < n; j++) {
      const b = segs[j] as CoderRange;
      if (b.start >= a.end) break;
      if (a.coder === b.coder) continue;
      const ratio = overlapRatio(a, b);
      if (ratio < threshold) continue;
      pi.push(i);
      pj.push(j);
      pr.push(ratio);
      matched[i * coders + b.coder] = 1;
      matched[j * coders + a.coder] = 1;
    }
  }
  const order = pr.map((_, k) => k).sort((x, y) => (pr[y] ?? 0) - (pr[x] ?? 0) || (pi[x] ?? 0) - (pi[y] ?? 0) || (pj[x] ?? 0) - (pj[y] ?? 0));
  const cluster: number[][] = segs.map((_, i) => [i]);
  const owner = Int32Array.from(segs, (_, i) => i);
  const matches = (x: number, y: number) => overlapRatio(segs[x] as CoderRange, segs[y] as CoderRange) >= threshold;
  for (const k of order) {
    const ca = owner[pi[k] ?? 0] ?? 0;
    const cb = owner[pj[k] ?? 0] ?? 0;
    if (ca === cb) continue;
    const A = cluster[ca] as number[];
    const B = cluster[cb] as number[];
    let compatible = true;
    for (const x of A) {
      for (const y of B) {
        if ((segs[x] as CoderRange).coder === (segs[y] as CoderRange).coder || !matches(x, y)) {
          compatible = false;
          break;
        }
      }
      if (!compatible) break;
    }
    if (!compatible) continue;
    for (const y of B) owner[y] = ca;
    A.push(...B);
    cluster[cb] = [];
  }
  const units: number[][] = [];
  const unitIds: string[] = [];
  for (const members of cluster) {
    if (members.length === 0) continue;
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
  }
  let agreeing = 0;
  if (coders > 1) {
    for (let i = 0; i < n; i++) {
      let all = true;
      const own = (segs[i] as CoderRange).coder;
      for (let c = 0; c < coders && all; c++) if (c !== own && matched[i * coders + c] === 0) all = false;
      if (all) agreeing++;
    }
  }
  return { data: { coders: Array.from({ length: coders }, (_, i) => String(i)), units, unitIds }, rows: n, agreeingRows: agreeing };
}
