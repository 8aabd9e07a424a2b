import { err, ok, type Result } from '../model/result.js';

/** How a search string is read: literally, as whole words, or as a regular expression. */
export type SearchMode = 'plain' | 'word' | 'regex';

/** A search request. */
export interface SearchQuery {
  text: string;
  mode: SearchMode;
  caseSensitive?: boolean;
}

/** Longest search string accepted (a regex longer than this is almost surely a mistake or an attack). */
export const MAX_QUERY_LENGTH = 500;

/** Escape text so a RegExp matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Refuse regular expressions that can backtrack catastrophically. JavaScript cannot interrupt a
 * running `exec`, so the guard is static: no backreferences, and no quantified group that itself
 * contains an unbounded quantifier (star height above one: `(a+)+`, `(\w*\s?)*`), which is the
 * shape behind exponential backtracking (Davis et al., "The impact of regular expression denial
 * of service (ReDoS) in practice", FSE 2018). Searches also run paragraph by paragraph, so every
 * `exec` sees a bounded input, and stop when their time budget is spent.
 */
export function regexRisk(pattern: string): string | null {
  if (/\\[1-9]|\\k</.test(pattern)) return 'Back-references are not supported in searches';
  // Per open group: whether it (or a nested group) holds an unbounded quantifier.
  const stack: boolean[] = [];
  let inClass = false;
  let lastGroupUnbounded = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      lastGroupUnbounded = false;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      lastGroupUnbounded = false;
      continue;
    }
    if (ch === '(') {
      stack.push(false);
      lastGroupUnbounded = false;
      continue;
    }
    if (ch === ')') {
      const inner = stack.pop() ?? false;
      if (inner && stack.length > 0) stack[stack.length - 1] = true;
      lastGroupUnbounded = inner;
      const next = pattern[i + 1];
      const unboundedNext = next === '*' || next === '+' || (next === '{' && /^\{\d*,\}/.test(pattern.slice(i + 1))) || (next === '{' && /^\{\d{3,}/.test(pattern.slice(i + 1)));
      if (unboundedNext && inner) return 'Nested repetition such as (a+)+ can take forever; simplify the pattern';
      continue;
    }
    const unbounded = ch === '*' || ch === '+' || (ch === '{' && /^\{\d*,\}/.test(pattern.slice(i)));
    if (unbounded && stack.length > 0) stack[stack.length - 1] = true;
    if (unbounded && lastGroupUnbounded) return 'Nested repetition such as (a+)+ can take forever; simplify the pattern';
    lastGroupUnbounded = false;
  }
  return null;
}

/**
 * Compile a query to a global, Unicode-aware RegExp. Whole-word mode treats letters, digits and
 * underscore of any script as word characters (unlike `\b`, which knows only ASCII).
 */
export function compileQuery(q: SearchQuery): Result<RegExp> {
  if (!q || typeof q.text !== 'string' || !q.text.trim()) return err('invalid', 'Type something to search for');
  if (q.text.length > MAX_QUERY_LENGTH) return err('too-large', `A search can be at most ${MAX_QUERY_LENGTH} characters`);
  if (q.mode !== 'plain' && q.mode !== 'word' && q.mode !== 'regex') return err('invalid', `Unknown search mode "${String(q.mode)}"`);
  const flags = `gu${q.caseSensitive ? '' : 'i'}`;
  if (q.mode === 'regex') {
    const risk = regexRisk(q.text);
    if (risk) return err('invalid', risk);
    try {
      return ok(new RegExp(q.text, flags));
    } catch (e) {
      return err('invalid', `Not a valid regular expression: ${(e as Error).message}`);
    }
  }
  const lit = escapeRegExp(q.mode === 'word' ? q.text.trim() : q.text);
  const source = q.mode === 'word' ? `(?<![\\p{L}\\p{N}_])${lit}(?![\\p{L}\\p{N}_])` : lit;
  return ok(new RegExp(source, flags));
}
