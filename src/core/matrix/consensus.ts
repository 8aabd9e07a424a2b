import { codePath } from '../codebook/paths.js';
import type { Id, Matrix, ProjectData, Provenance, Rating, Timestamp } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import type { CoreEnv } from '../model/ids.js';
import { matrixRowIds } from './matrix-ops.js';
import { findRating, setRating } from './ratings.js';
import { scalePoint, scaleIndex } from './scale.js';

/** The project's consensus coder (the first coder flagged `consensus`), if any. */
export function consensusCoderOf(data: ProjectData): Id | undefined {
  return data.coders.find((c) => c.consensus)?.id;
}

/** The coders whose independent ratings are compared: every coder neither consensus nor machine. */
export function independentCoderIds(data: ProjectData): Id[] {
  return data.coders.filter((c) => !c.consensus && !c.auto).map((c) => c.id);
}

/** One coder's value in a cell. */
export interface CoderValue {
  coderId: Id;
  value: string | null;
  /** Scale index, null when unrated or not applicable. */
  index: number | null;
  note: string;
}

/** A cell on which the chosen coders do not all give the same rating. */
export interface RatingDisagreement {
  caseId: Id;
  codeId: Id;
  values: CoderValue[];
  /** `differ`: two rated values differ; `missing`: some rated it, some did not. */
  kind: 'differ' | 'missing';
  /** Largest distance between two rated scale indexes (0 when only "not applicable" differs). */
  spread: number;
  /** The consensus coder's value, when a consensus coder exists and has rated the cell. */
  consensus: string | null;
}

/**
 * The cells of a matrix on which `coderIds` disagree, in row × column order. Cells nobody rated
 * are not listed; cells some coders left unrated are listed as `missing` only when
 * `includeMissing` is set (they are not disagreements about the case, only unfinished work).
 */
export function ratingDisagreements(data: ProjectData, matrixId: Id, coderIds: readonly Id[], opts: { includeMissing?: boolean } = {}): Result<RatingDisagreement[]> {
  const matrix = data.matrices.find((m) => m.id === matrixId);
  if (!matrix) return err('not-found', `No matrix "${matrixId}"`);
  if (coderIds.length < 2) return err('invalid', 'Comparing ratings needs at least two coders');
  for (const id of coderIds) if (!data.coders.some((c) => c.id === id)) return err('not-found', `No coder "${id}"`);
  const index = indexRatings(data, matrix);
  const consensusId = consensusCoderOf(data);
  const out: RatingDisagreement[] = [];
  for (const caseId of matrixRowIds(data, matrix)) {
    for (const codeId of matrix.columns) {
      const values: CoderValue[] = coderIds.map((coderId) => {
        const r = index.get(key(caseId, codeId, coderId));
        return { coderId, value: r?.value ?? null, index: scaleIndex(matrix, r?.value ?? null), note: r?.note ?? '' };
      });
      const rated = values.filter((v) => v.value !== null);
      if (rated.length === 0) continue;
      const distinct = new Set(rated.map((v) => v.value));
      const kind = distinct.size > 1 ? 'differ' : rated.length < values.length ? 'missing' : null;
      if (kind === null || (kind === 'missing' && !opts.includeMissing)) continue;
      const idx = rated.map((v) => v.index).filter((i): i is number => i !== null);
      const spread = idx.length > 1 ? Math.max(...idx) - Math.min(...idx) : 0;
      const consensus = consensusId ? (index.get(key(caseId, codeId, consensusId))?.value ?? null) : null;
      out.push({ caseId, codeId, values, kind, spread, consensus });
    }
  }
  return ok(out);
}

/** What the adjudicator decided for one cell. */
export interface AdjudicateInput {
  matrixId: Id;
  caseId: Id;
  codeId: Id;
  consensusCoderId: Id;
  /** The coders whose ratings were weighed (usually two). */
  fromCoderIds: Id[];
  value: string | null;
  note?: string;
  /** Evidence; defaults to the union of the evidence of the source ratings that hold the chosen value. */
  evidence?: Id[];
  /** Who decided (a coder id); defaults to the consensus coder. */
  decidedBy?: Id;
  at?: Timestamp;
}

/**
 * Record the consensus rating of a cell with provenance. The decision is derived from the
 * sources: `accept-both` when every source rated the chosen value, `accept-a` / `accept-b` when the
 * first / second source did, `reject` when the value is cleared, else `edit`.
 * `provenance.fromCodingIds` holds the ids of the source *ratings* (the field is shared with codings).
 */
