import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../refi/refi-test-kit.js';
import { run } from './run-cli.js';

const NVIVO_WIN = fixturePath('nvivo-win-12.6_oltas.qdpx');

interface Info {
  coders: { name: string }[];
  codings: { coder: string }[];
}

async function info(dir: string): Promise<Info> {
  const r = await run('info', dir, '--json');
  return JSON.parse(r.out) as Info;
}

describe('casecoder import --map-user (REFI-QDA users to coders)', () => {
  let work: string;
  beforeAll(() => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    work = mkdtempSync(join(tmpdir(), 'cc-cli-users-'));
  });

  it('imports the NVivo codings under the coder the user was mapped to, and prints the rule and the mapping', async () => {
    const dir = join(work, 'mapped');
    expect((await run('init', dir, '--name', 'Mapped')).code).toBe(0);
    const r = await run('import', dir, NVIVO_WIN, '--map-user', 'Gergo=Gergő Péterfi', '--map-user', 'floriansipos=Florian Sipos');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Each coding is attributed to the user who created its selection');
    expect(r.out).toContain('  Gergo → Gergő Péterfi: 97 codings');
    const i = await info(dir);
    expect(i.coders.map((c) => c.name).sort()).toEqual(['Florian Sipos', 'Gergő Péterfi']);
    expect(new Set(i.codings.map((c) => c.coder))).toEqual(new Set(['Gergő Péterfi']));
    expect(i.codings).toHaveLength(97);
  });

  it("--inspect lists the file's users and their codings, for --map-user, and imports nothing", async () => {
    const dir = join(work, 'inspected');
    expect((await run('init', dir, '--name', 'Inspected')).code).toBe(0);
    const r = await run('import', dir, NVIVO_WIN, '--inspect');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('nothing imported');
    expect(r.out).toContain('    Gergo: 97 codings → a new coder “Gergo”');
    expect(r.out).toMatch(/^ {4}floriansipos: \d+ codings? → a new coder “floriansipos”$/m);
    expect(r.out).toContain('Each coding is attributed to the user who created its selection');
    const i = await info(dir);
    expect(i.codings).toHaveLength(0);
    expect(i.coders).toHaveLength(0);
    const json = await run('import', dir, NVIVO_WIN, '--inspect', '--json');
    expect((JSON.parse(json.out) as { users: { name: string }[] }[])[0]!.users.map((u) => u.name).sort()).toEqual(['Gergo', 'floriansipos']);
    const notRefi = await run('import', dir, join(work, 'notes.txt'), '--inspect');
    expect(notRefi.code).toBe(2);
    expect(notRefi.err).toContain('--inspect reads REFI-QDA files');
  });

  it('refuses a mapping for a user the file does not have, and imports nothing', async () => {
    const dir = join(work, 'refused');
    await run('init', dir, '--name', 'Refused');
    const r = await run('import', dir, NVIVO_WIN, '--map-user', 'Nobody=Someone');
    expect(r.code).toBe(1);
    expect(r.err).toContain('The file has no user "Nobody" (its users: Gergo, floriansipos)');
    expect((await info(dir)).codings).toHaveLength(0);
  });

  it('says how to write a mapping, and that it is for REFI-QDA files only', async () => {
    const dir = join(work, 'usage');
    await run('init', dir, '--name', 'Usage');
    const bad = await run('import', dir, NVIVO_WIN, '--map-user', 'Gergo');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--map-user needs "USER=CODER"');
    const notRefi = await run('import', dir, join(work, 'notes.txt'), '--map-user', 'A=B');
    expect(notRefi.code).toBe(2);
    expect(notRefi.err).toContain('--map-user applies to REFI-QDA files');
  });

  it('export lists what the target format cannot hold', async () => {
    const dir = join(work, 'mapped');
    const r = await run('export', dir, '--format', 'qdc', '-o', join(work, 'codebook.qdc'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('What a .qdc cannot hold:');
    expect(r.out).toContain('A .qdc holds the codebook only: 1 document, 97 codings stay out (export a .qdpx for them).');
  });
});
