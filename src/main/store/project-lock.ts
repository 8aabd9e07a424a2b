/**
 * The single-writer lock of a project folder: `.lock`, holding `{pid, host, time, instance}`.
 *
 * - Created atomically with its content (temp file + hard link, which fails if `.lock` exists),
 *   so a crash can never leave an empty lock behind.
 * - A lock is stale when it names this host and a pid that no longer runs; it is then taken over
 *   (moved aside, checked that what was moved is the stale lock, removed, and re-created).
 * - A lock from another host cannot be checked and is respected; the user can delete `.lock`.
 * - Release removes `.lock` only if it is still ours.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFile, stat, unlink, rename, link, writeFile, open } from 'node:fs/promises';
import { errnoCode } from './durable-write.js';

/** Name of the lock file inside a project folder. */
export const LOCK_FILE = '.lock';

/** Who holds a project. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  time: string;
  /** Random id of the holding store instance (a process may open several projects). */
  instance: string;
}

/** Outcome of {@link acquireProjectLock}. */
export type LockAttempt = { acquired: true; lock: ProjectLock; tookOverFrom: LockHolder | null } | { acquired: false; holder: LockHolder | null; message: string };

/** A held lock. */
export class ProjectLock {
  constructor(
    readonly path: string,
    readonly holder: LockHolder,
  ) {}

  /** Remove `.lock` if it still names this instance. Never throws. */
  async release(): Promise<void> {
    const current = await readHolder(this.path);
    if (current?.instance === this.holder.instance) await unlink(this.path).catch(() => undefined);
  }
}

/** "pid 123 on host lab-7 since 2026-…" */
export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on host ${h.host} since ${h.time}`;
}

/** True when a process with this pid exists on this machine (EPERM means it exists but is not ours). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.time === 'string' && typeof v.instance === 'string') return v as LockHolder;
  } catch {
    /* unreadable lock: handled by the caller */
  }
  return null;
}

async function readHolder(path: string): Promise<LockHolder | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  return text === null ? null : parseHolder(text);
}

/** Create `path` with `text` atomically, failing with EEXIST if it exists. */
async function createWithContent(path: string, text: string): Promise<void> {
  const tmp = `${path}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    await link(tmp, path);
  } catch (e) {
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(errnoCode(e) ?? '')) throw e;
    // No hard links here: exclusive create, then write (a crash in between leaves an unreadable lock, see isStale).
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Unreadable locks older than this are treated as stale (they can only come from a crash mid-create or a hand edit). */
const UNREADABLE_STALE_MS = 10_000;

async function isStale(path: string, holder: LockHolder | null): Promise<boolean> {
  if (holder) return holder.host === hostname() && !processAlive(holder.pid);
  const info = await stat(path).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > UNREADABLE_STALE_MS;
}

/**
 * Try to take the lock of `dir`. Never throws for a held lock; throws only on I/O errors such as
 * a read-only folder (callers map that to a read-only open).
 */
export async function acquireProjectLock(dir: string): Promise<LockAttempt> {
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), time: new Date().toISOString(), instance: randomBytes(8).toString('hex') };
  const text = JSON.stringify(me);
  let tookOverFrom: LockHolder | null = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      await createWithContent(path, text);
      return { acquired: true, lock: new ProjectLock(path, me), tookOverFrom };
    } catch (e) {
      if (errnoCode(e) !== 'EEXIST') throw e;
    }
    const seenText = await readFile(path, 'utf8').catch(() => null);
    if (seenText === null) continue; // released meanwhile: try again
    const holder = parseHolder(seenText);
    if (!(await isStale(path, holder))) {
      const who = holder ? describeHolder(holder) : 'an unknown process (unreadable .lock)';
      return { acquired: false, holder, message: `in use by ${who} (if that process is no longer running, delete ${path})` };
    }
    // Take over: move the stale lock aside, and make sure what we moved is the lock we judged stale.
    const aside = `${path}.stale-${me.instance}`;
    try {
      await rename(path, aside);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') continue;
      throw e;
    }
    const movedText = await readFile(aside, 'utf8').catch(() => null);
    if (movedText !== seenText) {
      // Another opener replaced the stale lock between our read and our rename: put its lock back.
      await link(aside, path).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      continue;
    }
    await unlink(aside).catch(() => undefined);
    tookOverFrom = holder;
  }
  return { acquired: false, holder: null, message: 'in use: its lock kept changing while this process tried to take it' };
}
