/**
 * Merging the ratings and memos of another copy of a project, purely: the second half of moving
 * work between a project folder and the team server (`casecoder push` / `pull`), after
 * {@link mergeWork} has merged coders, codes and codings.
 *
 * Matching (idempotent: merging the same work twice changes nothing the second time):
 * - coders by name, codes by id then by path, documents by text hash, cases and matrices by id
 *   then by name, codings (a rating's evidence) by id then by (document, code, coder, offsets);
 * - a rating is the same rating when it has the same matrix, case, code and coder; a memo when it
 *   has the same target and coder. Of two versions of the same rating or memo the one updated
 *   later wins (ties keep this side's), so both directions converge on the newest.
 * Nothing is dropped silently: a rating or memo whose matrix, case, code, document or coder this
 * project lacks is listed in `keptAside` with the reason, and evidence that cannot be found is
 * named in `notes`.
 */
import { codePath } from '../codebook/paths.js';
import type { CoreEnv } from '../model/ids.js';
import type { Id, Memo, MemoTarget, ProjectData, Rating } from '../model/types.js';
import { codingKey } from './merge-work.js';

/** What {@link mergeLayers} did. */
export interface LayerMergeReport {
  added: { ratings: number; memos: number };
  /** Items present on both sides whose incoming version was newer (taken). */
  updated: { ratings: number; memos: number };
  /** Items present on both sides that were already as new (unchanged). */
  matched: { ratings: number; memos: number };
  /** Incoming items that could not be placed, each with why. */
  keptAside: { kind: 'rating' | 'memo'; id: Id; reason: string }[];
  notes: string[];
}

const norm = (s: string): string => s.trim().toLowerCase();

/** Maps from the incoming project's ids to this project's (undefined: no counterpart). */
interface IdMaps {
  coder(id: Id): Id | undefined;
  code(id: Id): Id | undefined;
  document(id: Id): Id | undefined;
  case(id: Id): Id | undefined;
  matrix(id: Id): Id | undefined;
  coding(id: Id): Id | undefined;
}

function idMaps(data: ProjectData, incoming: ProjectData): IdMaps {
  const byId = <T extends { id: Id }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x]));
  const byName = <T extends { id: Id; name: string }>(list: readonly T[]) => new Map(list.map((x) => [norm(x.name), x.id]));
  const matchOf =
    <T extends { id: Id; name: string }>(here: readonly T[], there: readonly T[]) =>
    (id: Id): Id | undefined => {
      const mine = byId(here);
      if (mine.has(id)) return id;
      const theirs = byId(there).get(id);
      return theirs ? byName(here).get(norm(theirs.name)) : undefined;
    };
  const coderByName = byName(data.coders);
  const incomingCoders = byId(incoming.coders);
  const codePaths = new Map(data.codebook.map((c) => [norm(codePath(data.codebook, c.id)), c.id]));
  const hereCodes = byId(data.codebook);
  const docsByHash = new Map<string, Id>();
  for (const d of data.documents) if (!docsByHash.has(d.textHash)) docsByHash.set(d.textHash, d.id);
  const hereDocs = byId(data.documents);
  const incomingDocs = byId(incoming.documents);
  const code = (id: Id): Id | undefined => (hereCodes.has(id) ? id : incoming.codebook.some((c) => c.id === id) ? codePaths.get(norm(codePath(incoming.codebook, id))) : undefined);
  const coder = (id: Id): Id | undefined => {
    const u = incomingCoders.get(id);
    return u ? coderByName.get(norm(u.name)) : undefined;
  };
  const document = (id: Id): Id | undefined => {
    const d = incomingDocs.get(id);
    // The same document (id and text) first; else the first with the same text.
    return d ? (hereDocs.get(id)?.textHash === d.textHash ? id : docsByHash.get(d.textHash)) : undefined;
  };
  const hereCodings = byId(data.codings);
  const codingsByKey = new Map(data.codings.map((c) => [codingKey(c), c.id]));
  const incomingCodings = byId(incoming.codings);
  const coding = (id: Id): Id | undefined => {
    const g = incomingCodings.get(id);
    if (!g) return hereCodings.has(id) ? id : undefined;
    const [documentId, codeId, coderId] = [document(g.documentId), code(g.codeId), coder(g.coderId)];
    const mapped = documentId && codeId && coderId ? codingsByKey.get(codingKey({ documentId, codeId, coderId, start: g.start, end: g.end })) : undefined;
    return mapped ?? (hereCodings.get(id)?.coderId === coderId ? id : undefined);
  };
  return { coder, code, document, case: matchOf(data.cases, incoming.cases), matrix: matchOf(data.matrices, incoming.matrices), coding };
}

