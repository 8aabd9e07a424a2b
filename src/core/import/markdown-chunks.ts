/**
 * Splitting large Markdown at top-level block boundaries, so that each piece is parsed on its own.
 * micromark keeps every token of a document in memory until the end; on a 2 MB file with 20,000
 * footnotes garbage collection then dominated and time grew faster than the size. Pieces of about
 * 16 KB keep memory flat and the total linear, with the same tree as one parse (see the rules
 * of {@link splitMarkdown}).
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** HTML blocks that, unlike the others, do not end at a blank line (CommonMark 4.6, kinds 1–5), with their end. */
const HTML_BLOCKS: readonly [RegExp, RegExp][] = [
  [/^ {0,3}<(?:pre|script|style|textarea)(?:\s|>|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/**
 * A line that may open a new top-level piece: in column 0, starting with a letter, a heading, a
 * link or note bracket, HTML or a digit that does not open a list item. Never `-`, `*`, `+`, `_`
 * or `=` (list items, rules, and a `---` that would open YAML front matter at a piece's start).
 */
const PIECE_START = /^(?:[A-Za-z\u00C0-\uFFFF#[<!"'(]|\d(?!\d{0,8}[.)](?:[ \t]|$)))/;
const FOOTNOTE_DEF = /^\[\^[^\]\s]+\]:/;
const LINK_DEF = /^ {0,3}\[(?!\^)[^\]]+\]:/m;

/** One line of Markdown source, as seen by {@link markdownLines}. */
export interface SourceLine {
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the line's `\n` (or the end of the source). */
  end: number;
  /** The line without its `\n`. */
  text: string;
  /**
   * True for YAML front matter and for the lines after the opening line of fenced code or of a
   * raw-HTML block that does not end at a blank line, up to and including its closing line.
   */
  verbatim: boolean;
}

/**
 * The lines of `source`, each marked whether it lies inside YAML front matter, fenced code or a
 * raw-HTML block of CommonMark kinds 1–5 (whose content no block rule may touch).
 */
export function* markdownLines(source: string): Generator<SourceLine> {
  let fence: string | null = null;
  let htmlEnd: RegExp | null = null;
  let pos = 0;
  // YAML front matter (`---` … `---`) at the very start.
  const yaml = /^---[ \t]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(source);
  if (yaml) {
    yield { start: 0, end: yaml[0].length, text: yaml[0], verbatim: true };
    pos = yaml[0].length;
  }
  while (pos < source.length) {
    const nl = source.indexOf('\n', pos);
    const end = nl < 0 ? source.length : nl + 1;
    const text = source.slice(pos, nl < 0 ? source.length : nl);
    const verbatim = fence !== null || htmlEnd !== null;
    if (fence) {
      const f = FENCE.exec(text);
      if (f && f[1]?.[0] === fence[0] && (f[1]?.length ?? 0) >= fence.length && !text.slice(f[0].length).trim()) fence = null;
    } else if (htmlEnd) {
      if (htmlEnd.test(text)) htmlEnd = null;
    } else {
      const f = FENCE.exec(text);
      if (f) fence = f[1] ?? '```';
      else {
        const html = HTML_BLOCKS.find(([open]) => open.test(text));
        if (html && !html[1].test(text.slice(text.indexOf('<') + 2))) htmlEnd = html[1];
      }
    }
    yield { start: pos, end, text, verbatim };
    pos = end;
  }
}

/**
 * Cut `source` into pieces of at least `minChars` characters (except the last), only where one
 * parse would also end every open block: before a line in column 0 that is not a list item, after
 * a blank line, outside fenced code and raw-HTML blocks; or between two footnote definitions. The
 * pieces concatenate back to `source`. Returns `[source]` when there are link reference
 * definitions (`[x]: url`, which a piece cannot see across pieces) or YAML front matter is open.
 */
export function splitMarkdown(source: string, minChars = 16 * 1024): string[] {
  if (source.length < 2 * minChars || LINK_DEF.test(source)) return [source];
  const pieces: string[] = [];
  let pieceStart = 0;
  let prevBlank = false;
  let prevFootnote = false;
  for (const { start, text, verbatim } of markdownLines(source)) {
    if (verbatim) continue;
    const blank = text.trim() === '';
    const footnote = FOOTNOTE_DEF.test(text);
    const boundary = (prevBlank && PIECE_START.test(text)) || (footnote && prevFootnote);
    if (boundary && start - pieceStart >= minChars) {
      pieces.push(source.slice(pieceStart, start));
      pieceStart = start;
    }
    prevBlank = blank;
    // A footnote definition of one line, directly followed by the next one.
    prevFootnote = footnote || (prevFootnote && !blank && /^\s/.test(text));
  }
  pieces.push(source.slice(pieceStart));
  return pieces;
}

/**
 * Identifiers of every footnote definition (`[^id]:` at a line start), normalised as micromark
 * does (whitespace collapsed, case folded), so that each piece resolves references to notes
 * defined in other pieces.
 */
export function footnoteIdentifiers(source: string): string[] {
  const ids: string[] = [];
  for (const m of source.matchAll(/^ {0,3}\[\^([^\]\s]+)\]:/gm)) ids.push((m[1] ?? '').toLowerCase().toUpperCase());
  return ids;
}
