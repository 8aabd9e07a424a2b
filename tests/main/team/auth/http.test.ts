import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { API_OPERATIONS } from '../../../../src/shared/api.js';
import { OPERATION_CAPABILITY } from '../../../../src/main/team/auth/capabilities.js';
import { UNFILTERABLE_FOR_BLIND } from '../../../../src/main/team/auth/access.js';
import { addAccount } from '../../../../src/main/team/auth/accounts.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../../../support/postgres.js';
import { authDatabase, startAuthServer, type AuthTestServer } from './server.js';
import { opsAddressingACoding, opsNamingACoder } from './contract-args.js';
import { B, CASE1, DOC1, DOC2 } from './fixture.js';

const skip = postgresUnavailable();
const PASSWORD = 'a decent passphrase 2026';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, checked field by field
type Answer = { status: number; body: any; headers: Headers };

/** A browser tab of one user: a cookie jar, and the headers a same-origin fetch sends. */
class Browser {
  cookie: string | null = null;
  lastSetCookie: string | null = null;
  constructor(
    readonly origin: string,
    readonly ip = '10.0.0.1',
  ) {}
  async request(method: string, path: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(this.origin + path, {
      method,
      headers: {
        origin: this.origin,
        'sec-fetch-site': 'same-origin',
        'x-forwarded-for': this.ip,
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    });
    const set = res.headers.getSetCookie()[0];
    if (set) {
      this.lastSetCookie = set;
      const pair = set.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    return { status: res.status, body: await res.json(), headers: res.headers };
  }
  post(path: string, payload: unknown = {}, headers?: Record<string, string>) {
    return this.request('POST', path, payload, headers);
  }
  get(path: string) {
    return this.request('GET', path);
  }
  async login(login: string, password = PASSWORD) {
    return this.post('/auth/login', { login, password });
  }
}

describe.skipIf(skip)('team auth over HTTP with a real PostgreSQL', () => {
  let cluster: TestPostgres;
  let pool: pg.Pool;
  let server: AuthTestServer;
  let ipCounter = 0;
  const browser = () => new Browser(server.origin, `10.0.${Math.floor(++ipCounter / 200)}.${ipCounter % 200}`);

  beforeAll(async () => {
    cluster = startTestPostgres();
    pool = await authDatabase(cluster, 'auth_http');
    server = await startAuthServer(pool, { trustProxy: true });
    const hasher = server.auth.runtime.hasher;
    await addAccount(pool, hasher, 'p_team', { login: 'olga', password: PASSWORD, role: 'owner' }, null);
    // The fixture's coder layers belong to these accounts.
    for (const [login, role] of [
      ['alice', 'coder'],
      ['bob', 'coder'],
      ['judy', 'adjudicator'],
      ['victor', 'viewer'],
      ['mallory', 'coder'],
    ] as const)
      await addAccount(pool, hasher, 'p_team', { login, password: PASSWORD, role }, null);
    await pool.query(`UPDATE users SET coder_id = 'coder_a' WHERE login = 'alice'`);
    await pool.query(`UPDATE users SET coder_id = 'coder_b' WHERE login = 'bob'`);
  }, 60_000);
  // One wrong password delays its account by a second: each test starts without earlier delays.
  beforeEach(async () => {
    await pool.query('DELETE FROM login_throttle');
  });
  afterAll(async () => {
    await server?.close();
    await pool?.end();
    cluster?.destroy();
  });

  it('answers 401 to every operation without a session, and to a forged session id', async () => {
    const anon = browser();
    for (const op of API_OPERATIONS) expect((await anon.post(`/api/${op}`, {})).status, op).toBe(401);
    anon.cookie = `casecoder-session=${'A'.repeat(43)}`;
    expect((await anon.post('/api/project.current')).status).toBe(401);
    expect((await anon.get('/auth/me')).status).toBe(401);
  });

  it('signs in with an HttpOnly, SameSite=Strict session cookie; Secure and __Host- behind TLS', async () => {
    const b = browser();
    const r = await b.login('Alice');
    expect(r.status).toBe(200);
    expect(r.body.value).toMatchObject({ login: 'alice', role: 'coder', coderId: 'coder_a' });
    expect(b.lastSetCookie).toMatch(/^casecoder-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect((await b.get('/auth/me')).body.value.login).toBe('alice');
    // Only a hash of the id is stored.
    const id = b.cookie!.split('=')[1]!;
    const rows = await pool.query(`SELECT encode(id_hash, 'hex') AS h FROM sessions`);
    expect(rows.rows.some((x) => x.h.includes(Buffer.from(id).toString('hex')))).toBe(false);

    const tls = await startAuthServer(pool, { allowedOrigins: ['https://team.example.org'], trustProxy: true });
    try {
      const t = new Browser(tls.origin, '10.9.9.9');
      const res = await t.post('/auth/login', { login: 'alice', password: PASSWORD }, { origin: 'https://team.example.org' });
      expect(res.status).toBe(200);
      expect(t.lastSetCookie).toMatch(/^__Host-casecoder-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await tls.close();
    }
  });

  it('gives one answer for an unknown login and a wrong password', async () => {
    const wrong = await browser().login('alice', 'not the password at all');
    const unknown = await browser().login('nobody-here', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('prevents session fixation: a login never keeps the session the browser brought', async () => {
    const attacker = browser();
    await attacker.login('mallory');
    const planted = attacker.cookie!;
    const victim = browser();
    victim.cookie = planted; // e.g. set through a sibling subdomain
    const r = await victim.login('alice');
    expect(r.status).toBe(200);
    expect(victim.cookie).not.toBe(planted);
    expect((await victim.get('/auth/me')).body.value.login).toBe('alice');
    // The planted session is gone, so the attacker holds nothing of alice's (nor even their own).
    expect((await attacker.get('/auth/me')).status).toBe(401);
  });

  it('refuses cross-site requests (foreign Origin, Sec-Fetch-Site, form content types), login included', async () => {
    const b = browser();
    await b.login('alice');
    const add = { documentId: DOC1, codeId: 'k_leg', start: 0, end: 4 };
    expect((await b.post('/api/coding.add', add)).status).toBe(200);
    expect((await b.post('/api/coding.add', add, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await b.post('/api/coding.add', add, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await b.post('/api/coding.add', add, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await b.post('/api/coding.add', add, { 'content-type': 'text/plain' })).status).toBe(403);
    expect((await b.post('/api/coding.add', add, { origin: 'null' })).status).toBe(403);
    const other = browser();
    const login = await other.post('/auth/login', { login: 'alice', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(login.status).toBe(403);
    expect(other.cookie).toBeNull();
    expect((await b.post('/auth/logout', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await b.get('/auth/me')).status).toBe(200);
  });

  it('throttles brute force per account (exponential, 429 with Retry-After, even for the right password)', async () => {
    const b = browser();
    expect((await b.login('judy', 'guess number one')).status).toBe(401);
    const blocked = await b.login('judy');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // From another address too: the delay is the account's.
    expect((await browser().login('judy')).status).toBe(429);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pool.query(`UPDATE login_throttle SET blocked_until = now() WHERE key = 'account:judy'`); // let the delay pass
      expect((await b.login('judy', `guess ${i}`)).status).toBe(401);
      waits.push(Number((await b.login('judy')).headers.get('retry-after')));
    }
    expect(waits).toEqual([2, 4, 8, 16]);
    await pool.query(`UPDATE login_throttle SET blocked_until = now() WHERE key = 'account:judy'`);
    expect((await b.login('judy')).status).toBe(200);
    expect((await pool.query(`SELECT 1 FROM login_throttle WHERE key = 'account:judy'`)).rowCount).toBe(0);
  });

  it('caps failures per address across accounts', async () => {
    const small = await startAuthServer(pool, { trustProxy: true, throttle: { ipFailures: 5 } });
    try {
      const b = new Browser(small.origin, '172.16.0.1');
      for (let i = 0; i < 5; i++) expect((await b.login(`spray-${i}`, 'password123!')).status).toBe(401);
      const r = await b.login('victor');
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(60);
      expect((await new Browser(small.origin, '172.16.0.2').login('victor')).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('lets a viewer read but never write', async () => {
    const v = browser();
    await v.login('victor');
    for (const op of API_OPERATIONS) {
      const r = await v.post(`/api/${op}`, {});
      // Reads pass (computed over the viewer's filtered project), except merge reports, which
      // live outside the project and so cannot be filtered.
      const blindRefused = UNFILTERABLE_FOR_BLIND.has(op);
      expect(r.status, op).toBe(OPERATION_CAPABILITY[op] === 'read' && !blindRefused ? 200 : 403);
    }
  });

  it('answers 403 to a blind coder asking for another coder’s work, at every operation of the contract that can ask', async () => {
    const a = browser();
    await a.login('alice');
    const asks = [...opsNamingACoder(B), ...opsAddressingACoding('c_b1')];
    expect(asks.length).toBeGreaterThan(15);
    for (const { op, args } of asks) {
      const r = await a.post(`/api/${op}`, args);
      expect(r.status, `${op} ${JSON.stringify(args)}`).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain('c_b1');
    }
  });

  it('leaks nothing of other coders through project reads, counts, exports and events until comparison opens', async () => {
    const a = browser();
    await a.login('alice');
    const bob = browser();
    await bob.login('bob');
    const current = await a.post('/api/project.current');
    expect(JSON.stringify(current.body)).not.toContain('"coderId":"coder_b"');
    expect(current.body.value.data.memos.map((m: { id: string }) => m.id).sort()).toEqual(['mm_a', 'mm_shared']);
    // Reads naming no coder, or naming her own, run over her filtered project: only her work.
    for (const args of [{}, { coderIds: ['coder_a'] }]) {
      const passages = await a.post('/api/retrieval.passages', args);
      expect(passages.status).toBe(200);
      expect(passages.body.value.length).toBeGreaterThan(0);
      expect(passages.body.value.every((p: { codingId: string }) => p.codingId.startsWith('c_a') || p.codingId.includes('alice'))).toBe(true);
      const counts = await a.post('/api/matrix.exportCodeCase', { format: 'csv', ...args });
      expect(counts.status).toBe(200);
      // Bob has 1 Institution-building passage per case: none counted, none hinted at.
      const inst = counts.body.value.codes.findIndex((c: { id: string }) => c.id === 'k_inst');
      expect(counts.body.value.counts[inst]).toEqual([0, 0]);
    }
    for (const op of ['merge.reports', 'merge.report']) expect((await a.post(`/api/${op}`, { id: 'r_1' })).status, op).toBe(403);

    // Events: alice's stream carries her own change, never bob's.
    const stream = await fetch(`${server.origin}/events`, { headers: { cookie: a.cookie!, accept: 'text/event-stream' } });
    const reader = stream.body!.getReader();
    let received = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += new TextDecoder().decode(value);
      }
    })();
    expect((await bob.post('/api/coding.add', { documentId: DOC2, codeId: 'k_leg', start: 50, end: 60 })).status).toBe(200);
    expect((await a.post('/api/coding.add', { documentId: DOC2, codeId: 'k_inst', start: 70, end: 80 })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    await reader.cancel();
    await pump.catch(() => undefined);
    expect(received).toContain('"coderId":"coder_a"');
    expect(received).not.toContain('coder_b');
    expect(received).not.toContain('_bob');
    expect(received).toMatch(/nothing visible/);

    // Opening comparison is the owner's or an adjudicator's; then alice sees bob's work on document one only.
    expect((await a.post('/auth/comparison', { documentIds: [DOC1] })).status).toBe(403);
    const judy = browser();
    await judy.login('judy');
    expect((await judy.post('/auth/comparison', { documentIds: [DOC1], caseIds: [CASE1] })).body.value).toEqual({ all: false, documentIds: [DOC1], caseIds: [CASE1] });
    const after = await a.post('/api/retrieval.passages', { coderIds: ['coder_a', 'coder_b'], documentIds: [DOC1] });
    expect(after.status).toBe(200);
    expect(after.body.value.map((p: { codingId: string }) => p.codingId)).toContain('c_b1');
    expect((await a.post('/api/retrieval.passages', { coderIds: ['coder_b'], documentIds: [DOC2] })).status).toBe(403);
    const data = (await a.post('/api/project.current')).body.value.data;
    expect(data.codings.filter((c: { coderId: string }) => c.coderId === 'coder_b').map((c: { documentId: string }) => c.documentId)).toEqual([DOC1]);
  });
});
