/**
 * `backups/`: rotated, durably written, read-back-verified copies of `casecoder.json`.
 *
 * Names and retention come from core (`persistence/retention.ts`). A backup is only ever made of
 * bytes that were judged valid (the pipeline in `persistence/load.ts`), and is read back and
 * compared byte for byte after writing, so every kept backup is a good one.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { backupFileName, backupsToPrune, DEFAULT_RETENTION, newestFirst, parseBackupFileName, type BackupRef, type RetentionPolicy } from '../../core/persistence/retention.js';
import { interpretProjectText, type LoadOptions, type LoadOutcome } from '../../core/persistence/load.js';
import { errnoCode, syncDir, writeFileDurably } from './durable-write.js';

/** Folder of backups inside a project folder. */
export const BACKUP_DIR = 'backups';

/** Backups of a project, newest first (files not named by us are ignored). */
export async function listBackups(projectDir: string): Promise<BackupRef[]> {
  let names: string[];
  try {
    names = await readdir(join(projectDir, BACKUP_DIR));
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return [];
    throw e;
  }
  return newestFirst(names.map(parseBackupFileName).filter((b): b is BackupRef => b !== null));
}

/** Options for {@link writeBackup}. */
export interface BackupOptions {
  /** Return the newest backup instead of writing a new one when it holds the same bytes. */
  dedupe?: boolean;
  policy?: RetentionPolicy;
  /** Clock, for tests of retention (defaults to Date.now). */
  now?: number;
}

/**
 * Durably write `bytes` as a new backup, verify it by reading it back, prune by the retention
 * policy, and return the backup's absolute path. Throws on I/O errors or a failed verification.
 */
export async function writeBackup(projectDir: string, bytes: Uint8Array, reason: string, options: BackupOptions = {}): Promise<string> {
  const dir = join(projectDir, BACKUP_DIR);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const existing = await listBackups(projectDir);
  const newest = existing[0];
  if (options.dedupe && newest && newest.hash === sha.slice(0, 12)) {
    const path = join(dir, newest.name);
    if (await sameBytes(path, bytes)) return path;
  }
  const created = await mkdir(dir, { recursive: true });
  if (created) await syncDir(projectDir);
  const name = backupFileName(options.now ?? Date.now(), reason, sha);
  const path = join(dir, name);
  try {
    await writeFileDurably(path, bytes, { exclusive: true });
  } catch (e) {
    // The same name means the same millisecond, reason and content: that backup already exists.
    if (errnoCode(e) !== 'EEXIST') throw e;
  }
  if (!(await sameBytes(path, bytes))) throw new Error(`backup ${name} does not read back as written`);
  await pruneBackups(projectDir, options.policy ?? DEFAULT_RETENTION, name);
  return path;
}

async function sameBytes(path: string, bytes: Uint8Array): Promise<boolean> {
  const back = await readFile(path).catch(() => null);
  return back !== null && back.length === bytes.length && Buffer.compare(back, bytes) === 0;
}

/** Delete the backups the policy does not keep; never the one just written. Errors are ignored (retention is housekeeping). */
export async function pruneBackups(projectDir: string, policy: RetentionPolicy, protect?: string): Promise<string[]> {
  const all = await listBackups(projectDir).catch(() => []);
  const removed: string[] = [];
  for (const b of backupsToPrune(all, policy)) {
    if (b.name === protect) continue;
    await unlink(join(projectDir, BACKUP_DIR, b.name)).then(
      () => removed.push(b.name),
      () => undefined,
    );
  }
  return removed;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** {@link interpretProjectText} on raw bytes; bytes that are not valid UTF-8 are damage (no silent U+FFFD). */
export function interpretProjectBytes(bytes: Uint8Array, options: LoadOptions = {}): LoadOutcome {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { kind: 'damaged', problem: 'not valid UTF-8 text' };
  }
  return interpretProjectText(text, options);
}

/** A backup that loads, with what it loaded to. */
export interface UsableBackup {
  ref: BackupRef;
  path: string;
  bytes: Buffer;
  outcome: Extract<LoadOutcome, { kind: 'current' }>;
}

/**
 * The newest backup that loads at the current schema (migrating older ones), plus one line per
 * newer backup that was skipped and why. Backups from a newer build are skipped, never used.
 */
export async function findNewestUsableBackup(projectDir: string, options: LoadOptions = {}): Promise<{ found: UsableBackup | null; skipped: string[] }> {
  const skipped: string[] = [];
  for (const ref of await listBackups(projectDir)) {
    const path = join(projectDir, BACKUP_DIR, ref.name);
    const bytes = await readFile(path).catch(() => null);
    if (bytes === null) {
      skipped.push(`${ref.name}: unreadable`);
      continue;
    }
    const outcome = interpretProjectBytes(bytes, options);
    if (outcome.kind === 'current') return { found: { ref, path, bytes, outcome }, skipped };
    skipped.push(`${ref.name}: ${outcome.kind === 'damaged' ? outcome.problem : `written by a newer Casecoder (schema ${outcome.version})`}`);
  }
  return { found: null, skipped };
}
