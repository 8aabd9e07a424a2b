import { z } from 'zod';
import type { Id, ProjectData } from '../../core/model/types.js';
import type { ChangeSet } from '../../core/ops/change-set.js';
import { op, returns } from './declare.js';
import { name, none, projectDir } from './fields.js';

/** The project: opening, creating and closing it, the session's coder, and its undo history. */

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
  /**
   * Set when revisions `base + 1` … `revision − 1` changed nothing this window may see: the team
   * server folds the change sets hidden from a blind viewer into the next patch it sends them, so
   * this patch applies to any revision from `base` to `revision − 1`.
   */
  folded?: true;
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

/** The project's operations. */
export const PROJECT_OPS = {
  'app.info': op(none, returns<{ version: string; transport: string; demoDir: string | null; suggestedCoderName: string }>()),
  'project.recent': op(none, returns<RecentProject[]>()),
  'project.current': op(none, returns<ProjectView | null>()),
  'project.create': op(z.strictObject({ dir: projectDir, name: name().optional() }), returns<ProjectView>()),
  /** `readOnly` opens without the lock or the open-time backup (read commands of the CLI). */
  'project.open': op(z.strictObject({ dir: projectDir, readOnly: z.boolean().optional(), restore: z.boolean().optional() }), returns<ProjectView>()),
  'project.openDemo': op(none, returns<ProjectView>()),
  /**
   * Electron: the main process asks for a folder in a native dialog and opens (or creates) the
   * project there; the path never comes from the renderer. `null` when the user cancelled.
   */
  'project.choose': op(z.strictObject({ purpose: z.enum(['open', 'create']), name: name().optional() }), returns<ProjectView | null>()),
  /** Browser mode's folder picker: the sub-folders of `dir` (default: the roots), confined to the roots. */
  'folder.list': op(z.strictObject({ dir: projectDir.optional() }), returns<FolderListing>()),
  'project.close': op(none, returns<null>()),
  'coder.use': op(z.strictObject({ name: name(80) }), returns<Mutation<Id>>()),
  'history.undo': op(none, returns<Mutation<string | null>>()),
  'history.redo': op(none, returns<Mutation<string | null>>()),
};
