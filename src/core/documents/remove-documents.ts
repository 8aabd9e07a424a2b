import type { Id, ProjectData } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';

/**
 * Remove documents that carry no work yet (no coding, no memo): used when a file just imported is
 * imported again in another format in the same step. Refuses, changing nothing, when one is
 * unknown or has work, naming it. Their content files stay on disk (immutable; undo needs them).
 */
export function removeUnworkedDocuments(data: ProjectData, ids: readonly Id[]): Result<ProjectData> {
  const remove = new Set(ids);
  for (const id of remove) {
    const meta = data.documents.find((d) => d.id === id);
    if (!meta) return err('not-found', `No document ${id} to replace`);
    const codings = data.codings.filter((c) => c.documentId === id).length;
    if (codings > 0) return err('conflict', `"${meta.title}" already has ${codings} coding(s); it is not replaced. Import the file again as a new document instead.`);
    if (data.memos.some((m) => m.target.kind === 'document' && m.target.id === id)) return err('conflict', `"${meta.title}" has a memo; it is not replaced.`);
  }
  return ok({ ...data, documents: data.documents.filter((d) => !remove.has(d.id)) });
}
