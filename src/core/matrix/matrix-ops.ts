import type { Id, Matrix, ProjectData, Rating } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import type { CoreEnv } from '../model/ids.js';
import { A6_MATRIX_NAME, defaultMatrices } from './defaults.js';
import { DEFAULT_NOT_APPLICABLE, DEFAULT_SCALE, normaliseLabel, scalePoint, validateScale } from './scale.js';

/** Longest accepted matrix name. */
export const MAX_MATRIX_NAME = 120;

/** What a caller supplies to create a matrix; missing scale fields take the defaults. */
export interface MatrixInput {
  name: string;
  columns: Id[];
  rows?: Id[];
  scale?: string[];
  notApplicable?: string;
  /** Fixed id (templates, tests); a fresh `mx_` id otherwise. */
  id?: Id;
}

/** Find a matrix by id or by name (case-insensitive). */
export function findMatrix(data: ProjectData, ref: string): Matrix | undefined {
  const want = normaliseLabel(ref);
  return data.matrices.find((m) => m.id === ref) ?? data.matrices.find((m) => normaliseLabel(m.name) === want);
}

/**
 * The matrix a command means: the named one (by name or id), or without a name the project's only
 * matrix, else "A6 outcomes" when it exists. Errors name the matrices there are.
 */
export function pickMatrix(data: ProjectData, ref?: string): Result<Matrix> {
  const have = data.matrices.map((m) => m.name).join(', ') || 'none';
  if (ref !== undefined && ref.trim() !== '') {
    const m = findMatrix(data, ref);
    return m ? ok(m) : err('not-found', `No matrix "${ref}" (have: ${have})`);
  }
  if (data.matrices.length === 1) return ok(data.matrices[0] as Matrix);
  const a6 = findMatrix(data, A6_MATRIX_NAME);
  if (a6) return ok(a6);
  return err(data.matrices.length === 0 ? 'not-found' : 'usage', data.matrices.length === 0 ? 'This project has no matrices' : `Choose a matrix (have: ${have})`);
}

/** The row case ids of a matrix in display order: its own rows, or every case when it has none. */
export function matrixRowIds(data: ProjectData, matrix: Matrix): Id[] {
  return matrix.rows.length > 0 ? [...matrix.rows] : data.cases.map((c) => c.id);
}

function validateShape(data: ProjectData, m: MatrixInput, selfId: Id | null, env: CoreEnv): Result<Matrix> {
  const name = typeof m.name === 'string' ? m.name.trim().replace(/\s+/g, ' ') : '';
  if (!name) return err('invalid', 'A matrix needs a name');
  if (name.length > MAX_MATRIX_NAME) return err('invalid', `Matrix name is longer than ${MAX_MATRIX_NAME} characters`);
  const clash = data.matrices.find((x) => x.id !== selfId && normaliseLabel(x.name) === normaliseLabel(name));
  if (clash) return err('conflict', `A matrix named "${clash.name}" already exists`);
  if (!Array.isArray(m.columns) || m.columns.length === 0) return err('invalid', 'A matrix needs at least one column');
  const codeIds = new Set(data.codebook.map((c) => c.id));
  for (const id of m.columns) if (!codeIds.has(id)) return err('not-found', `Column code "${id}" is not in the codebook`);
  if (new Set(m.columns).size !== m.columns.length) return err('invalid', 'A matrix lists the same column twice');
  const rows = m.rows ?? [];
  const caseIds = new Set(data.cases.map((c) => c.id));
  for (const id of rows) if (!caseIds.has(id)) return err('not-found', `Row case "${id}" does not exist`);
  if (new Set(rows).size !== rows.length) return err('invalid', 'A matrix lists the same case twice');
  const scale = validateScale(m.scale ?? [...DEFAULT_SCALE], m.notApplicable ?? DEFAULT_NOT_APPLICABLE);
  if (!scale.ok) return scale;
  return ok({
    id: m.id ?? selfId ?? env.newId('mx_'),
    name,
    columns: [...m.columns],
    rows: [...rows],
    scale: scale.value.scale,
    notApplicable: scale.value.notApplicable,
  });
}

