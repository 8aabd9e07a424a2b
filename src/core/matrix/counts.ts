import type { Coding, Id, ProjectData } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import { codePaths, descendantIds, flattenTree } from '../codebook/paths.js';
import { paragraphIndexAt, paragraphStarts } from '../document/paragraphs.js';

/** Passage counts and coverage for cases × codes, filled in one pass over the codings. */
export interface Tallies {
  /** `passages[row][col]`: codings of the column code (or a descendant) in the row case's documents. */
  passages: number[][];
  /** `codedChars[row][col]`: characters covered by those codings (overlaps counted once). */
  codedChars: number[][];
  /**
   * `distinctPassages[row][col]`: stretches of text those codings cover, overlapping codings (also
   * by different coders) merged, so a passage two coders coded counts once. Codings that only
   * touch end to start stay separate.
   */
  distinctPassages: number[][];
  /** Characters of all documents of each row case. */
  caseChars: number[];
}

/**
 * Count coded passages and coded characters per case × code. A coding counts toward every column
 * whose code is its code or an ancestor of it (so a parent column sums its children). Only codings
 * by `coderIds` count (all coders when null). Coverage is `codedChars / caseChars`; overlapping
 * codings (also by different coders) are merged before their characters are summed.
 * O(codings + codes × columns); intervals are sorted per cell.
 */
export function tallyCells(data: ProjectData, caseIds: readonly Id[], codeIds: readonly Id[], coderIds: readonly Id[] | null): Tallies {
  const rowOf = new Map(caseIds.map((id, i) => [id, i]));
  const docRow = new Map<Id, number>();
  const caseChars = caseIds.map(() => 0);
  for (const d of data.documents) {
    const r = d.caseId === null ? undefined : rowOf.get(d.caseId);
    if (r === undefined) continue;
    docRow.set(d.id, r);
    caseChars[r] = (caseChars[r] ?? 0) + d.chars;
  }
  const colsOf = new Map<Id, number[]>();
  codeIds.forEach((col, j) => {
    for (const id of descendantIds(data.codebook, col)) {
      const list = colsOf.get(id) ?? [];
      list.push(j);
      colsOf.set(id, list);
    }
  });
  const coders = coderIds ? new Set(coderIds) : null;
  const passages = caseIds.map(() => codeIds.map(() => 0));
  // Spans per (document, column): flat [start, end, start, end, …] arrays keyed by a number.
  const docIndex = new Map<Id, number>();
  const spans = new Map<number, number[]>();
  const width = codeIds.length;
  for (const c of data.codings) {
    if (coders && !coders.has(c.coderId)) continue;
    const r = docRow.get(c.documentId);
    const cols = colsOf.get(c.codeId);
    if (r === undefined || !cols || c.end <= c.start) continue;
    let d = docIndex.get(c.documentId);
    if (d === undefined) {
      d = docIndex.size;
      docIndex.set(c.documentId, d);
    }
    const row = passages[r] as number[];
    for (const j of cols) {
      row[j] = (row[j] ?? 0) + 1;
      const k = d * width + j;
      const list = spans.get(k);
      if (list) list.push(c.start, c.end);
      else spans.set(k, [c.start, c.end]);
    }
  }
  const docRowByIndex: number[] = [];
  for (const [id, d] of docIndex) docRowByIndex[d] = docRow.get(id) ?? 0;
  const codedChars = caseIds.map(() => codeIds.map(() => 0));
  const distinctPassages = caseIds.map(() => codeIds.map(() => 0));
  for (const [k, flat] of spans) {
    const j = k % width;
    const r = docRowByIndex[(k - j) / width] ?? 0;
    const pairs: [number, number][] = [];
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] as number, flat[i + 1] as number]);
    const union = mergeIntervals(pairs);
    (codedChars[r] as number[])[j] = (codedChars[r]?.[j] ?? 0) + union.length;
    (distinctPassages[r] as number[])[j] = (distinctPassages[r]?.[j] ?? 0) + union.stretches;
  }
  return { passages, codedChars, caseChars, distinctPassages };
}

/**
 * The union of half-open intervals: its total length and its number of separate stretches
 * (overlapping intervals merge; [0,5) and [5,9) stay two). Sorts `list` in place.
 */
