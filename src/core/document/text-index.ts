import type { Node as PmNode } from 'prosemirror-model';
import type { PageStart } from '../model/types.js';

/** Separator placed between consecutive textblocks in the canonical text. */
export const BLOCK_SEPARATOR = '\n\n';

/** A heading found while serializing: its level, text and the offset where it starts. */
export interface HeadingEntry {
  level: number;
  text: string;
  offset: number;
  /** ProseMirror position of the heading's content start. */
  pos: number;
}

/** A textblock's span in the canonical text and its content start position. */
export interface TextBlock {
  start: number;
  end: number;
  pos: number;
}

/**
 * The canonical text of a document together with a position index.
 *
 * Rules (TEXT_VERSION 1): textblocks appear in document order separated by `\n\n` (also empty
 * ones); text nodes contribute their text; inline leaves contribute their `leafText`
 * (`hard_break` → `\n`, `footnote_ref` → `[label]`, `image_placeholder` → `[Image: alt]`); block
 * leaves contribute nothing. This equals `doc.textBetween(0, doc.content.size, "\n\n")`.
 * Offsets are UTF-16 code units.
 */
export interface TextIndex {
  readonly text: string;
  readonly headings: readonly HeadingEntry[];
  /** Every textblock's text range `[start, end)` and content start position, in document order. */
  readonly blocks: readonly TextBlock[];
  /** Page starts from `page_marker` nodes, ascending. */
  readonly pages: readonly PageStart[];
  /**
   * Text offset for a ProseMirror position. Positions outside any text (between blocks) snap to
   * the end of the preceding text when `bias < 0`, to the start of the following text when `bias > 0`.
   */
  posToOffset(pos: number, bias?: -1 | 1): number;
  /**
   * ProseMirror position for a text offset. Offsets inside a block separator or inside a leaf's
   * text snap backwards when `bias < 0`, forwards when `bias > 0`.
   */
  offsetToPos(offset: number, bias?: -1 | 1): number;
}

/** Build the canonical text and its index in one pass over the document (O(n)). */
export function buildTextIndex(doc: PmNode): TextIndex {
  const parts: string[] = [];
  let length = 0;
  const textStart: number[] = [];
  const posStart: number[] = [];
  const textLen: number[] = [];
  const posLen: number[] = [];
  const headings: HeadingEntry[] = [];
  const pages: PageStart[] = [];
  const blocks: TextBlock[] = [];
  let firstBlock = true;

  const push = (s: string): void => {
    parts.push(s);
    length += s.length;
  };

  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      if (!firstBlock) push(BLOCK_SEPARATOR);
      firstBlock = false;
      const blockOffset = length;
      if (node.childCount === 0) {
        // An empty textblock still owns one position; index it as a zero-length segment.
        textStart.push(length);
        posStart.push(pos + 1);
        textLen.push(0);
        posLen.push(0);
      }
      node.forEach((child, childOffset) => {
        const childPos = pos + 1 + childOffset;
        let s = '';
        if (child.isText) s = child.text ?? '';
        else if (child.isLeaf) s = child.type.spec.leafText ? child.type.spec.leafText(child) : '';
        textStart.push(length);
        posStart.push(childPos);
        textLen.push(s.length);
        posLen.push(child.nodeSize);
        push(s);
      });
      blocks.push({ start: blockOffset, end: length, pos: pos + 1 });
      if (node.type.name === 'heading') {
        headings.push({ level: Number(node.attrs['level']), text: node.textContent, offset: blockOffset, pos: pos + 1 });
      }
      return false;
    }
    if (node.type.name === 'page_marker') pages.push({ page: Number(node.attrs['page']), offset: length === 0 ? 0 : length + BLOCK_SEPARATOR.length });
    return true;
  });

  const text = parts.join('');
  const n = textStart.length;

  /** Last segment index whose posStart <= pos, or -1. */
  const segAtPos = (pos: number): number => {
    let lo = 0;
    let hi = n - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((posStart[mid] ?? 0) <= pos) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  };
  /** Last segment index whose textStart <= offset, or -1. */
  const segAtOffset = (offset: number): number => {
    let lo = 0;
    let hi = n - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((textStart[mid] ?? 0) <= offset) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  };

  const posToOffset = (pos: number, bias: -1 | 1 = 1): number => {
    if (n === 0) return 0;
    const i = segAtPos(pos);
    if (i < 0) return textStart[0] ?? 0;
    const ps = posStart[i] ?? 0;
    const pl = posLen[i] ?? 0;
    const ts = textStart[i] ?? 0;
    const tl = textLen[i] ?? 0;
    if (pos <= ps + pl) {
      if (pl === tl) return ts + (pos - ps);
      // A leaf whose text length differs from its node size: inside it snaps by bias.
      if (pos === ps) return ts;
      if (pos === ps + pl) return ts + tl;
      return bias < 0 ? ts : ts + tl;
    }
    // Between blocks: after segment i, before segment i+1.
    if (bias < 0 || i + 1 >= n) return ts + tl;
    return textStart[i + 1] ?? ts + tl;
  };

  const offsetToPos = (offset: number, bias: -1 | 1 = 1): number => {
    if (n === 0) return doc.content.size > 0 ? 1 : 0;
    const o = Math.max(0, Math.min(offset, text.length));
    let i = segAtOffset(o);
    if (i < 0) i = 0;
    // Several empty segments can share a textStart; prefer, by bias, the right one.
    const ts = textStart[i] ?? 0;
    const tl = textLen[i] ?? 0;
    const ps = posStart[i] ?? 0;
    const pl = posLen[i] ?? 0;
    if (o <= ts + tl) {
      if (pl === tl) return ps + (o - ts);
      if (o === ts) return ps;
      if (o === ts + tl) return ps + pl;
      return bias < 0 ? ps : ps + pl;
    }
    // Inside a separator (or after the last text).
    if (bias < 0 || i + 1 >= n) return ps + pl;
    return posStart[i + 1] ?? ps + pl;
  };

  return { text, headings, blocks, pages, posToOffset, offsetToPos };
}
