import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../src/core/import/markdown.js';
import { importTextContent } from '../../../src/core/import/pipeline.js';
import { markdownNestingDepth, maxDelimiterRuns } from '../../../src/core/import/markdown-limits.js';

describe('Markdown bounds, checked before parsing', () => {
  it('measures list and quote nesting', () => {
    expect(markdownNestingDepth('- a\n  - b\n    - c\n- d\n')).toEqual({ depth: 3, line: 3 });
    expect(markdownNestingDepth('> > > q\n')).toEqual({ depth: 3, line: 1 });
    expect(markdownNestingDepth('> - a\n>   - b\n')).toEqual({ depth: 3, line: 2 });
    expect(markdownNestingDepth('plain\n\n    code - x\n').depth).toBe(0);
  });

  it('a 5,000-level list fails at once with the depth, as a typed error', () => {
    const deep = Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    const t = Date.now();
    const r = importTextContent(deep, 'md');
    expect(Date.now() - t).toBeLessThan(2000);
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(!r.ok && r.error.message).toMatch(/5000 levels deep.*at most 100/);
  });

  it('64 KB of *a*a… fails at once naming the count; ordinary emphasis is untouched', () => {
    expect(maxDelimiterRuns('**a** and _b_\n\n*c*').runs).toBe(4);
    const r = importTextContent('*a'.repeat(32 * 1024), 'md');
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(!r.ok && r.error.message).toMatch(/32768 emphasis markers/);
    expect(() => importMarkdown('*a*a '.repeat(500))).not.toThrow();
  });

  it('a nesting of 100 levels still imports', () => {
    const ok = Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- x${i}`).join('\n');
    const r = importTextContent(ok, 'md');
    expect(r.ok).toBe(true);
  });
});
