import type { Result } from '../core/model/result.js';
import type { ProjectPatch } from './api/base.js';
import { CORE_OPERATIONS, type CoreOps } from './api/core-ops.js';
import { WORKFLOW_OPERATIONS, type WorkflowOps } from './api/workflow.js';
import { COMPARE_OPERATIONS, type CompareOps } from './api/compare.js';
import { MATRIX_OPERATIONS, type MatrixOps } from './api/matrix.js';
import { REFI_OPERATIONS, type RefiOps } from './api/refi.js';
import { CASES_OPERATIONS, type CasesOps } from './api/cases.js';

/**
 * The one API contract between the UI and the backend. Every transport (Electron IPC, the
 * localhost web server, the in-process CLI) carries exactly these operations, by name, with a
 * JSON argument and a {@link Result}. Each area declares its operations in `api/<area>.ts`.
 */
export * from './api/base.js';

/** Operation name → argument and result types. */
export interface ApiOps extends CoreOps, WorkflowOps, CompareOps, MatrixOps, RefiOps, CasesOps {}

export type OpName = keyof ApiOps;
export type OpArgs<K extends OpName> = ApiOps[K]['args'];
export type OpResult<K extends OpName> = ApiOps[K]['result'];

/** Runtime allowlist of operation names (the preload and the web server accept only these). */
export const API_OPERATIONS: readonly OpName[] = [...CORE_OPERATIONS, ...WORKFLOW_OPERATIONS, ...COMPARE_OPERATIONS, ...MATRIX_OPERATIONS, ...REFI_OPERATIONS, ...CASES_OPERATIONS];

/** Compile-time check that the allowlists name every operation. */
type Listed =
  | (typeof CORE_OPERATIONS)[number]
  | (typeof WORKFLOW_OPERATIONS)[number]
  | (typeof COMPARE_OPERATIONS)[number]
  | (typeof MATRIX_OPERATIONS)[number]
  | (typeof REFI_OPERATIONS)[number]
  | (typeof CASES_OPERATIONS)[number];
type Missing = Exclude<OpName, Listed>;
const _allListed: [Missing] extends [never] ? true : Missing = true;
void _allListed;

/** True when `name` is an operation of the contract. */
export function isOpName(name: string): name is OpName {
  return (API_OPERATIONS as readonly string[]).includes(name);
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
  | { type: 'progress'; task: string; done: number; total: number; label: string }
  | { type: 'patch'; dir: string; patch: ProjectPatch; author: ChangeAuthor }
  | { type: 'project'; dir: string | null; author: ChangeAuthor };

/**
 * Operations that work whatever project a client shows (they open or list projects). Closing is
 * not one of them: a window must not close a project it does not show.
 */
export const PROJECT_INDEPENDENT_OPERATIONS: readonly OpName[] = ['app.info', 'project.recent', 'project.current', 'project.create', 'project.open', 'project.openDemo'];

/** Operations after which every client is told which project is open (a `project` event). */
export const PROJECT_SWITCHING_OPERATIONS: readonly OpName[] = ['project.create', 'project.open', 'project.openDemo', 'project.close'];
