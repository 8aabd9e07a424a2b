import type { AttributeValue, Case, Id, ProjectData } from '../model/types.js';
import type { Result } from '../model/result.js';
import { err, ok } from '../model/result.js';
import type { CoreEnv } from '../model/ids.js';

/**
 * Pure operations on the cases of a project. Every function returns a new `ProjectData` (the
 * input is never mutated) or a typed error; documents are never deleted here.
 * Case names are unique, compared case-insensitively after trimming.
 */

/** Find a case by id or by name (case-insensitive). */
export function findCase(data: ProjectData, ref: string): Case | undefined {
  const key = ref.trim().toLowerCase();
  return data.cases.find((c) => c.id === ref) ?? data.cases.find((c) => c.name.toLowerCase() === key);
}

function checkName(data: ProjectData, name: string, exceptId?: Id): Result<string> {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) return err('invalid', 'A case needs a name.');
  if (clean.length > 200) return err('invalid', 'A case name can be at most 200 characters.');
  const clash = data.cases.find((c) => c.id !== exceptId && c.name.toLowerCase() === clean.toLowerCase());
  if (clash) return err('conflict', `A case named "${clash.name}" already exists.`);
  return ok(clean);
}

/** Add a case. Fails with `conflict` when the name is taken, `invalid` when it is empty. */
export function createCase(data: ProjectData, name: string, env: CoreEnv): Result<{ data: ProjectData; created: Case }> {
  const n = checkName(data, name);
  if (!n.ok) return n;
  const created: Case = { id: env.newId('k_'), name: n.value, attributes: {} };
  return ok({ data: { ...data, cases: [...data.cases, created] }, created });
}

/** Return the project with a case of each name, creating the missing ones (existing names are reused). */
export function ensureCases(data: ProjectData, names: readonly string[], env: CoreEnv): Result<{ data: ProjectData; cases: Case[] }> {
  let d = data;
  const out: Case[] = [];
  for (const name of names) {
    const existing = findCase(d, name);
    if (existing) {
      out.push(existing);
      continue;
    }
    const r = createCase(d, name, env);
    if (!r.ok) return r;
    d = r.value.data;
    out.push(r.value.created);
  }
  return ok({ data: d, cases: out });
}

/** Rename a case (names stay unique). */
export function renameCase(data: ProjectData, caseId: Id, name: string): Result<ProjectData> {
  if (!data.cases.some((c) => c.id === caseId)) return err('not-found', `No case with id ${caseId}.`);
  const n = checkName(data, name, caseId);
  if (!n.ok) return n;
  return ok({ ...data, cases: data.cases.map((c) => (c.id === caseId ? { ...c, name: n.value } : c)) });
}

/** Assign a document to a case, or detach it with `null`. */
export function assignDocument(data: ProjectData, documentId: Id, caseId: Id | null): Result<ProjectData> {
  if (!data.documents.some((d) => d.id === documentId)) return err('not-found', `No document with id ${documentId}.`);
  if (caseId !== null && !data.cases.some((c) => c.id === caseId)) return err('not-found', `No case with id ${caseId}.`);
  return ok({ ...data, documents: data.documents.map((d) => (d.id === documentId ? { ...d, caseId } : d)) });
}

/** An attribute both merged cases had, with different values; the target's value was kept. */
export interface AttributeConflict {
  attribute: string;
  kept: AttributeValue;
  dropped: AttributeValue;
}

/** What a merge did besides moving documents. */
export interface MergeReport {
  movedDocuments: number;
  conflicts: AttributeConflict[];
  /** Ratings of the source case dropped because the target already had a rating for the same cell. */
  droppedRatings: Id[];
}

/**
 * Merge `sourceId` into `targetId`: documents, ratings, matrix rows and memos move to the target;
 * attributes the target lacks are copied; attributes with different values are reported as
 * conflicts (the target's value is kept). A source rating for a cell (matrix, code, coder) the
 * target already rated is dropped and reported. The source case is then removed.
 */
