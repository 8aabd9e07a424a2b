/**
 * The fast path for footnote definitions written on one line (`[^12]: Cable 12, Quito to
 * Washington.`), by far the most common form in case studies. micromark parses each definition as
 * a document-level container, which made a file with 20,000 of them take many seconds and most of
 * its memory; here such lines are taken out of the source before it is parsed, and their text is
 * read on its own: plain text directly, anything with Markdown syntax in a few small batch parses.
 * The document is the same as when micromark reads the definitions in place (tested side by side).
 */
import { markdownLines } from './markdown-chunks.js';

/** A footnote definition of one line, taken out of the source. */
export interface OneLineFootnote {
  /** The label as written (`12` in `[^12]:`). */
  label: string;
  /** The label normalised as mdast does (case folded), as `footnoteDefinition.identifier`. */
  identifier: string;
  /** The definition's text after `]:`, without surrounding whitespace. */
  text: string;
  /** True when the text holds no Markdown syntax: it is read as one text node, without a parse. */
  plain: boolean;
  /** Offset in the returned body where the line stood (now an empty line). */
  offset: number;
}

/**
 * `[^label]: text` in column 0. Labels with escapes, character references or brackets are left to
 * the parser (their label text differs from their source).
 */
const DEFINITION = /^\[\^([^\]\s\\&[^]{1,999})\]:[ \t]*(\S.*?)[ \t]*\r?$/;
/** Text a single-line parse might read as something that continues past its line, or as a definition. */
const NOT_SELF_CONTAINED = /^(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)| {0,3}(?:`{3,}|~{3,})| {0,3}<(?:pre|script|style|textarea|!|\?)|\[[^\]]*\]:)/i;
/** Characters that start inline syntax (code, emphasis, links, HTML, entities, escapes, strikethrough, tables). */
const INLINE_SYNTAX = /[`*_[\]<>&\\~|]/;
/** Characters that start block syntax at the start of a line. */
const BLOCK_START = /^[#>=+-]/;

/**
 * Take every one-line footnote definition out of `body`: a `[^label]: text` line in column 0,
 * outside fenced code and raw HTML, after a blank line (or the start, or another such line),
 * whose text is not continued: the next line is blank, the end, or another definition, and the
 * next non-blank line is not indented (which would make it part of the note). Each line taken out
 * is left as an empty line, so every other line keeps its number.
 */
export function extractOneLineFootnotes(body: string): { body: string; notes: OneLineFootnote[] } {
  if (!body.includes('[^')) return { body, notes: [] };
  const lines = [...markdownLines(body)];
  const notes: OneLineFootnote[] = [];
  const kept: string[] = [];
  let removed = 0;
  let prevOpen = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const m = line.verbatim || prevOpen ? null : DEFINITION.exec(line.text);
    const text = m?.[2] ?? '';
    if (m && !NOT_SELF_CONTAINED.test(text) && endsHere(lines, i)) {
      const label = m[1] ?? '';
      const offset = line.start - removed;
      notes.push({ label, identifier: label.toLowerCase().toUpperCase().toLowerCase(), text, plain: !INLINE_SYNTAX.test(text) && !BLOCK_START.test(text), offset });
      const nl = line.end > line.start + line.text.length ? '\n' : '';
      kept.push(nl);
      removed += line.end - line.start - nl.length;
      prevOpen = false;
      continue;
    }
    kept.push(body.slice(line.start, line.end));
    // A line of text (not blank) may be continued by the next one: no definition may start there.
    prevOpen = line.verbatim || line.text.trim() !== '';
  }
  return notes.length > 0 ? { body: kept.join(''), notes } : { body, notes };
}

/** Whether the definition on line `i` ends on that line (see {@link extractOneLineFootnotes}). */
function endsHere(lines: readonly { text: string; verbatim: boolean }[], i: number): boolean {
  const next = lines[i + 1];
  if (!next) return true;
  if (next.text.trim() !== '') return !next.verbatim && /^\[\^[^\]\s]+\]:/.test(next.text);
  for (let j = i + 2; j < lines.length; j++) {
    const l = lines[j];
    if (l && l.text.trim() !== '') return !/^[ \t]/.test(l.text);
  }
  return true;
}
