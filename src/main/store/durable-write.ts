/**
 * Durable whole-file replacement: unique temp file (`wx`) → write → fsync → close → rename over
 * the target → fsync the directory. When the returned promise resolves, the new content survives
 * a process crash and (given an honest disk) a power loss; until then the old content is intact.
 *
 * lowdb's own writer (steno) uses a fixed temp name and never fsyncs; see
 * research/reliability-security.md §2.1. The file-system calls go through {@link FsOps} so a test
 * can record their order or inject faults.
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file-system calls the durable writer makes (node:fs/promises by default). */
export interface FsOps {
  open(path: string, flags: string): Promise<fsp.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  unlink(path: string): Promise<void>;
  access(path: string): Promise<void>;
}

/** The real file system. */
export const nodeFsOps: FsOps = {
  open: (p, flags) => fsp.open(p, flags),
  rename: (a, b) => fsp.rename(a, b),
  link: (a, b) => fsp.link(a, b),
  unlink: (p) => fsp.unlink(p),
  access: (p) => fsp.access(p),
};

/** Error code of a Node system error, or undefined. */
export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}

/** Prefix of every temp file this module creates next to `target`; used to clean up after crashes. */
export function tempPrefix(target: string): string {
  return `.${basename(target)}.tmp-`;
}

function tempPath(target: string): string {
  return join(dirname(target), `${tempPrefix(target)}${process.pid}-${randomBytes(6).toString('hex')}`);
}

const isWindows = process.platform === 'win32';

/**
 * fsync a directory so a rename or create inside it is durable. On Windows directories cannot be
 * flushed through a read handle (EPERM/EISDIR), and NTFS journals metadata, so it is best-effort there.
 */
export async function syncDir(dir: string, ops: FsOps = nodeFsOps): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await ops.open(dir, 'r');
    await handle.sync();
  } catch (e) {
    if (!(isWindows && ['EPERM', 'EISDIR', 'EINVAL', 'EBADF', 'EACCES'].includes(errnoCode(e) ?? ''))) throw e;
  } finally {
    await handle?.close();
  }
}

/** rename, retried on Windows where scanners and indexers briefly hold files open. */
async function renameWithRetry(from: string, to: string, ops: FsOps): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await ops.rename(from, to);
      return;
    } catch (e) {
      const transient = isWindows && ['EPERM', 'EBUSY', 'EACCES'].includes(errnoCode(e) ?? '');
      if (!transient || attempt >= 12) throw e;
      await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 1000)));
    }
  }
}

/** Write `data` to a fresh temp file beside `target`, fsync and close it. Returns the temp path. */
async function writeSyncedTemp(target: string, data: string | Uint8Array, ops: FsOps): Promise<string> {
  const tmp = tempPath(target);
  const handle = await ops.open(tmp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await ops.unlink(tmp).catch(() => undefined);
    throw e;
  }
  try {
    await handle.close();
  } catch (e) {
    await ops.unlink(tmp).catch(() => undefined);
    throw e;
  }
  return tmp;
}

/** Options for {@link writeFileDurably}. */
export interface DurableWriteOptions {
  /** Refuse (EEXIST) when the target already exists instead of replacing it. */
  exclusive?: boolean;
  ops?: FsOps;
}

/**
 * Durably write `data` to `target`, replacing it atomically (or, with `exclusive`, creating it
 * and never replacing an existing file). Throws the underlying system error on failure, after
 * removing its temp file; `target` is then untouched.
 */
export async function writeFileDurably(target: string, data: string | Uint8Array, options: DurableWriteOptions = {}): Promise<void> {
  const ops = options.ops ?? nodeFsOps;
  const tmp = await writeSyncedTemp(target, data, ops);
  try {
    // A replaced file keeps its permissions (a 0444 or 0600 file does not come back 0644).
    if (!options.exclusive) {
      const mode = await fsp.stat(target).then(
        (st) => st.mode & 0o7777,
        () => null,
      );
      if (mode !== null) await fsp.chmod(tmp, mode);
    }
    if (options.exclusive) await linkExclusive(tmp, target, ops);
    else await renameWithRetry(tmp, target, ops);
  } catch (e) {
    await ops.unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dirname(target), ops);
}

/**
 * Give `tmp` the name `target` only if `target` does not exist: a hard link fails with EEXIST
 * atomically. File systems without hard links (FAT, some network shares) fall back to an
 * existence check and a rename, which is safe under the project's single-writer lock.
 */
async function linkExclusive(tmp: string, target: string, ops: FsOps): Promise<void> {
  try {
    await ops.link(tmp, target);
    await ops.unlink(tmp);
    return;
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'EEXIST') throw e;
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP', 'EXDEV', 'EMLINK'].includes(code ?? '')) throw e;
  }
  const exists = await ops.access(target).then(
    () => true,
    () => false,
  );
  if (exists) throw Object.assign(new Error(`EEXIST: file already exists, ${target}`), { code: 'EEXIST' });
  await renameWithRetry(tmp, target, ops);
}
