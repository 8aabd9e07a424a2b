/**
 * The API contract by domain noun. Each module declares its operations once (name, argument
 * schema, result type: see `./declare.ts`); this one composes them. Everything else follows from
 * these tables: the operation list, the argument types, the argument checks of every transport, and
 * the service's handler table (`src/main/service/handlers/<noun>.ts`, one per module here).
 */
import { CASE_OPS } from './cases.js';
import { CODEBOOK_OPS } from './codebook.js';
import { CODING_OPS } from './codings.js';
import { COMPARE_OPS } from './compare.js';
import { DOCUMENT_OPS } from './documents.js';
import { EXCHANGE_OPS } from './exchange.js';
import { MATRIX_OPS } from './matrices.js';
import { MEMO_OPS } from './memos.js';
import { PROJECT_OPS } from './project.js';
import type { OpsOf } from './declare.js';

/** Every domain's table of operations, by noun. */
export const CONTRACT = {
  project: PROJECT_OPS,
  documents: DOCUMENT_OPS,
  cases: CASE_OPS,
  codebook: CODEBOOK_OPS,
  codings: CODING_OPS,
  memos: MEMO_OPS,
  compare: COMPARE_OPS,
  matrices: MATRIX_OPS,
  exchange: EXCHANGE_OPS,
} as const;

/** A domain noun of the contract. */
export type Domain = keyof typeof CONTRACT;

/** Name → declaration, over every domain. */
export type Declarations = typeof PROJECT_OPS & typeof DOCUMENT_OPS & typeof CASE_OPS & typeof CODEBOOK_OPS & typeof CODING_OPS & typeof MEMO_OPS & typeof COMPARE_OPS & typeof MATRIX_OPS & typeof EXCHANGE_OPS;

/** Every operation's declaration, by name (a name declared by two domains is refused where `CONTRACT` is checked, in the tests). */
export const DECLARATIONS = Object.assign({}, ...Object.values(CONTRACT)) as Declarations;

/** Operation name → argument and result types. */
export type ApiOps = OpsOf<Declarations>;

/** The domain that declares each operation (e.g. for a server that grants a user some domains only). */
export const OPERATION_DOMAIN = Object.fromEntries(Object.entries(CONTRACT).flatMap(([domain, ops]) => Object.keys(ops).map((name) => [name, domain]))) as { [K in keyof Declarations]: Domain };
