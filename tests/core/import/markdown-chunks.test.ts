import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importMarkdown } from '../../../src/core/import/markdown.js';
import { footnoteIdentifiers, splitMarkdown } from '../../../src/core/import/markdown-chunks.js';
import { footnoteFlood } from '../../fixtures/import/hostile.js';

const seed = (name: string): string => readFileSync(new URL(`../../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const ONE_PIECE = 1e12;

describe('parsing Markdown in pieces', () => {
  it('pieces concatenate back to the source and never start inside a fence, raw HTML, a list or YAML', () => {
    const src = `---\ntitle: x\n\nmore: y\n---\n\n${'Para.\n\n'.repeat(50)}\`\`\`\n\nA fenced line\n\n\`\`\`\n\n<pre>\n\nInside pre\n</pre>\n\n- item\n\n- loose item\n\n---\n\n${'Tail.\n\n'.repeat(20)}`;
    const pieces = splitMarkdown(src, 10);
    expect(pieces.join('')).toBe(src);
    expect(pieces[0]).toContain('more: y');
    expect(pieces.length).toBeGreaterThan(30);
    for (const p of pieces.slice(1)) expect(p).toMatch(/^(Para\.|Tail\.|<pre>)/);
  });

  it('gives the same document as one parse on the Markdown seeds, at any piece size', () => {
    for (const name of ['000_b19cde1f6a69a6f8.txt', '001_f1f3b25bdee2a5e2.txt', '003_3526632470e2ad38.txt']) {
      const whole = importMarkdown(seed(name), { pieceChars: ONE_PIECE });
      for (const size of [2048, 16 * 1024]) expect(importMarkdown(seed(name), { pieceChars: size }), `${name} @ ${size}`).toEqual(whole);
    }
  }, 120_000);

  it('resolves footnotes defined in another piece (a flood of 3,000 notes, pieces of 4 KB)', () => {
    const src = footnoteFlood(3000);
    expect(splitMarkdown(src, 4096).length).toBeGreaterThan(10);
    expect(footnoteIdentifiers('[^a]: x\n  [^B]: y\n')).toEqual(['A', 'B']);
    const pieces = importMarkdown(src, { pieceChars: 4096 });
    expect(pieces).toEqual(importMarkdown(src, { pieceChars: ONE_PIECE }));
    const notes = pieces.doc.content?.at(-1);
    expect(notes?.type).toBe('footnotes');
    expect(notes?.content).toHaveLength(3000);
    expect(pieces.warnings).toEqual([]);
  }, 120_000);
});
