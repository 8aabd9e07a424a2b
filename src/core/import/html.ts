import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { PmNodeJson } from '../model/types.js';
import { safeHref } from '../document/schema.js';
import { addMark, docNode, flattenToInline, heading, listItem, paragraph, plainText, textNode, tidyInline, unwrapWholeMarks, type MarkJson } from './pm-build.js';
import { footnotesSection, type FootnoteRegistry, newFootnoteRegistry } from './footnotes.js';
import type { ParsedDocument } from './parsed-document.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * Elements dropped together with everything inside them: active content, metadata, form controls
 * and embedded content. (SVG and MathML are transparent: their text is visible in a browser too.) Everything not listed here or handled below is transparent: its text is
 * kept and the tag itself is ignored (the allowlist is what this walker *builds*, not what it skips).
 */
const DROPPED = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'canvas',
  'audio',
  'video',
  'source',
  'track',
  'select',
  'option',
  'textarea',
  'input',
  'button',
  'map',
  'area',
  'param',
  'dialog',
  'portal',
  'xmp',
  'plaintext',
  'noembed',
  'noframes',
]);

/** Elements whose children are read as blocks (a paragraph break before and after). */
const CONTAINERS = new Set([
  'html',
  'body',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'figure',
  'figcaption',
  'address',
  'center',
  'details',
  'summary',
  'dl',
  'dt',
  'dd',
  'li',
  'form',
  'fieldset',
  'legend',
  'hgroup',
  'menu',
]);

const MARK_TAGS: Record<string, MarkJson['type']> = {
  em: 'em',
  i: 'em',
  cite: 'em',
  dfn: 'em',
  var: 'em',
  strong: 'strong',
  b: 'strong',
  code: 'code',
  kbd: 'code',
  samp: 'code',
  tt: 'code',
  sup: 'sup',
  sub: 'sub',
};

const BLOCK_TAGS = new Set([...CONTAINERS, 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'table', 'hr', 'pre']);

/** `#footnote-3`, `#endnote-2` (mammoth), `#fn3`, `#fn-3` (pandoc and others). */
const NOTE_ID = /^(footnote|endnote|fn)-?([\w.]+)$/;
const NOTE_BACKREF = /^#?(footnote-ref|endnote-ref|fnref)-?[\w.]+$/;

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

/**
 * Walks a parse5 tree and builds reader-schema JSON through an allowlist. Attributes are never
 * copied, except a link's `href` after `safeHref`, and an image's `alt` as placeholder text.
 * Footnote markup in the shapes mammoth and pandoc produce becomes `footnote_ref` nodes and a
 * `footnotes` section.
 */
export class HtmlWalker {
  readonly warnings: string[] = [];

  constructor(readonly notes: FootnoteRegistry = newFootnoteRegistry()) {}

  /** Block content of a list of nodes. */
  blocks(children: readonly Node[], marks: readonly MarkJson[] = []): PmNodeJson[] {
    const out: PmNodeJson[] = [];
    let inline: PmNodeJson[] = [];
    const flush = (): void => {
      out.push(...paragraph(inline));
      inline = [];
    };
    for (const child of children) {
      if (!isElement(child)) {
        if (child.nodeName === '#text' && 'value' in child) inline.push(...textNode(child.value, marks));
        continue;
      }
      const tag = child.tagName;
      if (DROPPED.has(tag)) continue;
      if (BLOCK_TAGS.has(tag)) {
        flush();
        out.push(...this.block(child, marks));
      } else inline.push(...this.inline(child, marks));
    }
    flush();
    return out;
  }

