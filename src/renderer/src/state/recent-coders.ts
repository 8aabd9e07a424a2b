import type { Coder, Id } from '../../../core/model/types.js';

/** Where this browser keeps the names it coded as lately (a preference of the user, not project data). */
export const RECENT_CODERS_KEY = 'casecoder-recent-coders';
/** How many names are kept. */
export const MAX_RECENT_CODERS = 6;

/** `name` first, then the others in their order without it (compared without case), at most `max`. */
export function rememberCoder(recent: readonly string[], name: string, max = MAX_RECENT_CODERS): string[] {
  const n = name.trim();
  if (!n) return [...recent];
  return [n, ...recent.filter((r) => r.toLowerCase() !== n.toLowerCase())].slice(0, max);
}

/** One choice in the coder switcher. */
export interface CoderChoice {
  name: string;
  /** True when this browser coded as them lately. */
  recent: boolean;
}

/**
 * Whom the switcher offers: the recent names first (most recent first), then the project's other
 * human coders (not autocode, not consensus) by name; never the current coder.
 */
export function coderChoices(recent: readonly string[], coders: readonly Pick<Coder, 'id' | 'name' | 'auto' | 'consensus'>[], me: Id | null): CoderChoice[] {
  const current = coders.find((c) => c.id === me)?.name.toLowerCase() ?? null;
  const seen = new Set<string>(current ? [current] : []);
  const out: CoderChoice[] = [];
  for (const name of recent) {
    const k = name.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ name, recent: true });
  }
  for (const c of [...coders].filter((c) => !c.auto && !c.consensus).sort((a, b) => a.name.localeCompare(b.name))) {
    const k = c.name.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ name: c.name, recent: false });
  }
  return out;
}

/** The stored recent names (none when storage is unavailable or holds something else). */
export function loadRecentCoders(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string[] {
  try {
    const v: unknown = JSON.parse(storage?.getItem(RECENT_CODERS_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT_CODERS) : [];
  } catch {
    return [];
  }
}

/** Remember `name` as the latest; returns the new list. Storage failures (private windows) are ignored. */
export function saveRecentCoder(name: string, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): string[] {
  const next = rememberCoder(loadRecentCoders(storage), name);
  try {
    storage?.setItem(RECENT_CODERS_KEY, JSON.stringify(next));
  } catch {
    // The switch still applies; only the list is not kept.
  }
  return next;
}
