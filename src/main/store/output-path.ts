/**
 * The one check every output path goes through (CLI writes, the service's export operations,
 * `merge.exportCoder`): a file may be written anywhere except inside a Casecoder project folder,
 * where only an `exports/` subfolder is allowed. The check runs on the real path (symlinks, `..`,
 * `//` and `.` resolved), so no spelling of `casecoder.json`, `sources/`, `backups/`, `.lock`, the
 * journal or any other file of the store can be overwritten by an export.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import { err, ok, type Result } from '../../core/model/result.js';
import { parseBackupFileName } from '../../core/persistence/retention.js';
import { BACKUP_DIR } from './backups.js';
import { PROJECT_FILE } from './open-project.js';
import { LOCK_FILE } from './project-lock.js';

/** The one subfolder of a project folder that exports may write into. */
export const EXPORTS_DIR = 'exports';

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** True when `dir` holds a project, or what is left of one (a lock, or backups we wrote). */
export function looksLikeProjectFolder(dir: string): boolean {
  if (exists(join(dir, PROJECT_FILE)) || exists(join(dir, LOCK_FILE))) return true;
  const backups = join(dir, BACKUP_DIR);
  if (!isDir(backups)) return false;
  try {
    return readdirSync(backups).some((n) => parseBackupFileName(n) !== null);
  } catch {
    return false;
  }
}

/**
 * The real path `p` names: the deepest part that exists is resolved by the file system (every
 * symlink followed), the rest appended (it does not exist, so it holds no links).
 */
export function realTarget(p: string): string {
  let head = resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      const real = realpathSync(head);
      return tail.length ? join(real, ...tail.reverse()) : real;
    } catch {
      const parent = dirname(head);
      if (parent === head) return resolve(p);
      tail.push(basename(head));
      head = parent;
    }
  }
}

/**
 * Check an output path given by a user or a caller. Returns the real absolute path to write, or a
 * `usage` error naming `field` when the path is empty, holds a NUL, names a folder, or falls inside
 * a project folder anywhere but its `exports/` subfolder.
 */
export function checkOutputPath(path: unknown, field = 'outPath'): Result<string> {
  if (typeof path !== 'string' || path.trim() === '') return err('usage', `${field}: name the file to write`);
  if (path.includes('\0')) return err('usage', `${field}: a file name cannot contain NUL`);
  const target = realTarget(path);
  if (isDir(target)) return err('usage', `${field}: ${path} is a folder; name a file`);
  const root = parse(target).root;
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    if (looksLikeProjectFolder(dir)) {
      const parts = relative(dir, target).split(sep);
      if (parts.length >= 2 && parts[0]?.toLowerCase() === EXPORTS_DIR) return ok(target);
      return err('usage', `${field}: refusing to write ${target}: it is inside the Casecoder project folder ${dir}, whose files only Casecoder writes. ` + `Write exports outside the project or under ${join(dir, EXPORTS_DIR)}${sep}`);
    }
    if (dir === root) break;
  }
  return ok(target);
}
