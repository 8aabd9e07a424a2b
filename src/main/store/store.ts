/**
 * {@link ProjectStore}: one open project folder. Obtain it from `openProjectFolder` or
 * `createProjectFolder` (project-store.ts), never by `new`.
 *
 * The store holds the last acknowledged {@link ProjectData} and commits whole snapshots through
 * lowdb's `Low` over {@link DurableJsonFile}. A writable store holds the folder's `.lock` until
 * {@link ProjectStore.close}; a read-only store never writes anything.
 */
import { Low } from 'lowdb';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectData, SourceContent } from '../../core/model/types.js';
import { validateProjectData } from '../../core/persistence/validate-project.js';
import { integrityRegressions } from '../../core/persistence/references.js';
import { removeUnreferencedSources } from './source-cleanup.js';
import { writeBackup } from './backups.js';
import { DurableJsonFile, EXTERNAL_CHANGE, serializeProject } from './durable-json-file.js';
import { errnoCode } from './durable-write.js';
import type { ProjectLock } from './project-lock.js';
import type { SourceFiles } from './source-files.js';

/** Everything a store is built from (internal to src/main/store). */
export interface StoreParts {
  dir: string;
  data: ProjectData;
  sources: SourceFiles;
  /** Null for a read-only store. */
  writer: { file: DurableJsonFile<ProjectData>; lock: ProjectLock } | null;
  /** Why the store is read-only (shown when a write is refused). */
  readOnlyReason: string;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class ProjectStore {
  readonly dir: string;
  readonly readOnly: boolean;
  #data: ProjectData;
  #db: Low<ProjectData> | null;
  #file: DurableJsonFile<ProjectData> | null;
  #lock: ProjectLock | null;
  #sources: SourceFiles;
  #readOnlyReason: string;
  #closed = false;

  /** @internal Use openProjectFolder/createProjectFolder. */
  constructor(parts: StoreParts) {
    this.dir = parts.dir;
    this.readOnly = parts.writer === null;
    this.#data = parts.data;
    this.#file = parts.writer?.file ?? null;
    this.#db = this.#file ? new Low<ProjectData>(this.#file, parts.data) : null;
    this.#lock = parts.writer?.lock ?? null;
    this.#sources = parts.sources;
    this.#readOnlyReason = parts.readOnlyReason;
  }

  /** The current acknowledged state (durable on disk for a writable store). Treat as immutable. */
  get data(): ProjectData {
    return this.#data;
  }

  /** Why the store is read-only (names the lock's holder when another process has the project), or ''. */
  get readOnlyReason(): string {
    return this.#db ? '' : this.#readOnlyReason;
  }

  #refuseWrite(): Result<never> | null {
    if (this.#closed) return err('read-only', 'the project store is closed');
    if (!this.#db) return err('read-only', `project is read-only: ${this.#readOnlyReason}`);
    return null;
  }

  /**
   * Validate `next` and durably replace `casecoder.json` with it. Resolves after the temp file
   * was fsynced, renamed into place and the folder fsynced (possibly batched with later commits,
   * in which case the newer state is what is on disk). On failure the file and {@link data} keep
   * the previous state: the caller must treat `next` as not saved. `conflict` means another
   * program changed `casecoder.json` since it was opened: it is never overwritten, and every
   * later commit of this store is refused too (the user must reopen).
   */
  async commit(next: ProjectData): Promise<Result<void>> {
    const refused = this.#refuseWrite();
    if (refused) return refused;
    const valid = validateProjectData(next);
    if (!valid.ok) return err('invalid', `refusing to save an invalid project: ${valid.error.message}`, valid.error.details);
    const broken = integrityRegressions(this.#data, next);
    if (broken.length > 0) return err('invalid', `refusing to save: ${broken.join('; ')}`);
    const db = this.#db as Low<ProjectData>;
    db.data = next;
    try {
      await db.write();
    } catch (e) {
      db.data = this.#data;
      if (errnoCode(e) === EXTERNAL_CHANGE) return err('conflict', `${message(e)}. Reopen the project to see the file as it is now.`);
      return err('io', `could not save casecoder.json: ${message(e)}`);
    }
    const written = this.#file?.lastWritten;
    if (written) this.#data = written;
    return ok(undefined);
  }

  /** Durably create `sources/<id>.json` (immutable; rewriting identical content is a no-op). Call before committing a document that references it. */
  async writeSource(content: SourceContent): Promise<Result<void>> {
    const refused = this.#refuseWrite();
    if (refused) return refused;
    return this.#sources.write(content);
  }

  /** Read and validate a content file (cached; treat the result as immutable). */
  readSource(id: string): Promise<Result<SourceContent>> {
    return this.#sources.read(id);
  }

  /** True when `sources/<id>.json` exists. */
  hasSource(id: string): boolean {
    return this.#sources.has(id);
  }

  /**
   * Write a backup of the acknowledged state to `backups/` (reason goes into the file name, e.g.
   * "before-import"), verified by reading it back, then apply the retention policy. Returns its
   * path. Identical to the newest backup → that backup's path, nothing written.
   */
  async backup(reason: string): Promise<Result<string>> {
    const refused = this.#refuseWrite();
    if (refused) return refused;
    try {
      return ok(await writeBackup(this.dir, Buffer.from(serializeProject(this.#data), 'utf8'), reason, { dedupe: true }));
    } catch (e) {
      return err('io', `could not write a backup: ${message(e)}`);
    }
  }

  /** Wait for in-flight commits, then release the lock. Further writes are refused. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#file?.idle();
    // Text that no document and no backup references any more goes (best effort, lock still held).
    if (this.#db) await removeUnreferencedSources(this.dir, this.#data).catch(() => []);
    await this.#lock?.release();
  }
}