export function mergeIntervals(list: [number, number][]): { length: number; stretches: number } {
  list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let length = 0;
  let stretches = 0;
  let curStart = -1;
  let curEnd = -1;
  for (const [s, e] of list) {
    if (s >= curEnd) {
      if (curEnd > curStart) length += curEnd - curStart;
      if (e > s) stretches++;
      curStart = s;
      curEnd = e;
    } else if (e > curEnd) curEnd = e;
  }
  if (curEnd > curStart) length += curEnd - curStart;
  return { length, stretches };
}

/**
 * Distinct passages of a list of codings: per document, the stretches their ranges cover with
 * overlapping codings merged (whoever coded them), summed over documents. "All coders" counts of
 * codings count a passage coded by two coders twice; this counts it once.
 */
export function distinctPassageCount(codings: readonly Pick<Coding, 'documentId' | 'start' | 'end'>[]): number {
  const byDoc = new Map<Id, [number, number][]>();
  for (const c of codings) {
    if (c.end <= c.start) continue;
    const list = byDoc.get(c.documentId);
    if (list) list.push([c.start, c.end]);
    else byDoc.set(c.documentId, [[c.start, c.end]]);
  }
  let n = 0;
  for (const list of byDoc.values()) n += mergeIntervals(list).stretches;
  return n;
}

/** Total length of the union of half-open intervals. Sorts `list` in place. */
export function unionLength(list: [number, number][]): number {
  return mergeIntervals(list).length;
}

/** The code-by-case count matrix: rows are codes (tree order), columns are cases. */
export interface CodeCaseCounts {
  codes: { id: Id; path: string; depth: number; color: string }[];
  cases: { id: Id; name: string }[];
  /** `counts[code][case]`: codings, one per coder's coding (descendants included when `includeDescendants`). */
  counts: number[][];
  /** `distinct[code][case]`: distinct passages, overlapping codings of any counted coder merged (see {@link Tallies}). */
  distinct: number[][];
  /** `coverage[code][case]`: coded characters / characters of the case's documents (0 when it has none). */
  coverage: number[][];
}

/**
 * Count coded passages of every code in every case (like MAXQDA's code matrix browser). By default
 * a code's count includes its descendants' passages, which is what a "code" means in a matrix; set
 * `includeDescendants: false` for the codings of each code alone. Documents without a case are not
 * counted.
 */
export function codeCaseCounts(data: ProjectData, opts: { coderIds?: Id[]; codeIds?: Id[]; caseIds?: Id[]; includeDescendants?: boolean } = {}): Result<CodeCaseCounts> {
  const known = new Set(data.codebook.map((c) => c.id));
  for (const id of opts.codeIds ?? []) if (!known.has(id)) return err('not-found', `No code "${id}"`);
  for (const id of opts.caseIds ?? []) if (!data.cases.some((c) => c.id === id)) return err('not-found', `No case "${id}"`);
  for (const id of opts.coderIds ?? []) if (!data.coders.some((c) => c.id === id)) return err('not-found', `No coder "${id}"`);
  const paths = codePaths(data.codebook);
  const wanted = opts.codeIds ? new Set(opts.codeIds) : null;
  const codes = flattenTree(data.codebook)
    .filter((e) => !wanted || wanted.has(e.code.id))
    .map((e) => ({ id: e.code.id, path: paths.get(e.code.id) ?? e.code.name, depth: e.depth, color: e.code.color }));
  const cases = (opts.caseIds ?? data.cases.map((c) => c.id)).map((id) => ({ id, name: data.cases.find((c) => c.id === id)?.name ?? id }));
  const source = opts.includeDescendants === false ? { ...data, codebook: data.codebook.map((c) => ({ ...c, parentId: null })) } : data;
  const t = tallyCells(
    source,
    cases.map((c) => c.id),
    codes.map((c) => c.id),
    opts.coderIds ?? null,
  );
  const counts = codes.map((_, i) => cases.map((_, j) => t.passages[j]?.[i] ?? 0));
  const distinct = codes.map((_, i) => cases.map((_, j) => t.distinctPassages[j]?.[i] ?? 0));
  const coverage = codes.map((_, i) => cases.map((_, j) => ratio(t.codedChars[j]?.[i] ?? 0, t.caseChars[j] ?? 0)));
  return ok({ codes, cases, counts, distinct, coverage });
}

