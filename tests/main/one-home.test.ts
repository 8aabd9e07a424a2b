import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_TABLE, EXPORT_FORMATS } from '../../src/core/export/formats.js';
import { TEXT_FORMATS } from '../../src/core/export/render.js';
import { ATTRIBUTE_TYPES, DECISIONS, MEMO_KINDS, SOURCE_FORMATS } from '../../src/core/model/project-schema.js';
import { HIT_SCOPES } from '../../src/core/search/scope.js';
import { MATRIX_EXPORT_FORMATS } from '../../src/shared/api.js';
import { EXPORT_FORMATS as MAIN_EXPORT_FORMATS } from '../../src/main/export/export-matrix.js';

/**
 * One home per fact (issue 15), for the format tables: every table is imported here, no source file
 * other than its home writes its ids out again as a list, and each consumer reads the table. A
 * list of plain strings (`['a', 'b']`, or a `'a' | 'b'` union) is a copy when it holds every id of
 * a table of up to six ids, or four or more ids of a larger table. Lists of objects (the import
 * dialog's labelled menu, the API's memo-target union) are not string lists and are not flagged.
 */

const root = join(import.meta.dirname, '..', '..');

const TABLES: { name: string; home: string; ids: readonly string[] }[] = [
  { name: 'export formats', home: 'src/core/export/formats.ts', ids: EXPORT_FORMATS },
  { name: 'source formats', home: 'src/core/model/project-schema.ts', ids: SOURCE_FORMATS },
  { name: 'attribute types', home: 'src/core/model/project-schema.ts', ids: ATTRIBUTE_TYPES },
  { name: 'adjudication decisions', home: 'src/core/model/project-schema.ts', ids: DECISIONS },
  { name: 'memo kinds', home: 'src/core/model/project-schema.ts', ids: MEMO_KINDS },
  { name: 'autocode scopes', home: 'src/core/search/scope.ts', ids: HIT_SCOPES },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The items of every list literal of plain strings (`['a', 'b']`) and every string union (`'a' | 'b'`) in `text`. */
function lists(text: string): string[][] {
  const out: string[][] = [];
  for (const m of text.matchAll(/\[\s*('[^'\n]*'(?:\s*,\s*'[^'\n]*')*)\s*,?\s*\]/g)) out.push([...(m[1] ?? '').matchAll(/'([^'\n]*)'/g)].map((q) => q[1] ?? ''));
  for (const m of text.matchAll(/'[^'\n]*'(?:\s*\|\s*'[^'\n]*')+/g)) out.push([...m[0].matchAll(/'([^'\n]*)'/g)].map((q) => q[1] ?? ''));
  return out;
}

function copies(ids: readonly string[], text: string): string[][] {
  const need = ids.length <= 6 ? ids.length : 4;
  return lists(text).filter((l) => new Set(l.filter((x) => ids.includes(x))).size >= need);
}

describe('one home per fact: format tables', () => {
  it('every table is one list (ids unique), and the derived lists are read off it', () => {
    for (const t of TABLES) expect(new Set(t.ids).size, t.name).toBe(t.ids.length);
    expect(MATRIX_EXPORT_FORMATS).toBe(EXPORT_FORMATS);
    expect(MAIN_EXPORT_FORMATS).toBe(EXPORT_FORMATS);
    expect([...TEXT_FORMATS]).toEqual(EXPORT_FORMAT_TABLE.filter((f) => !f.binary).map((f) => f.id));
  });

  it('no source file but the home writes a table’s ids out again', () => {
    const found: string[] = [];
    for (const file of sources(join(root, 'src'))) {
      const rel = relative(root, file).replaceAll('\\', '/');
      const text = readFileSync(file, 'utf8');
      for (const t of TABLES) {
        if (rel === t.home) continue;
        for (const c of copies(t.ids, text)) found.push(`${rel}: ${t.name} [${c.join(', ')}]`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check finds a copy (negative control)', () => {
    expect(copies(SOURCE_FORMATS, "const F = ['md', 'txt', 'html', 'docx', 'pdf', 'qdpx', 'qdc'];")).toHaveLength(1);
    expect(copies(EXPORT_FORMATS, "type T = 'csv' | 'tidy' | 'md' | 'tex';")).toHaveLength(1);
    expect(copies(EXPORT_FORMATS, "format: 'csv' | 'md'")).toHaveLength(0);
    expect(copies(ATTRIBUTE_TYPES, "const TYPES = [\n  'text',\n  'number',\n  'date',\n  'boolean',\n];")).toHaveLength(1);
  });

  it('the contract, its schema, the CLI and the export menu read the export format table', () => {
    const reads: [string, RegExp][] = [
      ['src/shared/contract/matrices.ts', /from '\.\.\/\.\.\/core\/export\/formats\.js'/],
      ['src/shared/contract/matrices.ts', /z\.enum\(EXPORT_FORMATS\)/],
      ['src/main/cli/commands/matrix.ts', /import \{[^}]*EXPORT_FORMATS[^}]*\} from '\.\.\/\.\.\/\.\.\/core\/export\/formats\.js'/],
      ['src/main/service/matrix-export.ts', /isExportFormat/],
      ['src/renderer/src/features/matrix/ExportMenu.tsx', /EXPORT_FORMAT_TABLE\.map\(/],
      ['src/shared/contract/documents.ts', /z\.enum\(SOURCE_FORMATS\)/],
      ['src/main/cli/commands/import.ts', /\[\.\.\.SOURCE_FORMATS, 'qdc'\]/],
    ];
    for (const [file, re] of reads) expect(readFileSync(join(root, file), 'utf8'), file).toMatch(re);
  });
});
