import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatFromExtension } from '../../core/import/detect.js';

/** Most files one folder import may bring in (a guard against pointing at a whole disk). */
export const MAX_FOLDER_FILES = 5000;

/** A path given by the user, resolved to the files to import, or the reason it yields none. */
export interface ExpandedPath {
  /** The path as given (a file or a folder). */
  given: string;
  files: string[];
  /** Set when a folder yields no file, or too many. */
  error?: string;
}

/** True for a file an import of a folder picks up: a known document extension, not hidden. */
export function isImportableName(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('~$')) return false;
  const ext = path.extname(name);
  return ext ? formatFromExtension(ext) !== null : false;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const e of entries) {
    if (out.length > MAX_FOLDER_FILES) return;
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    // Symbolic links are not followed inside a folder (no loops, nothing outside the folder).
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && isImportableName(e.name)) out.push(p);
  }
}

/**
 * Expand the paths of an import: a file stays itself (whatever its extension: the importer judges
 * it and reports why it cannot be read); a folder becomes its importable files, recursively, in
 * natural name order, skipping hidden files and symbolic links. Never throws.
 */
export async function expandImportPaths(paths: readonly string[]): Promise<ExpandedPath[]> {
  const out: ExpandedPath[] = [];
  for (const given of paths) {
    let isDir = false;
    try {
      isDir = (await lstat(given)).isDirectory();
    } catch {
      // Missing or unreadable: the importer reports it for the file itself.
    }
    if (!isDir) {
      out.push({ given, files: [given] });
      continue;
    }
    const files: string[] = [];
    try {
      await walk(given, files);
    } catch (e) {
      out.push({ given, files: [], error: `The folder ${path.basename(given)} could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).` });
      continue;
    }
    if (files.length > MAX_FOLDER_FILES) out.push({ given, files: [], error: `The folder ${path.basename(given)} holds more than ${MAX_FOLDER_FILES} importable files; import its subfolders one by one.` });
    else if (files.length === 0) out.push({ given, files: [], error: `The folder ${path.basename(given)} has no files Casecoder can import (.md, .txt, .html, .docx, .pdf).` });
    else out.push({ given, files });
  }
  return out;
}
