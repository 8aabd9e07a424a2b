import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startTeamServer } from '../../../src/main/team/team-server.js';
import { pushFolder } from '../../../src/main/team/transfer.js';
import { PgProjectStore, teamDir } from '../../../src/main/team/pg-store.js';
import { startTestPostgres, postgresUnavailable, type TestPostgres } from '../../support/postgres.js';
import { call, freshDatabase, permissiveAuth, seedFolder } from './fixture.js';
import { codeAway, type Mirror } from './load-client.js';

const skip = postgresUnavailable();
const CODERS = 5;
const ACTIONS = 40;

/** How many acknowledged adds (of about 120 in a burst) come before the fault: it lands mid-burst however fast the machine is. */
const FAULT_AFTER = 15;

/** A promise that resolves at the FAULT_AFTER-th acknowledged add, and the `onAck` that counts them. */
function midBurst(): { reached: Promise<void>; onAck: () => void } {
  let acks = 0;
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  return { reached, onAck: () => ++acks === FAULT_AFTER && resolve() };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A server child on `port`, loaded but not started (see serve-child.ts); resolves once loaded. */
function loadChild(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'serve-child.ts')], { env: { ...process.env, PORT: String(port) }, stdio: ['pipe', 'pipe', 'inherit'] });
  return untilPrinted(child, 'loaded').then(() => child);
}

/** Start a loaded child on database `url`; resolves once it listens. */
function startChild(child: ChildProcess, url: string): Promise<void> {
  const listening = untilPrinted(child, 'listening');
  child.stdin!.write(`${url}\n`);
  return listening;
}