/** Add a matrix. Names are unique (case-insensitively); columns must be codes, rows cases. */
export function createMatrix(data: ProjectData, input: MatrixInput, env: CoreEnv): Result<{ data: ProjectData; matrix: Matrix }> {
  if (input.id !== undefined && data.matrices.some((m) => m.id === input.id)) return err('conflict', `Matrix id "${input.id}" is taken`);
  const m = validateShape(data, input, null, env);
  if (!m.ok) return m;
  return ok({ data: { ...data, matrices: [...data.matrices, m.value] }, matrix: m.value });
}

/**
 * Add the default matrices ("A6 outcomes", "Scorecard cycle") that the project lacks (by id or
 * name). Returns the same object when nothing was added.
 */
export function ensureDefaultMatrices(data: ProjectData): ProjectData {
  const missing = defaultMatrices(data.codebook).filter((d) => !data.matrices.some((m) => m.id === d.id || normaliseLabel(m.name) === normaliseLabel(d.name)));
  return missing.length === 0 ? data : { ...data, matrices: [...data.matrices, ...missing] };
}

/**
 * The project as matrices are read (by the service, its exports and the matrix view): a project
 * without any matrix has the default ones (deterministic ids, so the same matrices whether or not
 * they have been committed yet, and on read-only projects too). The same object otherwise.
 */
export function withDefaultMatrices(data: ProjectData): ProjectData {
  return data.matrices.length === 0 ? ensureDefaultMatrices(data) : data;
}

/**
 * Change a matrix's name, columns or rows. Ratings of removed columns or rows are kept (they come
 * back if the column or row is re-added) but no longer shown or exported. Scale changes go through
 * {@link setScale}, which protects the meaning of existing ratings.
 */
export function updateMatrix(data: ProjectData, matrixId: Id, patch: Partial<Pick<Matrix, 'name' | 'columns' | 'rows'>>, env: CoreEnv): Result<{ data: ProjectData; matrix: Matrix }> {
  const cur = data.matrices.find((m) => m.id === matrixId);
  if (!cur) return err('not-found', `No matrix "${matrixId}"`);
  const m = validateShape(data, { ...cur, ...patch }, cur.id, env);
  if (!m.ok) return m;
  return ok({ data: { ...data, matrices: data.matrices.map((x) => (x.id === cur.id ? m.value : x)) }, matrix: m.value });
}

/**
 * Drop column and row ids that no longer name a code or case (after a code or case was deleted or
 * merged away), so every matrix stays valid. Ratings are kept. Returns the same object when
 * nothing was stale.
 */
export function pruneMatrixReferences(data: ProjectData): ProjectData {
  const codes = new Set(data.codebook.map((c) => c.id));
  const cases = new Set(data.cases.map((c) => c.id));
  let changed = false;
  const matrices = data.matrices.map((m) => {
    const columns = m.columns.filter((id) => codes.has(id));
    const rows = m.rows.filter((id) => cases.has(id));
    if (columns.length === m.columns.length && rows.length === m.rows.length) return m;
    changed = true;
    return { ...m, columns, rows };
  });
  return changed ? { ...data, matrices } : data;
}

/** Delete a matrix together with all of its ratings. */
export function deleteMatrix(data: ProjectData, matrixId: Id): Result<{ data: ProjectData; removedRatings: number }> {
  if (!data.matrices.some((m) => m.id === matrixId)) return err('not-found', `No matrix "${matrixId}"`);
  const ratings = data.ratings.filter((r) => r.matrixId !== matrixId);
  return ok({
    data: { ...data, matrices: data.matrices.filter((m) => m.id !== matrixId), ratings },
    removedRatings: data.ratings.length - ratings.length,
  });
}

