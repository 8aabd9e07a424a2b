import type { Coding, DocumentMeta, Id, SourceContent } from '../../core/model/types.js';
import type { AddCodingArgs, FolderListing, ImportReport, ImportRequest, Mutation, ProjectView, RecentProject } from './base.js';

/** Projects, coders, documents, import, codings and history: the walking skeleton's operations. */
export interface CoreOps {
  'app.info': { args: Record<string, never>; result: { version: string; transport: string; demoDir: string | null; suggestedCoderName: string } };
  'project.recent': { args: Record<string, never>; result: RecentProject[] };
  'project.current': { args: Record<string, never>; result: ProjectView | null };
  'project.create': { args: { dir: string; name?: string }; result: ProjectView };
  /** `readOnly` opens without the lock or the open-time backup (read commands of the CLI). */
  'project.open': { args: { dir: string; readOnly?: boolean; restore?: boolean }; result: ProjectView };
  /**
   * Electron: the main process asks for a folder in a native dialog and opens (or creates) the
   * project there; the path never comes from the renderer. `null` when the user cancelled.
   */
  'project.choose': { args: { purpose: 'open' | 'create'; name?: string }; result: ProjectView | null };
  /** Browser mode's folder picker: the sub-folders of `dir` (default: the roots), confined to the roots. */
  'folder.list': { args: { dir?: string }; result: FolderListing };
  'project.openDemo': { args: Record<string, never>; result: ProjectView };
  'project.close': { args: Record<string, never>; result: null };
  'coder.use': { args: { name: string }; result: Mutation<Id> };
  /** Retitle a document (content and codings untouched). */
  'document.rename': { args: { id: Id; title: string }; result: Mutation<DocumentMeta> };
  'document.content': { args: { id: Id }; result: SourceContent };
  'import.files': { args: ImportRequest; result: Mutation<ImportReport> };
  /** Browser mode: file bytes from an upload or a drop (base64), imported like `import.files`. */
  'import.upload': { args: Omit<ImportRequest, 'paths'> & { files: { name: string; dataBase64: string }[] }; result: Mutation<ImportReport> };
  'coding.add': { args: AddCodingArgs; result: Mutation<Coding> };
  'coding.remove': { args: { id: Id }; result: Mutation<null> };
  'history.undo': { args: Record<string, never>; result: Mutation<string | null> };
  'history.redo': { args: Record<string, never>; result: Mutation<string | null> };
}


/** Runtime list of the core operations. */
export const CORE_OPERATIONS = [
  'app.info',
  'project.recent',
  'project.current',
  'project.create',
  'project.open',
  'project.openDemo',
  'project.choose',
  'folder.list',
  'project.close',
  'coder.use',
  'document.rename',
  'document.content',
  'import.files',
  'import.upload',
  'coding.add',
  'coding.remove',
  'history.undo',
  'history.redo',
] as const satisfies readonly (keyof CoreOps)[];
