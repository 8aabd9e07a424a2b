import { readerSchema } from '../../core/document/schema.js';
import { buildTextIndex } from '../../core/document/text-index.js';
import { documentSections, notesStart, type Section } from '../../core/search/sections.js';
import type { Id, ProjectData } from '../../core/model/types.js';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectSession } from './session.js';

/** What several handlers read from the open project: document texts, their sections, code names. */

/** Canonical texts of the chosen documents (all when `ids` is empty), in project order. */
export async function texts(session: ProjectSession, ids?: Id[]): Promise<Result<{ id: Id; text: string }[]>> {
  const want = ids && ids.length ? new Set(ids) : null;
  const out: { id: Id; text: string }[] = [];
  for (const d of session.data.documents) {
    if (want && !want.has(d.id)) continue;
    const src = await session.store.readSource(d.id);
    if (!src.ok) return src;
    out.push({ id: d.id, text: src.value.text });
  }
  if (want && out.length !== want.size) return err('not-found', 'Some of the chosen documents do not exist');
  return ok(out);
}

/** Sections are derived from immutable sources, so they are computed once per document and kept. */
const sectionCache = new WeakMap<object, Section[]>();

/** The texts and section headings of the chosen documents (all when `ids` is empty), in project order. */
export async function sections(session: ProjectSession, ids?: Id[]): Promise<Result<{ id: Id; text: string; sections: Section[] }[]>> {
  const want = ids && ids.length ? new Set(ids) : null;
  const out: { id: Id; text: string; sections: Section[] }[] = [];
  for (const d of session.data.documents) {
    if (want && !want.has(d.id)) continue;
    const src = await session.store.readSource(d.id);
    if (!src.ok) return src;
    let s = sectionCache.get(src.value);
    if (!s) {
      const doc = readerSchema.nodeFromJSON(src.value.doc);
      const index = buildTextIndex(doc);
      s = documentSections(index, notesStart(doc, index));
      sectionCache.set(src.value, s);
    }
    out.push({ id: d.id, text: src.value.text, sections: s });
  }
  return ok(out);
}

/** A code's name for an undo label (its id when it is gone). */
export function codeName(data: ProjectData, id: Id): string {
  return data.codebook.find((c) => c.id === id)?.name ?? id;
}
