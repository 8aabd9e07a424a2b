/**
 * Team server load: 20 simulated coders over HTTP (adds, updates, undos, each with an
 * idempotency key) against a real PostgreSQL, p50/p95 latency per acknowledged action, paired
 * with the same number of bare INSERTs of the same rows through the same client library (pg),
 * from 20 concurrent connections, in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startTeamServer } from '../../src/main/team/team-server.js';
import { pushFolder } from '../../src/main/team/transfer.js';
import { PgProjectStore, teamDir } from '../../src/main/team/pg-store.js';
import { postgresUnavailable, startTestPostgres } from '../support/postgres.js';
import { freshDatabase, permissiveAuth, seedFolder } from '../main/team/fixture.js';
import { codeAway, percentile } from '../main/team/load-client.js';
import { result, type BenchResult } from './harness.js';

const CODERS = 20;
/** Actions per coder (the 500; CASECODER_BENCH_TEAM_ACTIONS lowers it on a busy machine). */
const ACTIONS = Number(process.env.CASECODER_BENCH_TEAM_ACTIONS ?? 500);

export default async function run(): Promise<BenchResult[]> {
  const why = postgresUnavailable();
  if (why) {
    process.stdout.write(`  skipped: ${why}\n`);
    return [];
  }
  const cluster = startTestPostgres();
  const tmp = mkdtempSync(join(tmpdir(), 'cc-bench-team-'));
  try {
    const { pool, url } = await freshDatabase(cluster, 20);
    const folder = join(tmp, 'seed');
    await seedFolder(
      folder,
      Array.from({ length: CODERS }, (_, i) => `Coder ${i + 1}`),
    );
    const pushed = await pushFolder(pool, folder);
    if (!pushed.ok) throw new Error(pushed.error.message);
    const store = (await PgProjectStore.open(pool, pushed.value.projectId))!;
    const doc = store.data.documents[0]!;
    const server = await startTeamServer({ pool, dbUrl: url, auth: permissiveAuth(), staticDir: null, appVersion: 'bench' });
    const base = () => `http://127.0.0.1:${server.port}/`;
    const t0 = performance.now();
    const mirrors = await Promise.all(
      store.data.coders.map((c, i) => codeAway({ base, user: `u${i}:coder:${c.id}`, project: teamDir(pushed.value.projectId), docId: doc.id, codeId: store.data.codebook[0]!.id, chars: doc.chars, actions: ACTIONS, seed: 99 + i })),
    );
    const wall = performance.now() - t0;
    await server.close();
    const lat = mirrors.flatMap((m) => m.latencies);
    // Baseline: the same number of rows, one INSERT each, from 20 concurrent connections.
    const rows = (await pool.query<{ data: unknown }>('SELECT data FROM items WHERE collection = $1 LIMIT 1000', ['codings'])).rows.map((r) => JSON.stringify(r.data));
    await pool.query('CREATE TABLE bare (id bigserial PRIMARY KEY, data jsonb NOT NULL)');
    const bare: number[] = [];
    const perClient = Math.ceil(lat.length / CODERS);
    await Promise.all(
      Array.from({ length: CODERS }, async (_, i) => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        for (let k = 0; k < perClient; k++) {
          const s = performance.now();
          await c.query('INSERT INTO bare (data) VALUES ($1)', [rows[(i * perClient + k) % rows.length]]);
          bare.push(performance.now() - s);
        }
        await c.end();
      }),
    );
    await pool.end();
    const note = `${lat.length} acknowledged actions by ${CODERS} coders in ${(wall / 1000).toFixed(1)} s`;
    return [
      result('team server: coding action p50 (20 coders over HTTP)', percentile(lat, 50), 'ms', 'bare INSERT of the same rows through pg, p50', percentile(bare, 50), note),
      result('team server: coding action p95 (20 coders over HTTP)', percentile(lat, 95), 'ms', 'bare INSERT of the same rows through pg, p95', percentile(bare, 95), note),
    ];
  } finally {
    cluster.destroy();
    rmSync(tmp, { recursive: true, force: true });
  }
}
