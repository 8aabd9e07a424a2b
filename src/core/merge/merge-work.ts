/**
 * Merging another coder's work into a project, purely.
 *
 * Matching rules (chosen so that merging is idempotent and, up to names the project already has,
 * independent of order):
 * - documents by the SHA-256 of their canonical text (ids and titles may differ);
 * - codes by id, then by path under the matched parent (case-insensitive); a code matched by id
 *   keeps the project's name and a differing incoming path is reported as a rename; codes found
 *   neither way are added with their id (parents first);
 * - coders by name (case-insensitive); new coders keep their id (a fresh one on collision) and
 *   their consensus/auto flags;
 * - codings by (document, code, coder, start, end): the same coding from both sides collapses,
 *   overlapping codings are all kept. Offsets are checked against the project's text; a quote that
 *   moved is re-found by exact + prefix + suffix.
 * Nothing is dropped: codings of documents not in the project, codings whose quote is not in the
 * text and codings with an unknown code or coder are returned in the report's `keptAside` work.
 */
import { codePath } from '../codebook/paths.js';
import { makeAnchor } from '../codings/anchor.js';
import type { CoreEnv } from '../model/ids.js';
import { findCoder } from '../model/project.js';
import { err, ok, type Result } from '../model/result.js';
import type { Code, Coder, Coding, Id, ProjectData } from '../model/types.js';
import { reanchor } from './reanchor.js';
import type { IncomingWork, KeptAsideReason, MergeReport, MergeSourceInfo } from './types.js';

export interface MergeOptions {
  /** Report id (the service uses a sortable time stamp). */
  id: string;
  /** Time of the merge (ISO). */
  at: string;
  source: MergeSourceInfo;
}

/** The key that makes two codings "the same coding". */
export function codingKey(c: Pick<Coding, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>): string {
  return `${c.documentId}\u0000${c.codeId}\u0000${c.coderId}\u0000${c.start}\u0000${c.end}`;
}

/** Incoming codes with every parent before its children (codes in cycles or with missing parents last). */
function parentsFirst(codes: readonly Code[]): Code[] {
  const ids = new Set(codes.map((c) => c.id));
  const out: Code[] = [];
  const placed = new Set<Id>();
  let progress = true;
  while (progress && out.length < codes.length) {
    progress = false;
    for (const c of codes) {
      if (placed.has(c.id)) continue;
      if (c.parentId === null || !ids.has(c.parentId) || placed.has(c.parentId)) {
        out.push(c);
        placed.add(c.id);
        progress = true;
      }
    }
  }
  for (const c of codes) if (!placed.has(c.id)) out.push(c);
  return out;
}

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * Merge `incoming` into `data`. `texts` holds the canonical text of every project document whose
 * hash occurs among the incoming documents (the caller reads them); a matched document without
 * its text is an `invalid` error. Returns the new data (the same object when nothing was added)
 * and the report.
 */
