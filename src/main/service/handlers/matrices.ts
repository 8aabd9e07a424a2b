import { ensureConsensusCoder } from '../../../core/adjudication/index.js';
import { codePath } from '../../../core/codebook/paths.js';
import { adjudicateRating, adoptAgreedRatings, consensusCoderOf, independentCoderIds, ratingDisagreements } from '../../../core/matrix/consensus.js';
import { resolveEvidence, suggestEvidence } from '../../../core/matrix/evidence.js';
import { createMatrix, deleteMatrix, pickMatrix, setScale, updateMatrix, withDefaultMatrices } from '../../../core/matrix/matrix-ops.js';
import { editMatrix } from '../../../core/matrix/matrix-edits.js';
import { findRating, setRating } from '../../../core/matrix/ratings.js';
import { ratingAC2, ratingAgreement } from '../../../core/matrix/reliability.js';
import { buildMatrixView, type ViewCoder } from '../../../core/matrix/view.js';
import { err, ok, type Result } from '../../../core/model/result.js';
import type { Id, Matrix, ProjectData } from '../../../core/model/types.js';
import { composeChangeSets, emptyChangeSet } from '../../../core/ops/change-set.js';
import type { Mutation, ProjectPatch } from '../../../shared/api.js';
import { withSession, type DomainHandlers } from '../context.js';
import { exportCodeCaseOp, exportCoOccurrenceOp, exportMatrixOp } from '../matrix-export.js';
import type { ProjectSession } from '../session.js';

/** A patch that changes nothing (read-only sessions, no-op calls). */
function emptyPatch(session: ProjectSession): ProjectPatch {
  const v = session.view();
  return { revision: v.revision, base: v.revision, changes: emptyChangeSet(), canUndo: v.canUndo, canRedo: v.canRedo, undoLabel: v.undoLabel, redoLabel: v.redoLabel };
}

/**
 * Commit the default matrices to a writable project that has no matrix (no undo step: they are
 * part of the project, like its codebook). Returns the patch that added them, or null.
 */
async function commitDefaults(session: ProjectSession): Promise<Result<ProjectPatch | null>> {
  if (session.store.readOnly || session.data.matrices.length > 0) return ok(null);
  const next = withDefaultMatrices(session.data);
  if (next === session.data) return ok(null);
  const r = await session.mutate('Add default matrices', () => ok({ data: next, value: null }), false);
  return r.ok ? ok(r.value.patch) : r;
}

/** A mutation after the defaults were ensured; its patch carries the default matrices too. */
async function mutateWithDefaults<T>(session: ProjectSession, label: string, compute: (d: ProjectData) => Result<{ data: ProjectData; value: T }>): Promise<Result<Mutation<T>>> {
  const first = await commitDefaults(session);
  if (!first.ok) return first;
  const r = await session.mutate(label, compute);
  if (!r.ok || !first.value) return r;
  return ok({ value: r.value.value, patch: { ...r.value.patch, base: first.value.base, changes: composeChangeSets(first.value.changes, r.value.patch.changes) } });
}

function matrixOf(data: ProjectData, id: Id): Result<Matrix> {
  const m = data.matrices.find((x) => x.id === id);
  return m ? ok(m) : err('not-found', `No matrix "${id}"`);
}

function cellLabel(data: ProjectData, caseId: Id, codeId: Id): string {
  return `${data.cases.find((c) => c.id === caseId)?.name ?? caseId} / ${data.codebook.find((c) => c.id === codeId)?.name ?? codeId}`;
}

/** Which coders' ratings to compare: the given ones, or every independent coder. */
function comparedCoders(data: ProjectData, coderIds: Id[] | undefined): Id[] {
  return coderIds && coderIds.length > 0 ? coderIds : independentCoderIds(data);
}

/** The rated cell, its value, and the note and evidence when given (omitted ones keep what the cell had). */
function cellRating(a: { matrixId: Id; caseId: Id; codeId: Id; value: string | null; note?: string | undefined; evidence?: Id[] | undefined }): { matrixId: Id; caseId: Id; codeId: Id; value: string | null; note?: string; evidence?: Id[] } {
  return { matrixId: a.matrixId, caseId: a.caseId, codeId: a.codeId, value: a.value, ...(a.note !== undefined ? { note: a.note } : {}), ...(a.evidence !== undefined ? { evidence: a.evidence } : {}) };
}

