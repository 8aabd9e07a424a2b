import type { Result } from '../../core/model/result.js';
import { err } from '../../core/model/result.js';
import type { CoreEnv } from '../../core/model/ids.js';
import type { CONTRACT, Domain, OpArgs, OpName, OpResult } from '../../shared/api.js';
import type { EventHub } from './events.js';
import type { ProjectSession } from './session.js';
import type { PathPolicy } from './path-policy.js';

/** Options fixed when a service starts. */
export interface ServiceOptions {
  appVersion: string;
  /** 'electron' | 'web' | 'cli' — reported by app.info. */
  transport: string;
  /**
   * How paths are confined. Browser mode (`startBrowserMode`) passes `browserPolicy`, the Electron
   * shell `desktopPolicy`; the default is the CLI's (paths as given, output paths checked).
   */
  paths?: PathPolicy;
  /** Electron: ask the user for a folder in a native dialog (null when cancelled). */
  chooseFolder?: (purpose: 'open' | 'create') => Promise<string | null>;
  /** Where core gets ids and time (default: random ids and the wall clock; tests fix them). */
  env?: CoreEnv;
}

/** Mutable state shared by the operation handlers of one service instance. */
export interface ServiceContext {
  options: ServiceOptions;
  /** The ids and clock every core reducer of this service is given. */
  env: CoreEnv;
  events: EventHub;
  session: ProjectSession | null;
}

/** A handler for one operation of the API contract. */
export type Handler<K extends OpName> = (ctx: ServiceContext, args: OpArgs<K>) => Promise<Result<OpResult<K>>>;

/**
 * A handler in two phases. The first (reading and parsing files, in worker threads) runs after the
 * operations queued before it but outside the queue, so later operations are not held up by it;
 * it changes nothing and returns the second phase, which is queued like any operation and commits.
 */
export type StagedHandler<K extends OpName> = (ctx: ServiceContext, args: OpArgs<K>) => Promise<Result<() => Promise<Result<OpResult<K>>>>>;

/** A two-phase handler as an entry of the handler table (see {@link staged}). */
export interface Staged<K extends OpName> {
  readonly staged: StagedHandler<K>;
}

/** How the service runs one operation: in one phase, or in two ({@link Staged}). */
export type HandlerEntry<K extends OpName> = Handler<K> | Staged<K>;

/** A table of two-phase handlers, keyed by operation. */
export type StagedHandlerTable = { [K in OpName]?: StagedHandler<K> };

/**
 * Every operation's handler. No entry is optional: an operation declared in the contract without a
 * handler is a compile error, not a run-time "unsupported".
 */
export type HandlerTable = { [K in OpName]: HandlerEntry<K> };

/** The handlers of one domain of the contract: exactly its operations, each one required. */
export type DomainHandlers<D extends Domain> = { [K in keyof (typeof CONTRACT)[D] & OpName]: HandlerEntry<K> };

/** Mark a two-phase handler for the table. */
export function staged<K extends OpName>(handler: StagedHandler<K>): Staged<K> {
  return { staged: handler };
}

/** The open session, or a `not-found` error that tells the user to open a project first. */
export function requireSession(ctx: ServiceContext): Result<ProjectSession> {
  return ctx.session ? { ok: true, value: ctx.session } : err('not-found', 'No project is open; open or create one first');
}

/**
 * The one session guard: a handler that needs an open project. It gets the session (and the
 * context); without one, the caller is told to open a project first and nothing runs.
 */
export function withSession<K extends OpName>(handler: (session: ProjectSession, args: OpArgs<K>, ctx: ServiceContext) => Result<OpResult<K>> | Promise<Result<OpResult<K>>>): Handler<K> {
  return async (ctx, args) => {
    const s = requireSession(ctx);
    return s.ok ? handler(s.value, args, ctx) : s;
  };
}
