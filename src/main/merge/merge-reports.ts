/**
 * Merge reports on disk: `merges/<id>.json` inside the project folder, written durably (temp file,
 * fsync, exclusive link or rename, directory fsync) so that what a merge kept aside is never lost.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MergeReport } from '../../core/merge/types.js';
import { err, ok, type Result } from '../../core/model/result.js';
import { errnoCode, writeFileDurably } from '../store/durable-write.js';

/** Folder of merge reports inside a project folder. */
export const MERGES_DIR = 'merges';

const ID = /^[0-9A-Za-z_-]{1,64}$/;

/** A sortable report id from a time, e.g. `20250301T101500123Z`. */
export function reportIdFor(at: string): string {
  return at.replace(/[-:.]/g, '');
}

function pathOf(dir: string, id: string): Result<string> {
  if (!ID.test(id)) return err('invalid', `Not a merge report id: ${id}`);
  return ok(join(dir, MERGES_DIR, `${id}.json`));
}

/**
 * Write a new report durably; never replaces an existing one (a clash on the id gets a suffix).
 * Returns the report as written (its id may have changed).
 */
export async function writeNewMergeReport(dir: string, report: MergeReport): Promise<Result<MergeReport>> {
  try {
    await mkdir(join(dir, MERGES_DIR), { recursive: true });
    for (let n = 0; n < 100; n++) {
      const id = n === 0 ? report.id : `${report.id}-${n}`;
      const p = pathOf(dir, id);
      if (!p.ok) return p;
      const next = { ...report, id };
      try {
        await writeFileDurably(p.value, JSON.stringify(next, null, 1) + '\n', { exclusive: true });
        return ok(next);
      } catch (e) {
        if (errnoCode(e) !== 'EEXIST') throw e;
      }
    }
    return err('io', 'Could not find a free name for the merge report');
  } catch (e) {
    return err('io', `Could not write the merge report: ${(e as Error).message}`);
  }
}

/** Replace an existing report (e.g. to mark it resolved). */
export async function replaceMergeReport(dir: string, report: MergeReport): Promise<Result<MergeReport>> {
  const p = pathOf(dir, report.id);
  if (!p.ok) return p;
  try {
    await writeFileDurably(p.value, JSON.stringify(report, null, 1) + '\n');
    return ok(report);
  } catch (e) {
    return err('io', `Could not write the merge report: ${(e as Error).message}`);
  }
}

/** Read one report. */
export async function readMergeReport(dir: string, id: string): Promise<Result<MergeReport>> {
  const p = pathOf(dir, id);
  if (!p.ok) return p;
  try {
    const value = JSON.parse(await readFile(p.value, 'utf8')) as MergeReport;
    if (value?.format !== 'casecoder-merge-report') return err('corrupt', `${id}.json is not a merge report`);
    return ok(value);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return err('not-found', `No merge report ${id}`);
    return err('corrupt', `Merge report ${id} cannot be read: ${(e as Error).message}`);
  }
}

/** Every readable report, newest first (unreadable files are skipped). */
export async function listMergeReports(dir: string): Promise<MergeReport[]> {
  const names = await readdir(join(dir, MERGES_DIR)).catch(() => [] as string[]);
  const out: MergeReport[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const r = await readMergeReport(dir, name.slice(0, -5));
    if (r.ok) out.push(r.value);
  }
  return out.sort((a, b) => b.id.localeCompare(a.id));
}
