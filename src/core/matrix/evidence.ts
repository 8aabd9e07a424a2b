import type { Coding, DocumentMeta, Id, ProjectData } from '../model/types.js';
import { descendantIds } from '../codebook/paths.js';
import { err, ok, type Result } from '../model/result.js';
import { pageAt } from '../document/pages.js';

/** A coded passage cited as evidence: where it is and what it says. */
export interface EvidenceRef {
  codingId: Id;
  documentId: Id;
  documentTitle: string;
  /** Page on which the passage starts, when the document has a page map; otherwise null. */
  page: number | null;
  start: number;
  end: number;
  quote: string;
  codeId: Id;
  coderId: Id;
}

/** Resolve a coding to an evidence reference (title, page, quote). */
export function evidenceRef(doc: DocumentMeta, coding: Coding): EvidenceRef {
  return {
    codingId: coding.id,
    documentId: doc.id,
    documentTitle: doc.title,
    page: pageAt(doc.pages, coding.start),
    start: coding.start,
    end: coding.end,
    quote: coding.exact,
    codeId: coding.codeId,
    coderId: coding.coderId,
  };
}

/** Codings and documents by id, built once so resolving many ratings' evidence stays linear. */
export interface EvidenceIndex {
  codings: ReadonlyMap<Id, Coding>;
  documents: ReadonlyMap<Id, DocumentMeta>;
}

/**
 * Index a project's codings and documents by id for {@link resolveEvidence}; with `only`, just the
 * codings those ids name (the evidence of a matrix is a small share of a large project's codings).
 */
export function evidenceIndex(data: ProjectData, only?: Iterable<Id>): EvidenceIndex {
  const want = only ? new Set(only) : null;
  const codings = new Map<Id, Coding>();
  for (const c of data.codings) if (!want || want.has(c.id)) codings.set(c.id, c);
  return { codings, documents: new Map(data.documents.map((d) => [d.id, d])) };
}

/** The coding ids cited as evidence by the ratings of one matrix. */
export function matrixEvidenceIds(data: ProjectData, matrixId: Id): Set<Id> {
  const ids = new Set<Id>();
  for (const r of data.ratings) if (r.matrixId === matrixId) for (const id of r.evidence) ids.add(id);
  return ids;
}

/**
 * Evidence references for coding ids, in the given order; ids that no longer resolve are skipped.
 * Pass an {@link EvidenceIndex} when resolving many lists from the same project.
 */
export function resolveEvidence(data: ProjectData, codingIds: readonly Id[], index?: EvidenceIndex): EvidenceRef[] {
  if (codingIds.length === 0) return [];
  let idx = index;
  if (!idx) {
    const want = new Set(codingIds);
    idx = { codings: new Map(data.codings.filter((c) => want.has(c.id)).map((c) => [c.id, c])), documents: new Map(data.documents.map((d) => [d.id, d])) };
  }
  const out: EvidenceRef[] = [];
  for (const id of codingIds) {
    const c = idx.codings.get(id);
    const d = c ? idx.documents.get(c.documentId) : undefined;
    if (c && d) out.push(evidenceRef(d, c));
  }
  return out;
}

/**
 * Coded passages of `codeId` or any of its descendants in the documents of `caseId`, optionally
 * only by some coders: the evidence suggested for a matrix cell. Ordered by document (project
 * order), then by position, so the list reads like the case text.
 */
export function suggestEvidence(data: ProjectData, caseId: Id, codeId: Id, coderIds?: readonly Id[]): EvidenceRef[] {
  const codes = descendantIds(data.codebook, codeId);
  const docs = data.documents.filter((d) => d.caseId === caseId);
  const docOrder = new Map(docs.map((d, i) => [d.id, i]));
  const coders = coderIds ? new Set(coderIds) : null;
  const hits = data.codings.filter((c) => codes.has(c.codeId) && docOrder.has(c.documentId) && (!coders || coders.has(c.coderId)));
  hits.sort((a, b) => (docOrder.get(a.documentId) ?? 0) - (docOrder.get(b.documentId) ?? 0) || a.start - b.start || a.end - b.end);
  const byId = new Map(docs.map((d) => [d.id, d]));
  return hits.map((c) => evidenceRef(byId.get(c.documentId) as DocumentMeta, c));
}

/** A short citation for an evidence reference: `Title, p. 12: “quote…”` (quote cut at `maxQuote`). */
export function formatEvidence(ref: EvidenceRef, maxQuote = 160): string {
  const quote = ref.quote.replace(/\s+/g, ' ').trim();
  // cut at a word boundary (when one is near), never mid-word
  let cut = quote;
  if (quote.length > maxQuote) {
    const head = quote.slice(0, maxQuote - 1);
    const space = head.lastIndexOf(' ');
    const atBoundary = /\s/.test(quote[maxQuote - 1] ?? ' ');
    cut = `${(atBoundary || space <= maxQuote * 0.6 ? head : head.slice(0, space)).replace(/[\s,;:.]+$/, '')}…`;
  }
  const where = ref.page === null ? ref.documentTitle : `${ref.documentTitle}, p. ${ref.page}`;
  return `${where}: “${cut}”`;
}

/**
 * Resolve what a user typed as evidence for a cell (coding ids or quotes) to coding ids, among the
 * coded passages of the cell (the column's code and subcodes in the case's documents, any coder).
 * A ref that is a coding id of the cell is taken as is; otherwise it is a quote, matched against
 * the passages' text (whitespace and case ignored). Several matches prefer `preferCoderId`'s own
 * passage; still several, or none, is an error that lists what there is.
 */
export function resolveEvidenceRefs(data: ProjectData, caseId: Id, codeId: Id, refs: readonly string[], preferCoderId?: Id): Result<Id[]> {
  const candidates = suggestEvidence(data, caseId, codeId);
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const out: Id[] = [];
  for (const raw of refs) {
    const ref = raw.trim();
    if (ref === '') return err('invalid', 'An evidence reference is empty');
    const byId = candidates.find((c) => c.codingId === ref);
    if (byId) {
      out.push(byId.codingId);
      continue;
    }
    let hits = candidates.filter((c) => norm(c.quote).includes(norm(ref)));
    if (hits.length > 1 && preferCoderId) {
      const own = hits.filter((c) => c.coderId === preferCoderId);
      if (own.length > 0) hits = own;
    }
    if (hits.length === 1) {
      out.push((hits[0] as EvidenceRef).codingId);
      continue;
    }
    const list = candidates
      .slice(0, 8)
      .map(
        (c) =>
          `${c.codingId} “${formatEvidence(c, 50)
            .replace(/^[^:]*: /, '')
            .slice(1, -1)}”`,
      )
      .join('; ');
    if (hits.length === 0) return err('not-found', `No coded passage of this cell is "${ref}" or contains it${candidates.length ? ` (passages: ${list})` : ' (the cell has no coded passages)'}`);
    return err('invalid', `"${ref}" matches ${hits.length} passages of this cell (${hits.map((h) => h.codingId).join(', ')}); give a longer quote or the coding id`);
  }
  return ok([...new Set(out)]);
}
