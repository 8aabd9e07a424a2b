import type { Coding, DocumentMeta, Id, ProjectData } from '../model/types.js';
import { descendantIds } from '../codebook/paths.js';

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

/**
 * The page on which `offset` lies: the last page start at or before it. Null for documents
 * without pages. Page starts are ascending (see DocumentMeta.pages), so a binary search does.
 */
export function pageAt(doc: Pick<DocumentMeta, 'pages'>, offset: number): number | null {
  const pages = doc.pages;
  if (!pages || pages.length === 0) return null;
  let lo = 0;
  let hi = pages.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((pages[mid]?.offset ?? 0) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return (pages[Math.max(0, found)] ?? pages[0])?.page ?? null;
}

/** Resolve a coding to an evidence reference (title, page, quote). */
export function evidenceRef(doc: DocumentMeta, coding: Coding): EvidenceRef {
  return {
    codingId: coding.id,
    documentId: doc.id,
    documentTitle: doc.title,
    page: pageAt(doc, coding.start),
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
  const cut = quote.length > maxQuote ? `${quote.slice(0, maxQuote - 1).trimEnd()}…` : quote;
  const where = ref.page === null ? ref.documentTitle : `${ref.documentTitle}, p. ${ref.page}`;
  return `${where}: “${cut}”`;
}
