/**
 * Paragraphs of a canonical text: the stretches between {@link BLOCK_SEPARATOR}s (`\n\n`), which
 * are the document's textblocks (see `text-index.ts`). The one place that rule is written: agreement
 * units, co-occurrence, search, autocode scope and the adjudication view all cut text here.
 */
import { BLOCK_SEPARATOR } from './text-index.js';

const SEP = BLOCK_SEPARATOR.length;

/**
 * The paragraphs of `text` as `[start, end)` ranges, in order. Empty paragraphs (two separators
 * in a row, an empty text) are skipped unless `keepEmpty`, which gives exactly the pieces of
 * `text.split("\n\n")`.
 */
export function paragraphRanges(text: string, { keepEmpty = false }: { keepEmpty?: boolean } = {}): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf(BLOCK_SEPARATOR, start);
    const end = at < 0 ? text.length : at;
    if (keepEmpty || end > start) out.push([start, end]);
    if (at < 0) return out;
    start = at + SEP;
  }
}

/** Offsets at which paragraphs begin: 0 and every position after a separator (empty paragraphs too). */
export function paragraphStarts(text: string): number[] {
  return paragraphRanges(text, { keepEmpty: true }).map(([start]) => start);
}

/** The index in `starts` (from {@link paragraphStarts}) of the paragraph holding `offset`. */
export function paragraphIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The paragraph around `[start, end)`: from after the separator before `start` to the one at or after `end`. */
export function paragraphAround(text: string, start: number, end: number): { start: number; end: number } {
  const before = text.lastIndexOf(BLOCK_SEPARATOR, Math.max(0, start - 1));
  const after = text.indexOf(BLOCK_SEPARATOR, end);
  return { start: before < 0 ? 0 : before + SEP, end: after < 0 ? text.length : after };
}
