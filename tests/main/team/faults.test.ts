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

function startChild(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'serve-child.ts')], { env: { ...process.env, DB_URL: url, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('listening')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
  });
}

describe.skipIf(skip)('team server faults', () => {
  let cluster: TestPostgres;
  let tmp: string;
  beforeAll(() => {
    cluster = startTestPostgres();
    tmp = mkdtempSync(join(tmpdir(), 'cc-team-faults-'));
  });
  afterAll(() => {
    cluster?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function setup(name: string): Promise<{ pool: pg.Pool; url: string; projectId: string; docId: string; codeId: string; chars: number; coderIds: string[] }> {
    const { pool, url } = await freshDatabase(cluster);
    const folder = join(tmp, name);
    await seedFolder(
      folder,
      Array.from({ length: CODERS }, (_, i) => `Coder ${i + 1}`),
    );
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
    const s = await setup('kill');
    const port = await freePort();
    let child = await startChild(s.url, port);
    const base = () => `http://127.0.0.1:${port}/`;
    const mid = midBurst();
    const burst = Promise.all(
      s.coderIds.map((coderId, i) => codeAway({ base, user: `u${i}:coder:${coderId}`, project: teamDir(s.projectId), docId: s.docId, codeId: s.codeId, chars: s.chars, actions: ACTIONS, seed: 7 + i, undoShare: 0, onAck: mid.onAck })),
    );
    await mid.reached;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await new Promise((r) => setTimeout(r, 300));
    child = await startChild(s.url, port);
    const mirrors = await burst;
    expect(mirrors.reduce((n, m) => n + m.retries, 0)).toBeGreaterThan(0);
    await expectNothingLost(s.pool, s.projectId, s.coderIds, mirrors);
    child.kill('SIGKILL');
    await s.pool.end();
  }, 180_000);

  it('PostgreSQL restart mid-burst: clients get errors, retry with the same key; nothing lost or duplicated', async () => {
    const s = await setup('restart');
    const server = await startTeamServer({ pool: s.pool, dbUrl: s.url, auth: permissiveAuth(), staticDir: null, appVersion: 'test' });
    const base = () => `http://127.0.0.1:${server.port}/`;
    const mid = midBurst();
    const burst = Promise.all(
      s.coderIds.map((coderId, i) => codeAway({ base, user: `u${i}:coder:${coderId}`, project: teamDir(s.projectId), docId: s.docId, codeId: s.codeId, chars: s.chars, actions: ACTIONS, seed: 70 + i, undoShare: 0.1, onAck: mid.onAck })),
    );
    await mid.reached;
    cluster.restart();
    const mirrors = await burst;
    expect(mirrors.reduce((n, m) => n + m.retries, 0)).toBeGreaterThan(0);
    await expectNothingLost(s.pool, s.projectId, s.coderIds, mirrors);
    await server.close();
    await s.pool.end();
  }, 180_000);

  it('a client that drops its event stream and reconnects with Last-Event-ID catches up from its last revision, in order', async () => {
    const s = await setup('catchup');
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
