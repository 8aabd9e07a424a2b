import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run-cli.js';
import { deepNesting, lyingZip } from '../../fixtures/import/hostile.js';

const SEED_000 = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds', '000_b19cde1f6a69a6f8.txt');

describe('casecoder import: faithful text and hostile files', () => {
  let dir: string;
  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-cli-')), 'study');
    expect((await run('init', dir)).code).toBe(0);
  });

  it('a .txt in Markdown is imported as plain text with a note naming --format md', async () => {
    const r = await run('import', dir, SEED_000);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/note: This text looks like Markdown/);
    expect(r.out).toContain(`note: to read it as Markdown: casecoder import ${dir} ${JSON.stringify(SEED_000)} --format md`);
    const text = await run('text', dir, '--doc', 'Title: Ecuador');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('[^99]');
    expect(text.out).toContain('## Background');
  });

  it('hostile files fail at once with their reasons, leaving no lock and no import backup', async () => {
    const files = mkdtempSync(join(tmpdir(), 'cc-cli-hostile-'));
    writeFileSync(join(files, 'deep.md'), deepNesting(5000));
    writeFileSync(join(files, 'lies.docx'), lyingZip(2 * 1024 * 1024));
    const before = readFileSync(join(dir, 'casecoder.json'), 'utf8');
    const backups = readdirSync(join(dir, 'backups')).sort();
    const r = await run('import', dir, join(files, 'deep.md'), join(files, 'lies.docx'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/failed +.*deep\.md — The Markdown nests lists or quotes 5000 levels deep/);
    expect(r.out).toMatch(/failed +.*lies\.docx — Entry word\/document\.xml inflates past its declared size \(100 bytes\): its header lies/);
    expect(readFileSync(join(dir, 'casecoder.json'), 'utf8')).toBe(before);
    // The import wrote no backup (a writable open may make its own, by the store's policy).
    const added = readdirSync(join(dir, 'backups')).filter((b) => !backups.includes(b));
    expect(added.filter((b) => /import/.test(b))).toEqual([]);
    expect(added.length).toBeLessThanOrEqual(1);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });
});
