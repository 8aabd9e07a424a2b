import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runCli } from '../../../src/main/cli/main.js';
import { openProjectFolder } from '../../../src/main/store/project-store.js';
import { startTestPostgres, postgresUnavailable, type TestPostgres } from '../../support/postgres.js';
import { SEEDS } from './fixture.js';

const skip = postgresUnavailable();

describe.skipIf(skip)('casecoder migrate, push, pull and serve against a real PostgreSQL', () => {
  let cluster: TestPostgres;
  let tmp: string;
  beforeAll(() => {
    cluster = startTestPostgres();
    tmp = mkdtempSync(join(tmpdir(), 'cc-team-cli-'));
  });
  afterAll(() => {
    cluster?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses an unmigrated database, migrates on request, pushes a folder and pulls it back identical, then merges offline work', async () => {
    const lines: string[] = [];
    const io = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) };
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE cli_db');
    await admin.end();
    const url = cluster.url('cli_db');
    const folder = join(tmp, 'study');
    expect(await runCli(['init', folder, '--name', 'Team study'], io)).toBe(0);
    expect(await runCli(['import', folder, join(SEEDS, '000_b19cde1f6a69a6f8.txt')], io)).toBe(0);

    expect(await runCli(['push', folder, url], io)).not.toBe(0);
    expect(lines.join('\n')).toMatch(/needs migration 001_core.*casecoder serve --migrate/s);
    expect(await runCli(['migrate', '--db', url], io)).toBe(0);
    expect(await runCli(['push', folder, url], io)).toBe(0);
    expect(lines.at(-1)).toMatch(/Pushed Team study: 1 documents/);

    const copy = join(tmp, 'copy');
    expect(await runCli(['pull', url, copy], io)).toBe(0);
    const a = await openProjectFolder(folder, { readOnly: true });
    const b = await openProjectFolder(copy, { readOnly: true });
    if (!a.ok || !b.ok) throw new Error('cannot open');
    expect(b.value.store.data).toEqual(a.value.store.data);
    const doc = a.value.store.data.documents[0]!;
    await a.value.store.close();
    await b.value.store.close();

    // Offline work in the pulled copy goes back with push (a merge), and a second push adds nothing.
    const code = b.value.store.data.codebook[0]!;
    expect(await runCli(['code', copy, '--doc', doc.id, '--code', code.name, '--coder', 'Offline', '--start', '10', '--end', '40'], io)).toBe(0);
    expect(await runCli(['push', copy, url], io)).toBe(0);
    expect(lines.at(-1)).toMatch(/Merged 1 new codings/);
    expect(await runCli(['push', copy, url], io)).toBe(0);
    expect(lines.at(-1)).toMatch(/Merged 0 new codings \(1 already on the server\)/);
  }, 120_000);
});
