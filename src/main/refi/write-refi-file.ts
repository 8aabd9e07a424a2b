import { strToU8, zipSync } from 'fflate';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectData, SourceContent } from '../../core/model/types.js';
import { buildQdc, buildQdpxParts, type RefiExportOptions } from '../../core/refi/export-project.js';
import { docToDocx } from './docx-source.js';

/** A fixed timestamp for archive entries, so the same project always zips to the same bytes. */
const ZIP_TIME = new Date('2020-01-01T00:00:00Z');

/**
 * A `.qdpx` archive of the project: `project.qde` at the root and, per document under a lowercase,
 * flat `sources/`, one UTF-8 `.txt` (no BOM, LF) and one `.docx` holding its structure (headings,
 * lists, tables, footnotes; leave it out with `richText: false`). Positions in code points unless
 * `positions: 'utf16'` (for NVivo). Resolves to the archive bytes and the list of what was left out.
 */
export async function writeQdpx(data: ProjectData, sources: readonly SourceContent[], options: RefiExportOptions = {}): Promise<Result<{ bytes: Uint8Array; skipped: string[] }>> {
  const parts = buildQdpxParts(data, sources, { richText: true, ...options });
  if (!parts.ok) return parts;
  try {
    const entries: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {};
    entries['project.qde'] = [strToU8(parts.value.qde), { level: 6, mtime: ZIP_TIME }];
    for (const f of parts.value.files) entries[f.path] = [strToU8(f.text), { level: 6, mtime: ZIP_TIME }];
    const byId = new Map(sources.map((s) => [s.id, s]));
    for (const r of parts.value.richSources) {
      const src = byId.get(r.documentId);
      const title = data.documents.find((d) => d.id === r.documentId)?.title ?? '';
      if (src) entries[r.path] = [await docToDocx(src.doc, title), { level: 6, mtime: ZIP_TIME }];
    }
    return ok({ bytes: zipSync(entries), skipped: parts.value.skipped });
  } catch (e) {
    return err('io', `Could not build the .qdpx archive: ${(e as Error).message}`);
  }
}

/** A `.qdc` codebook (XML text, UTF-8 without BOM when written). */
export function writeQdc(data: ProjectData, options: Pick<RefiExportOptions, 'origin'> = {}): Result<string> {
  return buildQdc(data, options);
}
