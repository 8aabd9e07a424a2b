import type { Result } from '../core/model/result.js';
import type { ProjectPatch } from './contract/project.js';
import { DECLARATIONS, type ApiOps } from './contract/index.js';

/**
 * The one API contract between the UI and the backend. Every transport (Electron IPC, the
 * localhost web server, the in-process CLI) carries exactly these operations, by name, with a
 * JSON argument and a {@link Result}. Each domain declares its operations once, in
 * `contract/<noun>.ts`; the names, argument types and checks below follow from those declarations.
 */
export * from './contract/project.js';
export * from './contract/documents.js';
export * from './contract/cases.js';
export * from './contract/codebook.js';
export * from './contract/codings.js';
export * from './contract/memos.js';
export * from './contract/compare.js';
export * from './contract/matrices.js';
export * from './contract/exchange.js';
export { CONTRACT, DECLARATIONS, OPERATION_DOMAIN, type ApiOps, type Domain } from './contract/index.js';

export type OpName = keyof ApiOps;
export type OpArgs<K extends OpName> = ApiOps[K]['args'];
export type OpResult<K extends OpName> = ApiOps[K]['result'];

/** Runtime allowlist of operation names (the preload and the web server accept only these). */
export const API_OPERATIONS = Object.keys(DECLARATIONS) as readonly OpName[];

/** True when `name` is an operation of the contract. */
export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(DECLARATIONS, name);
}

/** Anything that can carry an operation to the backend. */
export interface ApiTransport {
  call<K extends OpName>(op: K, args: OpArgs<K>): Promise<Result<OpResult<K>>>;
}

/**
 * Who sent a call: the client (one browser tab or one Electron window, a random id it picks when
 * it starts) and the project folder it is showing. A call that names a folder other than the open
 * project's is refused (`conflict`), so a window that has not yet followed another window's switch
 * of project never edits the wrong project. Every field is optional (the CLI sends none).
 */
export interface CallOrigin {
  client?: string;
  /** The project folder (`ProjectView.dir`) the client is showing, or omitted for none. */
  project?: string;
}

/** Who made a change: the client that asked for it and the coder its session codes as. */
export interface ChangeAuthor {
  client: string | null;
  coderId: string | null;
}

/**
 * Server-pushed events (SSE in browser mode, IPC events in Electron), sent to every client:
 * - `patch`: a committed change of the project open in `dir`, whoever made it (a client's own
 *   changes reach it too: it applies each revision once);
 * - `project`: the open project changed (opened, created, closed: `dir` null): clients that show
 *   another one follow;
 * - `progress`: long tasks (import).
 */
export type ApiEvent =
  { type: 'progress'; task: string; done: number; total: number; label: string } | { type: 'patch'; dir: string; patch: ProjectPatch; author: ChangeAuthor } | { type: 'project'; dir: string | null; author: ChangeAuthor };

/**
 * Operations that work whatever project a client shows (they open or list projects). Closing is
 * not one of them: a window must not close a project it does not show.
 */
export const PROJECT_INDEPENDENT_OPERATIONS: readonly OpName[] = ['app.info', 'project.recent', 'project.current', 'project.create', 'project.open', 'project.openDemo'];

/** Operations after which every client is told which project is open (a `project` event). */
export const PROJECT_SWITCHING_OPERATIONS: readonly OpName[] = ['project.create', 'project.open', 'project.openDemo', 'project.close'];
