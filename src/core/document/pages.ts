import type { PageStart } from '../model/types.js';

/**
 * The page on which `offset` lies: the last page start at or before it (the first page for an
 * offset before every start). Null for documents without pages. Page starts are ascending by offset
 * (see `DocumentMeta.pages`), so a binary search does. The one page lookup of evidence, retrieval
 * and exports.
 */
export function pageAt(pages: readonly PageStart[] | undefined, offset: number): number | null {
  if (!pages || pages.length === 0) return null;
  let lo = 0;
  let hi = pages.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((pages[mid]?.offset ?? 0) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return (pages[Math.max(0, found)] ?? pages[0])?.page ?? null;
}
