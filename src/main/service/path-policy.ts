/**
 * Which paths an operation may touch, by transport. Applied at the service's single entry to every
 * path argument (found through the argument schemas, see `pathArguments`), so no operation can
 * forget it:
 * - **cli**: paths as given; output paths pass {@link checkOutputPath} (never into a project's files).
 * - **browser**: no file is read or written by path (imports are uploads, exports are downloads);
 *   folders (a project to open, create or merge from) only under the roots (home by default, `casecoder web --root` to widen), hidden
 *   folders excluded, or folders granted (the one the server was started on).
 * - **desktop** (Electron): the renderer never names a path: project folders only when granted,
 *   i.e. chosen by the user in a native dialog of the main process or opened before (recent).
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, relative, sep } from 'node:path';
import { err, ok, type Result } from '../../core/model/result.js';
import type { PathArgument } from '../../shared/api-schemas.js';
import { checkOutputPath, realTarget } from '../store/output-path.js';

/** How a transport's paths are confined. */
export interface PathPolicy {
  mode: 'cli' | 'browser' | 'desktop';
  /** Browser mode: real paths of the folders the picker may browse and projects may live in. */
  roots: string[];
  /** Real paths of folders the user chose (dialogs, the folder given at start, recent projects). */
  granted: Set<string>;
}

/** The CLI's policy: paths as given, output paths checked. */
export function cliPolicy(): PathPolicy {
  return { mode: 'cli', roots: [], granted: new Set() };
}

/** Browser mode's policy: `roots` (default: the home folder), resolved to real paths. */
export function browserPolicy(roots: string[] = [homedir()]): PathPolicy {
  return { mode: 'browser', roots: roots.map((r) => realTarget(r)), granted: new Set() };
}

/** Electron's policy: nothing but granted folders. */
export function desktopPolicy(): PathPolicy {
  return { mode: 'desktop', roots: [], granted: new Set() };
}

/** Record that the user chose `dir` (a native dialog, the folder browser mode was started on). */
export function grantFolder(policy: PathPolicy, dir: string): void {
  policy.granted.add(realTarget(dir));
}

/** The root `real` lies in (itself or below), when no segment below the root is hidden; else null. */
export function rootOf(policy: PathPolicy, real: string): string | null {
  for (const root of policy.roots) {
    const rel = relative(root, real);
    if (rel === '') return root;
    if (rel.startsWith('..') || isAbsolute(rel)) continue;
    if (rel.split(sep).some((part) => part.startsWith('.'))) return null;
    return root;
  }
  return null;
}

function projectDirAllowed(policy: PathPolicy, value: string): boolean {
  if (!isAbsolute(value)) return false;
  const real = realTarget(value);
  // A folder, or one still to be created: never an existing file (files arrive as uploads).
  if (existsSync(real) && !statSync(real).isDirectory()) return false;
  if (policy.granted.has(real)) return true;
  if (policy.mode !== 'browser') return false;
  // A folder to create need not exist yet: `realTarget` resolved its deepest existing ancestor.
  return rootOf(policy, real) !== null;
}

/**
 * Check every path argument of one call under `policy`. Returns the arguments to run with (output
 * paths of the CLI replaced by their checked real path), or a `usage` error naming the field.
 */
export function confinePaths(policy: PathPolicy, op: string, paths: PathArgument[]): Result<Map<string, string>> {
  const replaced = new Map<string, string>();
  for (const p of paths) {
    if (policy.mode === 'cli') {
      if (p.kind === 'write') {
        const checked = checkOutputPath(p.value, `${op}: ${p.field}`);
        if (!checked.ok) return checked;
        replaced.set(p.field, checked.value);
      }
      continue;
    }
    const where = policy.mode === 'browser' ? 'In browser mode' : 'In the desktop app';
    if (p.kind === 'read') return err('usage', `${op}: ${p.field}: ${where} files are not read by path; upload the file instead`);
    if (p.kind === 'write') return err('usage', `${op}: ${p.field}: ${where} exports are not written to a path; they are downloaded`);
    if (!projectDirAllowed(policy, p.value)) {
      return err(
        'usage',
        policy.mode === 'browser'
          ? `${op}: ${p.field}: choose a project folder inside ${policy.roots.join(' or ')} with the folder picker (hidden folders are not offered; start with --root to allow another folder)`
          : `${op}: ${p.field}: choose the project folder in the Open or New dialog`,
      );
    }
  }
  return ok(replaced);
}
