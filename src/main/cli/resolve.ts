import type { DocumentMeta, ProjectData } from '../../core/model/types.js';
import { findCode } from '../../core/codebook/paths.js';
import type { Code } from '../../core/model/types.js';
import { CliExit, EXIT_DOMAIN } from './io.js';

/** A document by id or by title (case-insensitive); ambiguous titles are an error naming the ids. */
export function resolveDocument(data: ProjectData, ref: string): DocumentMeta {
  const byId = data.documents.find((d) => d.id === ref);
  if (byId) return byId;
  const want = ref.trim().toLowerCase();
  const hits = data.documents.filter((d) => d.title.toLowerCase() === want);
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length > 1) throw new CliExit(EXIT_DOMAIN, `"${ref}" names ${hits.length} documents; use an id: ${hits.map((d) => d.id).join(', ')}`);
  throw new CliExit(EXIT_DOMAIN, `No document with id or title "${ref}"`);
}

/** A code by path (`Outcomes/Legislation`), id or unique name. */
export function resolveCode(data: ProjectData, ref: string): Code {
  const c = findCode(data.codebook, ref);
  if (!c) throw new CliExit(EXIT_DOMAIN, `No code "${ref}" (use a path such as Outcomes/Legislation)`);
  return c;
}
