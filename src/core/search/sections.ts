import type { Node as PmNode } from 'prosemirror-model';
import type { Id } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import type { TextIndex } from '../document/text-index.js';
import { trimRange } from '../codings/anchor.js';
import { compileQuery, type SearchMode } from './query.js';

/** A section of a document: a heading and the text under it (its sub-sections included). */
export interface Section {
  heading: string;
  level: number;
  /** Offset of the heading text. */
  headingStart: number;
  /** The body `[start, end)`, trimmed of whitespace; empty sections have start === end. */
  start: number;
  end: number;
}

/**
 * Offset where the document's footnotes begin (the first textblock inside a `footnotes` node), or
 * the text length. Sections stop there: notes are not part of the last section's argument.
 */
export function notesStart(doc: PmNode, index: TextIndex): number {
  let notesPos = -1;
  doc.forEach((child, offset) => {
    if (notesPos < 0 && child.type.name === 'footnotes') notesPos = offset;
  });
  if (notesPos < 0) return index.text.length;
  const first = index.blocks.find((b) => b.pos > notesPos);
  return first ? Math.max(0, first.start - 2) : index.text.length;
}

/**
 * Every section of a document: from the end of each heading to the next heading of the same or a
 * higher level (or the notes, or the end of the text).
 */
export function documentSections(index: TextIndex, limit: number = index.text.length): Section[] {
  const hs = index.headings.filter((h) => h.offset < limit);
  return hs.map((h, i) => {
    let end = limit;
    for (let j = i + 1; j < hs.length; j++) {
      const n = hs[j];
      if (n && n.level <= h.level) {
        end = n.offset;
        break;
      }
    }
    const body = trimRange(index.text, Math.min(h.offset + h.text.length, end), end);
    return { heading: h.text, level: h.level, headingStart: h.offset, start: body.start, end: body.end };
  });
}

/** A section chosen for autocoding, with its document. */
export interface SectionMatch extends Section {
  documentId: Id;
}

/**
 * The non-empty sections whose heading matches `pattern`: `plain` means the heading contains the
 * text, `word` that it contains it as whole words, `regex` a (guarded) regular expression; case
 * is ignored. Used by "code by section".
 */
export function matchSections(docs: readonly { id: Id; sections: readonly Section[] }[], pattern: string, mode: SearchMode): Result<SectionMatch[]> {
  const re = compileQuery({ text: pattern, mode });
  if (!re.ok) return re;
  const out: SectionMatch[] = [];
  for (const d of docs) {
    for (const s of d.sections) {
      re.value.lastIndex = 0;
      if (s.end > s.start && re.value.test(s.heading.trim())) out.push({ ...s, documentId: d.id });
    }
  }
  if (out.length > 100_000) return err('too-large', 'Too many sections match; narrow the pattern');
  return ok(out);
}
