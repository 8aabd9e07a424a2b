import { err, type Result } from '../../core/model/result.js';
import { isOpName, type ApiEvent, type OpName } from '../../shared/api.js';
import { checkArgs, pathArguments } from '../../shared/api-schemas.js';
import { cliPolicy, confinePaths, grantFolder } from './path-policy.js';
import type { Handler, HandlerTable, ServiceContext, ServiceOptions } from './context.js';
import { EventHub } from './events.js';
import { readAppState } from '../app/app-state.js';
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
  /** Record a folder the user chose outside the API (a native dialog, the folder given at start). */
  grantFolder(dir: string): void;
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
  const paths = options.paths ?? cliPolicy();
  const context: ServiceContext = { options: { ...options, paths }, events: new EventHub(), session: null };
  let queue: Promise<unknown> = Promise.resolve();

  const run = async (op: OpName, args: unknown): Promise<Result<unknown>> => {
    const h = handlers[op] as Handler<OpName> | undefined;
    if (!h) return err('unsupported', `The operation ${op} is not available in this build`);
    // The one check of every transport: the operation's schema, then the paths it names.
    const checked = checkArgs(op, args);
    if (!checked.ok) return checked;
    const named = pathArguments(op, checked.value);
    // The desktop app may reopen what the user chose before (its recent projects).
    if (paths.mode === 'desktop' && named.some((p) => p.kind === 'project')) for (const r of readAppState().recent) grantFolder(paths, r.dir);
    const confined = confinePaths(paths, op, named);
    if (!confined.ok) return confined;
    const finalArgs: Record<string, unknown> = { ...(checked.value as Record<string, unknown>) };
    for (const [field, real] of confined.value) if (/^\w+$/.test(field)) finalArgs[field] = real;
    try {
      return await h(context, finalArgs as never);
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
    grantFolder: (dir) => grantFolder(paths, dir),
    async close() {
      await queue;
      if (context.session) await context.session.store.close();
      context.session = null;
    },
  };
}

