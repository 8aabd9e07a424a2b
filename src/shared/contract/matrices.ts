import type { AgreementResult } from '../../core/agreement/types.js';
import type { RatingDisagreement } from '../../core/matrix/consensus.js';
import type { EvidenceRef } from '../../core/matrix/evidence.js';
import type { MatrixView } from '../../core/matrix/view.js';
import type { Matrix, Rating } from '../../core/model/types.js';
import type { AdoptAgreedReport } from '../../core/matrix/consensus.js';
import { z } from 'zod';
import type { Mutation } from './project.js';
import { op, returns } from './declare.js';
import { id, ids, name, text, writePath } from './fields.js';
import { EXPORT_FORMATS } from '../../core/export/formats.js';

/** Every format a matrix or table exports to: the one table in core (`core/export/formats.ts`). */
export { EXPORT_FORMATS as MATRIX_EXPORT_FORMATS, EXPORT_FORMAT_TABLE, type ExportFormat as MatrixExportFormat } from '../../core/export/formats.js';

const label = name(200);
const scale = z.array(label).min(1).max(100);
/**
 * Where an export goes: `outPath` writes the file durably (CLI, Electron); without it the bytes
 * come back base64. `bom` starts CSV formats with a UTF-8 byte-order mark (Excel on Windows);
 * `standalone` makes the LaTeX export a whole document.
 */
const target = { format: z.enum(EXPORT_FORMATS), outPath: writePath.optional(), bom: z.boolean().optional(), standalone: z.boolean().optional() };
/** Where an export goes, and in which format (see `target` above). */
export type ExportTarget = z.output<z.ZodObject<typeof target>>;
const cell = { matrixId: id, caseId: id, codeId: id };
const note = text(100_000);

/** One item-level matrix edit (`core/matrix/matrix-edits.ts`). */
const matrixEdit = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rename'), name: name() }),
  z.strictObject({ kind: z.literal('addColumn'), codeId: id, before: id.nullable() }),
  z.strictObject({ kind: z.literal('removeColumn'), codeId: id }),
  z.strictObject({ kind: z.literal('moveColumn'), codeId: id, before: id.nullable() }),
  z.strictObject({ kind: z.literal('addRow'), caseId: id, before: id.nullable() }),
  z.strictObject({ kind: z.literal('removeRow'), caseId: id }),
  z.strictObject({ kind: z.literal('moveRow'), caseId: id, before: id.nullable() }),
  z.strictObject({ kind: z.literal('allRows') }),
  z.strictObject({ kind: z.literal('addLabel'), label, before: label.nullable() }),
  z.strictObject({ kind: z.literal('renameLabel'), from: label, to: label }),
  z.strictObject({ kind: z.literal('removeLabel'), label }),
  z.strictObject({ kind: z.literal('moveLabel'), label, before: label.nullable() }),
]);

/** What a new matrix is made of; scale fields default to none < weak < moderate < strong, plus "not applicable". */
const matrixCreate = z.strictObject({
  name: name(),
  /** Column code ids, in order. */
  columns: ids,
  /** Row case ids; empty or omitted = every case. */
  rows: ids.optional(),
  scale: scale.optional(),
  notApplicable: label.optional(),
});
/** What a new matrix is made of; scale fields default to none < weak < moderate < strong, plus "not applicable". */
export type MatrixCreateArgs = z.output<typeof matrixCreate>;

/** One file of an export: written to `path`, or returned as base64 for a browser download. */
export interface ExportedFile {
  fileName: string;
  mime: string;
  path: string | null;
  dataBase64: string | null;
  bytes: number;
}

/** The result of an export; CSV formats add the manifest as a sidecar file (`<file>.manifest.json`). */
export interface MatrixExportResult extends ExportedFile {
  ext: string;
  sidecar: ExportedFile | null;
  /** What the user should know about the file (e.g. characters LaTeX cannot set, written as code points). */
  warnings: string[];
}

/** A cell's evidence: the rating's cited passages and the passages suggested for it. */
export interface CellEvidence {
  caseName: string;
  columnPath: string;
  /** The rating of the coder asked about (null when unrated or for `all`). */
  rating: Rating | null;
  /** Passages the rating cites, resolved (title, page, quote), in citation order. */
  cited: EvidenceRef[];
  /**
   * Coded passages of the column's code (and subcodes) in the case's documents: the coder's own
   * for a coder, everyone's (machine coders excepted) for the consensus coder and `all`.
   */
  suggested: EvidenceRef[];
}

/**
 * Case-by-code matrices, ratings, adjudication and exports (issue 6). Matrix references (`matrix`)
 * accept an id or a name (case-insensitive); omitted, the project's only matrix or "A6 outcomes".
 * Every mutation is one undo step. Projects get the default matrices ("A6 outcomes", "Scorecard
 * cycle") at creation; a writable project that has no matrix at all gets them on `matrix.list`.
 */
