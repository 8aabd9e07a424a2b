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

/** Server-pushed events (SSE in browser mode, IPC events in Electron). */
export type ApiEvent =
  | { type: 'progress'; task: string; done: number; total: number; label: string }
  | { type: 'patch'; patch: ProjectPatch };
