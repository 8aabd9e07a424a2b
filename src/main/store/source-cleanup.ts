/**
 * Removing content files (`sources/<id>.json`) that nothing references any more: the document was
 * removed (an undone import, say) and no backup holds it either, so no restore can need it. Kept
 * apart from the store so the journal's compaction can call it too; the store calls it on close.
 */
import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectData } from '../../core/model/types.js';
import { BACKUP_DIR } from './backups.js';
import { syncDir } from './durable-write.js';
import { SOURCES_DIR } from './source-files.js';

/** Delete the unreferenced content files of the project in `dir` whose state is `data`; returns their ids. */
export async function removeUnreferencedSources(dir: string, data: ProjectData): Promise<string[]> {
  const folder = join(dir, SOURCES_DIR);
  const names = await readdir(folder).catch(() => [] as string[]);
  const used = new Set(data.documents.map((d) => d.id));
  let candidates = names
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .map((n) => n.slice(0, -5))
    .filter((id) => !used.has(id));
  if (candidates.length === 0) return [];
  // A backup that still lists a document keeps its text: restoring that backup must find it.
  const backups = await readdir(join(dir, BACKUP_DIR)).catch(() => [] as string[]);
  for (const b of backups) {
    if (candidates.length === 0) break;
    const text = await readFile(join(dir, BACKUP_DIR, b), 'utf8').catch(() => '');
    candidates = candidates.filter((id) => !text.includes(`"${id}"`));
  }
  for (const id of candidates) await unlink(join(folder, `${id}.json`));
  if (candidates.length > 0) await syncDir(folder);
  return candidates;
}
