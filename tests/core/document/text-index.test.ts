import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Node as PmNode } from 'prosemirror-model';
import { readerSchema as s } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';

const p = (...c: PmNode[]) => s.node('paragraph', null, c);
const t = (x: string) => s.text(x);

/** Positions that lie inside a textblock's content (where a selection can start or end). */
function textPositions(doc: PmNode): number[] {
  const out: number[] = [];
  for (let pos = 0; pos <= doc.content.size; pos++) {
    if (doc.resolve(pos).parent.inlineContent) out.push(pos);
  }
  return out;
}

describe('buildTextIndex', () => {
  it('separates textblocks with a blank line and equals textBetween', () => {
    const doc = s.node('doc', null, [s.node('heading', { level: 2 }, [t('Direct diplomacy')]), p(t('One '), s.node('footnote_ref', { label: '9' }), t(' two')), s.node('bullet_list', null, [s.node('list_item', null, [p(t('item'))])])]);
    const idx = buildTextIndex(doc);
    expect(idx.text).toBe('Direct diplomacy\n\nOne [9] two\n\nitem');
    expect(idx.text).toBe(doc.textBetween(0, doc.content.size, '\n\n'));
    expect(idx.headings).toEqual([{ level: 2, text: 'Direct diplomacy', offset: 0, pos: 1 }]);
  });

  it('maps a footnote leaf to its whole label, never into it', () => {
    const doc = s.node('doc', null, [p(t('ab'), s.node('footnote_ref', { label: '12' }), t('cd'))]);
    const idx = buildTextIndex(doc);
    expect(idx.text).toBe('ab[12]cd');
    expect(idx.offsetToPos(3, -1)).toBe(3);
    expect(idx.offsetToPos(3, 1)).toBe(4);
    expect(idx.posToOffset(4)).toBe(6);
  });

  it('records page starts from page markers', () => {
    const doc = s.node('doc', null, [s.node('page_marker', { page: 1 }), p(t('first')), s.node('page_marker', { page: 2 }), p(t('second'))]);
    const idx = buildTextIndex(doc);
    expect(idx.pages).toEqual([
      { page: 1, offset: 0 },
      { page: 2, offset: 7 },
    ]);
    expect(idx.text.slice(7)).toBe('second');
  });

  it('handles a document with only empty blocks', () => {
    const idx = buildTextIndex(s.node('doc', null, [p(), p()]));
    expect(idx.text).toBe('\n\n');
    expect(idx.posToOffset(1)).toBe(0);
  });

  const inline = fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '😀', '\u0301', 'Z'), minLength: 1, maxLength: 8 }).map((x) => ({ k: 'text' as const, x })) },
    { weight: 1, arbitrary: fc.constant({ k: 'br' as const, x: '' }) },
    { weight: 1, arbitrary: fc.constant({ k: 'fn' as const, x: '3' }) },
  );
  const block = fc.array(inline, { maxLength: 5 });
  const docArb = fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) =>
    s.node(
      'doc',
      null,
      blocks.map((items) => p(...items.map((i) => (i.k === 'text' ? t(i.x) : i.k === 'br' ? s.node('hard_break') : s.node('footnote_ref', { label: i.x }))))),
    ),
  );

  it('property: every range of text positions round-trips and matches textBetween', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.nat(), (doc, i, j) => {
        const idx = buildTextIndex(doc);
        expect(idx.text).toBe(doc.textBetween(0, doc.content.size, '\n\n'));
        const positions = textPositions(doc);
        const a = positions[i % positions.length] ?? 0;
        const b = positions[j % positions.length] ?? 0;
        const [from, to] = a <= b ? [a, b] : [b, a];
        const oa = idx.posToOffset(from);
        const ob = idx.posToOffset(to);
        expect(idx.text.slice(oa, ob)).toBe(doc.textBetween(from, to, '\n\n'));
        // A position between two text characters maps back to itself.
        const $a = doc.resolve(from);
        if ($a.nodeBefore?.isText && $a.nodeAfter?.isText) expect(idx.offsetToPos(oa)).toBe(from);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: every offset maps to a position whose offset is the nearest text offset', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), (doc, k) => {
        const idx = buildTextIndex(doc);
        const o = idx.text.length === 0 ? 0 : k % (idx.text.length + 1);
        const back = idx.posToOffset(idx.offsetToPos(o, -1), -1);
        const fwd = idx.posToOffset(idx.offsetToPos(o, 1), 1);
        expect(back).toBeLessThanOrEqual(o);
        expect(fwd).toBeGreaterThanOrEqual(o);
      }),
      { numRuns: 2000 },
    );
  });
});
