import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Nodes } from 'mdast';
import { importMarkdown, mayHoldTable } from '../../../src/core/import/markdown.js';

/** Node types found by remark with the table (and front matter) constructs always on. */
function typesWithEveryConstruct(source: string): Set<string> {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).data('micromarkExtensions', [gfmTable()]).data('fromMarkdownExtensions', [gfmTableFromMarkdown()]);
  const types = new Set<string>();
  const walk = (n: Nodes): void => {
    types.add(n.type);
    if ('children' in n) n.children.forEach(walk);
  };
  walk(processor.parse(source));
  return types;
}

const TABLES = [
  '| a | b |\n| --- | --- |\n| 1 | 2 |\n',
  'a | b\n--|--\n1 | 2\n',
  '| a |\n|---|\n',
  '| a |\n---\n',
  'a |\n-:\n',
  '> | a | b |\n> | :-: | --- |\n> | 1 | 2 |\n',
  '- item\n\n  | a | b |\n  | - | - |\n',
  '| a | b |\r\n| --- | --- |\r\n',
  '\t| a | b |\n\t|---|---|\n',
];
const NOT_TABLES = ['a | b\n\n---\n', 'Text with a | pipe.\n\n- list\n', '---\n|\n', 'x\n---\n| a |\n'];

describe('constructs tried only where they can match', () => {
  it('keeps the table construct for every source where remark finds a table', () => {
    for (const src of TABLES) {
      const hasTable = typesWithEveryConstruct(src).has('table');
      if (hasTable) expect(mayHoldTable(src), JSON.stringify(src)).toBe(true);
      if (hasTable) expect(JSON.stringify(importMarkdown(src).doc), JSON.stringify(src)).toContain('"table"');
    }
    expect(TABLES.filter((s) => typesWithEveryConstruct(s).has('table')).length).toBeGreaterThanOrEqual(6);
  });

  it('leaves it out when no line can be a delimiter row, and the document is the same', () => {
    for (const src of NOT_TABLES) {
      expect(typesWithEveryConstruct(src).has('table'), JSON.stringify(src)).toBe(false);
      expect(mayHoldTable(src), JSON.stringify(src)).toBe(false);
    }
  });

  it('reads YAML front matter only at the start', () => {
    expect(importMarkdown('---\ntitle: Front\n---\n\nBody.\n').title).toBe('Front');
    expect(importMarkdown('---\r\ntitle: Crlf\r\n---\r\n\r\nBody.\r\n').title).toBe('Crlf');
    const later = importMarkdown('Intro.\n\n---\ntitle: Not front\n---\n');
    expect(later.title).toBe('');
    expect(JSON.stringify(later.doc)).toContain('title: Not front');
  });
});
