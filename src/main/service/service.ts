import { err, type Result } from '../../core/model/result.js';
import { isOpName, PROJECT_INDEPENDENT_OPERATIONS, PROJECT_SWITCHING_OPERATIONS, type ApiEvent, type CallOrigin, type ChangeAuthor, type OpName, type ProjectPatch } from '../../shared/api.js';
import { checkArgs, pathArguments } from '../../shared/api-schemas.js';
import { cliPolicy, confinePaths, grantFolder } from './path-policy.js';
import type { HandlerEntry, ServiceContext, ServiceOptions, StagedHandler } from './context.js';
import { EventHub } from './events.js';
import { readAppState } from '../app/app-state.js';
import { HANDLERS } from './handlers/index.js';
import { SYSTEM_ENV } from '../../shared/system-env.js';

/** The backend every transport talks to: one call per operation of the API contract. */
export interface Service {
  /** Run one operation; `origin` says which client asked and which project it shows (see {@link CallOrigin}). */
  call(op: string, args: unknown, origin?: CallOrigin): Promise<Result<unknown>>;
  onEvent(listener: (e: ApiEvent) => void): () => void;
  /** Close the open project (releases its lock). */
  close(): Promise<void>;
  /** Record a folder the user chose outside the API (a native dialog, the folder given at start). */
  grantFolder(dir: string): void;
  /** The shared context (for in-process callers such as the CLI). */
  readonly context: ServiceContext;
}

/** The patch of a mutation's result (`{ value, patch }`), or null for any other value. */
export function patchOf(value: unknown): ProjectPatch | null {
  if (value === null || typeof value !== 'object' || !('patch' in value)) return null;
  const patch = (value as { patch: unknown }).patch;
  if (patch === null || typeof patch !== 'object') return null;
  return typeof (patch as { revision?: unknown }).revision === 'number' ? (patch as ProjectPatch) : null;
}

/** What running one handler gave: its result, the session it started with, and whether it ran (checks passed). */
interface Ran {
  r: Result<unknown>;
  before: unknown;
  ran: boolean;
}

/**
 * The one-commit hot paths. The next operation may start as soon as one of these has applied its
 * change in memory, while its journal entry is still being made durable (pipelining): concurrent
 * clients' changes then share one fdatasync. Each is still answered only once durable, in order.
 */
export const PIPELINED_OPERATIONS: readonly OpName[] = ['coding.add', 'coding.update', 'coding.remove', 'history.undo', 'history.redo'];

/**
 * Create a service. Operations start one at a time, in arrival order, so commits never interleave;
 * they are answered in that order too. A pipelined operation ({@link PIPELINED_OPERATIONS}) lets
 * the next one start once its change is applied; any other operation starts only after every
 * earlier one has answered (so it reads acknowledged, durable state).
 * Two-phase operations (imports) read and parse outside that queue and queue only their commit.
 * After each one, every listener (every browser tab, every window) hears what changed: the patch
 * of a mutation that advanced the revision, or the project that is now open.
 */
