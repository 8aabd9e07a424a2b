/**
 * How much text autocoding from a search codes around each hit: the hit itself, its sentence, or
 * its paragraph. Coding only the word ("smuggling" ten times) leaves matrix evidence that says
 * nothing; the sentence or paragraph carries the claim. Paragraphs are the canonical text's
 * blocks (separated by a blank line); sentences are found with the standard Unicode sentence
 * rules (`Intl.Segmenter`, ICU), inside the hit's paragraph.
 */
import { paragraphAround } from '../document/paragraphs.js';

/** What an autocoded hit becomes. */
export type HitScope = 'hit' | 'sentence' | 'paragraph';

/** The scopes, in order of size, for user interfaces and argument checks. */
export const HIT_SCOPES: readonly HitScope[] = ['hit', 'sentence', 'paragraph'];

let segmenter: Intl.Segmenter | null = null;

/**
 * The span [start, end) of `text` widened to `scope`: unchanged for `hit`; the whole paragraph;
 * or every sentence it touches (within its paragraph), trailing whitespace trimmed. A hit that
 * crosses paragraphs keeps its own extent at the start and end paragraphs' edges.
 */
export function widenHit(text: string, start: number, end: number, scope: HitScope): { start: number; end: number } {
  if (scope === 'hit') return { start, end };
  const para = paragraphAround(text, start, end);
  if (scope === 'paragraph') return { start: Math.min(start, para.start), end: Math.max(end, para.end) };
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const slice = text.slice(para.start, para.end);
  let s = start;
  let e = end;
  for (const seg of segmenter.segment(slice)) {
    const segStart = para.start + seg.index;
    const segEnd = segStart + seg.segment.length;
    if (segEnd <= start || segStart >= end) continue;
    s = Math.min(s, segStart);
    e = Math.max(e, segStart + seg.segment.trimEnd().length);
  }
  return { start: s, end: e };
}
