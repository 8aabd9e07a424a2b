import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run-cli.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import { durableState } from '../store/helpers.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');
const S002 = join(SEEDS, '002_3a38896384b8e93f.txt');
const S000 = join(SEEDS, '000_b19cde1f6a69a6f8.txt');
const S004 = join(SEEDS, '004_2be0d7b4ef5defb2.txt');
const COUNTRIES = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras', 'Indonesia', 'Israel', 'Japan', 'Kazakhstan', 'Malaysia', 'Mozambique', 'Nigeria', 'Oman', 'United Arab Emirates', 'Zimbabwe'];

/** The durable state on disk: casecoder.json plus the journal (see durableState). */
const onDisk = (dir: string): ProjectData => durableState(dir);

describe('casecoder case / import', () => {
  let dir: string;
  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-cli-cases-')), 'study');
    expect((await run('init', dir)).code).toBe(0);
  });

  it('case add takes several names and list shows them with document counts', async () => {
    const r = await run('case', dir, 'add', ...COUNTRIES);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(15);
    const again = await run('case', dir, 'add', 'chad');
    expect(again.code).toBe(0);
    expect(onDisk(dir).cases).toHaveLength(15);
    const list = await run('case', dir, 'list', '--json');
    const parsed = JSON.parse(list.out) as { cases: { name: string; documents: number }[] };
    expect(parsed.cases.map((c) => c.name)).toEqual(COUNTRIES);
  });

  it('import seed002 --split-cases yields 15 documents, each assigned to its country, with per-file progress on stderr', async () => {
    const r = await run('import', dir, S002, '--split-cases');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^imported .*002_3a38896384b8e93f\.txt \(15 documents\) → 15 cases/m);
    expect(r.out).toMatch(/1 imported, 0 skipped, 0 failed/);
    expect(r.err).toMatch(/\[ {2}0%\] file 1\/1: 002_3a38896384b8e93f\.txt/);
    expect(r.err).toMatch(/\[100%\] saving/);
    const data = onDisk(dir);
    expect(data.documents).toHaveLength(15);
    const byCase = new Map(data.cases.map((c) => [c.id, c.name]));
    expect(data.documents.map((d) => byCase.get(d.caseId ?? '')).sort()).toEqual([...COUNTRIES].sort());
    // Each part is titled by its section line: the case's name, with any remark the line carries (issue 17).
    for (const d of data.documents) {
      const name = byCase.get(d.caseId ?? '') ?? '';
      expect(d.title === name || d.title.startsWith(`${name} (`), `${d.title} for ${name}`).toBe(true);
    }
    expect(data.documents.find((d) => byCase.get(d.caseId ?? '') === 'Armenia')?.title).toBe('Armenia (see also case discussion in book)');
    const list = JSON.parse((await run('case', dir, 'list', '--json')).out) as { cases: { documents: number }[] };
    expect(list.cases.every((c) => c.documents === 1)).toBe(true);
  });

  it('import of several files reports each one and an overall summary; duplicates are skipped', async () => {
    const r = await run('import', dir, S000, S002, S004, '--case', 'Ecuador', '--reflow', '--headings', 'Summary, Background');
    expect(r.code, r.err).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('   '));
    expect(lines[0]).toMatch(/^imported .*000_/);
    expect(lines[1]).toMatch(/^imported .*002_/);
    expect(lines[2]).toMatch(/^imported .*004_.*→ Ecuador/);
    expect(r.err).toMatch(/file 3\/3: 004_/);
    const dup = await run('import', dir, S000, '--json');
    expect(JSON.parse(dup.out)).toMatchObject({ files: [{ status: 'skipped' }] });
  });

  it('import of a folder brings in its importable files and reports an empty folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cc-folder-'));
    const folder = join(root, 'texts');
    mkdirSync(join(folder, 'more'), { recursive: true });
    writeFileSync(join(folder, 'a-note.md'), '# Chad note\n\nA memo about Chad and its scorecard.\n');
    writeFileSync(join(folder, 'more', 'b-note.txt'), 'Another memo, about Oman.\n');
    writeFileSync(join(folder, 'ignored.xyz'), 'not a document');
    mkdirSync(join(root, 'empty'));
    const r = await run('import', dir, folder, join(root, 'empty'), '--json');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { files: { path: string; status: string; reason?: string }[] };
    expect(report.files.map((f) => [f.path.slice(root.length + 1), f.status])).toEqual([
      ['texts/a-note.md', 'imported'],
      ['texts/more/b-note.txt', 'imported'],
      ['empty', 'failed'],
    ]);
    expect(report.files[2]?.reason).toMatch(/has no files Casecoder can import/);
  });

  it('import option errors are usage errors (exit 2)', async () => {
    expect((await run('import', dir, S000, '--keep-preamble')).code).toBe(2);
    expect((await run('import', dir, S000, '--format', 'rtf')).code).toBe(2);
    expect((await run('import', dir, S000, '--headings', ' , ')).code).toBe(2);
    expect((await run('import', dir)).code).toBe(2);
  });

  it('case set stores typed values; a bad value is exit 1 with one specific line and changes nothing', async () => {
    const ok = await run('case', dir, 'set', 'Chad', 'population=17179740', 'ratified=yes', 'since=2005-03-01', 'region=Sahel');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('Chad: population = 17179740 (number)');
    expect(ok.out).toContain('Chad: ratified = yes (boolean)');
    expect(onDisk(dir).cases.find((c) => c.name === 'Chad')?.attributes).toEqual({ population: 17179740, ratified: true, since: '2005-03-01', region: 'Sahel' });
    const before = readFileSync(join(dir, 'casecoder.json'));
    const bad = await run('case', dir, 'set', 'Oman', 'population=lots');
    expect(bad.code).toBe(1);
    expect(bad.err.trim()).toBe('Oman: population: "lots" is not a number.');
    const badDate = await run('case', dir, 'set', 'Oman', 'since=01/03/2005');
    expect(badDate.code).toBe(1);
    expect(badDate.err.trim()).toBe('Oman: since: "01/03/2005" is not a date (use YYYY-MM-DD).');
    expect(readFileSync(join(dir, 'casecoder.json')).equals(before)).toBe(true);
    expect((await run('case', dir, 'set', 'Atlantis', 'x=1')).err).toMatch(/No case named "Atlantis"/);
    expect((await run('case', dir, 'set', 'Oman', 'novalue')).code).toBe(2);
    expect((await run('case', dir, 'frobnicate')).code).toBe(2);
  });

  it('define, rename, merge, assign, attributes and delete work from the command line', async () => {
    expect((await run('case', dir, 'define', 'tier', 'number')).code).toBe(0);
    expect((await run('case', dir, 'define', 'tier', 'colour')).code).toBe(2);
    const csv = join(mkdtempSync(join(tmpdir(), 'cc-csv-')), 'tiers.csv');
    writeFileSync(csv, 'case,tier\nJapan,2\nOman,3\nAtlantis,1\n');
    const attrs = await run('case', dir, 'attributes', csv);
    expect(attrs.code, attrs.err).toBe(0);
    expect(attrs.out).toContain('2 case(s) updated');
    expect(attrs.out).toContain('unmatched row 3: "Atlantis" is not a case');

    expect((await run('case', dir, 'add', 'Nippon')).code).toBe(0);
    expect((await run('case', dir, 'rename', 'Nippon', 'Japan (2)')).code).toBe(0);
    const merge = await run('case', dir, 'merge', 'Japan (2)', 'Japan');
    expect(merge.code, merge.err).toBe(0);
    expect(onDisk(dir).cases.some((c) => c.name === 'Japan (2)')).toBe(false);

    const oman = onDisk(dir).documents.find((d) => d.title === 'Oman');
    const assign = await run('case', dir, 'assign', 'Chad', oman?.id ?? '');
    expect(assign.out).toContain('1 document(s) assigned to Chad');
    const del = await run('case', dir, 'delete', 'Chad');
    expect(del.code).toBe(0);
    expect(del.out.trim()).toBe('Deleted case Chad. 2 documents kept, now without a case.');
    expect(
      onDisk(dir)
        .documents.filter((d) => d.caseId === null && d.sourceFile.startsWith('002_'))
        .map((d) => d.title)
        .sort(),
    ).toEqual(['Chad', 'Oman']);
  });
});