export function mergeWork(data: ProjectData, incoming: IncomingWork, texts: ReadonlyMap<Id, string>, options: MergeOptions, env: CoreEnv): Result<{ data: ProjectData; report: MergeReport }> {
  const report = emptyMergeReport(options.id, options.at, options.source);

  // Coders: by name.
  const coders: Coder[] = [...data.coders];
  const coderMap = new Map<Id, Id>();
  for (const u of incoming.coders) {
    const existing = findCoder({ ...data, coders }, u.name);
    if (existing && norm(existing.name) === norm(u.name)) {
      coderMap.set(u.id, existing.id);
      report.matched.coders++;
      if (!!existing.consensus !== !!u.consensus || !!existing.auto !== !!u.auto) report.notes.push(`Coder "${u.name}" is flagged differently in the two projects; this project's flags were kept.`);
      continue;
    }
    const id = coders.some((c) => c.id === u.id) ? env.newId('u_') : u.id;
    coders.push({ id, name: u.name.trim(), ...(u.consensus ? { consensus: true } : {}), ...(u.auto ? { auto: true } : {}) });
    coderMap.set(u.id, id);
    report.added.coders++;
  }

  // Codes: by id, then by path.
  const codebook: Code[] = [...data.codebook];
  const codeMap = new Map<Id, Id>();
  const usedShortcuts = new Set(codebook.map((c) => c.shortcut).filter((s): s is string => s !== null));
  for (const ic of parentsFirst(incoming.codebook)) {
    const byId = codebook.find((c) => c.id === ic.id);
    if (byId) {
      codeMap.set(ic.id, byId.id);
      report.matched.codes++;
      const here = codePath(codebook, byId.id);
      const there = codePath(incoming.codebook, ic.id);
      if (norm(here) !== norm(there)) report.renamedCodes.push({ id: ic.id, here, there });
      continue;
    }
    const parentId = ic.parentId === null ? null : (codeMap.get(ic.parentId) ?? (codebook.some((c) => c.id === ic.parentId) ? ic.parentId : null));
    const byPath = codebook.find((c) => c.parentId === parentId && norm(c.name) === norm(ic.name));
    if (byPath) {
      codeMap.set(ic.id, byPath.id);
      report.matched.codes++;
      continue;
    }
    const order = codebook.filter((c) => c.parentId === parentId).reduce((m, c) => Math.max(m, c.order + 1), 0);
    const shortcut = ic.shortcut !== null && !usedShortcuts.has(ic.shortcut) ? ic.shortcut : null;
    if (shortcut) usedShortcuts.add(shortcut);
    codebook.push({ ...ic, parentId, order, shortcut });
    codeMap.set(ic.id, ic.id);
    report.added.codes++;
  }

  // Documents: by text hash.
  const docMap = new Map<Id, Id>();
  const incomingDocs = new Map(incoming.documents.map((d) => [d.id, d]));
  for (const d of incoming.documents) {
    const here = data.documents.find((x) => x.textHash === d.textHash);
    if (here) {
      if (!texts.has(here.id)) return err('invalid', `The text of document ${here.id} is needed to merge codings into it`);
      docMap.set(d.id, here.id);
      report.matched.documents++;
    }
  }

  // Codings.
  const codings: Coding[] = [...data.codings];
  const byKey = new Map(codings.map((c) => [codingKey(c), c]));
  const ids = new Set(codings.map((c) => c.id));
  const aside = new Map<Id, { coding: Coding; reason: KeptAsideReason; detail: string }>();
  const keep = (coding: Coding, reason: KeptAsideReason, detail: string): void => {
    aside.set(coding.id, { coding, reason, detail });
  };
  for (const g of incoming.codings) {
    const doc = incomingDocs.get(g.documentId);
    const coderId = coderMap.get(g.coderId);
    const codeId = codeMap.get(g.codeId) ?? (codebook.some((c) => c.id === g.codeId) ? g.codeId : undefined);
    if (!doc) {
      keep(g, 'unknown-document', `coding ${g.id} names document ${g.documentId}, which the incoming work does not describe`);
      continue;
    }
    const documentId = docMap.get(g.documentId);
    if (!documentId) {
      keep(g, 'document-not-in-project', `"${doc.title}" is not in this project (no document has the same text)`);
      continue;
    }
    if (!coderId) {
      keep(g, 'unknown-coder', `coding ${g.id} names coder ${g.coderId}, which the incoming work does not describe`);
      continue;
    }
    if (!codeId) {
      keep(g, 'unknown-code', `coding ${g.id} names code ${g.codeId}, which is in neither codebook`);
      continue;
    }
    const text = texts.get(documentId) ?? '';
    let span: { start: number; end: number } | null = text.slice(g.start, g.end) === g.exact && g.end > g.start ? { start: g.start, end: g.end } : null;
    if (!span) {
      span = reanchor(text, g.exact, g.prefix, g.suffix, g.start);
      if (span) report.notes.push(`A coding of "${doc.title}" was re-anchored from ${g.start}–${g.end} to ${span.start}–${span.end} by its quote.`);
    }
    const anchor = span ? makeAnchor(text, span.start, span.end) : null;
    if (!anchor) {
      keep(g, 'quote-not-found', `the quote “${g.exact.slice(0, 60)}” is not in "${doc.title}"`);
      continue;
    }
    const key = codingKey({ documentId, codeId, coderId, start: anchor.start, end: anchor.end });
    const same = byKey.get(key);
    if (same) {
      report.matched.codings++;
      if (same.memo !== g.memo && g.memo !== '') report.notes.push(`Coding ${same.id} has a different memo on the incoming side; this project's memo was kept: “${g.memo.slice(0, 80)}”.`);
      continue;
    }
    const id = ids.has(g.id) ? env.newId('g_') : g.id;
    ids.add(id);
    const coding: Coding = { ...g, id, documentId, codeId, coderId, ...anchor };
    if (g.provenance) coding.provenance = { ...g.provenance, decidedBy: coderMap.get(g.provenance.decidedBy) ?? g.provenance.decidedBy };
    codings.push(coding);
    byKey.set(key, coding);
    report.added.codings++;
  }

  // What was kept aside, as self-contained work.
  if (aside.size > 0) {
    const kept = [...aside.values()].map((a) => a.coding);
    const needCoders = new Set(kept.map((c) => c.coderId));
    const needDocs = new Set(kept.map((c) => c.documentId));
    const needCodes = new Set<Id>();
    const byIncomingId = new Map(incoming.codebook.map((c) => [c.id, c]));
    for (const c of kept) for (let cur = byIncomingId.get(c.codeId); cur && !needCodes.has(cur.id); cur = cur.parentId ? byIncomingId.get(cur.parentId) : undefined) needCodes.add(cur.id);
    report.keptAside = {
      coders: incoming.coders.filter((u) => needCoders.has(u.id)),
      codebook: incoming.codebook.filter((c) => needCodes.has(c.id)),
      documents: incoming.documents.filter((d) => needDocs.has(d.id)),
      codings: kept,
    };
    report.keptAsideReasons = [...aside.values()].map((a) => ({ codingId: a.coding.id, reason: a.reason, detail: a.detail }));
    for (const d of report.keptAside.documents) {
      if (docMap.has(d.id)) continue;
      report.missingDocuments.push({ title: d.title, textHash: d.textHash, chars: d.chars, codings: kept.filter((c) => c.documentId === d.id).length });
    }
  }

  const changed = report.added.coders + report.added.codes + report.added.codings > 0;
  const next: ProjectData = changed
    ? {
        ...data,
        coders: report.added.coders > 0 ? coders : data.coders,
        codebook: report.added.codes > 0 ? codebook : data.codebook,
        codings: report.added.codings > 0 ? codings : data.codings,
        project: report.added.codes > 0 ? { ...data.project, codebookVersion: data.project.codebookVersion + 1 } : data.project,
      }
    : data;
  return ok({ data: next, report });
}

/** A one-line summary of a merge report, for the CLI and toasts. */
export function describeMerge(r: MergeReport): string {
  const kept = r.keptAside.codings.length;
  const parts = [`added ${r.added.codings} codings, ${r.added.codes} codes, ${r.added.coders} coders`, `${r.matched.codings} codings were already present`];
  if (r.renamedCodes.length > 0) parts.push(`${r.renamedCodes.length} codes are named differently there (this project's names kept)`);
  if (kept > 0) parts.push(`${kept} codings kept aside for you to resolve (${r.missingDocuments.length} documents not in this project)`);
  return `Merged ${r.source.name}: ${parts.join('; ')}.`;
}

/** A merge report with nothing added, matched or kept aside yet. */
export function emptyMergeReport(id: string, at: string, source: MergeReport['source']): MergeReport {
  return {
    format: 'casecoder-merge-report',
    version: 1,
    id,
    at,
    source,
    added: { coders: 0, codes: 0, documents: 0, codings: 0 },
    matched: { coders: 0, codes: 0, documents: 0, codings: 0 },
    renamedCodes: [],
    notes: [],
    keptAside: { coders: [], codebook: [], documents: [], codings: [] },
    keptAsideReasons: [],
    missingDocuments: [],
  };
}
