import type { Coding, Id } from '../model/types.js';

/**
 * Whose codings a coder sees. `blind` (independent double coding) shows only the current coder's
 * work whatever `mode` says, and nothing at all when nobody is coding yet.
 */
export interface CoderView {
  mode: 'all' | 'mine' | 'chosen';
  /** Coders shown in `chosen` mode. */
  chosen: Id[];
  blind: boolean;
}

/** The default: everyone's codings, not blind. */
export const ALL_CODERS: CoderView = { mode: 'all', chosen: [], blind: false };

/** The coder ids shown, or null for "all coders". */
export function shownCoders(view: CoderView, me: Id | null): Set<Id> | null {
  if (view.blind || view.mode === 'mine') return new Set(me ? [me] : []);
  if (view.mode === 'chosen') return new Set(view.chosen);
  return null;
}

/** The codings a view shows (same array when it shows all). */
export function visibleCodings<T extends Pick<Coding, 'coderId'>>(codings: readonly T[], view: CoderView, me: Id | null): readonly T[] {
  const shown = shownCoders(view, me);
  return shown ? codings.filter((c) => shown.has(c.coderId)) : codings;
}
