/**
 * How the disagreement browser shows what is judged, in words and quotes rather than offsets:
 * the two extents of a disagreement over their union with the difference marked, short quotes cut
 * at word boundaries, and word-by-word nudges of an extent's edges. Pure functions of the
 * canonical text and offsets.
 */

import { wordStep } from '../codings/edit.js';

/** A half-open span [start, end) of the canonical text. */
export interface Span {
  start: number;
  end: number;
}

/** One piece of an extent view: text, whether the shown extent covers it, or an elision. */
export interface ExtentPart {
  text: string;
  /** True when the extent covers this text; false for text only the other extent (or context) has. */
  inside: boolean;
  /** True for the "…" standing for elided text in the middle of a long run. */
  elided?: boolean;
}

const WORD = /[\p{L}\p{N}_'’-]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** The last word boundary at or before `at` (a position not inside a word), not below `min`. */
function boundaryBefore(text: string, at: number, min: number): number {
  let i = at;
  while (i > min && isWordChar(text[i - 1]) && isWordChar(text[i])) i--;
  return i;
}

/** The first word boundary at or after `at`, not above `max`. */
function boundaryAfter(text: string, at: number, max: number): number {
  let i = at;
  while (i < max && isWordChar(text[i - 1]) && isWordChar(text[i])) i++;
  return i;
}

/** Whitespace runs (newlines included) become one space, so a quote reads as one line. */
function squash(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/**
 * A run of text of at most about `2 × edge` characters: long runs keep their first and last
 * `edge` characters (cut at word boundaries) around an elision, so both ends stay visible.
 */
function runParts(text: string, s: number, e: number, inside: boolean, edge: number): ExtentPart[] {
  if (e - s <= edge * 2 + 10) return [{ text: squash(text.slice(s, e)), inside }];
  const headEnd = boundaryBefore(text, s + edge, s + 1);
  const tailStart = boundaryAfter(text, e - edge, e - 1);
  return [
    { text: squash(text.slice(s, headEnd)), inside },
    { text: ' … ', inside, elided: true },
    { text: squash(text.slice(tailStart, e)), inside },
  ];
}

/**
 * One extent shown over `union` (the span of every coding in the disagreement): the text it
 * covers (`inside`) and the text only the other extent covers (`inside: false`), each run elided
 * in its middle when longer than about `2 × edge` characters. Two extents shown this way over the
 * same union differ visibly exactly where their boundaries differ.
 */
export function extentParts(text: string, extent: Span, union: Span, edge = 60): ExtentPart[] {
  const cuts = [union.start, Math.max(union.start, Math.min(union.end, extent.start)), Math.max(union.start, Math.min(union.end, extent.end)), union.end];
  const out: ExtentPart[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const s = cuts[i] as number;
    const e = cuts[i + 1] as number;
    if (e <= s) continue;
    out.push(...runParts(text, s, e, s >= extent.start && e <= extent.end, edge));
  }
  return out;
}

/** A quote of at most about `max` characters, cut at a word boundary and ended with "…" when cut. */
export function shortQuote(quote: string, max = 40): string {
  const q = squash(quote).trim();
  if (q.length <= max) return q;
  const cut = boundaryBefore(q, max, Math.floor(max / 2));
  return `${q.slice(0, cut).trimEnd()}…`;
}

/**
 * Move one edge of `span` by one word (the reader's {@link wordStep}): `edge` 'start' or 'end',
 * `dir` -1 (left) or 1 (right). A start never rests on the space before a word, nor an end on the
 * space after one; the span never becomes empty (it is returned unchanged when it cannot move).
 */
export function nudgeEdge(text: string, span: Span, edge: 'start' | 'end', dir: -1 | 1): Span {
  let i = wordStep(text, edge === 'start' ? span.start : span.end, dir);
  if (edge === 'start') while (i < text.length && /\s/.test(text[i] as string)) i++;
  else while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
  const next = edge === 'start' ? { start: i, end: span.end } : { start: span.start, end: i };
  return next.start < next.end ? next : span;
}

/** `[start, end)` widened to whole words (a selection that cut a word in half takes the whole word). */
export function snapToWords(text: string, span: Span): Span {
  const start = boundaryBefore(text, span.start, 0);
  const end = boundaryAfter(text, span.end, text.length);
  return { start, end };
}
