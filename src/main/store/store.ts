/**
 * {@link ProjectStore}: one open project folder. Obtain it from `openProjectFolder` or
 * `createProjectFolder` (project-store.ts), never by `new`.
 *
 * State: the last acknowledged project, held id-indexed in memory ({@link IndexedProject}).
 * Disk: the snapshot `casecoder.json` (lowdb's file, plain JSON plus a `journal` marker naming the
 * revision it holds and the first journal generation it does not) and the journal
 * `journal-<gen>.jsonl` of change sets committed since. A commit appends one line and fdatasyncs
 * it (grouped with concurrent ones) before it is acknowledged; compaction folds the journal into a
 * new snapshot at thresholds and on close, while commits go on into the next generation.
 *
 * A writable store holds the folder's `.lock` until {@link ProjectStore.close}; a read-only store
 * never writes anything.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectData, SourceContent } from '../../core/model/types.js';
import { COLLECTION_KEYS, diffProjects, isEmptyChangeSet, type ChangeSet } from '../../core/ops/change-set.js';
import { IndexedProject } from '../../core/ops/indexed-project.js';
import { encodeEntry, JOURNAL_FORMAT, type JournalEntry } from '../../core/ops/journal-entry.js';
import { validateChange } from '../../core/ops/validate-change.js';
import { validateProjectData } from '../../core/persistence/validate-project.js';
import { integrityRegressions } from '../../core/persistence/references.js';
import { removeUnreferencedSources } from './source-cleanup.js';
import { writeBackup } from './backups.js';
import { fileIdentity, serializeProject, type FileIdentity } from './durable-json-file.js';
import { syncDir, tempPrefix } from './durable-write.js';
import { journalName, JournalWriter } from './journal.js';
import type { ProjectLock } from './project-lock.js';
import type { SourceFiles } from './source-files.js';

/** What `casecoder.json` records about the journal: it holds `revision`; journals from `generation` on follow it. */
export interface SnapshotMarker {
  generation: number;
  revision: number;
}

/** Everything a store is built from (internal to src/main/store). */
export interface StoreParts {
  dir: string;
  data: ProjectData;
  sources: SourceFiles;
  /** Null for a read-only store. */
  writer: { snapshotPath: string; identity: FileIdentity | null; journal: JournalWriter; lock: ProjectLock; snapshotBytes: number } | null;
  /** `data` already indexed (the opener built it to replay the journal); indexed here when absent. */
  state?: IndexedProject;
  /** The revision `data` is at. */
  revision: number;
  /** Why the store is read-only (shown when a write is refused). */
  readOnlyReason: string;
}

/** What a commit is: who did what, and the change. */
export interface CommitRequest {
  by: string | null;
  label: string;
  changes: ChangeSet;
  /** The state the change leads to, when the caller has it (then {@link ProjectStore.data} is that very object). */
  next?: ProjectData;
  /**
   * Called synchronously once the change is applied in memory and its entry queued for the disk,
   * before it is durable: the next commit may be computed from then on (it joins the same or the
   * next fdatasync), while this one is acknowledged only when its entry is durable.
   */
  onApplied?: (revision: number, inverse: ChangeSet) => void;
}

/**
 * When to compact: the journal reaches half the snapshot's size (opening then reads at most 1.5×
 * the snapshot's bytes) but at least 8 MiB (so small projects are not rewritten often), or 20,000
 * entries (replay costs ~7 µs per line: ~0.15 s at open).
 */
export const COMPACT_MIN_BYTES = 8 * 1024 * 1024;
export const COMPACT_MAX_LINES = 20_000;

function statIdentity(path: string): FileIdentity | null {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs } : null;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** `casecoder.json`'s text for `data` at `marker` (compact JSON, one line). */
export function snapshotText(data: ProjectData, marker: SnapshotMarker): string {
  return serializeProject({ ...data, journal: marker });
}

export class ProjectStore {
  readonly dir: string;
  readonly readOnly: boolean;
  #state: IndexedProject;
  #revision: number;
  #w: StoreParts['writer'];
  #sources: SourceFiles;
  #readOnlyReason: string;
  #closed = false;
  #failed: string | null = null;
  #conflict: string | null = null;
  #compacting: Promise<Result<void>> | null = null;

  /** @internal Use openProjectFolder/createProjectFolder. */
  constructor(parts: StoreParts) {
    this.dir = parts.dir;
    this.readOnly = parts.writer === null;
    this.#state = parts.state?.toData() === parts.data ? parts.state : IndexedProject.from(parts.data);
    this.#revision = parts.revision;
    this.#w = parts.writer;
    this.#sources = parts.sources;
    this.#readOnlyReason = parts.readOnlyReason;
  }

  /** The current acknowledged state as plain data (arrays rebuilt only where changed). Treat as immutable. */
  get data(): ProjectData {
    return this.#state.toData();
  }

  /** The current state, id-indexed, for reads that must not cost the project's size. Read only. */
  get state(): IndexedProject {
    return this.#state;
  }

  /** The revision of the current state: the `seq` of the last journal entry applied. */
  get revision(): number {
    return this.#revision;
  }

