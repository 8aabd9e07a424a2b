import { err, type Result } from '../../core/model/result.js';
import { isOpName, type ApiEvent, type OpName } from '../../shared/api.js';
import type { Handler, HandlerTable, ServiceContext, ServiceOptions, StagedHandler, StagedHandlerTable } from './context.js';
import { EventHub } from './events.js';
import { projectHandlers } from './ops-project.js';
import { codingHandlers } from './ops-coding.js';
import { importStagedHandlers } from './ops-import.js';
import { caseHandlers } from './ops-cases.js';
import { workflowHandlers } from './ops-workflow.js';
import { compareHandlers } from './ops-compare.js';
import { matrixHandlers } from './ops-matrix.js';
import { refiHandlers } from './ops-refi.js';

/** The backend every transport talks to: one call per operation of the API contract. */
export interface Service {
  call(op: string, args: unknown): Promise<Result<unknown>>;
  onEvent(listener: (e: ApiEvent) => void): () => void;
  /** Close the open project (releases its lock). */
  close(): Promise<void>;
  /** The shared context (for in-process callers such as the CLI). */
  readonly context: ServiceContext;
}

const handlers: HandlerTable = {
  ...projectHandlers,
  ...codingHandlers,
  ...caseHandlers,
  ...workflowHandlers,
  ...compareHandlers,
  ...matrixHandlers,
  ...refiHandlers,
};

const stagedHandlers: StagedHandlerTable = { ...importStagedHandlers };

/**
 * Create a service. Operations run one at a time, in arrival order, so commits never interleave.
 * Two-phase operations (imports) read and parse outside that queue and queue only their commit.
 */
export function createService(options: ServiceOptions): Service {
  const context: ServiceContext = { options, events: new EventHub(), session: null };
  let queue: Promise<unknown> = Promise.resolve();

  const run = async (op: OpName, args: unknown): Promise<Result<unknown>> => {
    const h = handlers[op] as Handler<OpName> | undefined;
    if (!h) return err('unsupported', `The operation ${op} is not available in this build`);
    if (args === null || typeof args !== 'object' || Array.isArray(args)) return err('usage', `Arguments of ${op} must be an object`);
    try {
      return await h(context, args as never);
    } catch (e) {
      return err('io', `${op} failed: ${(e as Error).message}`);
    }
  };

  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const p = queue.then(work);
    queue = p.catch(() => undefined);
    return p;
  };
  const inFlight = new Set<Promise<unknown>>();

  /** The first phase starts once earlier operations are done; only its commit enters the queue. */
  const staged = (op: OpName, h: StagedHandler<OpName>, args: unknown): Promise<Result<unknown>> => {
    const p = queue.then(async (): Promise<Result<unknown>> => {
      if (args === null || typeof args !== 'object' || Array.isArray(args)) return err('usage', `Arguments of ${op} must be an object`);
      try {
        const commit = await h(context, args as never);
        if (!commit.ok) return commit;
        return await enqueue(async () => {
          try {
            return await commit.value();
          } catch (e) {
            return err('io', `${op} failed: ${(e as Error).message}`);
          }
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
    call(op, args) {
      if (!isOpName(op)) return Promise.resolve(err('usage', `Unknown operation: ${op}`));
      const h = stagedHandlers[op] as StagedHandler<OpName> | undefined;
      if (h) return staged(op, h, args);
      return enqueue(() => run(op, args));
    },
    onEvent: (l) => context.events.on(l),
    async close() {
      await Promise.all([...inFlight]);
      await queue;
      if (context.session) await context.session.store.close();
      context.session = null;
    },
  };
}