/** The matrices operations. */
export const matrixHandlers: DomainHandlers<'matrices'> = {
  'matrix.list': withSession(async (session) => {
    const patch = await commitDefaults(session);
    if (!patch.ok) return patch;
    return ok({ value: withDefaultMatrices(session.data).matrices, patch: patch.value ?? emptyPatch(session) });
  }),
  'matrix.create': withSession(async (session, a, ctx) => {
    return mutateWithDefaults(session, `New matrix “${String(a.name).trim()}”`, (d) => {
      const r = createMatrix(
        d,
        {
          name: a.name,
          columns: a.columns,
          ...(a.rows ? { rows: a.rows } : {}),
          ...(a.scale ? { scale: a.scale } : {}),
          ...(a.notApplicable !== undefined ? { notApplicable: a.notApplicable } : {}),
        },
        ctx.env,
      );
      return r.ok ? ok({ data: r.value.data, value: r.value.matrix }) : r;
    });
  }),
  'matrix.update': withSession(async (session, a, ctx) => {
    return mutateWithDefaults(session, 'Edit matrix', (d) => {
      const patch: Partial<Pick<Matrix, 'name' | 'columns' | 'rows'>> = {};
      if (a.name !== undefined) patch.name = a.name;
      if (a.columns !== undefined) patch.columns = a.columns;
      if (a.rows !== undefined) patch.rows = a.rows;
      const r = updateMatrix(d, a.matrixId, patch, ctx.env);
      return r.ok ? ok({ data: r.value.data, value: r.value.matrix }) : r;
    });
  }),
  'matrix.edit': withSession(async (session, a, ctx) => {
    const name = withDefaultMatrices(session.data).matrices.find((m) => m.id === a.matrixId)?.name ?? a.matrixId;
    return mutateWithDefaults(session, `Edit matrix “${name}”`, (d) => {
      const r = editMatrix(d, a.matrixId, a.edits, ctx.env);
      return r.ok ? ok({ data: r.value.data, value: { matrix: r.value.matrix, rewrittenRatings: r.value.rewrittenRatings } }) : r;
    });
  }),
  'matrix.delete': withSession(async (session, a) => {
    const name = withDefaultMatrices(session.data).matrices.find((m) => m.id === a.matrixId)?.name ?? a.matrixId;
    return mutateWithDefaults(session, `Delete matrix “${name}”`, (d) => {
      const r = deleteMatrix(d, a.matrixId);
      return r.ok ? ok({ data: r.value.data, value: { removedRatings: r.value.removedRatings } }) : r;
    });
  }),
  'matrix.setScale': withSession(async (session, a) => {
    return mutateWithDefaults(session, 'Edit rating scale', (d) => {
      const r = setScale(d, a.matrixId, { scale: a.scale, ...(a.notApplicable !== undefined ? { notApplicable: a.notApplicable } : {}), ...(a.renames ? { renames: a.renames } : {}) });
      return r.ok ? ok({ data: r.value.data, value: { matrix: r.value.matrix, rewrittenRatings: r.value.rewrittenRatings } }) : r;
    });
  }),
  'matrix.view': withSession(async (session, a) => {
    const data = withDefaultMatrices(session.data);
    const m = pickMatrix(data, a.matrix);
    if (!m.ok) return m;
    const coder: ViewCoder = a.coder ?? session.coderId ?? 'all';
    return buildMatrixView(data, m.value.id, { coder, mode: a.mode ?? 'ratings' });
  }),
  'matrix.evidence': withSession(async (session, a) => {
    const data = withDefaultMatrices(session.data);
    const m = matrixOf(data, a.matrixId);
    if (!m.ok) return m;
    const kase = data.cases.find((c) => c.id === a.caseId);
    if (!kase) return err('not-found', `No case "${a.caseId}"`);
    if (!m.value.columns.includes(a.codeId)) return err('invalid', `Code "${a.codeId}" is not a column of matrix "${m.value.name}"`);
    const want = a.coder ?? session.coderId ?? 'all';
    const coderId = want === 'consensus' ? consensusCoderOf(data) : want === 'all' ? undefined : want;
    if (want !== 'all' && want !== 'consensus' && !data.coders.some((c) => c.id === want)) return err('not-found', `No coder "${want}"`);
    const coder = coderId ? data.coders.find((c) => c.id === coderId) : undefined;
    const rating = coderId ? (findRating(data, m.value.id, a.caseId, a.codeId, coderId) ?? null) : null;
    const pool = coder && !coder.consensus ? [coder.id] : data.coders.filter((c) => !c.auto && !c.consensus).map((c) => c.id);
    return ok({
      caseName: kase.name,
      columnPath: codePath(data.codebook, a.codeId),
      rating,
      cited: rating ? resolveEvidence(data, rating.evidence) : [],
      suggested: suggestEvidence(data, a.caseId, a.codeId, pool),
    });
  }),
  'rating.set': withSession(async (session, a, ctx) => {
    const coderId = a.coderId ?? session.coderId;
    if (!coderId) return err('invalid', 'Name yourself as a coder before rating');
    if (session.data.coders.find((c) => c.id === coderId)?.consensus) return err('invalid', 'Consensus ratings are set by adjudication (rating.adjudicate)');
    const label = `Rate ${cellLabel(session.data, a.caseId, a.codeId)}: ${a.value ?? 'unrated'}`;
    return mutateWithDefaults(session, label, (d) => {
      const r = setRating(d, { ...cellRating(a), coderId }, ctx.env);
      return r.ok ? ok({ data: r.value.data, value: r.value.rating }) : r;
    });
  }),
  'rating.adjudicate': withSession(async (session, a, ctx) => {
    // The decider is the session's coder; a script that names no coder decides as the consensus coder.
    const judge = session.coderId;
    const label = `Adjudicate ${cellLabel(session.data, a.caseId, a.codeId)}: ${a.value ?? 'unrated'}`;
    return mutateWithDefaults(session, label, (d) => {
      const { data, coder } = ensureConsensusCoder(d, ctx.env);
      const r = adjudicateRating(data, { ...cellRating(a), consensusCoderId: coder.id, fromCoderIds: comparedCoders(data, a.fromCoderIds), ...(judge ? { decidedBy: judge } : {}) }, ctx.env);
      return r.ok ? ok({ data: r.value.data, value: r.value.rating }) : r;
    });
  }),
  'rating.adoptAgreed': withSession(async (session, a, ctx) => {
    return mutateWithDefaults(session, 'Adopt agreed ratings', (d) => {
      const { data, coder } = ensureConsensusCoder(d, ctx.env);
      const r = adoptAgreedRatings(data, { matrixId: a.matrixId, consensusCoderId: coder.id, fromCoderIds: comparedCoders(data, a.fromCoderIds) }, ctx.env);
      if (!r.ok) return r;
      // Nothing agreed: leave the project (and its coders) untouched rather than add an idle consensus coder.
      return ok({ data: r.value.adopted > 0 ? r.value.data : d, value: { adopted: r.value.adopted, consensusCoderId: coder.id, filled: r.value.filled, left: r.value.left } });
    });
  }),
  'rating.disagreements': withSession(async (session, a) => {
    const data = withDefaultMatrices(session.data);
    return ratingDisagreements(data, a.matrixId, comparedCoders(data, a.coderIds), { includeMissing: a.includeMissing === true });
  }),
  'rating.agreement': withSession(async (session, a) => {
    const data = withDefaultMatrices(session.data);
    return (a.coefficient === 'ac2' ? ratingAC2 : ratingAgreement)(data, a.matrixId, comparedCoders(data, a.coderIds));
  }),
  'matrix.export': withSession(exportMatrixOp),
  'matrix.exportCodeCase': withSession(exportCodeCaseOp),
  'matrix.exportCoOccurrence': withSession(exportCoOccurrenceOp),
};
