/**
 * Opening and creating project folders.
 *
 * Open: take the lock (or fall back to read-only) → read `casecoder.json` → judge it with the
 * pure pipeline (parse → refuse newer → migrate → validate) → replay the journal (a torn last line
 * is dropped; damage stops the replay and the journal is kept aside) → then, only when holding the
 * lock: back up (before a migration: the original bytes) → compact the migrated or recovered state. A damaged or
 * missing file is never overwritten: the newest usable backup is found first; only then is the
 * damaged file renamed aside byte for byte and the backup's state written. With no usable backup
 * the open fails and nothing is written.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectData } from '../../core/model/types.js';
import { SCHEMA_VERSION } from '../../core/model/types.js';
import type { Migration } from '../../core/persistence/migrations.js';
import { findDanglingReferences } from '../../core/persistence/references.js';
import { validateProjectData } from '../../core/persistence/validate-project.js';
import { IndexedProject } from '../../core/ops/indexed-project.js';
import { validateChange } from '../../core/ops/validate-change.js';
import { BACKUP_DIR, findNewestUsableBackup, interpretProjectBytes, listBackups, writeBackup } from './backups.js';
import { fileIdentity } from './durable-json-file.js';
import { journalName, JournalWriter, listJournals, readJournal } from './journal.js';
import { errnoCode, syncDir, writeFileDurably } from './durable-write.js';
import { acquireProjectLock, describeHolder, LOCK_FILE, processAlive, type ProjectLock } from './project-lock.js';
import { SourceFiles, SOURCES_DIR } from './source-files.js';
import { ProjectStore, snapshotText, type SnapshotMarker, type StoreParts } from './store.js';

/** The project file inside a project folder. */
export const PROJECT_FILE = 'casecoder.json';

/** An open store and what the user must be told about opening it (restored, read-only, …). */
export interface OpenedProject {
  store: ProjectStore;
  messages: string[];
}

/** Options of {@link openProjectFolder}. */
export interface OpenOptions {
  /** Open without taking the lock and never write (no backup, no migration commit, no repair). */
  readOnly?: boolean;
  /** Migration registry override, for tests of the migration path. */
  migrations?: readonly Migration[];
}

/** True when `dir` holds a `casecoder.json`. */
export function isProjectDir(dir: string): boolean {
  return existsSync(join(dir, PROJECT_FILE));
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function stamp(time = Date.now()): string {
  return new Date(time).toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** Remove temp files left by writers that died mid-write (only those whose pid is gone). */
async function removeLeftoverTemps(dir: string): Promise<void> {
  const tempName = /^\..+\.tmp-(\d+)-[0-9a-f]+$/;
  const lockTemp = /^\.lock\.new-(\d+)-[0-9a-f]+$/;
  for (const sub of ['', SOURCES_DIR, BACKUP_DIR]) {
    const folder = join(dir, sub);
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const m = tempName.exec(name) ?? (sub === '' ? lockTemp.exec(name) : null);
      if (m && !processAlive(Number(m[1]))) await unlink(join(folder, name)).catch(() => undefined);
      // A stale lock moved aside by a takeover that was itself interrupted: garbage once we hold the lock.
      else if (sub === '' && name.startsWith(`${LOCK_FILE}.stale-`)) await unlink(join(folder, name)).catch(() => undefined);
    }
  }
}

/** Lines about references and content files that do not resolve (the project still opens). */
function integrityNotes(data: ProjectData, sources: SourceFiles): string[] {
  const notes = findDanglingReferences(data).map((line) => `Check the project: ${line}.`);
  const missing = data.documents.filter((d) => !sources.has(d.id));
  if (missing.length > 0) notes.push(`Check the project: ${missing.length} documents have no content file in sources/ (first: ${missing[0]?.id}).`);
  return notes;
}

async function readProjectBytes(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return null;
    throw e;
  }
}