/** This project's version of an incoming memo target, or a reason it has none. */
function targetOf(t: MemoTarget, maps: IdMaps): MemoTarget | string {
  if (t.kind === 'project') return t;
  const id = t.kind === 'document' ? maps.document(t.id) : t.kind === 'code' ? maps.code(t.id) : maps.case(t.id);
  return id ? { kind: t.kind, id } : `its ${t.kind} is not in this project`;
}

const memoKey = (m: Pick<Memo, 'target' | 'coderId'>): string => `${m.target.kind}\u0000${'id' in m.target ? m.target.id : ''}\u0000${m.coderId ?? ''}`;
const ratingKey = (r: Pick<Rating, 'matrixId' | 'caseId' | 'codeId' | 'coderId'>): string => `${r.matrixId}\u0000${r.caseId}\u0000${r.codeId}\u0000${r.coderId}`;

/**
 * One layer's items keyed for merging: an incoming item joins under a fresh id when its id is
 * taken, replaces the item under its key when it is newer, and is counted as matched otherwise.
 */
function newerWins<T extends { id: Id; updated: string }>(items: readonly T[], keyOf: (item: T) => string, idPrefix: string, env: CoreEnv) {
  const list = [...items];
  const at = new Map(list.map((item, i) => [keyOf(item), i]));
  const ids = new Set(list.map((item) => item.id));
  return {
    list,
    /** Merge `mapped` (already in this project's ids); says what happened to it. */
    put(mapped: T): 'added' | 'updated' | 'matched' {
      const key = keyOf(mapped);
      const i = at.get(key);
      if (i === undefined) {
        const id = ids.has(mapped.id) ? env.newId(idPrefix) : mapped.id;
        ids.add(id);
        at.set(key, list.length);
        list.push({ ...mapped, id });
        return 'added';
      }
      const here = list[i] as T;
      if (mapped.updated <= here.updated) return 'matched';
      list[i] = { ...mapped, id: here.id };
      return 'updated';
    },
  };
}

/**
 * Merge the ratings and memos of `incoming` (another copy of the project, whose coders, codes
 * and codings were merged into `data` first) into `data`. Returns the new data (the same object
 * when nothing changed) and what happened.
 */
export function mergeLayers(data: ProjectData, incoming: ProjectData, env: CoreEnv): { data: ProjectData; report: LayerMergeReport } {
  const report: LayerMergeReport = { added: { ratings: 0, memos: 0 }, updated: { ratings: 0, memos: 0 }, matched: { ratings: 0, memos: 0 }, keptAside: [], notes: [] };
  const maps = idMaps(data, incoming);

  const ratings = newerWins(data.ratings, ratingKey, 'r_', env);
  for (const r of incoming.ratings) {
    const [matrixId, caseId, codeId, coderId] = [maps.matrix(r.matrixId), maps.case(r.caseId), maps.code(r.codeId), maps.coder(r.coderId)];
    const missing = !matrixId ? 'matrix' : !caseId ? 'case' : !codeId ? 'code' : !coderId ? 'coder' : null;
    if (missing || !matrixId || !caseId || !codeId || !coderId) {
      report.keptAside.push({ kind: 'rating', id: r.id, reason: `its ${missing ?? 'matrix'} is not in this project` });
      continue;
    }
    const evidence: Id[] = [];
    for (const g of r.evidence) {
      const here = maps.coding(g);
      if (here) evidence.push(here);
      else report.notes.push(`Rating ${r.id} cites coding ${g}, which is not in this project; the citation was left out.`);
    }
    const provenance = r.provenance ? { ...r.provenance, decidedBy: maps.coder(r.provenance.decidedBy) ?? r.provenance.decidedBy } : undefined;
    const mapped: Rating = { ...r, matrixId, caseId, codeId, coderId, evidence, ...(provenance ? { provenance } : {}) };
    report[ratings.put(mapped)].ratings++;
  }

  const memos = newerWins(data.memos, memoKey, 'm_', env);
  for (const m of incoming.memos) {
    const target = targetOf(m.target, maps);
    const coderId = m.coderId === null ? null : maps.coder(m.coderId);
    if (typeof target === 'string' || coderId === undefined) {
      report.keptAside.push({ kind: 'memo', id: m.id, reason: typeof target === 'string' ? target : 'its coder is not in this project' });
      continue;
    }
    const mapped: Memo = { ...m, target, coderId };
    report[memos.put(mapped)].memos++;
  }

  const ratingsChanged = report.added.ratings + report.updated.ratings > 0;
  const memosChanged = report.added.memos + report.updated.memos > 0;
  if (!ratingsChanged && !memosChanged) return { data, report };
  return { data: { ...data, ratings: ratingsChanged ? ratings.list : data.ratings, memos: memosChanged ? memos.list : data.memos }, report };
}
