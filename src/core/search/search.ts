import type { Id } from '../model/types.js';
import { ok, type Result } from '../model/result.js';
import { paragraphRanges } from '../document/paragraphs.js';
import { compileQuery, type SearchQuery } from './query.js';
import { snippetAfter, snippetBefore } from './snippet.js';

/** One match with its keyword-in-context: up to `context` characters either side, within its paragraph. */
export interface SearchHit {
  documentId: Id;
  start: number;
  end: number;
  /** Context before the match, starting at a whole word; `cutBefore` when more of the paragraph precedes it. */
  before: string;
  match: string;
  after: string;
  cutBefore: boolean;
  cutAfter: boolean;
}

/** The hits of one document, in text order. */
export interface SearchGroup {
  documentId: Id;
  hits: SearchHit[];
}

/** A search's outcome. `truncated` says why the list is incomplete, if it is. */
export interface SearchResult {
  groups: SearchGroup[];
  total: number;
  truncated: null | 'hits' | 'time';
}

/** Limits of one search. `clock` returns milliseconds (injected so core stays free of timers). */
export interface SearchLimits {
  maxHits?: number;
  budgetMs?: number;
  context?: number;
  clock?: () => number;
}

/**
 * Find every match of `regex` (global) in `text`, paragraph by paragraph (paragraphs are the
 * canonical text's `\n\n`-separated blocks, so no match crosses one and every `exec` sees a
 * bounded input). Zero-length matches are skipped. Stops early at `maxHits` or when `deadline`
 * (by `clock`) passes; `stopped` says which.
 */
export function findAll(text: string, regex: RegExp, documentId: Id, opts: { maxHits: number; context: number; deadline: number; clock: () => number }): { hits: SearchHit[]; stopped: null | 'hits' | 'time' } {
  const hits: SearchHit[] = [];
  for (const [paraStart, paraEnd] of paragraphRanges(text, { keepEmpty: true })) {
    const para = text.slice(paraStart, paraEnd);
    regex.lastIndex = 0;
    for (let m = regex.exec(para); m; m = regex.exec(para)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const s = m.index;
      const e = s + m[0].length;
      // one character more than shown, so the snippet knows whether its edge falls mid-word
      const from = Math.max(0, s - opts.context - 1);
      const before = snippetBefore(para.slice(from, s), opts.context, from === 0);
      const after = snippetAfter(para.slice(e, e + opts.context + 1), opts.context, e + opts.context + 1 >= para.length);
      hits.push({ documentId, start: paraStart + s, end: paraStart + e, before: before.text, match: m[0], after: after.text, cutBefore: before.cut, cutAfter: after.cut });
      if (hits.length >= opts.maxHits) return { hits, stopped: 'hits' };
    }
    if (opts.clock() > opts.deadline) return { hits, stopped: 'time' };
  }
  return { hits, stopped: null };
}

/**
 * Search documents (in the order given) for a query, grouping keyword-in-context hits by
 * document; defaults: 5,000 hits, a 2-second budget, 60 characters of context.
 */
export function searchTexts(docs: readonly { id: Id; text: string }[], q: SearchQuery, limits: SearchLimits = {}): Result<SearchResult> {
  const re = compileQuery(q);
  if (!re.ok) return re;
  const clock = limits.clock ?? (() => Date.now());
  const maxHits = limits.maxHits ?? 5000;
  const deadline = clock() + (limits.budgetMs ?? 2000);
  const context = limits.context ?? 60;
  const groups: SearchGroup[] = [];
  let total = 0;
  for (const d of docs) {
    const r = findAll(d.text, re.value, d.id, { maxHits: maxHits - total, context, deadline, clock });
    if (r.hits.length) groups.push({ documentId: d.id, hits: r.hits });
    total += r.hits.length;
    if (r.stopped) return ok({ groups, total, truncated: r.stopped });
  }
  return ok({ groups, total, truncated: null });
}
