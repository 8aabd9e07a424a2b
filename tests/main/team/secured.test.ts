/**
 * The whole team server — PostgreSQL storage, the service's sessions, and the real auth half —
 * over HTTP: no session 401, foreign origin 403, a viewer cannot write, and a coder sees neither
 * another coder's codings nor their events while blind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../../src/main/team/auth/accounts.js';
import { createTeamAuth } from '../../../src/main/team/auth/index.js';
import { PasswordHasher } from '../../../src/main/team/auth/passwords.js';
import { PgProjectStore, teamDir } from '../../../src/main/team/pg-store.js';
import { startTeamServer, type TeamServer } from '../../../src/main/team/team-server.js';
import { pushFolder } from '../../../src/main/team/transfer.js';
import { startTestPostgres, postgresUnavailable, type TestPostgres } from '../../support/postgres.js';
import { TEST_SCRYPT } from './auth/server.js';
import { freshDatabase, seedFolder } from './fixture.js';

const skip = postgresUnavailable();
const PASSWORD = 'correct horse battery staple';

describe.skipIf(skip)('team server with accounts', () => {
  let cluster: TestPostgres;
  let tmp: string;
  let server: TeamServer;
  let base: string;
  let project: string;
  let doc: { id: string };
  let codeId: string;
  const cookies = new Map<string, string>();
  let stop: () => Promise<void>;

  beforeAll(async () => {
    cluster = startTestPostgres();
    tmp = mkdtempSync(join(tmpdir(), 'cc-team-secured-'));
    const { pool, url } = await freshDatabase(cluster);
    await seedFolder(join(tmp, 'seed'), []);
    const pushed = await pushFolder(pool, join(tmp, 'seed'));
    if (!pushed.ok) throw new Error(pushed.error.message);
    const store = (await PgProjectStore.open(pool, pushed.value.projectId))!;
    doc = store.data.documents[0]!;
    codeId = store.data.codebook[0]!.id;
    project = teamDir(pushed.value.projectId);
    const hasher = new PasswordHasher(TEST_SCRYPT);
    for (const [login, role] of [
      ['olga', 'owner'],
      ['alice', 'coder'],
      ['bob', 'coder'],
      ['victor', 'viewer'],
      ['judy', 'adjudicator'],
    ] as const)
      await addAccount(pool, hasher, pushed.value.projectId, { login, password: PASSWORD, role }, null);
    // The port is needed for the allowed origin: listen first on a fixed free port.
    const probe = await startTeamServer({ pool, dbUrl: url, auth: await createTeamAuth({ pool, projectId: pushed.value.projectId, allowedOrigins: ['http://127.0.0.1:1'], scrypt: TEST_SCRYPT }), staticDir: null, appVersion: 'test' });
    const port = probe.port;
    await probe.close();
    const auth = await createTeamAuth({ pool, projectId: pushed.value.projectId, allowedOrigins: [`http://127.0.0.1:${port}`], scrypt: TEST_SCRYPT });
    server = await startTeamServer({ pool, dbUrl: url, auth, staticDir: null, appVersion: 'test', port });
    base = `http://127.0.0.1:${port}/`;
    for (const login of ['olga', 'alice', 'bob', 'victor', 'judy']) {
      const res = await fetch(`${base}auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base.slice(0, -1) }, body: JSON.stringify({ login, password: PASSWORD }) });
      expect(res.status).toBe(200);
      cookies.set(login, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
    }
    stop = async () => {
      await server.close();
      await pool.end();
    };
  }, 60_000);
  /**
   * `login`'s event stream, read from now on: `until(text)` waits (5 s at most) for `text` to
   * arrive, closes the stream and returns everything it carried.
   */
  async function listen(login: string): Promise<{ until(text: string): Promise<string> }> {
    const ctrl = new AbortController();
    const frames: string[] = [];
    const sse = fetch(`${base}api/events?project=${encodeURIComponent(project)}`, { headers: { cookie: cookies.get(login)! }, signal: ctrl.signal }).then(async (res) => {
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          frames.push(dec.decode(value));
        }
      } catch {
        // aborted
      }
    });
    await new Promise((r) => setTimeout(r, 300));
    return {
      async until(text) {
        const deadline = Date.now() + 5000;
        while (!frames.join('').includes(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        ctrl.abort();
        await sse;
        return frames.join('');
      },
    };
  }
  afterAll(async () => {
    await stop?.();
    cluster?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  const post = (who: string | null, op: string, args: unknown, extra: Record<string, string> = {}) =>
    fetch(`${base}api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-casecoder-project': encodeURIComponent(project), ...(who ? { cookie: cookies.get(who)! } : {}), ...extra }, body: JSON.stringify(args) });

  it('no session: 401 for operations and for the event stream', async () => {
    expect((await post(null, 'coding.add', { documentId: doc.id, codeId, start: 0, end: 9 })).status).toBe(401);
    expect((await fetch(`${base}api/events?project=${encodeURIComponent(project)}`)).status).toBe(401);
  });

  it('a write from a foreign origin is refused (CSRF) and changes nothing', async () => {
    const res = await post('alice', 'coding.add', { documentId: doc.id, codeId, start: 0, end: 9 }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('a viewer cannot write', async () => {
    const res = await post('victor', 'coding.add', { documentId: doc.id, codeId, start: 0, end: 9 });
    expect(res.status).toBe(403);
  });

  it("blind: bob neither reads alice's codings nor receives them as events; alice does", async () => {
    const stream = await listen('bob');
    const added = await post('alice', 'coding.add', { documentId: doc.id, codeId, start: 20, end: 60 });
    expect(added.status).toBe(200);
    const coding = ((await added.json()) as { value: { value: { id: string; exact: string } } }).value.value;
    const mine = (await (await post('alice', 'project.current', {})).json()) as { value: { data: { codings: { id: string }[] } } };
    expect(mine.value.data.codings.map((c) => c.id)).toContain(coding.id);
    const theirs = (await (await post('bob', 'project.current', {})).json()) as { value: { data: { codings: { id: string }[] } } };
    expect(theirs.value.data.codings.map((c) => c.id)).not.toContain(coding.id);
    const text = await stream.until('"type":"patch"');
    expect(text).toContain('"type":"patch"');
    expect(text).not.toContain(coding.id);
    expect(text).not.toContain(coding.exact);
  });

  it("blind: Passages, co-occurrences and exports naming no coder answer 200 over bob's own work only", async () => {
    const a = await post('alice', 'coding.add', { documentId: doc.id, codeId, start: 400, end: 460 });
    expect(a.status).toBe(200);
    const alices = ((await a.json()) as { value: { value: { id: string; coderId: string } } }).value.value;
    const b = await post('bob', 'coding.add', { documentId: doc.id, codeId, start: 900, end: 960 });
    expect(b.status).toBe(200);
    const bobs = ((await b.json()) as { value: { value: { id: string; coderId: string } } }).value.value;
    for (const [op, args] of [
      ['retrieval.passages', {}],
      ['retrieval.passages', { coderIds: [] }],
      ['retrieval.export', { format: 'csv' }],
      ['retrieval.cooccurrence', { rule: 'overlap' }],
    ] as const) {
      const res = await post('bob', op, args);
      const text = await res.text();
      expect(res.status, `${op}: ${text}`).toBe(200);
      expect(text, op).not.toContain(alices.id);
      expect(text, op).not.toContain(alices.coderId);
      if (op === 'retrieval.passages') expect(text).toContain(bobs.id);
    }
    // Naming the other coder is still refused, either way round.
    expect((await post('bob', 'retrieval.passages', { coderIds: [alices.coderId] })).status).toBe(403);
    const all = await post('alice', 'retrieval.passages', { coderIds: [alices.coderId, bobs.coderId] });
    expect(all.status).toBe(403);
  });

  /** Bob's event stream while `during` runs, up to the revision `during` returns. */
  async function bobsStream(during: () => Promise<number>): Promise<string> {
    const stream = await listen('bob');
    const until = await during();
    return stream.until(`id: ${until}\n`);
  }

  const events = (text: string) =>
    text
      .split('\n\n')
      .filter((f) => f.includes('data: '))
      .map((f) => JSON.parse(f.slice(f.indexOf('data: ') + 6)) as { type: string; patch: { base: number; revision: number; folded?: boolean; changes: unknown }; author: { coderId: string | null } });

  it("blind: alice's changes send bob no event at all (not even an empty one); his next event folds them in, so his chain has no gap", async () => {
    let alicesId = '';
    let alicesRevs: number[] = [];
    let before = 0;
    const text = await bobsStream(async () => {
      before = ((await (await post('bob', 'project.current', {})).json()) as { value: { revision: number } }).value.revision;
      const added = await post('alice', 'coding.add', { documentId: doc.id, codeId, start: 1200, end: 1260 });
      const a = (await added.json()) as { value: { value: { id: string }; patch: { revision: number } } };
      alicesId = a.value.value.id;
      const removed = await post('alice', 'coding.remove', { id: alicesId });
      expect(removed.status).toBe(200);
      alicesRevs = [a.value.patch.revision, ((await removed.json()) as { value: { patch: { revision: number } } }).value.patch.revision];
      // Wait past the time alice's events reach a stream: nothing arrives for bob.
      await new Promise((r) => setTimeout(r, 700));
      const own = await post('bob', 'coding.add', { documentId: doc.id, codeId, start: 1300, end: 1340 });
      expect(own.status).toBe(200);
      return ((await own.json()) as { value: { patch: { revision: number } } }).value.patch.revision;
    });
    expect(text).not.toContain(alicesId);
    for (const rev of alicesRevs) expect(text).not.toContain(`id: ${rev}\n`);
    const patches = events(text).filter((e) => e.type === 'patch');
    expect(patches).toHaveLength(1);
    const only = patches[0]!.patch;
    // From where bob's view stood to his own change: alice's two revisions folded in, carrying nothing of hers.
    expect(only.base).toBe(before);
    expect(only.revision).toBe(alicesRevs[1]! + 1);
    expect(only.folded).toBe(true);
  });

  it('blind: other coders stay nameless to bob (project, Passages, counts, exports) until comparison opens', async () => {
    const a = await post('alice', 'coding.add', { documentId: doc.id, codeId, start: 1500, end: 1560 });
    const alices = ((await a.json()) as { value: { value: { id: string; coderId: string } } }).value.value;
    const view = (await (await post('bob', 'project.current', {})).json()) as { value: { data: { coders: { name: string }[] } } };
    expect(view.value.data.coders.map((c) => c.name)).toEqual(['bob']);
    for (const [op, args] of [
      ['project.current', {}],
      ['retrieval.passages', {}],
      ['retrieval.export', { format: 'csv' }],
      ['matrix.exportCodeCase', { format: 'csv' }],
      ['matrix.exportCoOccurrence', { format: 'csv', rule: 'overlap' }],
      ['refi.export', { format: 'qdpx' }],
    ] as const) {
      const res = await post('bob', op, args);
      const body = await res.text();
      expect(res.status, `${op}: ${body.slice(0, 300)}`).toBe(200);
      expect(body, op).not.toContain(alices.id);
      expect(body, op).not.toContain(alices.coderId);
      expect(body, op).not.toContain('alice');
    }
    // The REFI-QDA project (compressed, so counted rather than searched) holds bob's codings only.
    const bobs = ((await (await post('bob', 'project.current', {})).json()) as { value: { data: { codings: { coderId: string }[] } } }).value.data.codings;
    const all = ((await (await post('olga', 'project.current', {})).json()) as { value: { data: { codings: unknown[] } } }).value.data.codings;
    expect(all.length).toBeGreaterThan(bobs.length);
    const refi = (await (await post('bob', 'refi.export', { format: 'qdpx' })).json()) as { value: { counts: { codings: number } } };
    expect(refi.value.counts.codings).toBe(bobs.length);
  });

  it('an adjudicator who reads and compares does not become a coder; their first coding makes them one', async () => {
    const coders = async (): Promise<string[]> => ((await (await post('olga', 'project.current', {})).json()) as { value: { data: { coders: { name: string }[] } } }).value.data.coders.map((c) => c.name);
    for (const [op, args] of [
      ['project.current', {}],
      ['retrieval.passages', {}],
      ['matrix.list', {}],
    ] as const)
      expect((await post('judy', op, args)).status, op).toBe(200);
    expect(await coders()).not.toContain('judy');
    expect((await post('judy', 'coding.add', { documentId: doc.id, codeId, start: 1700, end: 1740 })).status).toBe(200);
    expect(await coders()).toContain('judy');
  });

  it('opening comparison tells blind clients to reload; then bob sees the other coders', async () => {
    const text = await bobsStream(async () => {
      const opened = await fetch(`${base}auth/comparison`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base.slice(0, -1), cookie: cookies.get('judy')! }, body: JSON.stringify({ documentIds: [doc.id] }) });
      expect(opened.status).toBe(200);
      const own = await post('bob', 'coding.add', { documentId: doc.id, codeId, start: 1800, end: 1840 });
      return ((await own.json()) as { value: { patch: { revision: number } } }).value.patch.revision;
    });
    expect(events(text).map((e) => e.type)).toContain('project');
    const view = (await (await post('bob', 'project.current', {})).json()) as { value: { data: { coders: { name: string }[] } } };
    expect(view.value.data.coders.map((c) => c.name)).toEqual(expect.arrayContaining(['alice', 'bob']));
  });
});
