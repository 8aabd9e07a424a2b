import type { PmNodeJson } from '../model/types.js';

/**
 * Small, schema-aware builders shared by every importer. They produce ProseMirror JSON that
 * satisfies `readerSchema` by construction: no empty text nodes, marks in schema order without
 * duplicates, adjacent text with equal marks merged, no empty containers.
 */

/** A mark as it appears in ProseMirror JSON. */
export interface MarkJson {
  type: string;
  attrs?: Record<string, unknown>;
}

/** Mark names in `readerSchema` order (the order `Mark.setFrom` sorts into). */
const MARK_ORDER = ['em', 'strong', 'code', 'sup', 'sub', 'link'] as const;

/** Mark type names an importer may apply. */
export type MarkName = (typeof MARK_ORDER)[number];

/**
 * Add a mark to a set, keeping schema order; a second mark of the same type replaces the first,
 * and `sup`/`sub` exclude each other (the later one wins), as the schema requires.
 */
export function addMark(marks: readonly MarkJson[], mark: MarkJson): MarkJson[] {
  const excluded = mark.type === 'sup' ? 'sub' : mark.type === 'sub' ? 'sup' : '';
  const rest = marks.filter((m) => m.type !== mark.type && m.type !== excluded);
  rest.push(mark);
  return rest.sort((a, b) => rank(a.type) - rank(b.type));
}

function rank(type: string): number {
  const i = (MARK_ORDER as readonly string[]).indexOf(type);
  return i < 0 ? MARK_ORDER.length : i;
}

/** A text node, or nothing for empty text. */
export function textNode(text: string, marks: readonly MarkJson[] = []): PmNodeJson[] {
  if (!text) return [];
  return marks.length > 0 ? [{ type: 'text', text, marks: marks.map((m) => ({ ...m })) }] : [{ type: 'text', text }];
}

function sameMarks(a: PmNodeJson['marks'], b: PmNodeJson['marks']): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  if (x.length === 0) return true;
  return x.every((m, i) => m.type === y[i]?.type && JSON.stringify(m.attrs ?? {}) === JSON.stringify(y[i]?.attrs ?? {}));
}

/** White space that {@link tidyInline} would change (the common text, without it, is not rewritten). */
const SPACE_TO_COLLAPSE = /[\t\r\n\f\v]| {2}/;

/**
 * Normalise inline content: drop empty text, merge neighbours with equal marks, collapse runs of
 * whitespace (including soft line breaks) to one space, and trim the ends of the block.
 * Hard breaks and inline leaves are kept; spaces next to a hard break are removed.
 */
export function tidyInline(nodes: readonly PmNodeJson[]): PmNodeJson[] {
  const out: PmNodeJson[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      const raw = n.text ?? '';
      const t = SPACE_TO_COLLAPSE.test(raw) ? raw.replace(/[ \t\r\n\f\v]+/g, ' ') : raw;
      if (!t) continue;
      const prev = out[out.length - 1];
      const text = prev && endsWithSpace(prev) && t.startsWith(' ') ? t.slice(1) : t;
      if (!text) continue;
      if (prev && prev.type === 'text' && sameMarks(prev.marks, n.marks)) prev.text = (prev.text ?? '') + text;
      else out.push(n.marks && n.marks.length > 0 ? { type: 'text', text, marks: n.marks } : { type: 'text', text });
    } else {
      if (n.type === 'hard_break') trimEnd(out);
      out.push(n);
    }
  }
  // Trim spaces after hard breaks and at both ends.
  for (let i = 0; i < out.length; i++) {
    const n = out[i];
    const prev = out[i - 1];
    if (n && n.type === 'text' && (i === 0 || prev?.type === 'hard_break')) n.text = (n.text ?? '').replace(/^ +/, '');
  }
  trimEnd(out);
  while (out.length > 0 && out[out.length - 1]?.type === 'hard_break') out.pop();
  while (out.length > 0 && out[0]?.type === 'hard_break') out.shift();
  return out.filter((n) => n.type !== 'text' || (n.text ?? '') !== '');
}

function endsWithSpace(n: PmNodeJson): boolean {
  return n.type === 'text' && (n.text ?? '').endsWith(' ');
}

function trimEnd(out: PmNodeJson[]): void {
  const last = out[out.length - 1];
  if (last && last.type === 'text') {
    last.text = (last.text ?? '').replace(/ +$/, '');
    if (!last.text) out.pop();
  }
}

/** True when inline content holds no visible text and no inline leaf other than hard breaks. */
export function isBlankInline(nodes: readonly PmNodeJson[]): boolean {
  return nodes.every((n) => (n.type === 'text' ? !(n.text ?? '').trim() : n.type === 'hard_break'));
}

/** A paragraph, or nothing when its content is blank. */
export function paragraph(inline: readonly PmNodeJson[]): PmNodeJson[] {
  const content = tidyInline(inline);
  if (isBlankInline(content)) return [];
  return [{ type: 'paragraph', content }];
}

/** A heading (level clamped to 1–6), or nothing when blank. */
export function heading(level: number, inline: readonly PmNodeJson[]): PmNodeJson[] {
  const content = tidyInline(inline);
  if (isBlankInline(content)) return [];
  return [{ type: 'heading', attrs: { level: Math.min(6, Math.max(1, Math.round(level) || 1)) }, content }];
}

/** The plain text of inline or block JSON (leaves contribute nothing), for matching and titles. */
export function plainText(nodes: readonly PmNodeJson[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text') s += n.text ?? '';
    else if (n.type === 'hard_break') s += '\n';
    else if (n.content) s += plainText(n.content);
  }
  return s;
}

/** Remove a mark type from all text in inline content (e.g. a heading wholly in bold). */
export function stripMark(nodes: readonly PmNodeJson[], type: string): PmNodeJson[] {
  return nodes.map((n) => {
    if (n.type !== 'text' || !n.marks) return n;
    const marks = n.marks.filter((m) => m.type !== type);
    return marks.length > 0 ? { ...n, marks } : { type: 'text', text: n.text ?? '' };
  });
}

/** Remove marks that cover every text node of a heading: `## **Title**` reads as a plain heading. */
export function unwrapWholeMarks(nodes: readonly PmNodeJson[]): PmNodeJson[] {
  let out = [...nodes];
  for (const type of ['strong', 'em']) {
    const texts = out.filter((n) => n.type === 'text');
    if (texts.length > 0 && texts.every((n) => (n.marks ?? []).some((m) => m.type === type))) out = stripMark(out, type);
  }
  return out;
}

/** A document node; an empty block list becomes one empty paragraph so the schema holds. */
export function docNode(blocks: readonly PmNodeJson[]): PmNodeJson {
  return { type: 'doc', content: blocks.length > 0 ? [...blocks] : [{ type: 'paragraph' }] };
}

/** Wrap a list of blocks as a list item; an empty item gets an empty paragraph. */
export function listItem(blocks: readonly PmNodeJson[]): PmNodeJson {
  return { type: 'list_item', content: blocks.length > 0 ? [...blocks] : [{ type: 'paragraph' }] };
}

/** Inline content of blocks flattened for a table cell: blocks joined by hard breaks. */
export function flattenToInline(blocks: readonly PmNodeJson[]): PmNodeJson[] {
  const out: PmNodeJson[] = [];
  const visit = (b: PmNodeJson): void => {
    if (b.type === 'paragraph' || b.type === 'heading' || b.type === 'table_cell') {
      if (out.length > 0) out.push({ type: 'hard_break' });
      out.push(...(b.content ?? []));
    } else for (const c of b.content ?? []) visit(c);
  };
  for (const b of blocks) visit(b);
  return out;
}
