import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { addAccount, setRole } from '../../../../src/main/team/auth/accounts.js';
import { parseHash, PasswordHasher } from '../../../../src/main/team/auth/passwords.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../../../support/postgres.js';
import { run } from '../../cli/run-cli.js';
import { authDatabase, startAuthServer, TEST_SCRYPT, type AuthTestServer } from './server.js';

const skip = postgresUnavailable();
const PASSWORD = 'another decent passphrase';
const BIN = fileURLToPath(new URL('../../../../bin/casecoder.js', import.meta.url));

/** A same-origin client with one cookie. */
function client(origin: string) {
  let cookie: string | null = null;
  const call = async (method: string, path: string, payload?: unknown) => {
    const res = await fetch(origin + path, {
      method,
      headers: { origin, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    });
    const set = res.headers.getSetCookie()[0];
    if (set) cookie = set.split(';')[0]!.endsWith('=') ? null : set.split(';')[0]!;
    return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } } };
  };
  return {
    cookie: () => cookie ?? '',
    post: (path: string, payload: unknown = {}) => call('POST', path, payload),
    get: (path: string) => call('GET', path),
    login: (login: string, password = PASSWORD) => call('POST', '/auth/login', { login, password }),
  };
}

describe.skipIf(skip)('team accounts: CLI, owner panel routes, revocation, expiry, audit', () => {
  let cluster: TestPostgres;
  let pool: pg.Pool;
  let server: AuthTestServer;
  let hasher: PasswordHasher;

  beforeAll(async () => {
    cluster = startTestPostgres();
    pool = await authDatabase(cluster, 'auth_accounts');
    server = await startAuthServer(pool, { lifetimes: { idleMs: 60_000, absoluteMs: 3_600_000 } });
    hasher = server.auth.runtime.hasher;
  }, 60_000);
  beforeEach(async () => {
    await pool.query('DELETE FROM login_throttle');
  });
  afterAll(async () => {
    await server?.close();
    await pool?.end();
    cluster?.destroy();
  });

  it('manages accounts from the CLI, password on stdin, with the production cost', async () => {
    const db = ['--db', cluster.url('auth_accounts')];
    // Commands that read a password run as a real process with piped stdin; the others in-process.
    const spawned = (args: string[], input: string) => spawnSync(process.execPath, [BIN, 'users', ...args, ...db], { input, encoding: 'utf8' });
    const cli = (...args: string[]) => run('users', ...args, ...db);
    const noOwner = spawned(['add', 'carol', '--role', 'coder', '--project', 'p_team'], `${PASSWORD}\n`);
    expect(noOwner.status).toBe(1);
    expect(noOwner.stderr).toMatch(/at least one owner/);
    const add = spawned(['add', 'Olga', '--role', 'owner', '--name', 'Olga Owner', '--project', 'p_team'], `${PASSWORD}\n`);
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    await addAccount(pool, hasher, 'p_team', { login: 'carol', password: PASSWORD, role: 'coder' }, null);
    expect((await cli('role', 'carol', 'adjudicator')).out).toMatch(/carol\s+adjudicator/);
    expect((await cli('role', 'olga', 'coder')).err).toMatch(/must keep at least one owner/);
    expect((await cli('disable', 'olga')).err).toMatch(/only active owner/);
    expect((await cli('role', 'carol', 'chief')).err).toMatch(/Unknown role "chief"/);
    const list = await cli('list', '--json');
    expect(JSON.parse(list.out).map((a: { login: string; role: string }) => `${a.login}:${a.role}`)).toEqual(['carol:adjudicator', 'olga:owner']);
    expect(list.out).not.toContain('$scrypt$');
    const short = spawned(['passwd', 'carol'], 'short\n');
    expect(short.stderr).toMatch(/at least 10 characters/);
    expect(spawned(['passwd', 'carol'], 'a brand new passphrase\n').status).toBe(0);
    expect((await client(server.origin).login('carol', 'a brand new passphrase')).status).toBe(200);
    expect((await cli('disable', 'carol')).out).toMatch(/disabled/);
    expect((await cli('disable', 'carol', '--enable')).out).toMatch(/active/);
    expect((await cli('list')).code).toBe(0);
    expect((await run('users', 'list')).err).toMatch(/--db URL or CASECODER_DATABASE_URL/);
  }, 120_000);

  it('stores the production scrypt cost for CLI-made accounts', async () => {
    const r = await pool.query(`SELECT password_hash FROM users WHERE login = 'olga'`);
    expect(parseHash(r.rows[0].password_hash)?.params).toEqual({ logN: 17, r: 8, p: 1 });
  });

  it('rehashes at the server’s cost on login when the stored parameters differ', async () => {
    // The server under test runs at the (explicit) test cost, so olga's 2^17 hash is upgraded to it.
    expect((await client(server.origin).login('olga')).status).toBe(200);
    const r = await pool.query(`SELECT password_hash FROM users WHERE login = 'olga'`);
    expect(parseHash(r.rows[0].password_hash)?.params).toEqual(TEST_SCRYPT);
    expect((await client(server.origin).login('olga')).status).toBe(200);
  });

  it('lets the owner manage accounts over HTTP, and nobody else', async () => {
    const owner = client(server.origin);
    await owner.login('olga');
    const made = await owner.post('/auth/accounts', { login: 'dan', password: PASSWORD, role: 'coder', displayName: 'Dan Coder' });
    expect(made.status).toBe(200);
    expect(made.body.value).toMatchObject({ login: 'dan', role: 'coder', displayName: 'Dan Coder', disabled: false });
    expect((await owner.post('/auth/accounts', { login: 'dan', password: PASSWORD, role: 'coder' })).status).toBe(409);
    expect((await owner.post('/auth/accounts', { login: 'eve', password: 'short', role: 'coder' })).body.error?.message).toMatch(/at least 10/);
    const dan = client(server.origin);
    await dan.login('dan');
    expect((await dan.get('/auth/accounts')).status).toBe(403);
    expect((await dan.post('/auth/accounts', { login: 'eve', password: PASSWORD, role: 'owner' })).status).toBe(403);
    expect((await dan.get('/auth/audit')).status).toBe(403);
    const listed = (await owner.get('/auth/accounts')).body.value as { login: string }[];
    expect(listed.map((a) => a.login)).toContain('dan');
  });

  it('ends sessions on role change, disabling, password change and logout', async () => {
    const owner = client(server.origin);
    await owner.login('olga');
    await addAccount(pool, hasher, 'p_team', { login: 'fay', password: PASSWORD, role: 'coder' }, null);
    const fay = client(server.origin);
    const fay2 = client(server.origin);
    await fay.login('fay');
    await fay2.login('fay');
    expect((await owner.post('/auth/accounts/role', { login: 'fay', role: 'viewer' })).status).toBe(200);
    expect((await fay.get('/auth/me')).status).toBe(401);
    await fay.login('fay');
    expect((await fay.get('/auth/me')).body.value).toMatchObject({ role: 'viewer', coderId: null });
    // Her own password change ends every other session and keeps this one going with a new id.
    await fay2.login('fay');
    expect((await fay.post('/auth/password', { current: 'wrong one entirely', next: 'fay’s new passphrase' })).status).toBe(403);
    expect((await fay.post('/auth/password', { current: PASSWORD, next: 'fay’s new passphrase' })).status).toBe(200);
    expect((await fay2.get('/auth/me')).status).toBe(401);
    expect((await fay.get('/auth/me')).status).toBe(200);
    expect((await fay2.login('fay')).status).toBe(401);
    await pool.query('DELETE FROM login_throttle'); // the wrong try above delays the account by a second
    expect((await fay2.login('fay', 'fay’s new passphrase')).status).toBe(200);
    expect((await owner.post('/auth/accounts/disable', { login: 'fay' })).status).toBe(200);
    expect((await fay.get('/auth/me')).status).toBe(401);
    expect((await fay2.login('fay', 'fay’s new passphrase')).status).toBe(401);
    await owner.post('/auth/logout');
    expect((await owner.get('/auth/me')).status).toBe(401);
  });

  it('expires sessions after idle time and at their absolute end', async () => {
    const a = client(server.origin);
    await a.login('olga');
    expect((await a.get('/auth/me')).status).toBe(200);
    // Activity keeps a session alive; the live-event stream alone does not.
    const idle = async () => Number((await pool.query(`SELECT extract(epoch FROM now() - max(last_seen_at)) AS s FROM sessions`)).rows[0].s);
    await pool.query(`UPDATE sessions SET last_seen_at = now() - interval '45 seconds'`);
    expect((await a.get('/auth/me')).status).toBe(200);
    expect(await idle()).toBeLessThan(5);
    await pool.query(`UPDATE sessions SET last_seen_at = now() - interval '45 seconds'`);
    const viewer = await server.auth.runtime.authenticate({ method: 'GET', headers: { accept: 'text/event-stream', cookie: a.cookie() } } as never);
    expect(viewer?.login).toBe('olga');
    expect(await idle()).toBeGreaterThan(40);
    await pool.query(`UPDATE sessions SET last_seen_at = now() - interval '61 seconds'`);
    expect((await a.get('/auth/me')).status).toBe(401);
    await a.login('olga');
    await pool.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await a.get('/auth/me')).status).toBe(401);
    // Expired sessions are deleted: the one just refused at once, the rest at the next login.
    await a.login('olga');
    expect((await pool.query('SELECT 1 FROM sessions WHERE expires_at < now()')).rowCount).toBe(0);
  });

  it('keeps one owner: handing over in one transaction works, leaving none does not', async () => {
    await addAccount(pool, hasher, 'p_team', { login: 'gus', password: PASSWORD, role: 'coder' }, null);
    await expect(setRole(pool, 'p_team', 'olga', 'coder', null)).rejects.toThrow(/at least one owner/);
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`UPDATE memberships SET role = 'coder' WHERE user_id = (SELECT id FROM users WHERE login = 'olga')`);
      await c.query(`UPDATE memberships SET role = 'owner' WHERE user_id = (SELECT id FROM users WHERE login = 'gus')`);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    await setRole(pool, 'p_team', 'olga', 'owner', null);
    await setRole(pool, 'p_team', 'gus', 'coder', null);
  });

  it('shows the owner who changed what and when: change sets with their authors, and account events', async () => {
    const owner = client(server.origin);
    await owner.login('olga');
    const olga = (await pool.query(`SELECT id FROM users WHERE login = 'olga'`)).rows[0].id;
    const dan = (await pool.query(`SELECT id FROM users WHERE login = 'dan'`)).rows[0].id;
    await pool.query(
      `INSERT INTO change_sets (project_id, rev, author, label, changes, keys, created_at) VALUES
        ('p_team', 1, $1, 'Add coding', '{}', ARRAY['codings/c1','codings/c2'], now() - interval '2 minutes'),
        ('p_team', 2, $2, 'Rename code', '{}', ARRAY['codebook/k1'], now() - interval '1 minute'),
        ('other', 1, $2, 'Elsewhere', '{}', ARRAY['codings/x'], now())`,
      [dan, olga],
    );
    const audit = (await owner.get('/auth/audit?limit=50')).body.value as { who: string; kind: string; action: string; rev: number | null; detail: Record<string, unknown> }[];
    const changes = audit.filter((e) => e.kind === 'change');
    expect(changes).toEqual([expect.objectContaining({ who: 'olga', action: 'Rename code', rev: 2, detail: { codebook: 1 } }), expect.objectContaining({ who: 'dan', action: 'Add coding', rev: 1, detail: { codings: 2 } })]);
    expect(audit.some((e) => e.kind === 'account' && e.action === 'account.add' && e.who === 'olga')).toBe(true);
    expect(audit.some((e) => e.action === 'account.role')).toBe(true);
    expect(audit.some((e) => e.action === 'login')).toBe(true);
    expect((await owner.get('/auth/audit?before=yesterday')).status).toBe(400);
  });
});