/** Open the project folder `dir`; see the module comment. Never throws. */
export async function openProjectFolder(dir: string, options: OpenOptions = {}): Promise<Result<OpenedProject>> {
  const abs = resolve(dir);
  let lock: ProjectLock | null = null;
  try {
    const info = await stat(abs).catch(() => null);
    if (!info?.isDirectory()) return err('not-found', `no project folder at ${abs}`);
    const mainPath = join(abs, PROJECT_FILE);
    if (!existsSync(mainPath) && (await listBackups(abs)).length === 0) return err('not-found', `${abs} is not a Casecoder project (no ${PROJECT_FILE})`);
    const messages: string[] = [];
    let readOnlyReason = 'opened read-only on request';
    // A casecoder.json without write permission means "do not change this project": open it
    // read-only (even as an administrator, who could write it anyway) rather than replace it.
    const mode = existsSync(mainPath) ? (await stat(mainPath)).mode : null;
    const fileReadOnly = mode !== null && (mode & 0o222) === 0;
    if (fileReadOnly && !options.readOnly) {
      readOnlyReason = `${PROJECT_FILE} is read-only (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); make it writable to change the project`;
      messages.push(`Opened read-only: ${readOnlyReason}.`);
    }
    if (!options.readOnly && !fileReadOnly) {
      try {
        const attempt = await acquireProjectLock(abs);
        if (attempt.acquired) {
          lock = attempt.lock;
          if (attempt.tookOverFrom) messages.push(`Took over a stale lock left by ${describeHolder(attempt.tookOverFrom)}.`);
        } else {
          readOnlyReason = attempt.message;
          messages.push(`Opened read-only: the project is ${attempt.message}.`);
        }
      } catch (e) {
        readOnlyReason = `the folder is not writable (${message(e)})`;
        messages.push(`Opened read-only: ${readOnlyReason}.`);
      }
    }
    const result = await openLocked(abs, mainPath, lock, readOnlyReason, messages, options);
    if (!result.ok || result.value.store.readOnly) await lock?.release();
    return result;
  } catch (e) {
    await lock?.release();
    return err('io', `could not open ${abs}: ${message(e)}`);
  }
}

/** A snapshot's journal marker (absent in files written before the journal: generation 0, revision 0), and the data without it. */
function splitMarker(data: ProjectData): { data: ProjectData; marker: SnapshotMarker } {
  const { journal, ...rest } = data as ProjectData & { journal?: Partial<SnapshotMarker> };
  const ok = journal && Number.isInteger(journal.generation) && Number.isInteger(journal.revision) && (journal.generation as number) >= 0 && (journal.revision as number) >= 0;
  return { data: rest as ProjectData, marker: ok ? { generation: journal.generation as number, revision: journal.revision as number } : { generation: 0, revision: 0 } };
}

/** The snapshot plus its journal, replayed; what was dropped or set aside is in `notes`. */
interface Replayed {
  data: ProjectData;
  /** `data` indexed (what the replay applied the journal to), so the store does not index it again. */
  state: IndexedProject;
  revision: number;
  /** The journal new entries go to: its generation, bytes and lines (null: create `generation`). */
  tail: { gen: number; bytes: number; lines: number; truncate: boolean } | null;
  generation: number;
  notes: string[];
  /** Journal files to move aside (damage: kept byte for byte), and stale ones to delete. */
  aside: number[];
  stale: number[];
}

/**
 * Replay every journal from the snapshot's generation on. A torn last line is dropped (it was
 * never acknowledged); a bad line with data after it is damage: the state stops before it and that
 * journal and the later ones are set aside unchanged.
 */
async function replayJournals(dir: string, snapshot: ProjectData, marker: SnapshotMarker): Promise<Replayed> {
  const gens = await listJournals(dir);
  const stale = gens.filter((g) => g < marker.generation);
  const live = gens.filter((g) => g >= marker.generation);
  const state = IndexedProject.from(snapshot);
  let revision = marker.revision;
  const notes: string[] = [];
  let tail: Replayed['tail'] = null;
  let aside: number[] = [];
  let applied = 0;
  for (const [i, gen] of live.entries()) {
    const r = await readJournal(dir, gen, revision);
    const last = i === live.length - 1;
    let stop = false;
    for (const e of r.entries) {
      const v = validateChange(state, e.changes);
      if (!v.ok) {
        r.damage = `${journalName(gen)} entry ${e.seq}: ${v.error.message}`;
        break;
      }
      state.apply(e.changes);
      revision = e.seq;
      applied++;
    }
    if (r.torn && !last) r.damage = r.torn;
    if (r.damage) {
      aside = live.slice(i);
      notes.push(
        `The journal is damaged at ${r.damage}. The project was opened as of the last intact change before it (revision ${revision}); ${aside.map((g) => journalName(g)).join(', ')} ${aside.length > 1 ? 'are' : 'is'} kept unchanged beside it.`,
      );
      stop = true;
    } else if (r.torn) {
      notes.push(`The last change in the journal (${r.torn}) was incomplete: it was never saved or acknowledged, and was dropped.`);
    }
    if (stop) break;
    if (last) tail = { gen, bytes: r.goodBytes, lines: r.entries.length, truncate: r.goodBytes !== r.size };
  }
  let data = applied > 0 ? state.toData() : snapshot;
  if (applied === 0) state.adopt(snapshot);
  if (applied > 0) {
    const valid = validateProjectData(data);
    if (!valid.ok) {
      aside = live;
      tail = null;
      data = snapshot;
      revision = marker.revision;
      notes.push(`Replaying the journal gave an invalid project (${valid.error.message}); the project was opened as saved in ${PROJECT_FILE}, and the journal files are kept unchanged beside it.`);
    }
  }
  const generation = Math.max(marker.generation, ...gens.map((g) => g + 1));
  return { data, state, revision, tail, generation: tail ? tail.gen : generation, notes, aside, stale };
}