export const MATRIX_OPS = {
  /** The project's matrices (adding the defaults, without an undo step, to a writable project that has none). */
  'matrix.list': op(z.strictObject({}), returns<Mutation<Matrix[]>>()),
  'matrix.create': op(matrixCreate, returns<Mutation<Matrix>>()),
  /**
   * Rename, or replace the columns or rows with the lists given (ratings of removed cells are kept,
   * hidden). For scripts that mean "exactly these"; editors send `matrix.edit`.
   */
  'matrix.update': op(z.strictObject({ matrixId: id, name: name().optional(), columns: ids.optional(), rows: ids.optional() }), returns<Mutation<Matrix>>()),
  /**
   * Apply item-level edits (add, remove or move one column, row or scale label; rename the matrix
   * or one label) to the matrix as it is now, as one undo step. This is what editors send: only
   * what the user changed, so another window's changes to the same matrix are kept.
   */
  'matrix.edit': op(z.strictObject({ matrixId: id, edits: z.array(matrixEdit).max(1_000) }), returns<Mutation<{ matrix: Matrix; rewrittenRatings: number }>>()),
  /** Delete a matrix and its ratings. */
  'matrix.delete': op(z.strictObject({ matrixId: id }), returns<Mutation<{ removedRatings: number }>>()),
  /**
   * Replace the scale (labels low to high, and the not-applicable label); for scripts (editors send `matrix.edit`). `renames` maps old labels
   * to new ones so ratings keep their meaning; dropping a label still in use is a `conflict`.
   */
  'matrix.setScale': op(z.strictObject({ matrixId: id, scale, notApplicable: label.optional(), renames: z.record(label, label).optional() }), returns<Mutation<{ matrix: Matrix; rewrittenRatings: number }>>()),
  /** A matrix ready to draw: cells with rating, note, passage count, coverage, evidence and heat. */
  'matrix.view': op(z.strictObject({ matrix: name().optional(), coder: id.optional(), mode: z.enum(['ratings', 'counts', 'coverage']).optional() }), returns<MatrixView>()),
  /** The evidence of one cell (what clicking it lists); `coder` defaults to the session's coder. */
  'matrix.evidence': op(z.strictObject({ ...cell, coder: id.optional() }), returns<CellEvidence>()),
  /**
   * Rate a cell as the session's coder (or `coderId`, never the consensus coder: see
   * `rating.adjudicate`). `value` null clears it; `note`/`evidence` omitted keep what the cell had.
   */
  'rating.set': op(z.strictObject({ ...cell, coderId: id.optional(), value: label.nullable(), note: note.optional(), evidence: ids.optional() }), returns<Mutation<Rating>>()),
  /**
   * Record the consensus rating of a cell (the consensus coder is created when missing), decided by
   * the session's coder, with provenance. `fromCoderIds` default: every independent coder.
   */
  'rating.adjudicate': op(z.strictObject({ ...cell, value: label.nullable(), note: note.optional(), evidence: ids.optional(), fromCoderIds: ids.optional() }), returns<Mutation<Rating>>()),
  /**
   * Adopt as consensus every cell on which the coders agree and nobody has adjudicated yet (one
   * undo step). Reports the cells it filled and the ones it left, with why.
   */
  'rating.adoptAgreed': op(z.strictObject({ matrixId: id, fromCoderIds: ids.optional() }), returns<Mutation<AdoptAgreedReport>>()),
  /** The cells on which coders (default: every independent coder) disagree. */
  'rating.disagreements': op(z.strictObject({ matrixId: id, coderIds: ids.optional(), includeMissing: z.boolean().optional() }), returns<RatingDisagreement[]>()),
  /**
   * Agreement on the matrix's ratings across coders (default: every independent coder):
   * Krippendorff's alpha, ordinal (`coefficient` omitted or `alpha`), or Gwet's AC2 with ordinal
   * weights and its 95% interval (`ac2`).
   */
  'rating.agreement': op(z.strictObject({ matrixId: id, coderIds: ids.optional(), coefficient: z.enum(['alpha', 'ac2']).optional() }), returns<AgreementResult>()),
  /** Export a matrix: the ratings of `coder` (name, id, `consensus` or `all`) or, with `counts`, the passage counts. */
  'matrix.export': op(z.strictObject({ ...target, matrix: name().optional(), coder: name().optional(), counts: z.boolean().optional() }), returns<MatrixExportResult>()),
  /** Export the code-by-case count (or coverage) matrix of the whole project. */
  'matrix.exportCodeCase': op(z.strictObject({ ...target, mode: z.enum(['counts', 'coverage']).optional(), coderIds: ids.optional(), codeIds: ids.optional(), caseIds: ids.optional() }), returns<MatrixExportResult>()),
  /** Export the code co-occurrence table (`paragraph`: codes in the same paragraph; `overlap`: overlapping passages). */
  'matrix.exportCoOccurrence': op(z.strictObject({ ...target, rule: z.enum(['overlap', 'paragraph']), coderIds: ids.optional(), codeIds: ids.optional() }), returns<MatrixExportResult>()),
};