export function createService(options: ServiceOptions): Service {
  const paths = options.paths ?? cliPolicy();
  const context: ServiceContext = { options: { ...options, paths }, env: options.env ?? SYSTEM_ENV, events: new EventHub(), session: null };
  /** Settles when the next operation may start. */
  let queue: Promise<unknown> = Promise.resolve();
  /** Settles when every operation so far has answered. */
  let answered: Promise<unknown> = Promise.resolve();

  /**
   * The one check of every transport, before any handler runs: the operation's schema, the paths
   * it names (confined by the transport's policy), and that the caller shows the open project.
   */
  const prepare = (op: OpName, args: unknown, origin: CallOrigin): Result<Record<string, unknown>> => {
    const checked = checkArgs(op, args);
    if (!checked.ok) return checked;
    const named = pathArguments(op, checked.value);
    // The desktop app may reopen what the user chose before (its recent projects).
    if (paths.mode === 'desktop' && named.some((p) => p.kind === 'project')) for (const r of readAppState().recent) grantFolder(paths, r.dir);
    const confined = confinePaths(paths, op, named);
    if (!confined.ok) return confined;
    const stale = staleOrigin(op, origin);
    if (stale) return stale;
    const finalArgs: Record<string, unknown> = { ...(checked.value as Record<string, unknown>) };
    for (const [field, real] of confined.value) if (/^\w+$/.test(field)) finalArgs[field] = real;
    return { ok: true, value: finalArgs };
  };

  /** Run one handler; `release`, for a pipelined operation, lets the queue go on once its change is applied. */
  const run = async (op: OpName, args: unknown, origin: CallOrigin, release?: () => void): Promise<Ran> => {
    const h = HANDLERS[op] as HandlerEntry<OpName>;
    if (typeof h !== 'function') return { r: err('unsupported', `The operation ${op} runs in two phases`), before: null, ran: false };
    const prepared = prepare(op, args, origin);
    if (!prepared.ok) return { r: prepared, before: null, ran: false };
    const session = context.session;
    if (session && release) session.pipelineRelease = release;
    try {
      return { r: await h(context, prepared.value as never), before: session, ran: true };
    } catch (e) {
      return { r: err('io', `${op} failed: ${(e as Error).message}`), before: session, ran: true };
    } finally {
      if (session && release && session.pipelineRelease === release) session.pipelineRelease = null;
    }
  };

  /** Refuse a call from a client that shows another project than the open one (it has not followed a switch yet). */
  const staleOrigin = (op: OpName, origin: CallOrigin): Result<never> | null => {
    if (origin.project === undefined || PROJECT_INDEPENDENT_OPERATIONS.includes(op)) return null;
    const open = context.session?.store.dir ?? null;
    if (open === origin.project) return null;
    return err('conflict', open ? `Another window opened the project in ${open}; this window follows it, and nothing was changed` : 'Another window closed this project; nothing was changed');
  };

  const announce = (op: OpName, r: Result<unknown>, before: unknown, origin: CallOrigin): void => {
    const author: ChangeAuthor = { client: origin.client ?? null, coderId: context.session?.coderId ?? null };
    if (PROJECT_SWITCHING_OPERATIONS.includes(op)) {
      const now = context.session;
      if (r.ok || now !== before) context.events.emit({ type: 'project', dir: now?.store.dir ?? null, author });
      return;
    }
    const session = context.session;
    const patch = r.ok ? patchOf(r.value) : null;
    // A mutation that changed nothing reports its revision as its own base: nothing to tell.
    if (!session || !patch || session !== before || patch.revision === patch.base) return;
    context.events.emit({ type: 'patch', dir: session.store.dir, patch, author });
  };

  /** Start `work` after every earlier operation has answered; the next one waits for it. */
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const p = Promise.all([queue, answered]).then(work);
    queue = answered = p.catch(() => undefined);
    return p;
  };

  /** Start after the previous operation let go; answer after every earlier one answered. */
  const pipelined = (op: OpName, args: unknown, origin: CallOrigin): Promise<Result<unknown>> => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const done = queue.then(() => run(op, args, origin, release));
    queue = Promise.race([released, done]).catch(() => undefined);
    const answer = Promise.all([answered, done]).then(([, { r, before, ran }]) => {
      if (ran) announce(op, r, before, origin);
      return r;
    });
    answered = answer.catch(() => undefined);
    return answer;
  };
  const inFlight = new Set<Promise<unknown>>();

  /** The first phase starts once earlier operations are done; only its commit enters the queue. */
  const staged = (op: OpName, h: StagedHandler<OpName>, args: unknown, origin: CallOrigin): Promise<Result<unknown>> => {
    const p = queue.then(async (): Promise<Result<unknown>> => {
      const prepared = prepare(op, args, origin);
      if (!prepared.ok) return prepared;
      try {
        const commit = await h(context, prepared.value as never);
        if (!commit.ok) return commit;
        return await enqueue(async () => {
          const session = context.session;
          let r: Result<unknown>;
          try {
            r = await commit.value();
          } catch (e) {
            return err('io', `${op} failed: ${(e as Error).message}`);
          }
          announce(op, r, session, origin);
          return r;
        });
      } catch (e) {
        return err('io', `${op} failed: ${(e as Error).message}`);
      }
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  return {
    context,
    call(op, args, origin = {}) {
      if (!isOpName(op)) return Promise.resolve(err('usage', `Unknown operation: ${op}`));
      const h = HANDLERS[op] as HandlerEntry<OpName>;
      if (typeof h !== 'function') return staged(op, h.staged, args, origin);
      if (PIPELINED_OPERATIONS.includes(op)) return pipelined(op, args, origin);
      return enqueue(async () => {
        const { r, before, ran } = await run(op, args, origin);
        if (ran) announce(op, r, before, origin);
        return r;
      });
    },
    onEvent: (l) => context.events.on(l),
    grantFolder: (dir) => grantFolder(paths, dir),
    async close() {
      await Promise.all([...inFlight]);
      await Promise.all([queue, answered]);
      if (context.session) await context.session.store.close();
      context.session = null;
    },
  };
}