/** Rename journal files aside as `<name>.damaged-<time>` (bytes untouched). */
async function keepAside(dir: string, gens: number[]): Promise<void> {
  for (const g of gens) {
    const base = `${journalName(g)}.damaged-${stamp()}`;
    let name = base;
    for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}`;
    await rename(join(dir, journalName(g)), join(dir, name));
  }
  if (gens.length > 0) await syncDir(dir);
}

async function openLocked(dir: string, mainPath: string, lock: ProjectLock | null, readOnlyReason: string, messages: string[], options: OpenOptions): Promise<Result<OpenedProject>> {
  const bytes = await readProjectBytes(mainPath);
  let identity = await fileIdentity(mainPath);
  const outcome = bytes === null ? ({ kind: 'damaged', problem: 'the file is missing' } as const) : interpretProjectBytes(bytes, options.migrations ? { migrations: options.migrations } : {});
  const sources = await SourceFiles.load(dir);
  /** A store over `data` at `revision`; writable ones append to `tail` (or a new journal of `generation`). */
  const make = async (data: ProjectData, writable: boolean, revision: number, generation: number, tail: Replayed['tail'] = null, reason = readOnlyReason, state?: IndexedProject): Promise<OpenedProject> => {
    let writer: StoreParts['writer'] = null;
    if (writable && lock) {
      if (tail?.truncate) {
        const h = await open(join(dir, journalName(tail.gen)), 'r+');
        try {
          await h.truncate(tail.bytes);
          await h.datasync();
        } finally {
          await h.close();
        }
      }
      const journal = await JournalWriter.open(dir, tail ? tail.gen : generation, tail?.bytes ?? 0, tail?.lines ?? 0);
      if (!tail) await syncDir(dir);
      writer = { snapshotPath: mainPath, identity, journal, lock, snapshotBytes: bytes?.length ?? 0 };
    }
    const store = new ProjectStore({ dir, data, sources, writer, revision, readOnlyReason: reason, ...(state ? { state } : {}) });
    return { store, messages: [...messages, ...integrityNotes(data, sources)] };
  };

  if (outcome.kind === 'newer') {
    const what = `${PROJECT_FILE} was written by a newer Casecoder (schema ${outcome.version}; this version understands up to ${SCHEMA_VERSION})`;
    if (!outcome.data) return err('newer-version', `${what} and its content cannot be shown: ${outcome.problem}`);
    messages.push(`Opened read-only: ${what}. Nothing will be saved; update Casecoder to edit this project.`);
    const { data, marker } = splitMarker(outcome.data);
    return ok(await make(data, false, marker.revision, marker.generation, null, `${what}; it is never written by this version`));
  }

  if (outcome.kind === 'current') {
    const { data: snapshot, marker } = splitMarker(outcome.data);
    const replayed = await replayJournals(dir, snapshot, marker);
    messages.push(...replayed.notes);
    if (!lock) {
      if (outcome.steps.length > 0) messages.push(`Shown migrated from schema ${outcome.fromVersion} in memory only; the file was not changed (read-only).`);
      return ok(await make(replayed.data, false, replayed.revision, replayed.generation, null, readOnlyReason, replayed.state));
    }
    await removeLeftoverTemps(dir);
    for (const g of replayed.stale) await unlink(join(dir, journalName(g))).catch(() => undefined);
    await keepAside(dir, replayed.aside);
    const raw = bytes as Buffer;
    if (outcome.steps.length > 0) {
      const saved = await writeBackup(dir, raw, `pre-migration-v${outcome.fromVersion}`);
      const opened = await make(replayed.data, true, replayed.revision, replayed.generation, replayed.tail, readOnlyReason, replayed.state);
      const committed = await opened.store.compact();
      if (!committed.ok) return committed;
      opened.messages.unshift(`Upgraded the project from schema ${outcome.fromVersion} to ${SCHEMA_VERSION} (${outcome.steps.join('; ')}); the original is kept as ${BACKUP_DIR}/${basenameOf(saved)}.`);
      return ok(opened);
    }
    await writeBackup(dir, raw, 'open', { dedupe: true });
    const opened = await make(replayed.data, true, replayed.revision, replayed.generation, replayed.tail, readOnlyReason, replayed.state);
    if (replayed.aside.length > 0) {
      // Damage was set aside: write the recovered state as the new snapshot at once.
      const committed = await opened.store.compact();
      if (!committed.ok) return committed;
    }
    return ok(opened);
  }

  // Damaged or missing: find a usable backup before touching anything.
  const { found, skipped } = await findNewestUsableBackup(dir, options.migrations ? { migrations: options.migrations } : {});
  const problem = bytes === null ? `${PROJECT_FILE} is missing` : `${PROJECT_FILE} is damaged (${outcome.problem})`;
  if (!found) {
    const tried = skipped.length > 0 ? ` (unusable backups: ${skipped.slice(0, 3).join('; ')}${skipped.length > 3 ? '; …' : ''})` : '';
    return err('corrupt', `${problem} and no usable backup exists in ${BACKUP_DIR}/${tried}; nothing was changed`, { skipped });
  }
  const savedAt = new Date(found.ref.time).toISOString();
  const { data: restored, marker } = splitMarker(found.outcome.data);
  const gens = await listJournals(dir);
  if (!lock) {
    messages.push(`${problem}; showing backup ${found.ref.name} (saved ${savedAt}) read-only. Nothing was repaired: ${readOnlyReason}.`);
    return ok(await make(restored, false, marker.revision, marker.generation));
  }
  let keptAs = '';
  if (bytes !== null) {
    keptAs = await moveAside(dir);
    identity = null;
  }
  // The journals belong to the damaged snapshot: never replayed onto the backup; kept beside it unless empty.
  const withEntries: number[] = [];
  for (const g of gens) {
    const size = (await stat(join(dir, journalName(g))).catch(() => null))?.size ?? 0;
    if (size > 0) withEntries.push(g);
    else await unlink(join(dir, journalName(g))).catch(() => undefined);
  }
  await keepAside(dir, withEntries);
  await writeFileDurably(mainPath, found.outcome.steps.length === 0 ? found.bytes : snapshotText(restored, marker));
  identity = await fileIdentity(mainPath);
  const opened = await make(restored, true, marker.revision, marker.generation);
  const kept = keptAs ? ` The damaged file is kept unchanged as ${keptAs}${withEntries.length > 0 ? `, and its journal as ${withEntries.map((g) => `${journalName(g)}.damaged-…`).join(', ')}` : ''}.` : '';
  opened.messages.unshift(`${problem}. Restored the newest usable backup, ${BACKUP_DIR}/${found.ref.name} (saved ${savedAt}); changes made after it are not in the project.${kept}`);
  return ok(opened);
}

function basenameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Rename `casecoder.json` to an unused `casecoder.json.damaged-<time>[-n]` (bytes untouched) and make it durable. */
async function moveAside(dir: string): Promise<string> {
  const base = `${PROJECT_FILE}.damaged-${stamp()}`;
  let name = base;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}`;
  await rename(join(dir, PROJECT_FILE), join(dir, name));
  await syncDir(dir);
  return name;
}

