import type { Case, Coding, Id, ProjectData, SourceContent, SourceFormat } from '../core/model/types.js';
import type { Result } from '../core/model/result.js';

/**
 * The one API contract between the UI and the backend. Every transport (Electron IPC, the
 * localhost web server, the in-process CLI) carries exactly these operations, by name, with a
 * JSON argument and a {@link Result}.
 */

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
 * A change to the open project: the top-level collections that changed, whole (structural sharing
 * on the backend keeps this cheap to compute), plus the undo state.
 */
export interface ProjectPatch {
  revision: number;
  set: Partial<ProjectData>;
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

export interface RecentProject {
  dir: string;
  name: string;
  openedAt: string;
}

export interface ImportRequest {
  paths: string[];
  caseName?: string;
  format?: SourceFormat;
  splitCases?: boolean;
  reflow?: boolean;
}

export interface ImportFileOutcome {
  path: string;
  status: 'imported' | 'skipped' | 'failed';
  reason?: string;
  documentIds: Id[];
  warnings: string[];
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

/** Operation name → argument and result types. */
export interface ApiOps {
  'app.info': { args: Record<string, never>; result: { version: string; transport: string; demoDir: string | null; suggestedCoderName: string } };
  'project.recent': { args: Record<string, never>; result: RecentProject[] };
  'project.current': { args: Record<string, never>; result: ProjectView | null };
  'project.create': { args: { dir: string; name?: string }; result: ProjectView };
  'project.open': { args: { dir: string }; result: ProjectView };
  'project.openDemo': { args: Record<string, never>; result: ProjectView };
  'project.close': { args: Record<string, never>; result: null };
  'coder.use': { args: { name: string }; result: Mutation<Id> };
  'case.create': { args: { names: string[] }; result: Mutation<Case[]> };
  'case.setAttributes': { args: { caseName: string; values: Record<string, string> }; result: Mutation<Case> };
  'document.content': { args: { id: Id }; result: SourceContent };
  'import.files': { args: ImportRequest; result: Mutation<ImportReport> };
  /** Browser mode: file bytes from an upload or a drop (base64), imported like `import.files`. */
  'import.upload': { args: Omit<ImportRequest, 'paths'> & { files: { name: string; dataBase64: string }[] }; result: Mutation<ImportReport> };
  'coding.add': { args: AddCodingArgs; result: Mutation<Coding> };
  'coding.remove': { args: { id: Id }; result: Mutation<null> };
  'history.undo': { args: Record<string, never>; result: Mutation<string | null> };
  'history.redo': { args: Record<string, never>; result: Mutation<string | null> };
}

export type OpName = keyof ApiOps;
export type OpArgs<K extends OpName> = ApiOps[K]['args'];
export type OpResult<K extends OpName> = ApiOps[K]['result'];

/** Runtime allowlist of operation names (the preload and the web server accept only these). */
export const API_OPERATIONS = [
  'app.info',
  'project.recent',
  'project.current',
  'project.create',
  'project.open',
  'project.openDemo',
  'project.close',
  'coder.use',
  'case.create',
  'case.setAttributes',
  'document.content',
  'import.files',
  'import.upload',
  'coding.add',
  'coding.remove',
  'history.undo',
  'history.redo',
] as const satisfies readonly OpName[];

/** Compile-time check that the allowlist names every operation. */
type Missing = Exclude<OpName, (typeof API_OPERATIONS)[number]>;
const _allListed: Missing extends never ? true : Missing = true;
void _allListed;

/** True when `name` is an operation of the contract. */
export function isOpName(name: string): name is OpName {
  return (API_OPERATIONS as readonly string[]).includes(name);
}

/** Anything that can carry an operation to the backend. */
export interface ApiTransport {
  call<K extends OpName>(op: K, args: OpArgs<K>): Promise<Result<OpResult<K>>>;
}

/** Server-pushed events (SSE in browser mode, IPC events in Electron). */
export type ApiEvent =
  | { type: 'progress'; task: string; done: number; total: number; label: string }
  | { type: 'patch'; patch: ProjectPatch };