  private block(el: Element, marks: readonly MarkJson[]): PmNodeJson[] {
    const tag = el.tagName;
    const level = /^h([1-6])$/.exec(tag);
    if (level) return heading(Number(level[1]), unwrapWholeMarks(this.inlineChildren(el, marks)));
    switch (tag) {
      case 'p':
        return this.blocks(el.childNodes, marks);
      case 'blockquote': {
        const inner = this.blocks(el.childNodes, marks);
        return inner.length > 0 ? [{ type: 'blockquote', content: inner }] : [];
      }
      case 'ul':
      case 'ol':
        return this.list(el, marks);
      case 'table':
        return this.table(el, marks);
      case 'hr':
        return [{ type: 'horizontal_rule' }];
      case 'pre':
        return paragraph(this.preformatted(el, addMark(marks, { type: 'code' })));
      default:
        return this.blocks(el.childNodes, marks);
    }
  }

  private list(el: Element, marks: readonly MarkJson[]): PmNodeJson[] {
    const items = el.childNodes.filter(isElement).filter((c) => !DROPPED.has(c.tagName));
    const noteItems = items.filter((c) => c.tagName === 'li' && NOTE_ID.test(attr(c, 'id') ?? ''));
    if (noteItems.length > 0 && noteItems.length === items.length) {
      for (const li of noteItems) {
        const m = NOTE_ID.exec(attr(li, 'id') ?? '');
        if (m) this.notes.define(`${m[1] === 'endnote' ? 'e' : 'f'}:${m[2] ?? ''}`, m[2] ?? '', this.blocks(li.childNodes, marks));
      }
      return [];
    }
    const content = items.map((li) => listItem(li.tagName === 'li' ? this.blocks(li.childNodes, marks) : this.blocks([li], marks)));
    // Loose text directly inside a list (invalid HTML) still counts: wrap it in an item.
    const loose = paragraph(el.childNodes.filter((c) => !isElement(c)).flatMap((c) => (c.nodeName === '#text' && 'value' in c ? textNode(c.value, marks) : [])));
    if (loose.length > 0) content.unshift(listItem(loose));
    if (content.length === 0) return [];
    if (el.tagName === 'ol') {
      const start = Number.parseInt(attr(el, 'start') ?? '1', 10);
      return [{ type: 'ordered_list', attrs: { start: Number.isFinite(start) && start >= 0 && start < 1e9 ? start : 1 }, content }];
    }
    return [{ type: 'bullet_list', content }];
  }

  private table(el: Element, marks: readonly MarkJson[]): PmNodeJson[] {
    const rows: PmNodeJson[] = [];
    const before: PmNodeJson[] = [];
    const visit = (n: Element): void => {
      for (const c of n.childNodes.filter(isElement)) {
        if (c.tagName === 'tr') {
          const cells = c.childNodes.filter(isElement).filter((x) => x.tagName === 'td' || x.tagName === 'th');
          if (cells.length === 0) continue;
          rows.push({
            type: 'table_row',
            content: cells.map((cell) => {
              const inline = tidyInline(flattenToInline(this.blocks(cell.childNodes, marks)));
              const node: PmNodeJson = { type: 'table_cell', attrs: { header: cell.tagName === 'th' } };
              if (inline.length > 0) node.content = inline;
              return node;
            }),
          });
        } else if (c.tagName === 'caption') before.push(...this.blocks(c.childNodes, marks));
        else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') visit(c);
      }
    };
    visit(el);
    return rows.length > 0 ? [...before, { type: 'table', content: rows }] : before;
  }

  private preformatted(el: Element, marks: readonly MarkJson[]): PmNodeJson[] {
    const text = plainText(this.inlineChildren(el, marks));
    const out: PmNodeJson[] = [];
    text
      .replace(/^\n/, '')
      .split('\n')
      .forEach((line, i) => {
        if (i > 0) out.push({ type: 'hard_break' });
        out.push(...textNode(line, marks));
      });
    return out;
  }

  private inlineChildren(el: Element, marks: readonly MarkJson[]): PmNodeJson[] {
    const out: PmNodeJson[] = [];
    for (const c of el.childNodes) {
      if (!isElement(c)) {
        if (c.nodeName === '#text' && 'value' in c) out.push(...textNode(c.value, marks));
      } else out.push(...this.inline(c, marks));
    }
    return out;
  }

