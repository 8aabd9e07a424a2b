import type { Coding } from '../../../core/model/types.js';

/** What changed between two lists of a document's codings. */
export interface CodingListDiff {
  added: Coding[];
  removed: Coding[];
  /** Some coding kept its id but changed (recoded, moved, edited). */
  changed: boolean;
}

/**
 * The difference between two lists of codings that keep their relative order, as a change set
 * leaves them (removals keep the order of the rest, upserts replace in place or append): one walk
 * comparing references, O(length) with no sets or maps. When the lists do not follow that
 * pattern, items are reported removed and added again, so a caller that redraws everything when
 * more than one item moved stays correct.
 */
export function diffCodingLists(prev: readonly Coding[], next: readonly Coding[]): CodingListDiff {
  const added: Coding[] = [];
  const removed: Coding[] = [];
  let changed = false;
  let i = 0;
  let j = 0;
  while (i < prev.length && j < next.length) {
    const a = prev[i] as Coding;
    const b = next[j] as Coding;
    if (a === b || a.id === b.id) {
      if (a !== b) changed = true;
      i++;
      j++;
    } else {
      removed.push(a);
      i++;
    }
  }
  for (; i < prev.length; i++) removed.push(prev[i] as Coding);
  for (; j < next.length; j++) added.push(next[j] as Coding);
  return { added, removed, changed };
}
