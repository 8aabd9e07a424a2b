import type { Id, Matrix, ProjectData, Provenance, Rating, Timestamp } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import type { CoreEnv } from '../model/ids.js';
import { descendantIds, findCode } from '../codebook/paths.js';
import { findCoder } from '../model/project.js';
import { findMatrix, matrixRowIds } from './matrix-ops.js';
import { scalePoint } from './scale.js';

/** Longest accepted rating note (a short summary, not an essay). */
export const MAX_NOTE_CHARS = 2000;

/** Most evidence passages one rating may cite. */
export const MAX_EVIDENCE = 200;

/** One coder's judgement of one cell. `note`/`evidence` left undefined keep what the cell had. */
export interface SetRatingInput {
  matrixId: Id;
  caseId: Id;
  codeId: Id;
  coderId: Id;
  /** A scale label, the not-applicable label, or null to clear the judgement. Case-insensitive. */
  value: string | null;
  note?: string;
  /** Coding ids; each must be a passage of the column's code (or a descendant) in the case's documents. */
  evidence?: Id[];
  /** Timestamp to record (defaults to now; fixed in tests and imports). */
  at?: Timestamp;
  provenance?: Provenance;
}

/** The rating a coder gave a cell, if any. */
export function findRating(data: ProjectData, matrixId: Id, caseId: Id, codeId: Id, coderId: Id): Rating | undefined {
  return data.ratings.find((r) => r.matrixId === matrixId && r.caseId === caseId && r.codeId === codeId && r.coderId === coderId);
}

/** Check that a cell (case × column) belongs to the matrix. */
export function checkCell(data: ProjectData, matrix: Matrix, caseId: Id, codeId: Id): Result<null> {
  if (!data.cases.some((c) => c.id === caseId)) return err('not-found', `No case "${caseId}"`);
  if (!matrixRowIds(data, matrix).includes(caseId)) return err('invalid', `Case "${caseId}" is not a row of matrix "${matrix.name}"`);
  if (!matrix.columns.includes(codeId)) return err('invalid', `Code "${codeId}" is not a column of matrix "${matrix.name}"`);
  return ok(null);
}

/** Check evidence ids: existing codings of the column's code (or descendants) in the case's documents. */
export function checkEvidence(data: ProjectData, caseId: Id, codeId: Id, evidence: readonly Id[]): Result<Id[]> {
  if (!Array.isArray(evidence)) return err('invalid', 'Evidence must be a list of coding ids');
  const unique = [...new Set(evidence)];
  if (unique.length > MAX_EVIDENCE) return err('too-large', `A rating cites at most ${MAX_EVIDENCE} passages`);
  const codes = descendantIds(data.codebook, codeId);
  const caseDocs = new Set(data.documents.filter((d) => d.caseId === caseId).map((d) => d.id));
  const byId = new Map(data.codings.map((c) => [c.id, c]));
  for (const id of unique) {
    const c = byId.get(id);
    if (!c) return err('not-found', `Evidence coding "${id}" does not exist`);
    if (!codes.has(c.codeId)) return err('invalid', `Evidence coding "${id}" is not coded with the column's code`);
    if (!caseDocs.has(c.documentId)) return err('invalid', `Evidence coding "${id}" is not in a document of this case`);
  }
  return ok(unique);
}

/**
 * Record one coder's rating of a cell (insert or replace; one rating per matrix × case × code ×
 * coder). Validates the matrix, that the case is a row and the code a column, the coder, the value
 * against the scale (stored with the scale's canonical spelling), the note length and every
 * evidence id. Returns the new project and the stored rating; never throws.
 */
export function setRating(data: ProjectData, input: SetRatingInput, env: CoreEnv): Result<{ data: ProjectData; rating: Rating }> {
  if (!input || typeof input !== 'object') return err('invalid', 'A rating needs a matrix, case, code, coder and value');
  const matrix = data.matrices.find((m) => m.id === input.matrixId);
  if (!matrix) return err('not-found', `No matrix "${input.matrixId}"`);
  const cell = checkCell(data, matrix, input.caseId, input.codeId);
  if (!cell.ok) return cell;
  if (!data.coders.some((c) => c.id === input.coderId)) return err('not-found', `No coder "${input.coderId}"`);
  if (input.value !== null && typeof input.value !== 'string') return err('invalid', 'A rating value is a scale label or null');
  const point = scalePoint(matrix, input.value);
  if (point.kind === 'unknown') {
    return err('invalid', `"${point.label}" is not on the scale of "${matrix.name}" (${[...matrix.scale, matrix.notApplicable].join(', ')})`);
  }
  const value = point.kind === 'unrated' ? null : point.label;
  if (input.note !== undefined && typeof input.note !== 'string') return err('invalid', 'A rating note is text');
  if (input.note !== undefined && input.note.length > MAX_NOTE_CHARS) return err('too-large', `A rating note holds at most ${MAX_NOTE_CHARS} characters`);
  const prev = findRating(data, input.matrixId, input.caseId, input.codeId, input.coderId);
  let evidence = prev?.evidence ?? [];
  if (input.evidence !== undefined) {
    const checked = checkEvidence(data, input.caseId, input.codeId, input.evidence);
    if (!checked.ok) return checked;
    evidence = checked.value;
  }
  const rating: Rating = {
    id: prev?.id ?? env.newId('r_'),
    matrixId: input.matrixId,
    caseId: input.caseId,
    codeId: input.codeId,
    coderId: input.coderId,
    value,
    note: input.note !== undefined ? input.note.trim() : (prev?.note ?? ''),
    evidence,
    updated: input.at ?? env.now(),
  };
  const provenance = input.provenance ?? prev?.provenance;
  if (provenance) rating.provenance = provenance;
  const ratings = prev ? data.ratings.map((r) => (r === prev ? rating : r)) : [...data.ratings, rating];
  return ok({ data: { ...data, ratings }, rating });
}

/** Names and paths as a user types them (CLI `rate`, scripts). */
export interface RatingRefs {
  matrix: string;
  case: string;
  /** Column code path (`Outcomes/Legislation`), id or unique name. */
  column: string;
  coder: string;
}

/**
 * Resolve user-facing references to the ids {@link setRating} takes. The matrix is found by name
 * or id, the case by name (case-insensitive) or id, the column by code path and the coder by name
 * or id; each miss is a specific `not-found` error.
 */
export function resolveRatingRefs(data: ProjectData, refs: RatingRefs): Result<{ matrixId: Id; caseId: Id; codeId: Id; coderId: Id }> {
  const matrix = findMatrix(data, refs.matrix);
  if (!matrix) return err('not-found', `No matrix "${refs.matrix}" (have: ${data.matrices.map((m) => m.name).join(', ') || 'none'})`);
  const wantCase = refs.case.trim().toLowerCase();
  const kase = data.cases.find((c) => c.id === refs.case) ?? data.cases.find((c) => c.name.toLowerCase() === wantCase);
  if (!kase) return err('not-found', `No case "${refs.case}"`);
  const code = findCode(data.codebook, refs.column);
  if (!code) return err('not-found', `No code "${refs.column}"`);
  if (!matrix.columns.includes(code.id)) return err('invalid', `"${refs.column}" is not a column of matrix "${matrix.name}"`);
  const coder = findCoder(data, refs.coder);
  if (!coder) return err('not-found', `No coder "${refs.coder}"`);
  return ok({ matrixId: matrix.id, caseId: kase.id, codeId: code.id, coderId: coder.id });
}
