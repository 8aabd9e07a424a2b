import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Processor } from 'unified';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { parse as parseYaml } from 'yaml';
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import type { PmNodeJson } from '../model/types.js';
import { safeHref } from '../document/schema.js';
import { addMark, docNode, heading, listItem, paragraph, plainText, textNode, tidyInline, unwrapWholeMarks, type MarkJson } from './pm-build.js';
import { footnotesSection, newFootnoteRegistry, type FootnoteRegistry } from './footnotes.js';
import { htmlFragmentToBlocks, htmlFragmentToInline } from './html.js';
import { findAutolinks } from './autolink.js';
import { checkMarkdownLimits } from './markdown-limits.js';
import { footnoteIdentifiers, splitMarkdown } from './markdown-chunks.js';
import { indexedFootnotes } from './indexed-footnotes.js';
import { extractOneLineFootnotes, type OneLineFootnote } from './one-line-footnotes.js';
import { keepListMarkersInParagraphs, splitSuperscripts, unescapePunctuation } from './python-markdown.js';
import type { ParsedDocument } from './parsed-document.js';

/**
 * A Pelican/MultiMarkdown-style metadata header: `Key: value` lines at the very top, ended by a
 * blank line, recognised only when one key is `Title` (so a first line such as
 * "Case Study Supplement: A Closer Look" is not mistaken for metadata).
 */
export function splitMetadataHeader(source: string): { meta: Map<string, string>; body: string } {
  const meta = new Map<string, string>();
  const m = /^(?:[ \t]*\n)*((?:[A-Za-z][\w-]*:[^\n]*\n(?:[ \t]+\S[^\n]*\n)*)+)(?:[ \t]*\n|$)/.exec(source);
  if (!m || !/^title:/im.test(m[1] ?? '')) return { meta, body: source };
  let key = '';
  for (const line of (m[1] ?? '').split('\n')) {
    const kv = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (kv) {
      key = (kv[1] ?? '').toLowerCase();
      if (!meta.has(key)) meta.set(key, (kv[2] ?? '').trim());
    } else if (key && line.trim()) meta.set(key, `${meta.get(key) ?? ''} ${line.trim()}`.trim());
  }
  // Keep the header's lines as blank lines so that later line numbers still match the source.
  return { meta, body: '\n'.repeat((m[0].match(/\n/g) ?? []).length) + source.slice(m[0].length) };
}

