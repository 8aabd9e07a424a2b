import type { Id } from '../model/types.js';

/** A span of text `[start, end)` and the ids of every coding that covers all of it. */
export interface Segment {
  start: number;
  end: number;
  ids: Id[];
}

/** Anything with an id and a span. */
export interface Span {
  id: Id;
  start: number;
  end: number;
}

/**
 * Flatten possibly overlapping spans into non-overlapping segments (a sweep line), each listing
 * the spans covering it in input order. Gaps produce no segment. O(n log n).
 */
export function segmentize(spans: readonly Span[]): Segment[] {
  const points = new Set<number>();
  for (const s of spans) {
    if (s.end > s.start) {
      points.add(s.start);
      points.add(s.end);
    }
  }
  const cuts = [...points].sort((a, b) => a - b);
  if (cuts.length < 2) return [];
  const order = new Map(spans.map((s, i) => [s.id, i]));
  const starts = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const active = new Map<Id, Span>();
  const out: Segment[] = [];
  let next = 0;
  for (let i = 0; i < cuts.length - 1; i++) {
    const a = cuts[i] ?? 0;
    const b = cuts[i + 1] ?? 0;
    for (const [id, s] of active) if (s.end <= a) active.delete(id);
    while (next < starts.length && (starts[next]?.start ?? Infinity) <= a) {
      const s = starts[next++];
      if (s && s.end > a) active.set(s.id, s);
    }
    if (active.size > 0) {
      const ids = [...active.keys()].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
      out.push({ start: a, end: b, ids });
    }
  }
  return out;
}

/**
 * Cut segments at block boundaries so no piece crosses the separator between two textblocks
 * (`blocks` ascending, as from the text index). Pieces that fall inside separators are dropped.
 */
export function splitAtBlocks(segments: readonly Segment[], blocks: readonly { start: number; end: number }[]): Segment[] {
  const out: Segment[] = [];
  let bi = 0;
  for (const seg of segments) {
    while (bi < blocks.length && (blocks[bi]?.end ?? 0) <= seg.start) bi++;
    for (let j = bi; j < blocks.length; j++) {
      const b = blocks[j];
      if (!b || b.start >= seg.end) break;
      const s = Math.max(seg.start, b.start);
      const e = Math.min(seg.end, b.end);
      if (e > s) out.push({ start: s, end: e, ids: seg.ids });
    }
  }
  return out;
}

/** Ids of the spans covering `offset` (start inclusive, end exclusive). */
export function spansAt<T extends Span>(spans: readonly T[], offset: number): T[] {
  return spans.filter((s) => s.start <= offset && offset < s.end);
}
