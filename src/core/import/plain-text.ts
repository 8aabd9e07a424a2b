import type { PmNodeJson } from '../model/types.js';
import { normalizeNewlines } from '../document/plain-text.js';
import { docNode, listItem, paragraph, textNode, tidyInline } from './pm-build.js';
import { caseLineMatcher, headingMatcher } from './sections.js';
import type { ParsedDocument } from './parsed-document.js';

/** Options for reading plain text. */
export interface PlainTextOptions {
  /** Section names whose bare lines become headings; default: the scorecard sections. */
  headings?: readonly string[];
  /** Known case names; a bare line naming one becomes a level-1 heading. */
  caseNames?: readonly string[];
}

/** Bullet characters that start a list item at the beginning of a line. */
const BULLET = /^(?:[•◦▪▫●○■□‣⁃∙·]|[-*–])\s+(?=\S)/;

/** Block under construction: consecutive non-blank lines of one kind. */
interface Group {
  kind: 'para' | 'bullet' | 'heading';
  lines: string[];
  level: number;
}

/** Join wrapped lines into running text: a line ending in a hyphen joins without a space. */
function joinLines(lines: readonly string[]): string {
  let s = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!s) s = line;
    else if (/[A-Za-zÀ-ÿ]-$/.test(s) && /^[a-zà-ÿ]/.test(line)) s += line;
    else s += ' ' + line;
  }
  return s;
}

function tableFromTabs(lines: readonly string[]): PmNodeJson {
  return {
    type: 'table',
    content: lines.map((line) => ({
      type: 'table_row',
      content: line.split('\t').map((cell) => {
        const content = tidyInline(textNode(cell));
        const node: PmNodeJson = { type: 'table_cell', attrs: { header: false } };
        if (content.length > 0) node.content = content;
        return node;
      }),
    })),
  };
}

/**
 * Import plain text as paragraphs. Blank (or whitespace-only) lines separate paragraphs, however
 * many there are; lines inside a paragraph are wrapped text and join with a space (a line-end
 * hyphen joins directly); leading indentation is dropped. Lines starting with a bullet (`•`, `-`,
 * `*`, …) become list items (an ASCII `-`/`*`/`–` only after a blank line or another item: a wrapped
 * line of prose may start with a dash); runs of lines that all contain tabs become a table; bare lines that
 * name a section (or a known case) become headings even without blank lines around them, unless
 * they continue a sentence (the line before does not end one) or start in lower case.
 * Every non-space character of the input is kept, in order (control characters and the markers
 * of list items aside: the list shows them).
 * Title: the first non-blank line when it is short, else empty (the caller uses the file name).
 */
export function importPlainText(source: string, opts: PlainTextOptions = {}): ParsedDocument {
  const text = normalizeNewlines(source.replace(/^\uFEFF/, '')).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  const sectionLevel = headingMatcher(opts.headings);
  const caseLine = caseLineMatcher(opts.caseNames ?? []);
  const groups: Group[] = [];
  let current: Group | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) {
      current = null;
      continue;
    }
    const trimmed = line.trim();
    // Inside a paragraph whose last line does not end a sentence, a bare section word is wrapped prose.
    const midSentence = current !== null && current.kind === 'para' && !/[.:;!?)"'’”]$/.test(current.lines[current.lines.length - 1]?.trim() ?? '');
    const level = caseLine(trimmed) ? 1 : midSentence ? 0 : sectionLevel(trimmed);
    if (level) {
      groups.push({ kind: 'heading', lines: [trimmed], level });
      current = null;
      continue;
    }
    const bullet = BULLET.exec(trimmed);
    // An ASCII marker (`-`, `*`, `–`) right after a line of prose is the wrapped prose's own dash
    // ("the 2006⏎- 2008 plan"): a list cannot interrupt a paragraph. Real bullets (`•`…) always can.
    const interrupts = current === null || current.kind === 'bullet' || !/^[-*–]/.test(trimmed);
    if (bullet && interrupts) {
      current = { kind: 'bullet', lines: [trimmed.slice(bullet[0].length)], level: 0 };
      groups.push(current);
      continue;
    }
    if (current) current.lines.push(line);
    else {
      current = { kind: 'para', lines: [line], level: 0 };
      groups.push(current);
    }
  }

  const blocks: PmNodeJson[] = [];
  for (const g of groups) {
    if (g.kind === 'heading') {
      blocks.push({ type: 'heading', attrs: { level: g.level }, content: [{ type: 'text', text: g.lines[0] ?? '' }] });
    } else if (g.kind === 'bullet') {
      const item = listItem(paragraph(textNode(joinLines(g.lines))));
      const prev = blocks[blocks.length - 1];
      if (prev && prev.type === 'bullet_list') prev.content = [...(prev.content ?? []), item];
      else blocks.push({ type: 'bullet_list', content: [item] });
    } else if (g.lines.length >= 2 && g.lines.every((l) => l.trim().includes('\t'))) {
      blocks.push(tableFromTabs(g.lines.map((l) => l.trim())));
    } else blocks.push(...paragraph(textNode(joinLines(g.lines))));
  }
  const first =
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? '';
  const title = first.length <= 120 && !/[.;,]$/.test(first) ? first.replace(/\s+/g, ' ') : '';
  return { title, doc: docNode(blocks), warnings: [] };
}
