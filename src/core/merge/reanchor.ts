/**
 * Re-finding a quote in a text when its offsets no longer hold (W3C TextQuoteSelector style:
 * exact + prefix + suffix). Used by merge for codings whose offsets do not match the project's
 * copy of a document.
 */

/** Characters of `a` and `b` that agree, counted from their ends (a) and starts (b). */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Find `exact` in `text`: the occurrence whose surrounding context agrees best with `prefix` and
 * `suffix`, ties broken by closeness to `hint` (the old start offset). Returns null when `exact`
 * is empty or does not occur. Invariant: `text.slice(start, end) === exact` for the result.
 */
export function reanchor(text: string, exact: string, prefix: string, suffix: string, hint: number): { start: number; end: number } | null {
  if (exact.length === 0) return null;
  let best: { start: number; score: number; distance: number } | null = null;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const before = text.slice(Math.max(0, at - prefix.length), at);
    const after = text.slice(at + exact.length, at + exact.length + suffix.length);
    const score = commonSuffix(before, prefix) + commonPrefix(after, suffix);
    const distance = Math.abs(at - hint);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: at, score, distance };
  }
  return best ? { start: best.start, end: best.start + exact.length } : null;
}
