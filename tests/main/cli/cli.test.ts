import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run-cli.js';

const SEED_000 = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds', '000_b19cde1f6a69a6f8.txt');

describe('casecoder CLI', () => {
  let dir: string;
  beforeAll(() => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-cli-')), 'study');
  });

  it('init creates a project with the default codebook', async () => {
    const r = await run('init', dir, '--name', 'Scorecard', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ name: 'Scorecard', codes: 8 });
    const data = JSON.parse(readFileSync(join(dir, 'casecoder.json'), 'utf8')) as { codebook: { name: string }[] };
    expect(data.codebook.map((c) => c.name)).toContain('Direct diplomacy');
  });

  it('init refuses an existing project (exit 1, one line on stderr)', async () => {
    const r = await run('init', dir);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('imports seed 000, prints its canonical text, and codes a range whose exact is that slice', async () => {
    const imp = await run('import', dir, SEED_000, '--format', 'md', '--case', 'Ecuador', '--json');
    expect(imp.code, imp.err).toBe(0);
    const report = JSON.parse(imp.out) as { files: { status: string; documentIds: string[] }[] };
    expect(report.files[0]?.status).toBe('imported');
    const docId = report.files[0]?.documentIds[0] as string;

    const text = await run('text', dir, '--doc', 'Ecuador');
    expect(text.code).toBe(0);
    const start = text.out.indexOf('Scorecard diplomacy meetings');
    const end = text.out.indexOf('Alfredo Palacio.') + 'Alfredo Palacio.'.length;
    expect(start).toBeGreaterThan(0);

    const code = await run('code', dir, '--doc', docId, '--code', 'Direct diplomacy', '--start', String(start), '--end', String(end), '--coder', 'Ana', '--json');
    expect(code.code, code.err).toBe(0);
    expect(JSON.parse(code.out)).toMatchObject({ start, end, exact: text.out.slice(start, end) });

    const nested = await run('code', dir, '--doc', docId, '--code', 'Outcomes/Legislation', '--start', String(start), '--end', String(start + 19), '--coder', 'Ben');
    expect(nested.code, nested.err).toBe(0);

    const info = await run('info', dir, '--json');
    const parsed = JSON.parse(info.out) as { counts: Record<string, number>; codings: { code: string; coder: string; exact: string; document: string }[]; cases: { name: string }[] };
    expect(parsed.counts).toMatchObject({ documents: 1, cases: 1, codings: 2, coders: 2 });
    expect(parsed.codings.map((c) => [c.code, c.coder])).toEqual([
      ['Direct diplomacy', 'Ana'],
      ['Outcomes/Legislation', 'Ben'],
    ]);
    expect(parsed.codings[0]?.document).toBe(docId);
  });

  it('re-importing the same text is skipped as a duplicate', async () => {
    const r = await run('import', dir, SEED_000, '--format', 'md', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { files: { status: string }[] }).files[0]?.status).toBe('skipped');
  });

  it('exit code 2 for bad usage, 1 for domain errors', async () => {
    expect((await run('nonsense')).code).toBe(2);
    expect((await run('code', dir, '--doc', 'Ecuador')).code).toBe(2);
    expect((await run('code', dir, '--doc', 'Ecuador', '--code', 'Direct diplomacy', '--start', 'x', '--end', '5', '--coder', 'A')).code).toBe(2);
    expect((await run('info', dir, '--bogus')).code).toBe(2);
    const missing = await run('code', dir, '--doc', 'Nowhere', '--code', 'Direct diplomacy', '--start', '0', '--end', '5', '--coder', 'A');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No document/);
    const empty = await run('code', dir, '--doc', 'Ecuador', '--code', 'Direct diplomacy', '--start', '5', '--end', '5', '--coder', 'A');
    expect(empty.code).toBe(1);
    expect((await run('info', join(dir, 'nope'))).code).toBe(1);
  });

  it('info and text write nothing to the project', async () => {
    const before = readFileSync(join(dir, 'casecoder.json'));
    await run('info', dir, '--json');
    await run('text', dir, '--doc', 'Ecuador');
    expect(readFileSync(join(dir, 'casecoder.json')).equals(before)).toBe(true);
  });
});
