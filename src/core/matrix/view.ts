import type { Coder, Id, Matrix, ProjectData, Rating } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import { codePath } from '../codebook/paths.js';
import { consensusCoderOf, independentCoderIds, indexRatings, key } from './consensus.js';
import { ratio, tallyCells } from './counts.js';
import { evidenceIndex, matrixEvidenceIds, resolveEvidence, type EvidenceRef } from './evidence.js';
import { matrixRowIds } from './matrix-ops.js';
import { scalePoint } from './scale.js';

/** What the cells display and what their colour encodes. */
export type MatrixMode = 'ratings' | 'counts' | 'coverage';

/** Whose matrix to show: a coder id, the consensus coder, or every coder's passages (no ratings). */
export type ViewCoder = Id | 'consensus' | 'all';

/** One cell of a matrix view. Every mode fills every field; `mode` only chooses `label` and `heat`. */
export interface MatrixCell {
  caseId: Id;
  codeId: Id;
  rating: Rating | null;
  /** Rating label (canonical spelling), or null when unrated. */
  value: string | null;
  /** Ordinal index of the value (0 = lowest), null when unrated or not applicable. */
  scaleIndex: number | null;
  notApplicable: boolean;
  note: string;
  /** Coded passages of the column code (descendants included) in the case's documents by the view's coder(s) (see {@link passageCoders}). */
  passages: number;
  codedChars: number;
  /** codedChars / characters of the case's documents (0..1). */
  coverage: number;
  /** The passages the rating cites, resolved (title, page, quote). */
  evidence: EvidenceRef[];
  /** True when the independent coders who rated this cell gave different values. */
  disagreement: boolean;
  /**
   * Every independent coder's value, in project order: only in the `all` view (the side-by-side
   * ratings), so a one-coder view carries no other coder's rating.
   */
  byCoder?: { coderId: Id; coder: string; value: string | null }[];
  /** What the cell shows in the view's mode: the rating label, the count, or the coverage in %. */
  label: string;
  /** Colour intensity 0..1 for the heatmap, or null for no colour (unrated, not applicable, 0 count). */
  heat: number | null;
}

/** A matrix ready to draw or export: rows × columns of cells plus the scale and maxima. */
export interface MatrixView {
  matrix: Matrix;
  mode: MatrixMode;
  /** The coder whose ratings the cells hold; null for `all`. */
  coder: (Pick<Coder, 'id' | 'name'> & { consensus: boolean }) | null;
  columns: { codeId: Id; name: string; path: string; color: string }[];
  rows: { caseId: Id; name: string }[];
  cells: MatrixCell[][];
  maxPassages: number;
  maxCoverage: number;
}

/**
 * Build the view of a matrix for one coder (or the consensus coder, or `all` for counts of every
 * coder's passages without ratings). Passage counts and coverage use the same coder's codings,
 * so a coder's matrix stands on that coder's evidence; `all` pools every coder. Rows follow the
 * matrix rows (all cases when it lists none); cases that no longer exist are skipped.
 */
