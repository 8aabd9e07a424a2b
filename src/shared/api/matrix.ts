import type { AgreementResult } from '../../core/agreement/types.js';
import type { CoOccurrenceRule } from '../../core/matrix/counts.js';
import type { RatingDisagreement } from '../../core/matrix/consensus.js';
import type { EvidenceRef } from '../../core/matrix/evidence.js';
import type { MatrixMode, MatrixView, ViewCoder } from '../../core/matrix/view.js';
import type { Id, Matrix, Rating } from '../../core/model/types.js';
import type { AdoptAgreedReport } from '../../core/matrix/consensus.js';
import type { ExportFormat as MatrixExportFormat } from '../../core/export/formats.js';
import type { MatrixEdit } from '../../core/matrix/matrix-edits.js';
import type { Mutation } from './base.js';

/** Every format a matrix or table exports to: the one table in core (`core/export/formats.ts`). */
export { EXPORT_FORMATS as MATRIX_EXPORT_FORMATS, EXPORT_FORMAT_TABLE, type ExportFormat as MatrixExportFormat } from '../../core/export/formats.js';

/**
 * Where an export goes: `outPath` writes the file durably (CLI, Electron); without it the bytes
 * come back base64. `bom` starts CSV formats with a UTF-8 byte-order mark (Excel on Windows);
 * `standalone` makes the LaTeX export a whole document.
 */
export interface ExportTarget {
  format: MatrixExportFormat;
  outPath?: string;
  bom?: boolean;
  standalone?: boolean;
}

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

/** What a new matrix is made of; scale fields default to none < weak < moderate < strong, plus "not applicable". */
export interface MatrixCreateArgs {
  name: string;
  /** Column code ids, in order. */
  columns: Id[];
  /** Row case ids; empty or omitted = every case. */
  rows?: Id[];
  scale?: string[];
  notApplicable?: string;
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
export interface MatrixOps {
  /** The project's matrices (adding the defaults, without an undo step, to a writable project that has none). */
  'matrix.list': { args: Record<string, never>; result: Mutation<Matrix[]> };
  'matrix.create': { args: MatrixCreateArgs; result: Mutation<Matrix> };
  /**
   * Rename, or replace the columns or rows with the lists given (ratings of removed cells are kept,
   * hidden). For scripts that mean "exactly these"; editors send `matrix.edit`.
   */
  'matrix.update': { args: { matrixId: Id; name?: string; columns?: Id[]; rows?: Id[] }; result: Mutation<Matrix> };
  /**
   * Apply item-level edits (add, remove or move one column, row or scale label; rename the matrix
   * or one label) to the matrix as it is now, as one undo step. This is what editors send: only
   * what the user changed, so another window's changes to the same matrix are kept.
   */
  'matrix.edit': { args: { matrixId: Id; edits: MatrixEdit[] }; result: Mutation<{ matrix: Matrix; rewrittenRatings: number }> };
  /** Delete a matrix and its ratings. */
  'matrix.delete': { args: { matrixId: Id }; result: Mutation<{ removedRatings: number }> };
  /**
   * Replace the scale (labels low to high, and the not-applicable label); for scripts (editors send `matrix.edit`). `renames` maps old labels
   * to new ones so ratings keep their meaning; dropping a label still in use is a `conflict`.
   */
  'matrix.setScale': {
    args: { matrixId: Id; scale: string[]; notApplicable?: string; renames?: Record<string, string> };
    result: Mutation<{ matrix: Matrix; rewrittenRatings: number }>;
  };
  /** A matrix ready to draw: cells with rating, note, passage count, coverage, evidence and heat. */
  'matrix.view': { args: { matrix?: string; coder?: ViewCoder; mode?: MatrixMode }; result: MatrixView };
  /** The evidence of one cell (what clicking it lists); `coder` defaults to the session's coder. */
  'matrix.evidence': { args: { matrixId: Id; caseId: Id; codeId: Id; coder?: ViewCoder }; result: CellEvidence };
  /**
   * Rate a cell as the session's coder (or `coderId`, never the consensus coder: see
   * `rating.adjudicate`). `value` null clears it; `note`/`evidence` omitted keep what the cell had.
   */
  'rating.set': {
    args: { matrixId: Id; caseId: Id; codeId: Id; coderId?: Id; value: string | null; note?: string; evidence?: Id[] };
    result: Mutation<Rating>;
  };
  /**
   * Record the consensus rating of a cell (the consensus coder is created when missing), decided by
   * the session's coder, with provenance. `fromCoderIds` default: every independent coder.
   */
  'rating.adjudicate': {
    args: { matrixId: Id; caseId: Id; codeId: Id; value: string | null; note?: string; evidence?: Id[]; fromCoderIds?: Id[] };
    result: Mutation<Rating>;
  };
  /**
   * Adopt as consensus every cell on which the coders agree and nobody has adjudicated yet (one
   * undo step). Reports the cells it filled and the ones it left, with why.
   */
  'rating.adoptAgreed': { args: { matrixId: Id; fromCoderIds?: Id[] }; result: Mutation<AdoptAgreedReport> };
  /** The cells on which coders (default: every independent coder) disagree. */
  'rating.disagreements': { args: { matrixId: Id; coderIds?: Id[]; includeMissing?: boolean }; result: RatingDisagreement[] };
  /** Krippendorff's alpha (ordinal) on the matrix's ratings across coders (default: every independent coder). */
  'rating.agreement': { args: { matrixId: Id; coderIds?: Id[] }; result: AgreementResult };
  /** Export a matrix: the ratings of `coder` (name, id, `consensus` or `all`) or, with `counts`, the passage counts. */
  'matrix.export': { args: ExportTarget & { matrix?: string; coder?: string; counts?: boolean }; result: MatrixExportResult };
  /** Export the code-by-case count (or coverage) matrix of the whole project. */
  'matrix.exportCodeCase': {
    args: ExportTarget & { mode?: 'counts' | 'coverage'; coderIds?: Id[]; codeIds?: Id[]; caseIds?: Id[] };
    result: MatrixExportResult;
  };
  /** Export the code co-occurrence table (`paragraph`: codes in the same paragraph; `overlap`: overlapping passages). */
  'matrix.exportCoOccurrence': { args: ExportTarget & { rule: CoOccurrenceRule; coderIds?: Id[]; codeIds?: Id[] }; result: MatrixExportResult };
}

/** Runtime list of this area's operations (the transports accept only listed names). */
export const MATRIX_OPERATIONS = [
  'matrix.list',
  'matrix.create',
  'matrix.update',
  'matrix.edit',
  'matrix.delete',
  'matrix.setScale',
  'matrix.view',
  'matrix.evidence',
  'rating.set',
  'rating.adjudicate',
  'rating.adoptAgreed',
  'rating.disagreements',
  'rating.agreement',
  'matrix.export',
  'matrix.exportCodeCase',
  'matrix.exportCoOccurrence',
] as const satisfies readonly (keyof MatrixOps)[];