/**
 * Create a new project folder holding `data` (validated) and open it writable. `dir` may be
 * missing or an existing folder; a folder that already holds a `casecoder.json` is refused
 * (`conflict`), and nothing is overwritten.
 */
export async function createProjectFolder(dir: string, data: ProjectData): Promise<Result<OpenedProject>> {
  const abs = resolve(dir);
  const valid = validateProjectData(data);
  if (!valid.ok) return err('invalid', `cannot create a project from invalid data: ${valid.error.message}`, valid.error.details);
  if (isProjectDir(abs)) return err('conflict', `${abs} already holds a Casecoder project`);
  let lock: ProjectLock | null = null;
  try {
    const info = await stat(abs).catch(() => null);
    if (info && !info.isDirectory()) return err('invalid', `${abs} exists and is not a folder`);
    const created = await mkdir(abs, { recursive: true });
    if (created) await syncDir(dirname(created));
    const attempt = await acquireProjectLock(abs);
    if (!attempt.acquired) return err('locked', `cannot create a project in ${abs}: it is ${attempt.message}`);
    lock = attempt.lock;
    const mainPath = join(abs, PROJECT_FILE);
    try {
      await writeFileDurably(mainPath, snapshotText(data, { generation: 0, revision: 0 }), { exclusive: true });
    } catch (e) {
      await lock.release();
      if (errnoCode(e) === 'EEXIST') return err('conflict', `${abs} already holds a Casecoder project`);
      throw e;
    }
    const sources = await SourceFiles.load(abs);
    const journal = await JournalWriter.open(abs, 0);
    await syncDir(abs);
    const identity = await fileIdentity(mainPath);
    const store = new ProjectStore({ dir: abs, data, sources, writer: { snapshotPath: mainPath, identity, journal, lock, snapshotBytes: identity?.size ?? 0 }, revision: 0, readOnlyReason: '' });
    return ok({ store, messages: [] });
  } catch (e) {
    await lock?.release();
    return err('io', `could not create a project in ${abs}: ${message(e)}`);
  }
}
