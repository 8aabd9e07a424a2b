import type { Coding, Id, ProjectData } from '../model/types.js';
import type { CoreEnv } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import { makeAnchor, trimRange } from './anchor.js';

/** Arguments of {@link addCoding}. Offsets index the document's canonical text (UTF-16, end exclusive). */
export interface NewCoding {
  documentId: Id;
  codeId: Id;
  coderId: Id;
  start: number;
  end: number;
  memo?: string;
}

/**
 * Add a coding. Whitespace at the ends is trimmed; an empty or out-of-range span, an unknown
 * document, code or coder is refused with a specific message. An identical coding (same document,
 * code, coder and span) is not duplicated: the existing one is returned.
 */
export function addCoding(data: ProjectData, text: string, c: NewCoding, env: CoreEnv): Result<{ data: ProjectData; coding: Coding }> {
  if (!data.documents.some((d) => d.id === c.documentId)) return err('not-found', `No document with id ${c.documentId}`);
  if (!data.codebook.some((k) => k.id === c.codeId)) return err('not-found', `No code with id ${c.codeId}`);
  if (!data.coders.some((k) => k.id === c.coderId)) return err('not-found', `No coder with id ${c.coderId}`);
  if (!Number.isInteger(c.start) || !Number.isInteger(c.end)) return err('invalid', 'Start and end must be whole numbers');
  if (c.start < 0 || c.end > text.length || c.start >= c.end) {
    return err('invalid', `The range ${c.start}–${c.end} is empty or outside the text (0–${text.length})`);
  }
  const trimmed = trimRange(text, c.start, c.end);
  const anchor = makeAnchor(text, trimmed.start, trimmed.end);
  if (!anchor) return err('invalid', 'The selection holds only whitespace; select some text to code');
  const same = data.codings.find((x) => x.documentId === c.documentId && x.codeId === c.codeId && x.coderId === c.coderId && x.start === anchor.start && x.end === anchor.end);
  if (same) return ok({ data, coding: same });
  const t = env.now();
  const coding: Coding = { id: env.newId('g_'), documentId: c.documentId, codeId: c.codeId, coderId: c.coderId, ...anchor, memo: c.memo ?? '', created: t, updated: t };
  return ok({ data: { ...data, codings: [...data.codings, coding] }, coding });
}

/** Remove a coding by id. */
export function removeCoding(data: ProjectData, id: Id): Result<{ data: ProjectData; coding: Coding }> {
  const coding = data.codings.find((x) => x.id === id);
  if (!coding) return err('not-found', `No coding with id ${id}`);
  return ok({ data: { ...data, codings: data.codings.filter((x) => x.id !== id) }, coding });
}