export function adjudicateRating(data: ProjectData, input: AdjudicateInput, env: CoreEnv): Result<{ data: ProjectData; rating: Rating }> {
  const coder = data.coders.find((c) => c.id === input.consensusCoderId);
  if (!coder) return err('not-found', `No coder "${input.consensusCoderId}"`);
  if (!coder.consensus) return err('invalid', `Coder "${coder.name}" is not a consensus coder`);
  const matrix = data.matrices.find((m) => m.id === input.matrixId);
  if (!matrix) return err('not-found', `No matrix "${input.matrixId}"`);
  if (!Array.isArray(input.fromCoderIds) || input.fromCoderIds.length === 0) return err('invalid', 'Adjudication needs the coders whose ratings were weighed');
  if (input.fromCoderIds.includes(coder.id)) return err('invalid', 'The consensus coder cannot be one of its own sources');
  for (const id of input.fromCoderIds) if (!data.coders.some((c) => c.id === id)) return err('not-found', `No coder "${id}"`);
  const sources = input.fromCoderIds.map((id) => findRating(data, input.matrixId, input.caseId, input.codeId, id));
  const chosen = scalePoint(matrix, input.value);
  const chosenLabel = chosen.kind === 'scale' || chosen.kind === 'not-applicable' ? chosen.label : null;
  const holds = sources.map((r) => r !== undefined && r.value !== null && chosenLabel !== null && r.value === chosenLabel);
  let decision: Provenance['decision'] = 'edit';
  if (chosenLabel === null) decision = 'reject';
  else if (holds.every(Boolean)) decision = 'accept-both';
  else if (holds[0]) decision = 'accept-a';
  else if (holds[1]) decision = 'accept-b';
  const at = input.at ?? env.now();
  const evidence = input.evidence ?? [...new Set(sources.flatMap((r, i) => (holds[i] && r ? r.evidence : [])))];
  return setRating(
    data,
    {
      matrixId: input.matrixId,
      caseId: input.caseId,
      codeId: input.codeId,
      coderId: coder.id,
      value: input.value,
      ...(input.note !== undefined ? { note: input.note } : {}),
      evidence,
      at,
      provenance: {
        decidedBy: input.decidedBy ?? coder.id,
        fromCodingIds: sources.filter((r): r is Rating => r !== undefined).map((r) => r.id),
        decision,
        at,
      },
    },
    env,
  );
}

/** A cell {@link adoptAgreedRatings} filled, or left with the reason. */
export interface AdoptedCell {
  caseId: Id;
  codeId: Id;
  case: string;
  column: string;
  /** The agreed value (filled), or the values the coders gave (left). */
  value: string;
  /** Why a cell was left: the coders disagree, not every coder rated it, or the consensus already decided it. */
  reason?: 'disagree' | 'not-rated-by-all' | 'already-decided';
}

/** What adopting the agreed ratings did: the cells filled and the cells left, with why. */
export interface AdoptAgreedReport {
  adopted: number;
  consensusCoderId: Id;
  filled: AdoptedCell[];
  left: AdoptedCell[];
}

/**
 * Adopt every cell on which all `fromCoderIds` gave the same rating and the consensus coder has
 * not yet decided: the routine half of adjudication, so the team only discusses real disagreements.
 * Notes are joined (distinct ones, one per line); evidence is the union. Reports every cell it
 * filled and every cell it left (disagreement, a coder has not rated it, already decided); cells
 * nobody rated are neither.
 */
export function adoptAgreedRatings(
  data: ProjectData,
  input: { matrixId: Id; consensusCoderId: Id; fromCoderIds: Id[]; at?: Timestamp },
  env: CoreEnv,
): Result<{ data: ProjectData; adopted: number; filled: AdoptedCell[]; left: AdoptedCell[] }> {
  const matrix = data.matrices.find((m) => m.id === input.matrixId);
  if (!matrix) return err('not-found', `No matrix "${input.matrixId}"`);
  if (input.fromCoderIds.length < 2) return err('invalid', 'Adopting agreed ratings needs at least two coders');
  let cur = data;
  const filled: AdoptedCell[] = [];
  const left: AdoptedCell[] = [];
  const caseName = new Map(data.cases.map((c) => [c.id, c.name]));
  const coderName = new Map(data.coders.map((c) => [c.id, c.name]));
  for (const caseId of matrixRowIds(data, matrix)) {
    for (const codeId of matrix.columns) {
      const where = { caseId, codeId, case: caseName.get(caseId) ?? caseId, column: codePath(data.codebook, codeId) };
      const rs = input.fromCoderIds.map((id) => findRating(cur, matrix.id, caseId, codeId, id));
      const given = rs.map((r, k) => (r?.value ? `${coderName.get(input.fromCoderIds[k] as Id) ?? input.fromCoderIds[k]}: ${r.value}` : null)).filter((v): v is string => v !== null);
      const decided = findRating(cur, matrix.id, caseId, codeId, input.consensusCoderId)?.value;
      if (decided) {
        if (given.length > 0) left.push({ ...where, value: decided, reason: 'already-decided' });
        continue;
      }
      if (given.length === 0) continue;
      const first = rs[0]?.value ?? null;
      if (rs.some((r) => !r?.value)) {
        left.push({ ...where, value: given.join('; '), reason: 'not-rated-by-all' });
        continue;
      }
      if (first === null || rs.some((r) => r?.value !== first)) {
        left.push({ ...where, value: given.join('; '), reason: 'disagree' });
        continue;
      }
      const notes = [...new Set(rs.map((r) => r?.note ?? '').filter((n) => n !== ''))].join('\n');
      const res = adjudicateRating(
        cur,
        {
          matrixId: matrix.id,
          caseId,
          codeId,
          consensusCoderId: input.consensusCoderId,
          fromCoderIds: input.fromCoderIds,
          value: first,
          note: notes,
          ...(input.at !== undefined ? { at: input.at } : {}),
        },
        env,
      );
      if (!res.ok) return res;
      cur = res.value.data;
      filled.push({ ...where, value: first });
    }
  }
  return ok({ data: cur, adopted: filled.length, filled, left });
}

/** Map `case|code|coder` → rating for one matrix. */
export function indexRatings(data: ProjectData, matrix: Matrix): Map<string, Rating> {
  const m = new Map<string, Rating>();
  for (const r of data.ratings) if (r.matrixId === matrix.id) m.set(key(r.caseId, r.codeId, r.coderId), r);
  return m;
}

/** The key {@link indexRatings} uses. */
export function key(caseId: Id, codeId: Id, coderId: Id): string {
  return `${caseId}\u0000${codeId}\u0000${coderId}`;
}