export function mergeCases(data: ProjectData, sourceId: Id, targetId: Id): Result<{ data: ProjectData; report: MergeReport }> {
  const source = data.cases.find((c) => c.id === sourceId);
  const target = data.cases.find((c) => c.id === targetId);
  if (!source || !target) return err('not-found', 'Both cases must exist to merge them.');
  if (sourceId === targetId) return err('invalid', 'A case cannot be merged into itself.');
  const conflicts: AttributeConflict[] = [];
  const attributes: Record<string, AttributeValue> = { ...target.attributes };
  for (const [k, v] of Object.entries(source.attributes)) {
    const mine = Object.hasOwn(attributes, k) ? attributes[k] : undefined;
    if (mine === undefined || mine === null) attributes[k] = v;
    else if (v !== null && v !== mine) conflicts.push({ attribute: k, kept: mine, dropped: v });
  }
  const cell = (r: { matrixId: Id; codeId: Id; coderId: Id }): string => `${r.matrixId}\u0000${r.codeId}\u0000${r.coderId}`;
  const targetCells = new Set(data.ratings.filter((r) => r.caseId === targetId).map(cell));
  const droppedRatings = data.ratings.filter((r) => r.caseId === sourceId && targetCells.has(cell(r))).map((r) => r.id);
  const dropped = new Set(droppedRatings);
  const movedDocuments = data.documents.filter((d) => d.caseId === sourceId).length;
  const next: ProjectData = {
    ...data,
    cases: data.cases.filter((c) => c.id !== sourceId).map((c) => (c.id === targetId ? { ...c, attributes } : c)),
    documents: data.documents.map((d) => (d.caseId === sourceId ? { ...d, caseId: targetId } : d)),
    ratings: data.ratings.filter((r) => !dropped.has(r.id)).map((r) => (r.caseId === sourceId ? { ...r, caseId: targetId } : r)),
    matrices: data.matrices.map((m) => (m.rows.includes(sourceId) ? { ...m, rows: [...new Set(m.rows.map((r) => (r === sourceId ? targetId : r)))] } : m)),
    memos: data.memos.map((m) => (m.target.kind === 'case' && m.target.id === sourceId ? { ...m, target: { kind: 'case', id: targetId } } : m)),
  };
  return ok({ data: next, report: { movedDocuments, conflicts, droppedRatings } });
}

/** How to delete a case that still has documents: refuse, or detach them (they stay, unassigned). */
export type DeleteMode = 'refuse' | 'detach';

/**
 * Delete a case. With documents assigned, `refuse` (the default) fails with `conflict` naming how
 * many; `detach` keeps the documents and unassigns them. Ratings of the case are removed (their
 * count is returned) and the case leaves matrix rows; memos about the case are kept, retargeted
 * to the project so no writing is lost.
 */
export function deleteCase(data: ProjectData, caseId: Id, mode: DeleteMode = 'refuse'): Result<{ data: ProjectData; detachedDocuments: number; removedRatings: number }> {
  if (!data.cases.some((c) => c.id === caseId)) return err('not-found', `No case with id ${caseId}.`);
  const docs = data.documents.filter((d) => d.caseId === caseId).length;
  if (docs > 0 && mode === 'refuse') {
    return err('conflict', `The case still has ${docs} document(s); move them or detach them first (documents are never deleted with a case).`, { documents: docs });
  }
  const removedRatings = data.ratings.filter((r) => r.caseId === caseId).length;
  return ok({
    data: {
      ...data,
      cases: data.cases.filter((c) => c.id !== caseId),
      documents: data.documents.map((d) => (d.caseId === caseId ? { ...d, caseId: null } : d)),
      ratings: data.ratings.filter((r) => r.caseId !== caseId),
      matrices: data.matrices.map((m) => (m.rows.includes(caseId) ? { ...m, rows: m.rows.filter((r) => r !== caseId) } : m)),
      memos: data.memos.map((m) => (m.target.kind === 'case' && m.target.id === caseId ? { ...m, target: { kind: 'project' } } : m)),
    },
    detachedDocuments: docs,
    removedRatings,
  });
}