  /** Why the store is read-only (names the lock's holder when another process has the project), or ''. */
  get readOnlyReason(): string {
    return this.#w ? '' : this.#readOnlyReason;
  }

  #refuseWrite(): Result<never> | null {
    if (this.#closed) return err('read-only', 'the project store is closed');
    if (!this.#w) return err('read-only', `project is read-only: ${this.#readOnlyReason}`);
    if (this.#failed) return err('io', this.#failed);
    if (this.#conflict) return err('conflict', this.#conflict);
    return null;
  }

  /**
   * Validate `req.changes` against the current state, append it to the journal and apply it.
   * Resolves once the entry is durable (fdatasync'd, possibly in one group with concurrent
   * commits), with the new revision and the inverse change set (the undo step). On an I/O error
   * nothing is acknowledged and the store refuses every later write (reopen the project);
   * `conflict` means another program changed the project's files since they were opened.
   */
  async commitChanges(req: CommitRequest): Promise<Result<{ revision: number; inverse: ChangeSet }>> {
    const refused = this.#refuseWrite();
    if (refused) return refused;
    const w = this.#w as NonNullable<StoreParts['writer']>;
    const valid = validateChange(this.#state, req.changes);
    if (!valid.ok) return valid;
    const changed = await this.#checkExternal();
    if (changed) return changed;
    const inverse = this.#state.inverseOf(req.changes);
    const seq = this.#revision + 1;
    const entry: JournalEntry = { v: JOURNAL_FORMAT, seq, gen: w.journal.gen, at: new Date().toISOString(), by: req.by, label: req.label, changes: req.changes };
    const durable = w.journal.append(encodeEntry(entry));
    // Applied at once so the next operation computes against it; acknowledged only when durable.
    this.#state.apply(req.changes);
    if (req.next) this.#state.adopt(req.next);
    this.#revision = seq;
    req.onApplied?.(seq, inverse);
    try {
      await durable;
    } catch (e) {
      this.#failed = `${message(e)}. Reopen the project: it will show every change that was saved.`;
      return err('io', this.#failed);
    }
    if (this.#needsCompaction()) void this.compact();
    return ok({ revision: seq, inverse });
  }

  /**
   * Replace the whole state by `next` (validated), as one journal entry of its difference. For
   * callers that computed a new state rather than a change set.
   */
  async commit(next: ProjectData, label = 'Save', by: string | null = null): Promise<Result<void>> {
    const refused = this.#refuseWrite();
    if (refused) return refused;
    const valid = validateProjectData(next);
    if (!valid.ok) return err('invalid', `refusing to save an invalid project: ${valid.error.message}`, valid.error.details);
    const current = this.data;
    const broken = integrityRegressions(current, next);
    if (broken.length > 0) return err('invalid', `refusing to save: ${broken.join('; ')}`);
    const cs = diffProjects(current, next);
    if (isEmptyChangeSet(cs)) {
      const changed = await this.#checkExternal();
      return changed ?? ok(undefined);
    }
    const r = await this.commitChanges({ by, label, changes: cs, next });
    return r.ok ? ok(undefined) : r;
  }

  /** A `conflict` (kept: every later write is refused too) when the files changed behind the store's back. */
  async #checkExternal(): Promise<Result<never> | null> {
    const changed = await this.#externalChange();
    if (!changed) return null;
    this.#conflict = `${changed}; it was not overwritten. Reopen the project to see the files as they are now.`;
    return err('conflict', this.#conflict);
  }

  // Synchronous stats: a few microseconds each, cheaper than two trips through libuv's thread pool per commit.
  async #externalChange(): Promise<string | null> {
    const w = this.#w as NonNullable<StoreParts['writer']>;
    const now = statIdentity(w.snapshotPath);
    const was = w.identity;
    if (!(now === was || (now && was && now.ino === was.ino && now.size === was.size && now.mtimeMs === was.mtimeMs))) {
      return `${w.snapshotPath} was changed by another program since this project was opened`;
    }
    const journalPath = join(this.dir, journalName(w.journal.gen));
    const j = statIdentity(journalPath);
    // Entries queued or in flight (pipelined commits) may be partly written: between the durable and the queued size.
    if (!j || j.size < w.journal.bytes || j.size > w.journal.queuedBytes) return `${journalPath} was changed by another program since this project was opened`;
    return null;
  }

  #needsCompaction(): boolean {
    const w = this.#w;
    if (!w || this.#compacting) return false;
    return w.journal.lines >= COMPACT_MAX_LINES || w.journal.bytes >= Math.max(COMPACT_MIN_BYTES, w.snapshotBytes / 2);
  }

  /**
   * Fold the journal into a new `casecoder.json` (validated as a whole first). Commits go on
   * meanwhile into the next journal generation; the old journal is deleted only after the new
   * snapshot and its directory entry are durable, so every crash point reopens to the same state.
   */
  compact(): Promise<Result<void>> {
    const refused = this.#refuseWrite();
    if (refused) return Promise.resolve(refused);
    if (!this.#compacting) this.#compacting = this.#compactNow().finally(() => (this.#compacting = null));
    return this.#compacting;
  }

  async #compactNow(): Promise<Result<void>> {
    const w = this.#w as NonNullable<StoreParts['writer']>;
    const old = w.journal;
    const gen = old.gen + 1;
    let next: JournalWriter;
    try {
      next = await JournalWriter.open(this.dir, gen);
      await syncDir(this.dir);
      // Switch only when nothing is in flight in the old journal, so entries never straddle files out of order.
      await old.idle();
    } catch (e) {
      return err('io', `could not start a new journal: ${message(e)}`);
    }
    if (old.failed) {
      await next.close();
      return err('io', old.failed.message);
    }
    w.journal = next;
    const marker: SnapshotMarker = { generation: gen, revision: this.#revision };
    const data = this.#state.toData();
    await old.close();
    const valid = validateProjectData(data);
    if (!valid.ok) {
      this.#failed = `the project in memory is invalid (${valid.error.message}); it was not written. Reopen the project.`;
      return err('invalid', this.#failed);
    }
    try {
      const bytes = await writeSnapshot(w.snapshotPath, data, marker);
      w.identity = await fileIdentity(w.snapshotPath);
      w.snapshotBytes = bytes;
      await fsp.unlink(join(this.dir, journalName(old.gen))).catch(() => undefined);
      return ok(undefined);
    } catch (e) {
      return err('io', `could not write casecoder.json: ${message(e)}`);
    }
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
      // The snapshot's own text: a backup taken right after compaction is byte-equal to casecoder.json.
      const w = this.#w as NonNullable<StoreParts['writer']>;
      const text = snapshotText(this.data, { generation: w.journal.gen, revision: this.#revision });
      return ok(await writeBackup(this.dir, Buffer.from(text, 'utf8'), reason, { dedupe: true }));
    } catch (e) {
      return err('io', `could not write a backup: ${message(e)}`);
    }
  }

  /**
   * Wait for in-flight commits, compact (so the folder is left as one `casecoder.json` and an
   * empty journal), then release the lock. Further writes are refused. Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    const w = this.#w;
    if (w && !this.#failed) {
      await this.#compacting;
      await w.journal.idle();
      if (w.journal.lines > 0) await this.compact();
      // Text that no document and no backup references any more goes (best effort, lock still held).
      await removeUnreferencedSources(this.dir, this.data).catch(() => []);
    }
    this.#closed = true;
    await w?.journal.close();
    await w?.lock.release();
  }
}

/** Between two JSON items of a list in the snapshot text. */
const ITEM_SEPARATOR = ',';

/**
 * Durably replace `path` with the snapshot of `data` at `marker`: temp file → write in chunks
 * (yielding between them, so coding goes on during a large compaction) → fsync → rename → fsync
 * the folder. Returns the bytes written. The text equals {@link snapshotText}.
 */
export async function writeSnapshot(path: string, data: ProjectData, marker: SnapshotMarker): Promise<number> {
  const dir = join(path, '..');
  const tmp = join(dir, `${tempPrefix(path)}${process.pid}-${randomBytes(6).toString('hex')}`);
  const handle = await fsp.open(tmp, 'wx');
  let bytes = 0;
  try {
    const write = async (s: string): Promise<void> => {
      const buf = Buffer.from(s, 'utf8');
      let off = 0;
      while (off < buf.length) off += (await handle.write(buf, off, buf.length - off)).bytesWritten;
      bytes += buf.length;
    };
    const head: Record<string, unknown> = {};
    for (const k of Object.keys(data) as (keyof ProjectData)[]) head[k] = (COLLECTION_KEYS as readonly string[]).includes(k) ? [] : data[k];
    head['journal'] = marker;
    // Keys in the same order as JSON.stringify({...data, journal}) would write them.
    const keys = Object.keys(head);
    let out = '{';
    for (const [i, k] of keys.entries()) {
      out += `${i > 0 ? ',' : ''}${JSON.stringify(k)}:`;
      const list = (COLLECTION_KEYS as readonly string[]).includes(k) ? (data[k as keyof ProjectData] as unknown[]) : null;
      if (!list) {
        out += JSON.stringify(head[k]);
        continue;
      }
      out += '[';
      const CHUNK = 5_000;
      for (let n = 0; n < list.length; n += CHUNK) {
        // One native stringify per chunk; a list of objects stringifies to `[` items joined by `,` `]`.
        const part = JSON.stringify(list.slice(n, n + CHUNK));
        out += (n > 0 ? ITEM_SEPARATOR : '') + part.slice(1, -1);
        await write(out);
        out = '';
        await new Promise((r) => setImmediate(r));
      }
      out += ']';
    }
    await write(`${out}}\n`);
    // The new snapshot keeps the old one's permissions (a 0600 project stays private).
    const mode = await fsp.stat(path).then(
      (st) => st.mode & 0o7777,
      () => null,
    );
    if (mode !== null) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fsp.unlink(tmp).catch(() => undefined);
    throw e;
  }
  try {
    await fsp.rename(tmp, path);
  } catch (e) {
    await fsp.unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
  return bytes;
}
