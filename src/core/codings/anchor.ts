/** Length of the prefix and suffix context stored with every coding. */
export const CONTEXT_CHARS = 32;

/** The text anchor of a coding: offsets plus the quote that makes it re-findable. */
export interface Anchor {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** Whitespace at either end of a selection is not part of a passage. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  return { start: s, end: e };
}

/**
 * Build the anchor for `[start, end)` of `text`. Returns null for an empty or out-of-range span.
 * Offsets are UTF-16 code units; a span never splits a surrogate pair (it is widened to keep the pair).
 */
export function makeAnchor(text: string, start: number, end: number): Anchor | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return null;
  if (start < 0 || end > text.length || start >= end) return null;
  let s = start;
  let e = end;
  if (isLowSurrogate(text.charCodeAt(s)) && s > 0) s--;
  if (e < text.length && isLowSurrogate(text.charCodeAt(e))) e++;
  return {
    start: s,
    end: e,
    exact: text.slice(s, e),
    prefix: text.slice(Math.max(0, s - CONTEXT_CHARS), s),
    suffix: text.slice(e, e + CONTEXT_CHARS),
  };
}

/** Anchor status against the current text: intact, or orphaned (quote no longer at its offsets). */
export function anchorStatus(text: string, a: Pick<Anchor, 'start' | 'end' | 'exact'>): 'intact' | 'orphaned' {
  return text.slice(a.start, a.end) === a.exact ? 'intact' : 'orphaned';
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