function untilPrinted(child: ChildProcess, want: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer): void => {
      if (!b.toString().includes(want)) return;
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      resolve();
    };
    const onExit = (code: number | null): void => reject(new Error(`server child exited with ${code} before printing ${want}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

describe.skipIf(skip)('team server faults', () => {
  let cluster: TestPostgres;
  let tmp: string;
  /** The kill -9 test's server and its replacement, loading while the cluster starts. */
  let children: Promise<ChildProcess[]>;
  let childPort: number;
  beforeAll(async () => {
    childPort = await freePort();
    children = Promise.all([loadChild(childPort), loadChild(childPort)]);
    children.catch(() => undefined);
    cluster = startTestPostgres();
    tmp = mkdtempSync(join(tmpdir(), 'cc-team-faults-'));
  });
  afterAll(async () => {
    for (const c of await children.catch(() => [])) c.kill('SIGKILL');
    cluster?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Seed 000 with the coders, as a folder: made once, pushed into each test's own database. */
  let seeded: Promise<string> | null = null;
  async function setup(): Promise<{ pool: pg.Pool; url: string; projectId: string; docId: string; codeId: string; chars: number; coderIds: string[] }> {
    const { pool, url } = await freshDatabase(cluster);
    seeded ??= seedFolder(
      join(tmp, 'seed'),
      Array.from({ length: CODERS }, (_, i) => `Coder ${i + 1}`),
    ).then(() => join(tmp, 'seed'));
    const folder = await seeded;
    const pushed = await pushFolder(pool, folder);
    if (!pushed.ok) throw new Error(pushed.error.message);
    const store = (await PgProjectStore.open(pool, pushed.value.projectId))!;
    const doc = store.data.documents[0]!;
    return { pool, url, projectId: pushed.value.projectId, docId: doc.id, codeId: store.data.codebook[0]!.id, chars: doc.chars, coderIds: store.data.coders.map((c) => c.id) };
  }

  /** Every coder's acknowledged codings are on the server exactly as acknowledged; one change set per acknowledgement. */
  async function expectNothingLost(pool: pg.Pool, projectId: string, coderIds: string[], mirrors: Mirror[]): Promise<void> {
    const final = (await PgProjectStore.open(pool, projectId))!;
    mirrors.forEach((m, i) => {
      const mine = final.data.codings.filter((c) => c.coderId === coderIds[i]).map((c) => ({ id: c.id, start: c.start, end: c.end }));
      const expected = [...m.codings.entries()].map(([id, s]) => ({ id, ...s }));
      expect(mine.sort((x, y) => x.id.localeCompare(y.id))).toEqual(expected.sort((x, y) => x.id.localeCompare(y.id)));
    });
    const n = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM change_sets WHERE project_id = $1', [projectId]);
    expect(n.rows[0]!.n).toBe(mirrors.reduce((s, m) => s + m.acknowledged, 0) + 1);
  }

  it('kill -9 of the server mid-burst: clients retry with their keys against the restarted server; 0 acknowledged changes lost, none doubled', async () => {
    const s = await setup();
    const port = childPort;
    // Both children loaded while the cluster started; the replacement only has to bind the port.
    const [first, replacement] = (await children) as [ChildProcess, ChildProcess];
    await startChild(first, s.url);
    const base = () => `http://127.0.0.1:${port}/`;
    const mid = midBurst();
    const burst = Promise.all(
      s.coderIds.map((coderId, i) => codeAway({ base, user: `u${i}:coder:${coderId}`, project: teamDir(s.projectId), docId: s.docId, codeId: s.codeId, chars: s.chars, actions: ACTIONS, seed: 7 + i, undoShare: 0, onAck: mid.onAck })),
    );
    await mid.reached;
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    // A moment with no server at all: requests in flight failed, new ones are refused.
    await new Promise((r) => setTimeout(r, 300));
    await startChild(replacement, s.url);
    const mirrors = await burst;
    expect(mirrors.reduce((n, m) => n + m.retries, 0)).toBeGreaterThan(0);
    await expectNothingLost(s.pool, s.projectId, s.coderIds, mirrors);
    replacement.kill('SIGKILL');
    await s.pool.end();
  }, 180_000);

  it('PostgreSQL restart mid-burst: clients get errors, retry with the same key; nothing lost or duplicated', async () => {
    const s = await setup();
    const server = await startTeamServer({ pool: s.pool, dbUrl: s.url, auth: permissiveAuth(), staticDir: null, appVersion: 'test' });
    const base = () => `http://127.0.0.1:${server.port}/`;
    const mid = midBurst();
    const burst = Promise.all(
      s.coderIds.map((coderId, i) => codeAway({ base, user: `u${i}:coder:${coderId}`, project: teamDir(s.projectId), docId: s.docId, codeId: s.codeId, chars: s.chars, actions: ACTIONS, seed: 70 + i, undoShare: 0.1, onAck: mid.onAck })),
    );
    await mid.reached;
    // In the background: the server and its clients keep running while PostgreSQL is down.
    await cluster.restartInBackground();
    const mirrors = await burst;
    expect(mirrors.reduce((n, m) => n + m.retries, 0)).toBeGreaterThan(0);
    await expectNothingLost(s.pool, s.projectId, s.coderIds, mirrors);
    await server.close();
    await s.pool.end();
  }, 180_000);

  it('a client that drops its event stream and reconnects with Last-Event-ID catches up from its last revision, in order', async () => {
    const s = await setup();
    const server = await startTeamServer({ pool: s.pool, dbUrl: s.url, auth: permissiveAuth(), staticDir: null, appVersion: 'test' });
    const base = `http://127.0.0.1:${server.port}/`;
    const project = teamDir(s.projectId);
    const user = `u0:coder:${s.coderIds[0]}`;
    const add = (start: number) => call(base, user, 'coding.add', { documentId: s.docId, codeId: s.codeId, start, end: start + 8 }, { project });
    const read = async (headers: Record<string, string>, want: number): Promise<number[]> => {
      const ctrl = new AbortController();
      const res = await fetch(`${base}api/events?project=${encodeURIComponent(project)}`, { headers: { 'x-test-user': user, ...headers }, signal: ctrl.signal });
      const reader = res.body!.getReader();
      const ids: number[] = [];
      let buf = '';
      const dec = new TextDecoder();
      const deadline = setTimeout(() => ctrl.abort(), 10_000);
      try {
        while (ids.length < want) {
          const { done, value } = await reader.read();
          if (done) break;
          buf += dec.decode(value, { stream: true });
          let i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const m = /^id: (\d+)$/m.exec(buf.slice(0, i));
            if (m) ids.push(Number(m[1]));
            buf = buf.slice(i + 2);
          }
        }
      } catch {
        // aborted
      }
      clearTimeout(deadline);
      ctrl.abort();
      return ids;
    };
    const first = read({ 'last-event-id': '1' }, 3);
    await new Promise((r) => setTimeout(r, 200));
    for (let k = 0; k < 3; k++) expect((await add(100 + k * 20)).status).toBe(200);
    expect(await first).toEqual([2, 3, 4]);
    // Offline: four more changes happen.
    for (let k = 0; k < 4; k++) expect((await add(300 + k * 20)).status).toBe(200);
    expect(await read({ 'last-event-id': '4' }, 4)).toEqual([5, 6, 7, 8]);
    await server.close();
    await s.pool.end();
  }, 120_000);
});
