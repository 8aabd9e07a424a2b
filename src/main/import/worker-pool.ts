/**
 * Imports parsed in worker threads: each file in a `node:worker_threads` worker with a wall-time
 * and a heap limit (`resourceLimits`). A file that exceeds them fails alone with a clear message;
 * the service's event loop never runs a parser, so it keeps answering. Workers are reused (a pool
 * as large as the machine's cores, at most 4) and stop when idle, so a CLI process can exit.
 *
 * The worker entry is found for each way the code runs: from TypeScript sources (tests, the CLI
 * through tsx) a small bootstrap registers tsx in the worker and imports `import-worker.ts`; from
 * the electron-vite build, `import-worker.js` is emitted beside the main bundle (electron.config.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { err, type Result } from '../../core/model/result.js';
import type { ImportedDocument, ImportOptions } from './import-file.js';
import type { ImportJob } from './import-worker.js';

/** Bounds of one file's parse. */
export interface WorkerLimits {
  /** Wall time in ms from the moment a worker takes the file. */
  timeMs: number;
  /** Old-generation heap of the worker, in MB. */
  heapMb: number;
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = { timeMs: 60_000, heapMb: 1536 };

/** How a worker is started: a file, or a bootstrap evaluated in the worker. */
interface WorkerEntry {
  source: string | URL;
  eval: boolean;
  workerData?: unknown;
}

const BOOTSTRAP = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`;

/** Where the worker's code is, for sources run through tsx/vitest or the built bundle. */
export function workerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsxApi = createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs');
    return { source: BOOTSTRAP, eval: true, workerData: { tsx: pathToFileURL(tsxApi).href, entry: new URL('./import-worker.ts', here).href } };
  }
  for (const rel of ['./import-worker.js', '../import-worker.js']) {
    const url = new URL(rel, here);
    if (existsSync(fileURLToPath(url))) return { source: url, eval: false };
  }
  throw new Error('The import worker (import-worker.js) is missing from this build');
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  idleTimer?: NodeJS.Timeout;
}

interface Pending {
  path: string;
  options: ImportOptions;
  resolve: (r: Result<ImportedDocument[]>) => void;
}

/** A pool of import workers. */
export class ImportWorkerPool {
  readonly size: number;
  readonly limits: WorkerLimits;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(options: { size?: number; limits?: Partial<WorkerLimits> } = {}) {
    this.size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
    this.limits = { ...DEFAULT_WORKER_LIMITS, ...options.limits };
  }

  /** Parse one file in a worker. Never throws: limits and crashes are typed errors naming the file. */
  import(path: string, options: ImportOptions = {}): Promise<Result<ImportedDocument[]>> {
    return new Promise((resolve) => {
      this.queue.push({ path, options, resolve });
      this.pump();
    });
  }

  /** How many workers are running now. */
  get workers(): number {
    return this.slots.size;
  }

  /**
   * Start every worker the pool may use and wait until each is ready (its parsers loaded), so a
   * batch that follows is not slowed by start-up. Idle workers still stop after their idle time.
   */
  async warm(): Promise<void> {
    while (this.slots.size < this.size) this.spawn();
    await Promise.all([...this.slots].map((s) => s.ready.catch(() => undefined)));
    for (const slot of this.slots) if (!slot.busy) this.idle(slot);
  }

  /** A worker without work: it no longer keeps the process alive, and stops after 30 s. */
  private idle(slot: Slot): void {
    slot.worker.unref();
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      this.slots.delete(slot);
      void slot.worker.terminate();
    }, 30_000);
    slot.idleTimer.unref();
  }

  /** Stop every worker (jobs still queued fail). */
  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) p.resolve(err('io', `The import of ${basename(p.path)} was cancelled`));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => !s.busy);
      if (!slot && this.slots.size < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift() as Pending;
      void this.run(slot, job);
    }
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const worker = new Worker(entry.source, {
      eval: entry.eval,
      workerData: entry.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb },
      stdout: false,
      stderr: false,
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }): void => {
        if (m.ready) {
          worker.off('message', onMessage);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('the import worker exited while starting')));
    });
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, busy: false };
    worker.once('exit', () => {
      this.slots.delete(slot);
      // A replacement starts only when there is work for it.
      if (this.queue.length > 0) this.pump();
    });
    this.slots.add(slot);
    return slot;
  }

  private async run(slot: Slot, job: Pending): Promise<void> {
    slot.busy = true;
    clearTimeout(slot.idleTimer);
    slot.worker.ref();
    const name = basename(job.path);
    const { worker } = slot;
    const result = await new Promise<Result<ImportedDocument[]>>((resolve) => {
      const id = this.nextId++;
      let timer: NodeJS.Timeout | undefined;
      const done = (r: Result<ImportedDocument[]>, kill: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (kill) {
          this.slots.delete(slot);
          void worker.terminate();
        }
        resolve(r);
      };
      const onMessage = (m: { id?: number; result?: Result<ImportedDocument[]> }): void => {
        if (m.id === id && m.result) done(m.result, false);
      };
      const onError = (e: Error & { code?: string }): void => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          done(err('too-large', `${name} needed more than ${this.limits.heapMb} MB of memory to import and was stopped; nothing was imported from it.`), true);
        } else done(err('io', `The importer stopped unexpectedly on ${name}: ${e.message}`), true);
      };
      const onExit = (): void => done(err('io', `The importer stopped unexpectedly on ${name}.`), true);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // The clock starts when the worker is ready, so start-up (loading parsers) is not counted.
      slot.ready.then(
        () => {
          timer = setTimeout(() => {
            done(err('too-large', `${name} took longer than ${formatSeconds(this.limits.timeMs)} to import and was stopped; nothing was imported from it.`), true);
          }, this.limits.timeMs);
          const msg: ImportJob = { id, path: job.path, options: job.options };
          worker.postMessage(msg);
        },
        (e: unknown) => done(err('io', `The import worker could not start: ${e instanceof Error ? e.message : String(e)}`), true),
      );
    });
    slot.busy = false;
    if (this.slots.has(slot)) this.idle(slot);
    job.resolve(result);
    this.pump();
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

let shared: ImportWorkerPool | null = null;

/** The process's pool for the service (created on first use). */
export function importPool(): ImportWorkerPool {
  shared ??= new ImportWorkerPool();
  return shared;
}

/** Replace the process's pool (tests and the CLI set tighter limits); the old one is closed. */
export async function configureImportPool(options: { size?: number; limits?: Partial<WorkerLimits> }): Promise<ImportWorkerPool> {
  const old = shared;
  shared = new ImportWorkerPool(options);
  await old?.close();
  return shared;
}
