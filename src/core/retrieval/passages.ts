import type { Id, ProjectData } from '../model/types.js';
import { codePaths, descendantIds } from '../codebook/paths.js';
import { toCsv, escapeMarkdown } from '../export/escape.js';
import { pageAt } from '../document/pages.js';

/** Which coded passages to retrieve. Omitted or empty lists mean "all". */
export interface PassageFilter {
  codeIds?: Id[];
  /** Include the codings of sub-codes of the chosen codes (default true). */
  includeChildren?: boolean;
  caseIds?: Id[];
  documentIds?: Id[];
  coderIds?: Id[];
}

/** A coded passage with everything a reader of a report needs to place it. */
export interface Passage {
  codingId: Id;
  documentId: Id;
  document: string;
  caseId: Id | null;
  case: string | null;
  codeId: Id;
  code: string;
  color: string;
  coderId: Id;
  coder: string;
  start: number;
  end: number;
  /** Page where the passage starts, when the source had pages. */
  page: number | null;
  exact: string;
  prefix: string;
  suffix: string;
  memo: string;
}

/**
 * Retrieve coded passages matching a filter, in reading order: documents as listed in the
 * project, then by start offset, then by code path. One linear pass over the codings.
 */
export function retrievePassages(data: ProjectData, filter: PassageFilter = {}): Passage[] {
  const some = (a?: Id[]): Set<Id> | null => (a && a.length ? new Set(a) : null);
  let codes = some(filter.codeIds);
  if (codes && filter.includeChildren !== false) {
    const all = new Set<Id>();
    for (const id of codes) for (const d of descendantIds(data.codebook, id)) all.add(d);
    codes = all;
  }
  const cases = some(filter.caseIds);
  const docsWanted = some(filter.documentIds);
  const coders = some(filter.coderIds);
  const docOrder = new Map(data.documents.map((d, i) => [d.id, i]));
  const docs = new Map(data.documents.map((d) => [d.id, d]));
  const caseName = new Map(data.cases.map((c) => [c.id, c.name]));
  const coderName = new Map(data.coders.map((c) => [c.id, c.name]));
  const paths = codePaths(data.codebook);
  const color = new Map(data.codebook.map((c) => [c.id, c.color]));
  const out: Passage[] = [];
  for (const g of data.codings) {
    if (codes && !codes.has(g.codeId)) continue;
    if (coders && !coders.has(g.coderId)) continue;
    if (docsWanted && !docsWanted.has(g.documentId)) continue;
    const d = docs.get(g.documentId);
    if (!d) continue;
    if (cases && (d.caseId === null || !cases.has(d.caseId))) continue;
    out.push({
      codingId: g.id,
      documentId: d.id,
      document: d.title,
      caseId: d.caseId,
      case: d.caseId ? (caseName.get(d.caseId) ?? null) : null,
      codeId: g.codeId,
      code: paths.get(g.codeId) ?? g.codeId,
      color: color.get(g.codeId) ?? '#999999',
      coderId: g.coderId,
      coder: coderName.get(g.coderId) ?? g.coderId,
      start: g.start,
      end: g.end,
      page: pageAt(d.pages, g.start),
      exact: g.exact,
      prefix: g.prefix,
      suffix: g.suffix,
      memo: g.memo,
    });
  }
  return out.sort((a, b) => (docOrder.get(a.documentId) ?? 0) - (docOrder.get(b.documentId) ?? 0) || a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}

/** Column names of the passages CSV (one row per passage: ready for R, Stata or a spreadsheet). */
export const PASSAGE_CSV_COLUMNS = ['document', 'case', 'page', 'code', 'coder', 'start', 'end', 'quote', 'memo', 'before', 'after', 'coding_id', 'document_id'] as const;

/** Passages as CSV (RFC 4180, formula-safe). */
export function passagesToCsv(ps: readonly Passage[]): string {
  return toCsv([[...PASSAGE_CSV_COLUMNS], ...ps.map((p) => [p.document, p.case, p.page, p.code, p.coder, p.start, p.end, p.exact, p.memo, p.prefix, p.suffix, p.codingId, p.documentId])]);
}

/**
 * Passages as Markdown: a section per document, each passage a block quote followed by its code,
 * coder, location and memo. Quote text is escaped so a hostile document cannot inject markup.
 */
export function passagesToMarkdown(ps: readonly Passage[], title = 'Coded passages'): string {
  const out = [`# ${escapeMarkdown(title)}`, '', `${ps.length} passage${ps.length === 1 ? '' : 's'}.`, ''];
  let doc: Id | null = null;
  for (const p of ps) {
    if (p.documentId !== doc) {
      doc = p.documentId;
      out.push(`## ${escapeMarkdown(p.document)}${p.case ? ` (${escapeMarkdown(p.case)})` : ''}`, '');
    }
    out.push(`> ${escapeMarkdown(p.exact)}`, '');
    const where = [p.page !== null ? `p. ${p.page}` : null, `characters ${p.start}–${p.end}`].filter(Boolean).join(', ');
    out.push(`— **${escapeMarkdown(p.code)}**, coded by ${escapeMarkdown(p.coder)}; ${where}`, '');
    if (p.memo.trim()) out.push(`*Memo:* ${escapeMarkdown(p.memo)}`, '');
  }
  return out.join('\n');
}
