import type { Id, ProjectData, SourceFormat } from '../../core/model/types.js';
import type { ChangeSet } from '../../core/ops/change-set.js';

/** Types shared by every area of the API contract (see `../api.ts`). */

/** What the UI holds of an open project. */
export interface ProjectView {
  dir: string;
  readOnly: boolean;
  /** Things the user must be told on open (restored from backup, opened read-only, …). */
  messages: string[];
  data: ProjectData;
  /** The coder this session codes as, or null until the user has named themself. */
  coderId: Id | null;
  revision: number;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

/**
 * A change to the open project: the {@link ChangeSet} that takes revision `base` to `revision`,
 * plus the caller's undo state. A mirror at revision `base` applies `changes` (see
 * `applyChangeSet`); one at `revision` or later already has it; any other revision means the
 * mirror missed a change and must reload the project view. `base === revision` carries no change.
 */
export interface ProjectPatch {
  revision: number;
  /** The revision the change applies to (the one before it). */
  base: number;
  changes: ChangeSet;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

/** The result of a mutating operation: its value and the patch to apply to the UI's mirror. */
export interface Mutation<T> {
  value: T;
  patch: ProjectPatch;
}

/** One level of browser mode's folder picker. */
export interface FolderListing {
  /** The folder listed, or null for the list of roots. */
  dir: string | null;
  /** Its parent when that is still inside a root, else null. */
  parent: string | null;
  /** Sub-folders (hidden ones left out), with whether each holds a project. */
  folders: { name: string; path: string; isProject: boolean }[];
  /** The roots the picker may browse. */
  roots: string[];
}

export interface RecentProject {
  dir: string;
  name: string;
  openedAt: string;
}

export interface ImportRequest {
  paths: string[];
  /** Assign every imported document to this case (created when missing). */
  caseName?: string;
  /** Force a format instead of detecting it. */
  format?: SourceFormat;
  /** Split each file into one document per known case, at lines naming a case. */
  splitCases?: boolean;
  /** Join lines broken inside sentences (text converted from PDF). */
  reflow?: boolean;
  /** Section names whose bare lines become headings (default: the codebook's scorecard sections). */
  headings?: string[];
  /** With `splitCases`: keep the text before the first case as a document of its own. */
  keepPreamble?: boolean;
  /**
   * Documents this import replaces in the same step (re-importing a file in another format, e.g.
   * as Markdown after it was read as plain text). Refused when one already has codings or memos.
   */
  replaceDocuments?: Id[];
}

export interface ImportFileOutcome {
  path: string;
  status: 'imported' | 'skipped' | 'failed';
  reason?: string;
  documentIds: Id[];
  warnings: string[];
  /** Names of the cases the file's documents were assigned to (split imports name several). */
  cases?: string[];
  /** A format the file looks like although it was read otherwise: offered to re-import it as such. */
  suggestedFormat?: 'md';
}

export interface ImportReport {
  files: ImportFileOutcome[];
}

export interface AddCodingArgs {
  documentId: Id;
  codeId: Id;
  start: number;
  end: number;
  memo?: string;
}