/**
 * Replace a matrix's scale. `renames` maps old labels to new ones; ratings holding an old label are
 * rewritten so that every rating keeps its meaning. Reordering needs no renames: ratings store
 * labels, so a reordered scale only changes which end is "high". A label that disappears while
 * ratings still use it is a `conflict` (rate those cells again or map the label first).
 */
export function setScale(data: ProjectData, matrixId: Id, next: { scale: string[]; notApplicable?: string; renames?: Record<string, string> }): Result<{ data: ProjectData; matrix: Matrix; rewrittenRatings: number }> {
  const cur = data.matrices.find((m) => m.id === matrixId);
  if (!cur) return err('not-found', `No matrix "${matrixId}"`);
  const checked = validateScale(next.scale, next.notApplicable ?? cur.notApplicable);
  if (!checked.ok) return checked;
  const matrix: Matrix = { ...cur, scale: checked.value.scale, notApplicable: checked.value.notApplicable };
  const renames = new Map<string, string>();
  for (const [from, to] of Object.entries(next.renames ?? {})) {
    const old = scalePoint(cur, from);
    if (old.kind !== 'scale' && old.kind !== 'not-applicable') return err('not-found', `"${from}" is not a label of the current scale`);
    const fresh = scalePoint(matrix, to);
    if (fresh.kind !== 'scale' && fresh.kind !== 'not-applicable') return err('invalid', `"${to}" is not a label of the new scale`);
    renames.set(normaliseLabel(old.label), fresh.label);
  }
  let rewritten = 0;
  const ratings: Rating[] = [];
  for (const r of data.ratings) {
    if (r.matrixId !== matrixId || r.value === null) {
      ratings.push(r);
      continue;
    }
    const target = renames.get(normaliseLabel(r.value));
    const value = target ?? r.value;
    const point = scalePoint(matrix, value);
    if (point.kind !== 'scale' && point.kind !== 'not-applicable') {
      return err('conflict', `Ratings still use "${r.value}", which the new scale drops; map it to a new label first`);
    }
    if (point.label !== r.value) rewritten++;
    ratings.push(point.label === r.value ? r : { ...r, value: point.label });
  }
  return ok({
    data: { ...data, matrices: data.matrices.map((m) => (m.id === matrixId ? matrix : m)), ratings },
    matrix,
    rewrittenRatings: rewritten,
  });
}

/** Rename one scale label (or the not-applicable label); every rating holding it follows. */
export function renameScaleLabel(data: ProjectData, matrixId: Id, from: string, to: string): Result<{ data: ProjectData; matrix: Matrix; rewrittenRatings: number }> {
  const cur = data.matrices.find((m) => m.id === matrixId);
  if (!cur) return err('not-found', `No matrix "${matrixId}"`);
  const point = scalePoint(cur, from);
  if (point.kind === 'not-applicable') return setScale(data, matrixId, { scale: cur.scale, notApplicable: to, renames: { [from]: to } });
  if (point.kind !== 'scale') return err('not-found', `"${from}" is not a label of matrix "${cur.name}"`);
  const scale = cur.scale.map((l, i) => (i === point.index ? to : l));
  return setScale(data, matrixId, { scale, renames: { [from]: to } });
}

/** Put the scale labels in a new order (low to high). The labels themselves must stay the same set. */
export function reorderScale(data: ProjectData, matrixId: Id, order: string[]): Result<{ data: ProjectData; matrix: Matrix; rewrittenRatings: number }> {
  const cur = data.matrices.find((m) => m.id === matrixId);
  if (!cur) return err('not-found', `No matrix "${matrixId}"`);
  const a = [...cur.scale].map(normaliseLabel).sort();
  const b = [...order].map(normaliseLabel).sort();
  if (a.length !== b.length || a.some((l, i) => l !== b[i])) return err('invalid', 'A new order must list exactly the current scale labels');
  const scale = order.map((l) => cur.scale.find((x) => normaliseLabel(x) === normaliseLabel(l)) ?? l);
  return setScale(data, matrixId, { scale });
}