export function buildMatrixView(data: ProjectData, matrixId: Id, opts: { coder: ViewCoder; mode: MatrixMode }): Result<MatrixView> {
  const matrix = data.matrices.find((m) => m.id === matrixId);
  if (!matrix) return err('not-found', `No matrix "${matrixId}"`);
  if (!['ratings', 'counts', 'coverage'].includes(opts.mode)) return err('invalid', `Unknown matrix mode "${String(opts.mode)}"`);
  let coder: MatrixView['coder'] = null;
  if (opts.coder === 'consensus') {
    const id = consensusCoderOf(data);
    const c = data.coders.find((x) => x.id === id);
    if (!c) return err('not-found', 'This project has no consensus coder yet');
    coder = { id: c.id, name: c.name, consensus: true };
  } else if (opts.coder !== 'all') {
    const c = data.coders.find((x) => x.id === opts.coder);
    if (!c) return err('not-found', `No coder "${opts.coder}"`);
    coder = { id: c.id, name: c.name, consensus: c.consensus === true };
  }
  const caseById = new Map(data.cases.map((c) => [c.id, c]));
  const rows = matrixRowIds(data, matrix)
    .filter((id) => caseById.has(id))
    .map((id) => ({ caseId: id, name: caseById.get(id)?.name ?? id }));
  const codeById = new Map(data.codebook.map((c) => [c.id, c]));
  const columns = matrix.columns.filter((id) => codeById.has(id)).map((id) => ({ codeId: id, name: codeById.get(id)?.name ?? id, path: codePath(data.codebook, id), color: codeById.get(id)?.color ?? '#999999' }));
  const t = tallyCells(
    data,
    rows.map((r) => r.caseId),
    columns.map((c) => c.codeId),
    passageCoders(data, coder),
  );
  const ratings = indexRatings(data, matrix);
  const independents = independentCoderIds(data);
  const coderName = new Map(data.coders.map((c) => [c.id, c.name]));
  const evIndex = coder ? evidenceIndex(data, matrixEvidenceIds(data, matrix.id)) : undefined;
  let maxPassages = 0;
  let maxCoverage = 0;
  const cells = rows.map((row, i) =>
    columns.map((col, j): MatrixCell => {
      const rating = coder ? (ratings.get(key(row.caseId, col.codeId, coder.id)) ?? null) : null;
      const point = scalePoint(matrix, rating?.value ?? null);
      const passages = t.passages[i]?.[j] ?? 0;
      const codedChars = t.codedChars[i]?.[j] ?? 0;
      const coverage = ratio(codedChars, t.caseChars[i] ?? 0);
      maxPassages = Math.max(maxPassages, passages);
      maxCoverage = Math.max(maxCoverage, coverage);
      const values = independents.map((id) => ({ coderId: id, coder: coderName.get(id) ?? id, value: ratings.get(key(row.caseId, col.codeId, id))?.value ?? null }));
      const rated = new Set(values.map((v) => v.value).filter((v) => v !== null));
      return {
        caseId: row.caseId,
        codeId: col.codeId,
        rating,
        value: point.kind === 'unrated' ? null : point.label,
        scaleIndex: point.kind === 'scale' ? point.index : null,
        notApplicable: point.kind === 'not-applicable',
        note: rating?.note ?? '',
        passages,
        codedChars,
        coverage,
        evidence: rating ? resolveEvidence(data, rating.evidence, evIndex) : [],
        disagreement: rated.size > 1,
        label: '',
        heat: null,
        ...(coder ? {} : { byCoder: values }),
      };
    }),
  );
  for (const row of cells) for (const cell of row) Object.assign(cell, display(matrix, opts.mode, cell, maxPassages, maxCoverage));
  return ok({ matrix, mode: opts.mode, coder, columns, rows, cells, maxPassages, maxCoverage });
}

/**
 * Whose codings a view counts: the coder's own; for a consensus coder that has coded nothing (its
 * ratings were adjudicated, its passages were not) every independent coder's, so the consensus
 * matrix still shows the passages behind it; null (everyone) for `all`.
 */
export function passageCoders(data: ProjectData, coder: MatrixView['coder']): Id[] | null {
  if (!coder) return null;
  if (coder.consensus && !data.codings.some((c) => c.coderId === coder.id)) return independentCoderIds(data);
  return [coder.id];
}

/** The label and heat of a cell in a mode. Ratings: index / (scale length − 1); counts and coverage: share of the maximum. */
function display(matrix: Matrix, mode: MatrixMode, cell: MatrixCell, maxPassages: number, maxCoverage: number): Pick<MatrixCell, 'label' | 'heat'> {
  if (mode === 'counts') return { label: String(cell.passages), heat: cell.passages > 0 ? cell.passages / maxPassages : null };
  if (mode === 'coverage') return { label: formatPercent(cell.coverage), heat: cell.coverage > 0 ? cell.coverage / maxCoverage : null };
  const top = Math.max(1, matrix.scale.length - 1);
  return { label: cell.value ?? '', heat: cell.scaleIndex === null ? null : cell.scaleIndex / top };
}

/** A share as a percentage with one decimal (`12.5%`); exact zero prints `0%`. */
export function formatPercent(share: number): string {
  if (share === 0) return '0%';
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
