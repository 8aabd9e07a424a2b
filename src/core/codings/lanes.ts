import type { Id } from '../model/types.js';

/** A span (text offsets, or vertical pixel ranges for margin brackets) placed in a lane (0 is nearest the text). */
export interface Laned {
  id: Id;
  start: number;
  end: number;
  lane: number;
}

/**
 * Put overlapping spans side by side in the fewest lanes (greedy interval partitioning, which is
 * optimal for intervals: Kleinberg & Tardos, "Algorithm Design", §4.1). Longer spans go first at
 * equal starts, so an enclosing passage sits nearer the text than the passages inside it.
 * Deterministic: ties break by id. O(n log n + n·lanes).
 */
export function assignLanes(spans: readonly { id: Id; start: number; end: number }[]): Laned[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const laneEnd: number[] = [];
  return sorted.map((s) => {
    let lane = laneEnd.findIndex((e) => e <= s.start);
    if (lane < 0) {
      lane = laneEnd.length;
      laneEnd.push(s.end);
    } else laneEnd[lane] = s.end;
    return { id: s.id, start: s.start, end: s.end, lane };
  });
}
