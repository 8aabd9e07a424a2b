import type { DocumentMeta, Id, ProjectData } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';

/** Longest document title accepted. */
export const MAX_TITLE_LENGTH = 300;

/**
 * Give a document a new title (trimmed, non-empty, at most {@link MAX_TITLE_LENGTH} characters).
 * The content, hash and codings are untouched: titles are labels, offsets index the text.
 */
export function renameDocument(data: ProjectData, id: Id, title: string): Result<{ data: ProjectData; document: DocumentMeta }> {
  const doc = data.documents.find((d) => d.id === id);
  if (!doc) return err('not-found', `No document with id ${id}`);
  const t = String(title ?? '').trim();
  if (!t) return err('invalid', 'A document needs a title');
  if (t.length > MAX_TITLE_LENGTH) return err('invalid', `A document title has at most ${MAX_TITLE_LENGTH} characters`);
  if (t === doc.title) return ok({ data, document: doc });
  const document = { ...doc, title: t };
  return ok({ data: { ...data, documents: data.documents.map((d) => (d.id === id ? document : d)) }, document });
}
