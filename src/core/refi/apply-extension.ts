import type { CoreEnv } from '../model/ids.js';
import type { Id, Matrix, ProjectData, Provenance, Rating } from '../model/types.js';
import type { ApplyRefiReport } from './apply.js';
import type { GuidProvenance } from './casecoder-extension.js';
import { guidForId, idForGuid } from './guid.js';
import type { RefiImport } from './types.js';

/** File GUID → project id, for each kind the extension refers to. */
export interface ImportedIds {
  codes: ReadonlyMap<string, Id>;
  cases: ReadonlyMap<string, Id>;
  coders: ReadonlyMap<string, Id>;
  codings: ReadonlyMap<string, Id>;
}

/** A provenance record with the file's GUIDs turned into project ids, or null when one is missing. */
export function mapProvenance(p: GuidProvenance, coders: ReadonlyMap<string, Id>, codings: ReadonlyMap<string, Id>): Provenance | null {
  const decidedBy = coders.get(p.decidedBy);
  const from = p.fromCodings.map((g) => codings.get(g));
  if (!decidedBy || from.some((x) => x === undefined)) return null;
  return { decidedBy, fromCodingIds: from as Id[], decision: p.decision, at: p.at };
}

/**
 * The matrices and ratings a Casecoder export carried, merged into the project. A matrix is
 * matched by the id its GUID maps to, then by name (its columns, rows and scale are then the
 * project's); ratings by matrix, case, column and coder (a rating already there is kept). Ratings
 * whose matrix, case, code or coder was not imported are skipped and reported; evidence that points
 * to a coding not imported is dropped and reported.
 */
export function applyMatrices(data: ProjectData, refi: RefiImport, ids: ImportedIds, report: ApplyRefiReport, env: CoreEnv): { matrices: Matrix[]; ratings: Rating[] } {
  const ext = refi.extension;
  const matrices = data.matrices.map((m) => ({ ...m }));
  const ratings = [...data.ratings];
  if (!ext) return { matrices, ratings };
  const matrixOf = new Map<string, Id>();
  for (const m of ext.matrices) {
    const existing = matrices.find((x) => x.id === idForGuid('mx', m.matrix) || guidForId(x.id) === m.matrix) ?? matrices.find((x) => x.name.trim().toLowerCase() === m.name.trim().toLowerCase());
    if (existing) {
      matrixOf.set(m.matrix, existing.id);
      report.matched.matrices++;
      continue;
    }
    const columns = m.columns.map((g) => ids.codes.get(g));
    const rows = m.rows.map((g) => ids.cases.get(g));
    if (columns.some((c) => c === undefined) || rows.some((r) => r === undefined)) {
      report.skipped.push({ kind: 'matrix', guid: m.matrix, name: m.name, reason: 'a column code or row case of the matrix was not imported; the matrix and its ratings were left out' });
      continue;
    }
    const wanted = idForGuid('mx', m.matrix);
    const id = matrices.some((x) => x.id === wanted) ? env.newId('mx_') : wanted;
    matrices.push({ id, name: m.name, columns: columns as Id[], rows: rows as Id[], scale: [...m.scale], notApplicable: m.notApplicable });
    matrixOf.set(m.matrix, id);
    report.added.matrices++;
  }
  const ratingKeys = new Set(ratings.map((r) => `${r.matrixId}|${r.caseId}|${r.codeId}|${r.coderId}`));
  const ratingIds = new Set(ratings.map((r) => r.id));
  for (const r of ext.ratings) {
    const matrixId = matrixOf.get(r.matrix);
    const caseId = ids.cases.get(r.case);
    const codeId = ids.codes.get(r.code);
    const coderId = ids.coders.get(r.coder);
    const label = `${r.value ?? 'unrated'}${r.note ? `: ${r.note.slice(0, 50)}` : ''}`;
    if (!matrixId || !caseId || !codeId || !coderId) {
      report.skipped.push({ kind: 'rating', guid: r.rating, name: label, reason: 'its matrix, case, column code or coder was not imported' });
      continue;
    }
    const matrix = matrices.find((m) => m.id === matrixId);
    if (matrix && (!matrix.columns.includes(codeId) || (r.value !== null && r.value !== matrix.notApplicable && !matrix.scale.includes(r.value)))) {
      report.skipped.push({ kind: 'rating', guid: r.rating, name: label, reason: `its column or value is not in the project's matrix "${matrix.name}" (scale: ${matrix.scale.join(', ')})` });
      continue;
    }
    const key = `${matrixId}|${caseId}|${codeId}|${coderId}`;
    if (ratingKeys.has(key)) {
      report.matched.ratings++;
      continue;
    }
    const evidence = r.evidence.map((g) => ids.codings.get(g)).filter((x): x is Id => x !== undefined);
    if (evidence.length < r.evidence.length) report.notes.push(`${r.evidence.length - evidence.length} evidence passage(s) of rating "${label}" were not imported; the rating keeps the others.`);
    const provenance = r.provenance ? mapProvenance(r.provenance, ids.coders, ids.codings) : undefined;
    if (provenance === null) report.notes.push(`The adjudication record of rating "${label}" refers to a coder or coding that was not imported; the rating was kept without it.`);
    const wanted = idForGuid('r', r.rating);
    const id = ratingIds.has(wanted) ? env.newId('r_') : wanted;
    ratingIds.add(id);
    ratingKeys.add(key);
    ratings.push({ id, matrixId, caseId, codeId, coderId, value: r.value, note: r.note, evidence, updated: r.updated, ...(provenance ? { provenance } : {}) });
    report.added.ratings++;
  }
  return { matrices, ratings };
}
