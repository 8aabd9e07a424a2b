import { Schema, type NodeSpec, type MarkSpec } from 'prosemirror-model';

/**
 * The reader schema: the one document model every importer produces and the reader displays.
 *
 * Blocks are paragraph-level (no per-word nodes) so decorations stay cheap. Text-bearing blocks
 * (`paragraph`, `heading`, `table_cell`) are textblocks; the canonical text serializer separates
 * textblocks with `\n\n`. Inline leaves carry `leafText`, which is their contribution to the
 * canonical text. `toDOM` is given for the renderer; core never calls it.
 *
 * Invariants: no node stores raw HTML; the only attribute that reaches the DOM as a URL is
 * `link.href`, which importers must pass through `safeHref` first.
 */
const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    content: 'inline*',
    group: 'block',
    toDOM: () => ['p', 0],
  },
  heading: {
    attrs: { level: { default: 1 } },
    content: 'inline*',
    group: 'block',
    defining: true,
    toDOM: (n) => ['h' + String(Math.min(6, Math.max(1, Number(n.attrs['level'])))), 0],
  },
  blockquote: {
    content: 'block+',
    group: 'block',
    toDOM: () => ['blockquote', 0],
  },
  bullet_list: {
    content: 'list_item+',
    group: 'block',
    toDOM: () => ['ul', 0],
  },
  ordered_list: {
    attrs: { start: { default: 1 } },
    content: 'list_item+',
    group: 'block',
    toDOM: (n) => ['ol', { start: String(n.attrs['start']) }, 0],
  },
  list_item: {
    content: 'block+',
    toDOM: () => ['li', 0],
  },
  table: {
    content: 'table_row+',
    group: 'block',
    toDOM: () => ['table', ['tbody', 0]],
  },
  table_row: {
    content: 'table_cell+',
    toDOM: () => ['tr', 0],
  },
  table_cell: {
    attrs: { header: { default: false } },
    content: 'inline*',
    toDOM: (n) => [n.attrs['header'] ? 'th' : 'td', 0],
  },
  horizontal_rule: {
    group: 'block',
    toDOM: () => ['hr'],
  },
  /** Start of a page of a paged source (PDF). Contributes no text; the page map records it. */
  page_marker: {
    attrs: { page: { default: 1 } },
    group: 'block',
    toDOM: (n) => ['div', { class: 'page-marker', 'data-page': String(n.attrs['page']) }, `Page ${String(n.attrs['page'])}`],
  },
  /** The notes section that ends a document (its footnote definitions). */
  footnotes: {
    content: 'footnote+',
    group: 'block',
    toDOM: () => ['section', { class: 'footnotes' }, 0],
  },
  footnote: {
    attrs: { label: { default: '' } },
    content: 'block+',
    toDOM: (n) => ['div', { class: 'footnote', id: 'fn-' + String(n.attrs['label']), 'data-label': String(n.attrs['label']) }, 0],
  },
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    leafText: () => '\n',
    toDOM: () => ['br'],
  },
  /** A reference to footnote `label`; reads as `[label]` in the canonical text. */
  footnote_ref: {
    inline: true,
    group: 'inline',
    atom: true,
    attrs: { label: { default: '' } },
    leafText: (n) => `[${String(n.attrs['label'])}]`,
    toDOM: (n) => ['sup', { class: 'footnote-ref', 'data-label': String(n.attrs['label']) }, `[${String(n.attrs['label'])}]`],
  },
  /** An image is never loaded; its alt text stands in, visibly. */
  image_placeholder: {
    inline: true,
    group: 'inline',
    atom: true,
    attrs: { alt: { default: '' } },
    leafText: (n) => `[Image: ${String(n.attrs['alt'])}]`,
    toDOM: (n) => ['span', { class: 'image-placeholder' }, `[Image: ${String(n.attrs['alt'])}]`],
  },
};

const marks: Record<string, MarkSpec> = {
  em: { toDOM: () => ['em', 0] },
  strong: { toDOM: () => ['strong', 0] },
  code: { toDOM: () => ['code', 0] },
  sup: { excludes: 'sub', toDOM: () => ['sup', 0] },
  sub: { excludes: 'sup', toDOM: () => ['sub', 0] },
  link: {
    attrs: { href: { default: '', validate: 'string' } },
    inclusive: false,
    // Checked again when drawn: a received sources/*.json may hold any href, and only the importers
    // ran safeHref. An unsafe one (javascript:, data:, …) renders as plain text, never as a live link.
    toDOM: (m) => {
      const href = safeHref(String(m.attrs['href']));
      return href ? ['a', { href, rel: 'noopener noreferrer', target: '_blank' }, 0] : ['span', { class: 'link-refused', title: 'Link removed: its address is not http, https or mailto' }, 0];
    },
  },
};

/** The reader schema (see module doc). */
export const readerSchema = new Schema({ nodes, marks });

/**
 * Returns the href if it is safe to keep on a link (http, https, mailto, or an in-document
 * `#fragment`), else null. `javascript:`, `data:`, `vbscript:` and anything unparseable are dropped.
 */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (h.startsWith('#')) return /^#[\w\-.:]*$/.test(h) ? h : null;
  // eslint-disable-next-line no-control-regex
  const cleaned = h.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  if (!m) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto' ? cleaned : null;
}
