/**
 * Blind coding through the whole team server (PostgreSQL storage, the service, the real auth
 * half): a coder asking for another coder's work gets 403 at every operation of the contract
 * that can ask (generated from the argument schemas), and reads naming their own coder hold
 * nothing of the other's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { addAccount } from '../../../../src/main/team/auth/accounts.js';
import { createTeamAuth } from '../../../../src/main/team/auth/index.js';
import { PasswordHasher } from '../../../../src/main/team/auth/passwords.js';
import { PgProjectStore, teamDir } from '../../../../src/main/team/pg-store.js';
import { startTeamServer, type TeamServer } from '../../../../src/main/team/team-server.js';
import { pushFolder } from '../../../../src/main/team/transfer.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../../../support/postgres.js';
import { freshDatabase, seedFolder } from '../fixture.js';
import { opsAddressingACoding, opsNamingACoder } from './contract-args.js';
import { TEST_SCRYPT } from './server.js';

const PASSWORD = 'correct horse battery staple';

describe.skipIf(postgresUnavailable())('blind coding through the whole team server', () => {
  let cluster: TestPostgres;
  let tmp: string;
  let pool: pg.Pool;
  let server: TeamServer;
  let base: string;
  let project: string;
  const cookies = new Map<string, string>();
  const coderOf = new Map<string, string>();

  beforeAll(async () => {
    cluster = startTestPostgres();
    tmp = mkdtempSync(join(tmpdir(), 'cc-team-blind-'));
    const db = await freshDatabase(cluster);
    pool = db.pool;
    await seedFolder(join(tmp, 'seed'), []);
    const pushed = await pushFolder(pool, join(tmp, 'seed'));
    if (!pushed.ok) throw new Error(pushed.error.message);
    project = teamDir(pushed.value.projectId);
    const hasher = new PasswordHasher(TEST_SCRYPT);
    for (const [login, role] of [
      ['olga', 'owner'],
      ['alice', 'coder'],
      ['bob', 'coder'],
    ] as const) {
      const a = await addAccount(pool, hasher, pushed.value.projectId, { login, password: PASSWORD, role }, null);
      coderOf.set(login, a.coderId);
    }
    const probe = await startTeamServer({ pool, dbUrl: db.url, auth: await createTeamAuth({ pool, projectId: pushed.value.projectId, allowedOrigins: ['http://127.0.0.1:1'], scrypt: TEST_SCRYPT }), staticDir: null, appVersion: 'test' });
    const port = probe.port;
    await probe.close();
    const auth = await createTeamAuth({ pool, projectId: pushed.value.projectId, allowedOrigins: [`http://127.0.0.1:${port}`], scrypt: TEST_SCRYPT, log: () => undefined });
    server = await startTeamServer({ pool, dbUrl: db.url, auth, staticDir: null, appVersion: 'test', port });
    base = `http://127.0.0.1:${port}/`;
    for (const login of ['alice', 'bob']) {
      const res = await fetch(`${base}auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base.slice(0, -1) }, body: JSON.stringify({ login, password: PASSWORD }) });
      expect(res.status).toBe(200);
      cookies.set(login, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
    }
    const store = (await PgProjectStore.open(pool, pushed.value.projectId))!;
    const doc = store.data.documents[0]!;
    const codeId = store.data.codebook[0]!.id;
    expect((await post('alice', 'coding.add', { documentId: doc.id, codeId, start: 20, end: 60 })).status).toBe(200);
    expect((await post('bob', 'coding.add', { documentId: doc.id, codeId, start: 100, end: 140 })).status).toBe(200);
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await pool?.end();
    cluster?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  const post = (who: string, op: string, args: unknown) =>
    fetch(`${base}api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-casecoder-project': encodeURIComponent(project), cookie: cookies.get(who)! }, body: JSON.stringify(args) });

  it('answers 403 at every operation that names another coder or their coding', async () => {
    const alice = coderOf.get('alice')!;
    const data = (await (await post('alice', 'project.current', {})).json()) as { value: { data: { codings: { id: string; coderId: string }[] } } };
    const aliceCoding = data.value.data.codings.find((c) => c.coderId === alice)!.id;
    const asks = [...opsNamingACoder(alice), ...opsAddressingACoding(aliceCoding)];
    expect(asks.length).toBeGreaterThan(15);
    for (const { op, args } of asks) {
      const res = await post('bob', op, args);
      // The server core refuses a path into its file system (400) before it asks who may call.
      const expected = 'path' in args ? [400, 403] : [403];
      expect(expected, `${op} ${JSON.stringify(args)} → ${res.status}`).toContain(res.status);
      expect(await res.text()).not.toContain(aliceCoding);
    }
  });

  it('reads naming one’s own coder hold nothing of the other coder', async () => {
    const alice = coderOf.get('alice')!;
    const bob = coderOf.get('bob')!;
    const view = await (await post('bob', 'project.current', {})).text();
    expect(view).toContain(bob);
    expect(view).not.toContain(`"coderId":"${alice}"`);
    const passages = await post('bob', 'retrieval.passages', { coderIds: [bob] });
    expect(passages.status).toBe(200);
    const list = ((await passages.json()) as { value: { codingId: string }[] }).value;
    expect(list).toHaveLength(1);
    // Naming no coder, the server narrows the read to bob's own coder: the same one passage, none of alice's.
    const unnamed = await post('bob', 'retrieval.passages', {});
    expect(unnamed.status).toBe(200);
    const text = await unnamed.text();
    expect(text).not.toContain(alice);
    expect((JSON.parse(text) as { value: { codingId: string }[] }).value.map((p) => p.codingId)).toEqual(list.map((p) => p.codingId));
    const counts = await post('bob', 'matrix.exportCodeCase', { format: 'csv', coderIds: [bob] });
    expect(counts.status).toBe(200);
  });
});
