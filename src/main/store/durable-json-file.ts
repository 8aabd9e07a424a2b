/**
 * A lowdb `Adapter` that writes through {@link writeFileDurably} and group-commits.
 *
 * Write semantics (the promise callers rely on):
 * - One write is in flight at a time. Writes requested meanwhile are batched: only the newest
 *   requested state is written next, and every caller of that batch resolves after it is durable.
 *   A resolved `write(x)` therefore means "x, or a newer state, is on disk and survives a crash".
 * - A failed write rejects every caller of its batch; the file keeps its previous content.
 * - The file is plain, compact JSON (one object, trailing newline), readable by any tool.
 * - Before each write the file's identity (inode, size, mtime) is compared with the one recorded
 *   when it was opened or last written; if another program replaced or edited it meanwhile, the
 *   write is refused with an error whose code is {@link EXTERNAL_CHANGE} and the file is kept.
 *
 * This replaces lowdb's JSONFile/JSONFilePreset, which never fsync and, under NODE_ENV=test,
 * silently keep data in memory.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { errnoCode, writeFileDurably, type FsOps } from './durable-write.js';

interface Batch<T> {
  data: T;
  promise: Promise<void>;
}

/** Serialise a state the way `casecoder.json` is stored. */
export function serializeProject(data: unknown): string {
  return `${JSON.stringify(data)}\n`;
}

/** Error code of a write refused because the file changed behind the store's back. */
export const EXTERNAL_CHANGE = 'EXTERNAL_CHANGE';

/** What identifies one version of a file on disk. */
export interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
}

/** The identity of `path` now, or null when it does not exist. */
export async function fileIdentity(path: string): Promise<FileIdentity | null> {
  try {
    const s = await stat(path);
    return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return null;
    throw e;
  }
}

function sameIdentity(a: FileIdentity | null, b: FileIdentity | null): boolean {
  return a === b || (a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs);
}

export class DurableJsonFile<T> implements Adapter<T> {
  #running: Promise<void> | null = null;
  #queued: Batch<T> | null = null;
  #lastWritten: T | undefined;
  #identity: FileIdentity | null | undefined;

  /**
   * @param expected identity of the file as the caller read it (null: must not exist yet);
   *   undefined skips the external-change check until the first write.
   */
  constructor(
    readonly path: string,
    private readonly ops?: FsOps,
    expected?: FileIdentity | null,
  ) {
    this.#identity = expected;
  }

  /** The newest state known to be durable on disk (undefined before the first write). */
  get lastWritten(): T | undefined {
    return this.#lastWritten;
  }

  /** Parse the file; null when it does not exist. Throws on unparseable content (callers judge it). */
  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return null;
      throw e;
    }
  }

  /** Durably write `data` (or a newer state batched with it); see the class comment. */
  write(data: T): Promise<void> {
    if (this.#queued) {
      this.#queued.data = data;
      return this.#queued.promise;
    }
    if (!this.#running) return this.#start(data);
    const running = this.#running;
    const batch: Batch<T> = { data, promise: Promise.resolve() };
    batch.promise = running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.#queued = null;
        return this.#start(batch.data);
      });
    this.#queued = batch;
    return batch.promise;
  }

  /** Resolves once nothing is in flight or queued (failures included). */
  async idle(): Promise<void> {
    while (this.#running || this.#queued) {
      await (this.#queued?.promise ?? this.#running)?.catch(() => undefined);
    }
  }

  #start(data: T): Promise<void> {
    const run = this.#writeNow(data).finally(() => {
      if (this.#running === run) this.#running = null;
    });
    this.#running = run;
    return run;
  }

  async #writeNow(data: T): Promise<void> {
    const text = serializeProject(data);
    if (this.#identity !== undefined && !sameIdentity(this.#identity, await fileIdentity(this.path))) {
      throw Object.assign(new Error(`${this.path} was changed by another program since this project was opened; it was not overwritten`), { code: EXTERNAL_CHANGE });
    }
    await writeFileDurably(this.path, text, this.ops ? { ops: this.ops } : {});
    this.#identity = await fileIdentity(this.path);
    this.#lastWritten = data;
  }
}