/** a / b, or 0 when b is 0. */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

/** How two codes co-occur: their passages overlap, or they fall in the same paragraph. */
export type CoOccurrenceRule = 'overlap' | 'paragraph';

/** A symmetric code × code table. */
export interface CoOccurrenceTable {
  rule: CoOccurrenceRule;
  codes: { id: Id; path: string; color: string }[];
  /** `counts[a][b]`, symmetric. Diagonal: codings of the code (overlap) or paragraphs holding it (paragraph). */
  counts: number[][];
}

/**
 * Code co-occurrence. Rule `overlap` counts pairs of codings (one of each code, by the same coder,
 * in the same document) whose ranges share at least one character. Rule `paragraph` counts the
 * paragraphs (spans of canonical text separated by "\n\n") in which both codes have a coding by
 * the same coder; it needs the canonical `texts` of the documents involved. Pairs by different
 * coders never count: co-occurrence describes one coder's reading. Codes are taken as themselves
 * (no rolling up into parents).
 */
export function coOccurrence(data: ProjectData, opts: { rule: CoOccurrenceRule; texts?: ReadonlyMap<Id, string>; coderIds?: Id[]; codeIds?: Id[] }): Result<CoOccurrenceTable> {
  if (opts.rule !== 'overlap' && opts.rule !== 'paragraph') return err('invalid', `Unknown co-occurrence rule "${String(opts.rule)}"`);
  const paths = codePaths(data.codebook);
  const wanted = opts.codeIds ? new Set(opts.codeIds) : null;
  for (const id of opts.codeIds ?? []) if (!paths.has(id)) return err('not-found', `No code "${id}"`);
  const codes = flattenTree(data.codebook)
    .filter((e) => !wanted || wanted.has(e.code.id))
    .map((e) => ({ id: e.code.id, path: paths.get(e.code.id) ?? e.code.name, color: e.code.color }));
  const at = new Map(codes.map((c, i) => [c.id, i]));
  const counts = codes.map(() => codes.map(() => 0));
  const coders = opts.coderIds ? new Set(opts.coderIds) : null;
  const groups = new Map<string, Coding[]>();
  for (const c of data.codings) {
    if ((coders && !coders.has(c.coderId)) || !at.has(c.codeId) || c.end <= c.start) continue;
    const k = `${c.documentId}\u0000${c.coderId}`;
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const bump = (a: number, b: number): void => {
    (counts[a] as number[])[b] = (counts[a]?.[b] ?? 0) + 1;
    if (a !== b) (counts[b] as number[])[a] = (counts[b]?.[a] ?? 0) + 1;
  };
  if (opts.rule === 'overlap') {
    for (const g of groups.values()) {
      g.sort((x, y) => x.start - y.start);
      for (let i = 0; i < g.length; i++) {
        const x = g[i] as Coding;
        bump(at.get(x.codeId) as number, at.get(x.codeId) as number);
        for (let j = i + 1; j < g.length && (g[j] as Coding).start < x.end; j++) {
          const y = g[j] as Coding;
          if (y.codeId !== x.codeId) bump(at.get(x.codeId) as number, at.get(y.codeId) as number);
        }
      }
    }
    return ok({ rule: opts.rule, codes, counts });
  }
  for (const [k, g] of groups) {
    const docId = k.split('\u0000')[0] as Id;
    const text = opts.texts?.get(docId);
    if (text === undefined) return err('invalid', `Paragraph co-occurrence needs the text of document "${docId}"`);
    const starts = paragraphStarts(text);
    const inPara = new Map<number, Set<number>>();
    for (const c of g) {
      const first = paragraphIndexAt(starts, c.start);
      const last = paragraphIndexAt(starts, Math.max(c.start, c.end - 1));
      for (let p = first; p <= last; p++) {
        const s = inPara.get(p) ?? new Set<number>();
        s.add(at.get(c.codeId) as number);
        inPara.set(p, s);
      }
    }
    for (const s of inPara.values()) {
      const list = [...s];
      for (let i = 0; i < list.length; i++) for (let j = i; j < list.length; j++) bump(list[i] as number, list[j] as number);
    }
  }
  return ok({ rule: opts.rule, codes, counts });
}