  /** Inline content of an element met inside running text. Block elements here become line breaks. */
  inline(el: Element, marks: readonly MarkJson[]): PmNodeJson[] {
    const tag = el.tagName;
    if (DROPPED.has(tag)) return [];
    if (tag === 'br') return [{ type: 'hard_break' }];
    if (tag === 'img') return [{ type: 'image_placeholder', attrs: { alt: (attr(el, 'alt') ?? '').replace(/\s+/g, ' ').trim() } }];
    if (tag === 'a') {
      const href = attr(el, 'href') ?? '';
      if (NOTE_BACKREF.test(href)) return [];
      const note = NOTE_ID.exec(href.replace(/^#/, ''));
      if (href.startsWith('#') && note) return [this.notes.reference(`${note[1] === 'endnote' ? 'e' : 'f'}:${note[2] ?? ''}`, note[2] ?? '')];
      const safe = href ? safeHref(href) : null;
      return this.inlineChildren(el, safe ? addMark(marks, { type: 'link', attrs: { href: safe } }) : marks);
    }
    const mark = MARK_TAGS[tag];
    if (mark) {
      const inner = this.inlineChildren(el, addMark(marks, { type: mark }));
      // A superscript that only wraps a footnote reference adds nothing.
      const refs = inner.filter((n) => n.type === 'footnote_ref');
      if (mark === 'sup' && refs.length > 0 && plainText(inner).trim() === '') return refs;
      return inner;
    }
    if (BLOCK_TAGS.has(tag)) {
      const inner = flattenToInline(this.blocks(el.childNodes, marks));
      return inner.length > 0 ? [{ type: 'hard_break' }, ...inner, { type: 'hard_break' }] : [];
    }
    return this.inlineChildren(el, marks);
  }
}

/** Block content of an HTML fragment (for raw HTML inside Markdown), sharing a footnote registry. */
export function htmlFragmentToBlocks(html: string, notes?: FootnoteRegistry): PmNodeJson[] {
  const walker = new HtmlWalker(notes);
  return walker.blocks(parseFragment(html, { scriptingEnabled: false }).childNodes);
}

/** Inline content of an HTML fragment with the given marks active. */
export function htmlFragmentToInline(html: string, marks: readonly MarkJson[], notes?: FootnoteRegistry): PmNodeJson[] {
  const walker = new HtmlWalker(notes);
  const out: PmNodeJson[] = [];
  for (const c of parseFragment(html, { scriptingEnabled: false }).childNodes) {
    if (isElement(c)) out.push(...walker.inline(c, marks));
    else if (c.nodeName === '#text' && 'value' in c) out.push(...textNode(c.value, marks));
  }
  return out;
}

function findElement(n: Node, tag: string): Element | undefined {
  if (isElement(n) && n.tagName === tag) return n;
  const kids = 'childNodes' in n ? n.childNodes : [];
  for (const c of kids) {
    const hit = findElement(c, tag);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Import an HTML document: sanitised by construction (nothing but the reader schema's nodes and
 * checked hrefs survives). The title comes from `<title>`, else the first heading.
 */
export function importHtml(html: string): ParsedDocument {
  // Scripting off: <noscript> content is parsed as markup (and walked), as a reader without scripts shows it.
  const tree = parse(html, { scriptingEnabled: false });
  const titleEl = findElement(tree, 'title');
  const walker = new HtmlWalker();
  const body = findElement(tree, 'body');
  const blocks = walker.blocks(body ? body.childNodes : tree.childNodes);
  const notes = footnotesSection(walker.notes, walker.warnings);
  const all = notes ? [...blocks, notes] : blocks;
  let title = titleEl
    ? plainText(titleEl.childNodes.flatMap((c) => (c.nodeName === '#text' && 'value' in c ? textNode(c.value) : [])))
        .replace(/\s+/g, ' ')
        .trim()
    : '';
  if (!title) title = plainText(all.filter((b) => b.type === 'heading').slice(0, 1)).trim();
  return { title, doc: docNode(all), warnings: walker.warnings };
}
