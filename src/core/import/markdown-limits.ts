import { DomainException } from '../model/result.js';

/**
 * Bounds checked on Markdown source before it is parsed. The parser (micromark) handles deep
 * nesting and long runs of emphasis markers in time that grows with the square of their size: a
 * 5,000-level list took 47 s and then overflowed the stack; 64 KB of `*a*a…` took over 30 s. Real
 * documents stay far below both bounds, so such input is refused at once, with the figure found.
 */
export interface MarkdownLimits {
  /** Deepest nesting of lists and block quotes. */
  maxDepth: number;
  /** Most emphasis delimiter runs (`*`, `_`) in one block of text between blank lines. */
  maxDelimitersPerBlock: number;
}

export const MARKDOWN_LIMITS: MarkdownLimits = { maxDepth: 100, maxDelimitersPerBlock: 4000 };

const QUOTE = /^ {0,3}>[ \t]?/;
const MARKER = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)/;

/** Width of leading whitespace, a tab counting as up to the next multiple of 4. */
function indentWidth(s: string): number {
  let w = 0;
  for (const ch of s) w = ch === '\t' ? w + 4 - (w % 4) : w + 1;
  return w;
}

/**
 * The deepest nesting of block quotes and list items in Markdown source, with its 1-based line:
 * each line's `>` markers plus the list items open at its indentation (a marker line opens an
 * item whose content starts after the marker; a line indented less than an item's content closes it).
 */
export function markdownNestingDepth(source: string): { depth: number; line: number } {
  let best = { depth: 0, line: 0 };
  const stack: number[] = [];
  let lineNo = 0;
  let from = 0;
  while (from <= source.length) {
    const nl = source.indexOf('\n', from);
    let line = source.slice(from, nl < 0 ? source.length : nl);
    from = nl < 0 ? source.length + 1 : nl + 1;
    lineNo++;
    let quotes = 0;
    for (let q = QUOTE.exec(line); q; q = QUOTE.exec(line)) {
      quotes++;
      line = line.slice(q[0].length);
    }
    if (!line.trim()) {
      if (quotes > best.depth) best = { depth: quotes, line: lineNo };
      continue;
    }
    const m = MARKER.exec(line);
    const lead = m ? (m[1] ?? '') : (/^[ \t]*/.exec(line)?.[0] ?? '');
    const w = lead.includes('\t') ? indentWidth(lead) : lead.length;
    while (stack.length > 0 && (stack[stack.length - 1] ?? 0) > w) stack.pop();
    if (m) stack.push(w + (m[2]?.length ?? 1) + Math.max(1, indentWidth(m[3] ?? ' ')));
    const depth = quotes + stack.length;
    if (depth > best.depth) best = { depth, line: lineNo };
  }
  return best;
}

/** Most emphasis delimiter runs in one blank-line-separated block, with the block's first line. */
export function maxDelimiterRuns(source: string): { runs: number; line: number } {
  let best = { runs: 0, line: 0 };
  let runs = 0;
  let start = 1;
  let lineNo = 1;
  let blank = true;
  for (let i = 0; i <= source.length; i++) {
    const c = source.charCodeAt(i);
    if (i === source.length || c === 10) {
      if (blank) {
        runs = 0;
        start = lineNo + 1;
      }
      lineNo++;
      blank = true;
      continue;
    }
    // What `trim` removes: spaces, tabs, CR, form feeds and other Unicode white space.
    if (blank && !(c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(source.charAt(i))))) blank = false;
    if ((c === 42 || c === 95) && source.charCodeAt(i - 1) !== c) {
      runs++;
      if (runs > best.runs) best = { runs, line: start };
    }
  }
  return best;
}

/**
 * Throws a `too-large` {@link DomainException} naming the figure when Markdown source exceeds a
 * bound of {@link MarkdownLimits}; returns otherwise.
 */
export function checkMarkdownLimits(source: string, limits: MarkdownLimits = MARKDOWN_LIMITS): void {
  const nesting = markdownNestingDepth(source);
  if (nesting.depth > limits.maxDepth) {
    throw new DomainException('too-large', `The Markdown nests lists or quotes ${nesting.depth} levels deep (line ${nesting.line}); at most ${limits.maxDepth} levels can be imported.`);
  }
  const emphasis = maxDelimiterRuns(source);
  if (emphasis.runs > limits.maxDelimitersPerBlock) {
    throw new DomainException('too-large', `The paragraph starting at line ${emphasis.line} holds ${emphasis.runs} emphasis markers (* or _); at most ${limits.maxDelimitersPerBlock} per paragraph can be imported.`);
  }
}
