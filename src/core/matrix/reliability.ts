import type { Id, ProjectData } from '../model/types.js';
import type { AgreementResult, ReliabilityData } from '../agreement/types.js';
import { gwetAC, krippendorffAlpha } from '../agreement/index.js';
import { err, ok, type Result } from '../model/result.js';
import { codePath } from '../codebook/paths.js';
import { independentCoderIds, indexRatings, key } from './consensus.js';
import { matrixRowIds } from './matrix-ops.js';
import { scaleIndex } from './scale.js';

/**
 * The ratings of a matrix as a reliability data matrix: one unit per cell (case × column, row-major),
 * one column per coder, values = ordinal scale index (0 = lowest label).
 *
 * "Not applicable" is treated as a missing value, like an unrated cell: it is a judgement that the
 * question does not arise, which has no place on the ordinal scale, so it cannot enter an ordinal
 * distance. Two coders who both say "not applicable" therefore add nothing to alpha, and a cell
 * where one says "not applicable" and the other "weak" is unpairable rather than a disagreement.
 * (A separate nominal check on applicability can be run by the caller if it matters.)
 *
 * Default coders: every independent coder (not consensus, not machine).
 */
export function ratingReliabilityData(data: ProjectData, matrixId: Id, coderIds?: readonly Id[]): Result<ReliabilityData> {
  const matrix = data.matrices.find((m) => m.id === matrixId);
  if (!matrix) return err('not-found', `No matrix "${matrixId}"`);
  const coders = coderIds ? [...coderIds] : independentCoderIds(data);
  for (const id of coders) if (!data.coders.some((c) => c.id === id)) return err('not-found', `No coder "${id}"`);
  if (new Set(coders).size !== coders.length) return err('invalid', 'A coder is listed twice');
  const ratings = indexRatings(data, matrix);
  const units: (number | null)[][] = [];
  const unitIds: string[] = [];
  const caseName = new Map(data.cases.map((c) => [c.id, c.name]));
  for (const caseId of matrixRowIds(data, matrix)) {
    if (!caseName.has(caseId)) continue;
    for (const codeId of matrix.columns) {
      units.push(coders.map((c) => scaleIndex(matrix, ratings.get(key(caseId, codeId, c))?.value ?? null)));
      unitIds.push(`${caseName.get(caseId)} / ${codePath(data.codebook, codeId)}`);
    }
  }
  return ok({ coders: coders.map((id) => data.coders.find((c) => c.id === id)?.name ?? id), units, unitIds });
}

/**
 * Krippendorff's alpha (ordinal) over the matrix's rating cells. Needs at least two coders;
 * the coefficient itself may still be undefined (value null with a reason), e.g. when all
 * pairable values are the same.
 */
export function ratingAgreement(data: ProjectData, matrixId: Id, coderIds?: readonly Id[]): Result<AgreementResult> {
  const rd = ratingReliabilityData(data, matrixId, coderIds);
  if (!rd.ok) return rd;
  if (rd.value.coders.length < 2) return err('invalid', 'Agreement on ratings needs at least two coders');
  return ok(ordinalAlpha(rd.value));
}

/**
 * The single call into the agreement engine (`src/core/agreement`): ordinal alpha over the scale
 * positions. Kept as one small function so the matrix code has exactly one dependency on it.
 */
export function ordinalAlpha(rd: ReliabilityData): AgreementResult {
  return krippendorffAlpha(rd, 'ordinal');
}

/**
 * Gwet's AC2 with ordinal weights over the matrix's rating cells (Gwet 2014, ch. 3), with its t
 * interval: the scale positions 0…k−1 are declared, so q is the scale's length even when some
 * labels are unused. Same cells and missing values as {@link ratingAgreement}.
 */
export function ratingAC2(data: ProjectData, matrixId: Id, coderIds?: readonly Id[]): Result<AgreementResult> {
  const rd = ratingReliabilityData(data, matrixId, coderIds);
  if (!rd.ok) return rd;
  if (rd.value.coders.length < 2) return err('invalid', 'Agreement on ratings needs at least two coders');
  const levels = data.matrices.find((m) => m.id === matrixId)?.scale.length ?? 0;
  return ok(gwetAC(rd.value, { weights: 'ordinal', categories: Array.from({ length: levels }, (_, i) => i) }));
}