/** Sources from this size on are parsed in pieces (see {@link splitMarkdown}). */
const SPLIT_FROM_CHARS = 256 * 1024;
const TOC_MARKERS = new Set(['[TOC]', '[[_TOC_]]', '[[TOC]]', '{:toc}']);
/** Pandoc/kramdown attribute blocks written right after an image: `{.img-fluid}`, `{#fig width=50%}`. */
const ATTRIBUTE_BLOCK = /^\{[.#]?[\w-]+(?:[ \t]+[.#]?[\w-]+(?:=[^\s}]*)?)*\}/;
const MARK_HTML = /^<(\/?)(sup|sub|em|i|strong|b|code|tt|cite)(?:\s[^>]*)?>$/i;
const MARK_FOR_TAG: Record<string, MarkJson['type']> = { sup: 'sup', sub: 'sub', em: 'em', i: 'em', cite: 'em', strong: 'strong', b: 'strong', code: 'code', tt: 'code' };

class MdConverter {
  readonly warnings: string[] = [];
  readonly notes: FootnoteRegistry = newFootnoteRegistry();
  private readonly definitions = new Map<string, string>();

  constructor(root: Root) {
    const collect = (n: Nodes): void => {
      if (n.type === 'definition' && !this.definitions.has(n.identifier)) this.definitions.set(n.identifier, n.url);
      if ('children' in n) for (const c of n.children) collect(c);
    };
    collect(root);
  }

  blocks(nodes: readonly RootContent[]): PmNodeJson[] {
    return nodes.flatMap((n) => this.block(n));
  }

  /** Register a footnote taken out of the source by {@link extractOneLineFootnotes}, its text read as `content`. */
  defineNote(note: OneLineFootnote, content: readonly RootContent[]): void {
    this.notes.define(`f:${note.identifier}`, note.label, this.blocks(content));
  }

  block(n: RootContent): PmNodeJson[] {
    switch (n.type) {
      case 'paragraph': {
        const text = plainText(this.inline(n.children, [])).trim();
        if (TOC_MARKERS.has(text)) return [];
        return paragraph(this.inline(n.children, []));
      }
      case 'heading':
        return heading(n.depth, unwrapWholeMarks(this.inline(n.children, [])));
      case 'thematicBreak':
        return [{ type: 'horizontal_rule' }];
      case 'blockquote': {
        const inner = this.blocks(n.children);
        return inner.length > 0 ? [{ type: 'blockquote', content: inner }] : [];
      }
      case 'list': {
        const content = n.children.map((item) => listItem(this.blocks(item.children)));
        if (content.length === 0) return [];
        if (n.ordered) {
          const start = typeof n.start === 'number' && n.start >= 0 && n.start < 1e9 ? n.start : 1;
          return [{ type: 'ordered_list', attrs: { start }, content }];
        }
        return [{ type: 'bullet_list', content }];
      }
      case 'code': {
        const out: PmNodeJson[] = [];
        n.value.split('\n').forEach((line, i) => {
          if (i > 0) out.push({ type: 'hard_break' });
          out.push(...textNode(line, [{ type: 'code' }]));
        });
        return paragraph(out);
      }
      case 'html':
        return htmlFragmentToBlocks(n.value, this.notes);
      case 'table': {
        const rows = n.children.map((row, r) => ({
          type: 'table_row',
          content: row.children.map((cell) => {
            const content = tidyInline(this.inline(cell.children, []));
            const node: PmNodeJson = { type: 'table_cell', attrs: { header: r === 0 } };
            if (content.length > 0) node.content = content;
            return node;
          }),
        }));
        const nonEmpty = rows.filter((r) => r.content.length > 0);
        return nonEmpty.length > 0 ? [{ type: 'table', content: nonEmpty }] : [];
      }
      case 'footnoteDefinition':
        this.notes.define(`f:${n.identifier}`, n.label ?? n.identifier, this.blocks(n.children));
        return [];
      case 'definition':
      case 'yaml':
        return [];
      default: {
        // Anything else a plugin might produce: keep its text.
        const other = n as { children?: PhrasingContent[]; value?: unknown };
        if (other.children) return paragraph(this.inline(other.children, []));
        return other.value !== undefined ? paragraph(textNode(String(other.value))) : [];
      }
    }
  }

  inline(nodes: readonly PhrasingContent[], outer: readonly MarkJson[]): PmNodeJson[] {
    const out: PmNodeJson[] = [];
    let marks: MarkJson[] = [...outer];
    const open: MarkJson['type'][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (!n) continue;
      switch (n.type) {
        case 'text': {
          const prev = nodes[i - 1];
          let value = n.value;
          if (prev && (prev.type === 'image' || prev.type === 'imageReference')) value = value.replace(ATTRIBUTE_BLOCK, '');
          if (marks.some((m) => m.type === 'link' || m.type === 'code')) out.push(...textNode(value, marks));
          else {
            for (const part of splitSuperscripts(value)) {
              const base = part.sup ? addMark(marks, { type: 'sup' }) : marks;
              for (const piece of findAutolinks(part.text)) out.push(...textNode(piece.text, piece.href === undefined ? base : this.linkMarks(base, piece.href)));
            }
          }
          break;
        }
        case 'emphasis':
          out.push(...this.inline(n.children, addMark(marks, { type: 'em' })));
          break;
        case 'strong':
          out.push(...this.inline(n.children, addMark(marks, { type: 'strong' })));
          break;
        case 'delete':
          out.push(...this.inline(n.children, marks));
          break;
        case 'inlineCode':
          out.push(...textNode(n.value, addMark(marks, { type: 'code' })));
          break;
        case 'break':
          out.push({ type: 'hard_break' });
          break;
        case 'link': {
          // An autolink (`<http://…>`) whose text is its URL: backslash escapes written by converters
          // (`\_`, `\#`) are not part of the address (CommonMark keeps them; Python-Markdown does not).
          const only = n.children.length === 1 ? n.children[0] : undefined;
          if (only?.type === 'text' && only.value === n.url && n.url.includes('\\')) {
            const url = unescapePunctuation(n.url);
            out.push(...textNode(url, this.linkMarks(marks, url)));
          } else out.push(...this.inline(n.children, this.linkMarks(marks, n.url)));
          break;
        }
        case 'linkReference': {
          const url = this.definitions.get(n.identifier);
          out.push(...this.inline(n.children, url === undefined ? marks : this.linkMarks(marks, url)));
          break;
        }
        case 'image':
        case 'imageReference':
          out.push({ type: 'image_placeholder', attrs: { alt: (n.alt ?? '').replace(/\s+/g, ' ').trim() } });
          break;
        case 'footnoteReference':
          out.push(this.notes.reference(`f:${n.identifier}`, n.label ?? n.identifier));
          break;
        case 'html': {
          const tag = MARK_HTML.exec(n.value.trim());
          if (tag) {
            const type = MARK_FOR_TAG[(tag[2] ?? '').toLowerCase()];
            if (!type) break;
            if (tag[1]) {
              const at = open.lastIndexOf(type);
              if (at >= 0) open.splice(at, 1);
            } else open.push(type);
            marks = open.reduce((acc, t) => addMark(acc, { type: t }), [...outer]);
          } else out.push(...htmlFragmentToInline(n.value, marks, this.notes));
          break;
        }
        default: {
          const other = n as { children?: PhrasingContent[]; value?: unknown };
          if (other.children) out.push(...this.inline(other.children, marks));
          else if (other.value !== undefined) out.push(...textNode(String(other.value), marks));
        }
      }
    }
    return out;
  }

  private linkMarks(marks: readonly MarkJson[], url: string): MarkJson[] {
    const safe = safeHref(url);
    return safe ? addMark(marks, { type: 'link', attrs: { href: safe } }) : [...marks];
  }
}

function yamlTitle(root: Root, warnings: string[]): string {
  const fm = root.children.find((c) => c.type === 'yaml');
  if (!fm || fm.type !== 'yaml') return '';
  try {
    const data: unknown = parseYaml(fm.value, { maxAliasCount: 10 });
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const t = (data as Record<string, unknown>)['title'] ?? (data as Record<string, unknown>)['Title'];
      if (typeof t === 'string' || typeof t === 'number') return String(t).trim();
    }
  } catch {
    warnings.push('The YAML front matter could not be read; it was ignored.');
  }
  return '';
}

const DELIMITER_ROW = /^[ \t>]*[|:-][ \t|:-]*$/;

/**
 * Whether `source` may hold a GFM table: some line is a delimiter row (`| --- | :-: |`: only
 * pipes, colons, hyphens and spaces, after any quote markers) with a pipe on it or on the line
 * above, the table's head row. Without one no table can start, and the table construct, which is
 * tried at every line, is left out.
 */
export function mayHoldTable(source: string): boolean {
  if (!source.includes('|')) return false;
  let prev = '';
  for (let from = 0; from < source.length;) {
    const nl = source.indexOf('\n', from);
    const line = source.slice(from, nl < 0 ? source.length : nl).replace(/\r$/, '');
    if (line.includes('-') && DELIMITER_ROW.test(line) && (line.includes('|') || prev.includes('|'))) return true;
    prev = line;
    from = nl < 0 ? source.length : nl + 1;
  }
  return false;
}

/**
 * GFM tables, footnotes and strikethrough, without GFM's autolink-literal extension: that one
 * examines every character and was the largest single cost of importing the seeds; bare URLs are
 * linked afterwards on the text nodes instead ({@link findAutolinks}), with the same text. Task-list
 * markers (`[ ]`) stay in the text rather than being dropped.
 */
function gfmParts(this: Processor, options: { source: string; footnotes: ReadonlySet<string> }): void {
  const { source, footnotes } = options;
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  const micromark = (data.micromarkExtensions ??= []);
  const mdast = (data.fromMarkdownExtensions ??= []);
  // Each construct is only tried where it can possibly match: a table needs a delimiter row, a
  // footnote `[^`, strikethrough `~`. Skipping the others saves their probes at every line or character.
  if (mayHoldTable(source)) {
    micromark.push(gfmTable());
    mdast.push(gfmTableFromMarkdown());
  }
  if (source.includes('[^') || footnotes.size > 0) {
    micromark.push(indexedFootnotes(gfmFootnote(), footnotes));
    mdast.push(gfmFootnoteFromMarkdown());
  }
  if (source.includes('~')) {
    micromark.push(gfmStrikethrough());
    mdast.push(gfmStrikethroughFromMarkdown());
  }
}

/**
 * Import Markdown (CommonMark + GFM tables, footnotes, autolinks; YAML or `Title:` front matter)
 * into the reader schema. Raw HTML is reduced to allowed structure and text; links keep only safe
 * hrefs; images become placeholders showing their alt text; `[TOC]` markers are dropped.
 * The title comes from the metadata header, then YAML `title`, then the first level-1 heading.
 * Throws a `too-large` DomainException for input past {@link checkMarkdownLimits}.
 * `pieceChars`: smallest piece when parsing in pieces (default 16 KB; tests compare with one piece);
 * `fastFootnotes: false` lets micromark read one-line footnote definitions too (tests compare).
 */
export function importMarkdown(source: string, options: { pieceChars?: number; fastFootnotes?: boolean } = {}): ParsedDocument {
  const header = splitMetadataHeader(source.replace(/^\uFEFF/, ''));
  const { meta } = header;
  // A `Title:` header marks a Python-Markdown (Pelican) source: its list rule applies.
  const marked = meta.size > 0 ? keepListMarkersInParagraphs(header.body) : header.body;
  checkMarkdownLimits(marked);
  const { body, notes } = options.fastFootnotes === false ? { body: marked, notes: [] } : extractOneLineFootnotes(marked);
  // Large sources are parsed piece by piece (same tree, flat memory): see splitMarkdown. Smaller
  // ones in one parse, which costs less than setting up a parser per piece.
  const pieces = options.pieceChars !== undefined || body.length >= SPLIT_FROM_CHARS ? splitMarkdown(body, options.pieceChars) : [body];
  const footnotes = new Set(pieces.length > 1 ? footnoteIdentifiers(body) : []);
  for (const n of notes) footnotes.add(n.identifier.toUpperCase());
  const parse = (piece: string): Root => {
    const processor = unified().use(remarkParse);
    // YAML front matter can only open the document; its construct costs a probe at every line.
    if (piece === pieces[0] && /^---[ \t]*\r?\n/.test(piece)) processor.use(remarkFrontmatter, ['yaml']);
    return processor.use(gfmParts, { source: piece, footnotes }).parse(piece);
  };
  const noteContent = parseNoteTexts(notes, parse);
  const root = parse(pieces[0] ?? '');
  const conv = new MdConverter(root);
  const blocks: PmNodeJson[] = [];
  // Notes are converted where they stood, between the blocks, so references inside them are
  // numbered in the same order as when micromark reads them in place.
  let next = 0;
  const notesBefore = (offset: number): void => {
    for (; next < notes.length && (notes[next]?.offset ?? 0) < offset; next++) conv.defineNote(notes[next] as OneLineFootnote, noteContent[next] ?? []);
  };
  let pieceStart = 0;
  pieces.forEach((piece, i) => {
    for (const child of (i === 0 ? root : parse(piece)).children) {
      notesBefore(pieceStart + (child.position?.start.offset ?? 0));
      blocks.push(...conv.block(child));
    }
    pieceStart += piece.length;
  });
  notesBefore(Infinity);
  const notesBlock = footnotesSection(conv.notes, conv.warnings);
  const all = notesBlock ? [...blocks, notesBlock] : blocks;
  let title = meta.get('title') ?? '';
  if (!title) title = yamlTitle(root, conv.warnings);
  if (!title) {
    const h1 = all.find((b) => b.type === 'heading' && b.attrs?.['level'] === 1);
    if (h1) title = plainText([h1]).trim();
  }
  return { title, doc: docNode(all), warnings: conv.warnings };
}

/**
 * The mdast content of each one-line footnote: a paragraph of its text when it is plain; else
 * from parses of many note texts at once (each on its own line, blank lines between, about 16 KB
 * per parse), each block assigned to its note by its line.
 */
function parseNoteTexts(notes: readonly OneLineFootnote[], parse: (source: string) => Root): RootContent[][] {
  const out: RootContent[][] = notes.map((n) => (n.plain ? [{ type: 'paragraph', children: [{ type: 'text', value: n.text }] }] : []));
  let batch: number[] = [];
  let size = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const root = parse(batch.map((i) => notes[i]?.text ?? '').join('\n\n'));
    for (const child of root.children) {
      const line = child.position?.start.line ?? 1;
      // Note k starts on line 2k + 1; a block never starts on a blank line between two notes.
      const note = out[batch[Math.floor((line - 1) / 2)] ?? -1];
      if (!note) throw new Error(`a footnote text was parsed outside its line (${line})`);
      note.push(child);
    }
    batch = [];
    size = 0;
  };
  notes.forEach((n, i) => {
    if (n.plain) return;
    batch.push(i);
    size += n.text.length + 2;
    if (size >= 16 * 1024) flush();
  });
  flush();
  return out;
}
