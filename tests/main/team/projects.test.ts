/**
 * Roles are per project: one team server, one database, two projects. An account's role in one
 * project grants nothing in the other — over HTTP, for operations, the event stream, `/auth/me`
 * and the owner's audit view.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { addAccount } from '../../../src/main/team/auth/accounts.js';
import { createTeamAuth } from '../../../src/main/team/auth/index.js';
import { PasswordHasher } from '../../../src/main/team/auth/passwords.js';
import { PgProjectStore, teamDir } from '../../../src/main/team/pg-store.js';
import { startTeamServer, type TeamServer } from '../../../src/main/team/team-server.js';
import { pushFolder } from '../../../src/main/team/transfer.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../../support/postgres.js';
import { TEST_SCRYPT } from './auth/server.js';
import { freshDatabase, seedFolder } from './fixture.js';

const skip = postgresUnavailable();
const PASSWORD = 'correct horse battery staple';

describe.skipIf(skip)('roles per project on one team server', () => {
  let cluster: TestPostgres;
  let tmp: string;
  let pool: pg.Pool;
  let server: TeamServer;
  let base: string;
  const ids: string[] = [];
  const first: { doc: string; code: string }[] = [];
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    cluster = startTestPostgres();
    tmp = mkdtempSync(join(tmpdir(), 'cc-team-projects-'));
    const db = await freshDatabase(cluster);
    pool = db.pool;
    for (const name of ['a', 'b']) {
      await seedFolder(join(tmp, name), []);
      const pushed = await pushFolder(pool, join(tmp, name));
      if (!pushed.ok) throw new Error(pushed.error.message);
      ids.push(pushed.value.projectId);
      const data = (await PgProjectStore.open(pool, pushed.value.projectId))!.data;
      first.push({ doc: data.documents[0]!.id, code: data.codebook[0]!.id });
    }
    expect(ids[0]).not.toBe(ids[1]);
    const hasher = new PasswordHasher(TEST_SCRYPT);
    const [a, b] = ids as [string, string];
    await addAccount(pool, hasher, a, { login: 'olga', password: PASSWORD, role: 'owner' }, null);
    await addAccount(pool, hasher, a, { login: 'alice', password: PASSWORD, role: 'coder' }, null);
    await addAccount(pool, hasher, b, { login: 'pete', password: PASSWORD, role: 'owner' }, null);
    await addAccount(pool, hasher, b, { login: 'bob', password: PASSWORD, role: 'coder' }, null);
    // Alice joins project b as a viewer: the same account, another role (her password is kept).
    const joined = await addAccount(pool, hasher, b, { login: 'alice', password: '', role: 'viewer' }, null);
    expect(joined.role).toBe('viewer');
    const probe = await startTeamServer({ pool, dbUrl: db.url, auth: await createTeamAuth({ pool, projectId: a, allowedOrigins: ['http://127.0.0.1:1'], scrypt: TEST_SCRYPT }), staticDir: null, appVersion: 'test' });
    const port = probe.port;
    await probe.close();
    const auth = await createTeamAuth({ pool, projectId: a, allowedOrigins: [`http://127.0.0.1:${port}`], scrypt: TEST_SCRYPT });
    server = await startTeamServer({ pool, dbUrl: db.url, auth, staticDir: null, appVersion: 'test', port });
    base = `http://127.0.0.1:${port}/`;
    for (const login of ['olga', 'alice', 'bob', 'pete']) {
      const res = await fetch(`${base}auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base.slice(0, -1) }, body: JSON.stringify({ login, password: PASSWORD }) });
      expect(res.status, login).toBe(200);
      cookies.set(login, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
    }
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await pool?.end();
    cluster?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  const post = (who: string, project: number, op: string, args: unknown) =>
    fetch(`${base}api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-casecoder-project': encodeURIComponent(teamDir(ids[project]!)), cookie: cookies.get(who)! }, body: JSON.stringify(args) });
  const add = (who: string, project: number) => post(who, project, 'coding.add', { documentId: first[project]!.doc, codeId: first[project]!.code, start: 0, end: 20 });

  it('a member of one project is no member of the other: its operations and events answer 404', async () => {
    expect((await add('bob', 1)).status).toBe(200);
    expect((await add('bob', 0)).status).toBe(404);
    expect((await post('bob', 0, 'project.current', {})).status).toBe(404);
    expect((await post('pete', 0, 'project.current', {})).status).toBe(404);
    const stream = await fetch(`${base}api/events?project=${encodeURIComponent(teamDir(ids[0]!))}`, { headers: { cookie: cookies.get('bob')! } });
    expect(stream.status).toBe(404);
    await stream.body?.cancel();
  });

  it('the same account holds a different role in each project', async () => {
    expect((await add('alice', 0)).status).toBe(200);
    // A viewer in project b: reads, never writes.
    expect((await add('alice', 1)).status).toBe(403);
    expect((await post('alice', 1, 'project.current', {})).status).toBe(200);
    const me = async (project: number) =>
      ((await (await fetch(`${base}auth/me`, { headers: { cookie: cookies.get('alice')!, 'x-casecoder-project': encodeURIComponent(teamDir(ids[project]!)) } })).json()) as { value: { role: string } }).value.role;
    expect(await me(0)).toBe('coder');
    expect(await me(1)).toBe('viewer');
    // The owner of project a manages a's accounts only.
    const accounts = (await (await fetch(`${base}auth/accounts`, { headers: { cookie: cookies.get('olga')! } })).json()) as { value: { login: string }[] };
    expect(accounts.value.map((x) => x.login).sort()).toEqual(['alice', 'olga']);
    const asPete = await fetch(`${base}auth/accounts`, { headers: { cookie: cookies.get('pete')!, 'x-casecoder-project': encodeURIComponent(teamDir(ids[0]!)) } });
    expect(asPete.status).toBe(401);
  });

  it("each project's audit view holds its own account events and its members' sign-ins, not the other project's", async () => {
    const audit = async (who: string, project: number) =>
      ((await (await fetch(`${base}auth/audit`, { headers: { cookie: cookies.get(who)!, 'x-casecoder-project': encodeURIComponent(teamDir(ids[project]!)) } })).json()) as { value: { action: string; subject: string | null }[] }).value;
    const a = await audit('olga', 0);
    const b = await audit('pete', 1);
    expect(
      a
        .filter((e) => e.action === 'account.add')
        .map((e) => e.subject)
        .sort(),
    ).toEqual(['alice', 'olga']);
    expect(
      b
        .filter((e) => e.action.startsWith('account.'))
        .map((e) => e.subject)
        .sort(),
    ).toEqual(['alice', 'bob', 'pete']);
    expect(a.filter((e) => e.action === 'login').map((e) => e.subject)).not.toContain('bob');
    expect(a.filter((e) => e.action === 'login').map((e) => e.subject)).toContain('alice');
    expect(JSON.stringify(a)).not.toContain('pete');
  });
});
