import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandImportPaths, isImportableName } from '../../../src/main/import/expand-paths.js';

describe('expandImportPaths', () => {
  it('turns a folder into its importable files, recursively, in natural order, skipping hidden files, unknown types and symlinks', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cc-expand-'));
    const dir = join(root, 'cases');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    for (const f of ['case10.md', 'case2.txt', '.hidden.md', 'notes.xyz', '~$lock.docx', 'sub/report.pdf', 'sub/page.HTML', '.git/x.md']) writeFileSync(join(dir, f), 'x');
    symlinkSync(join(dir, 'sub'), join(dir, 'loop'));
    const [r] = await expandImportPaths([dir]);
    expect(r?.error).toBeUndefined();
    expect(r?.files.map((f) => f.slice(dir.length + 1))).toEqual(['case2.txt', 'case10.md', 'sub/page.HTML', 'sub/report.pdf']);
  });

  it('keeps files as given (the importer judges them) and explains empty or missing folders', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cc-expand-'));
    const empty = join(root, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'readme.xyz'), 'x');
    const odd = join(root, 'odd.xyz');
    const out = await expandImportPaths([odd, empty, join(root, 'missing.md')]);
    expect(out[0]).toEqual({ given: odd, files: [odd] });
    expect(out[1]?.files).toEqual([]);
    expect(out[1]?.error).toBe('The folder empty has no files Casecoder can import (.md, .txt, .html, .docx, .pdf).');
    expect(out[2]?.files).toEqual([join(root, 'missing.md')]);
  });

  it('knows importable names', () => {
    expect(['a.md', 'b.markdown', 'c.TXT', 'd.htm', 'e.docx', 'f.pdf'].every(isImportableName)).toBe(true);
    expect(['.a.md', '~$b.docx', 'c.qdpx', 'd', 'e.exe'].some(isImportableName)).toBe(false);
  });
});
