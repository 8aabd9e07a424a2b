import { err, type Result } from '../../core/model/result.js';
import { isOpName, type ApiEvent, type OpName } from '../../shared/api.js';
import type { Handler, HandlerTable, ServiceContext, ServiceOptions } from './context.js';
import { EventHub } from './events.js';
import { projectHandlers } from './ops-project.js';
import { codingHandlers } from './ops-coding.js';
import { importHandlers } from './ops-import.js';
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
  ...importHandlers,
  ...caseHandlers,
  ...workflowHandlers,
  ...compareHandlers,
  ...matrixHandlers,
  ...refiHandlers,
};

/** Create a service. Operations run one at a time, in arrival order, so commits never interleave. */
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

  return {
    context,
    call(op, args) {
      if (!isOpName(op)) return Promise.resolve(err('usage', `Unknown operation: ${op}`));
      const p = queue.then(() => run(op, args));
      queue = p.catch(() => undefined);
      return p;
    },
    onEvent: (l) => context.events.on(l),
    async close() {
      await queue;
      if (context.session) await context.session.store.close();
      context.session = null;
    },
  };
}
