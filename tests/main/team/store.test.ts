import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { pushFolder, pullProject } from '../../../src/main/team/transfer.js';
import { PgProjectStore, newCall } from '../../../src/main/team/pg-store.js';
import { migrate, MigrationError, readMigrations } from '../../../src/main/team/migrate.js';
import { openProjectFolder } from '../../../src/main/store/project-store.js';
import { startTestPostgres, postgresUnavailable, type TestPostgres } from '../../support/postgres.js';
import { freshDatabase, seedFolder } from './fixture.js';
import { createPool } from '../../../src/main/team/db.js';
import type { Coding } from '../../../src/core/model/types.js';

const skip = postgresUnavailable();

describe.skipIf(skip)('team store on PostgreSQL', () => {
  let cluster: TestPostgres;
  let tmp: string;
  beforeAll(() => {
    cluster = startTestPostgres();
    tmp = mkdtempSync(join(tmpdir(), 'cc-team-store-'));
  });
  afterAll(() => {
    cluster?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function pushedProject(coders: string[]): Promise<{ pool: pg.Pool; projectId: string; folder: string; url: string }> {
    const { pool, url } = await freshDatabase(cluster);
    const folder = join(tmp, `p${Math.random().toString(36).slice(2)}`);
    await seedFolder(folder, coders);
    const pushed = await pushFolder(pool, folder);
    if (!pushed.ok) throw new Error(pushed.error.message);
    return { pool, projectId: pushed.value.projectId, folder, url };
  }

  function coding(store: PgProjectStore, coderName: string, start: number, id: string): Coding {
    const data = store.data;
    const coder = data.coders.find((c) => c.name === coderName);
    return {
      id,
      documentId: data.documents[0]!.id,
      codeId: data.codebook[0]!.id,
      coderId: coder!.id,
      start,
      end: start + 5,
      exact: '',
      prefix: '',
      suffix: '',
      memo: '',
      created: new Date().toISOString(),
      updated: new Date().toISOString(),
    } as Coding;
  }

  it('migrations: refuses to start unmigrated, applies once, refuses a database from a newer build, serialises two migrators', async () => {
    const { pool } = await freshDatabase(cluster);
    const again = await migrate(pool, { apply: false });
    expect(again.pending).toEqual([]);
    expect(again.current).toBe(readMigrations().at(-1)!.version);
    await pool.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')");
    await expect(migrate(pool, { apply: true })).rejects.toThrow(/999_from_the_future.*never run backwards/);
    await pool.end();

    const admin = await freshDatabase(cluster);
    // Back to an empty database (every migration's objects gone).
    await admin.pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await expect(migrate(admin.pool, { apply: false })).rejects.toBeInstanceOf(MigrationError);
    const [a, b] = await Promise.all([migrate(admin.pool, { apply: true }), migrate(admin.pool, { apply: true })]);
    expect([...a.applied, ...b.applied].sort()).toEqual(
      readMigrations()
        .map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`)
        .sort(),
    );
    await admin.pool.end();
  });

  it('push copies a folder losslessly; pull writes the same project and texts back', async () => {
    const { pool, projectId, folder } = await pushedProject(['Ann', 'Ben']);
    const original = await openProjectFolder(folder, { readOnly: true });
    if (!original.ok) throw new Error(original.error.message);
    const store = (await PgProjectStore.open(pool, projectId))!;
    expect(store.data).toEqual(original.value.store.data);
    expect(store.revision).toBe(1);
    const out = join(tmp, 'pulled');
    const pulled = await pullProject(pool, projectId, out);
    expect(pulled.ok).toBe(true);
    const back = await openProjectFolder(out, { readOnly: true });
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.store.data).toEqual(original.value.store.data);
    const docId = original.value.store.data.documents[0]!.id;
    expect((await back.value.store.readSource(docId)).ok && (await original.value.store.readSource(docId)).ok).toBe(true);
    expect(await back.value.store.readSource(docId)).toEqual(await original.value.store.readSource(docId));
    await back.value.store.close();
    await original.value.store.close();
    // Pushing the same folder again merges nothing new.
    const again = await pushFolder(pool, folder);
    expect(again.ok && again.value.outcome).toBe('unchanged');
    await pool.end();
  });

  it('concurrent commits to different items by two users both land, at consecutive revisions', async () => {
    const { pool, projectId } = await pushedProject(['Ann', 'Ben']);
    const a = (await PgProjectStore.open(pool, projectId))!;
    const b = (await PgProjectStore.open(pool, projectId))!;
    a.call = newCall('ann', null, a.revision, null);
    b.call = newCall('ben', null, b.revision, null);
    const [ra, rb] = await Promise.all([
      a.commitChanges({ by: null, label: 'a', changes: { upsert: { codings: [coding(a, 'Ann', 10, 'c_a')] }, remove: {} } }),
      b.commitChanges({ by: null, label: 'b', changes: { upsert: { codings: [coding(b, 'Ben', 20, 'c_b')] }, remove: {} } }),
    ]);
    expect(ra.ok && rb.ok).toBe(true);
    const revs = [ra.ok ? ra.value.revision : 0, rb.ok ? rb.value.revision : 0].sort();
    expect(revs).toEqual([2, 3]);
    const fresh = (await PgProjectStore.open(pool, projectId))!;
    expect(fresh.data.codings.map((c) => c.id).sort()).toEqual(['c_a', 'c_b']);
    // Each copy caught up with the other's change when it committed or refreshes.
    await a.refresh();
    await b.refresh();
    expect(a.data).toEqual(fresh.data);
    expect(b.data).toEqual(fresh.data);
    await pool.end();
  });

  it('a change to an item someone else changed since the base revision is refused, and nothing is written', async () => {
    const { pool, projectId } = await pushedProject(['Ann', 'Ben']);
    const a = (await PgProjectStore.open(pool, projectId))!;
    const b = (await PgProjectStore.open(pool, projectId))!;
    a.call = newCall('ann', null, a.revision, null);
    const c = coding(a, 'Ann', 10, 'c_shared');
    expect((await a.commitChanges({ by: null, label: 'add', changes: { upsert: { codings: [c] }, remove: {} } })).ok).toBe(true);
    await b.refresh();
    const base = b.revision;
    a.call = newCall('ann', null, a.revision, null);
    expect((await a.commitChanges({ by: null, label: 'move', changes: { upsert: { codings: [{ ...c, end: 30 }] }, remove: {} } })).ok).toBe(true);
    b.call = newCall('ben', null, base, null);
    const refused = await b.commitChanges({ by: null, label: 'edit', changes: { upsert: { codings: [{ ...c, end: 12 }] }, remove: {} } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('conflict');
      expect(refused.error.message).toMatch(/Someone else changed this coding \(c_shared\) at revision 3/);
    }
    const head = await pool.query('SELECT head_rev FROM projects WHERE id = $1', [projectId]);
    expect(Number(head.rows[0].head_rev)).toBe(3);
    // The same author may change its own item again without a conflict.
    a.call = newCall('ann', null, base, null);
    expect((await a.commitChanges({ by: null, label: 'again', changes: { upsert: { codings: [{ ...c, end: 40 }] }, remove: {} } })).ok).toBe(true);
    await pool.end();
  });

  it('a change validated against a copy that missed what validation reads is checked again after catching up; one that missed only unrelated items commits at once', async () => {
    const { pool, projectId, url } = await pushedProject(['Ann', 'Ben']);
    // Two server processes: separate pools, so neither copy learns of the other's commits in memory.
    const otherPool = createPool(url, 2);
    const a = (await PgProjectStore.open(pool, projectId))!;
    const b = (await PgProjectStore.open(otherPool, projectId))!;
    const code = a.data.codebook[0]!;
    b.call = newCall('ben', null, b.revision, null);
    expect((await b.commitChanges({ by: null, label: 'drop code', changes: { upsert: {}, remove: { codebook: [code.id] } } })).ok).toBe(true);
    // a still holds the code: its own check passes, the database answers "stale", a catches up and refuses.
    expect(a.state.get('codebook', code.id)).toBeDefined();
    a.call = newCall('ann', null, a.revision, null);
    const refused = await a.commitChanges({ by: null, label: 'code', changes: { upsert: { codings: [coding(a, 'Ann', 10, 'c_on_gone_code')] }, remove: {} } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/refers to a missing code/);
    expect(a.revision).toBe(b.revision);
    const head = async () => Number((await pool.query('SELECT head_rev FROM projects WHERE id = $1', [projectId])).rows[0].head_rev);
    expect(await head()).toBe(b.revision);
    // b codes with another code; a, not told, codes too: no conflict, no retry, and a catches up on the way.
    const other = b.data.codebook[0]!.id;
    b.call = newCall('ben', null, b.revision, null);
    expect((await b.commitChanges({ by: null, label: 'b codes', changes: { upsert: { codings: [{ ...coding(b, 'Ben', 20, 'c_b'), codeId: other }] }, remove: {} } })).ok).toBe(true);
    a.call = newCall('ann', null, a.revision, null);
    const done = await a.commitChanges({ by: null, label: 'a codes', changes: { upsert: { codings: [{ ...coding(a, 'Ann', 30, 'c_a'), codeId: other }] }, remove: {} } });
    expect(done.ok && done.value.revision).toBe(b.revision + 1);
    expect(a.data.codings.map((c) => c.id).sort()).toEqual(['c_a', 'c_b']);
    expect(await head()).toBe(a.revision);
    await otherPool.end();
    await pool.end();
  });

  it('an idempotency key is claimed once: a second commit under it is refused as a replay and writes nothing', async () => {
    const { pool, projectId } = await pushedProject(['Ann']);
    const a = (await PgProjectStore.open(pool, projectId))!;
    const b = (await PgProjectStore.open(pool, projectId))!;
    a.call = newCall('ann', null, a.revision, { key: 'k1', hash: 'h' });
    b.call = newCall('ann', null, b.revision, { key: 'k1', hash: 'h' });
    const [ra, rb] = await Promise.all([
      a.commitChanges({ by: null, label: 'x', changes: { upsert: { codings: [coding(a, 'Ann', 1, 'c1')] }, remove: {} } }),
      b.commitChanges({ by: null, label: 'x', changes: { upsert: { codings: [coding(b, 'Ann', 1, 'c1')] }, remove: {} } }),
    ]);
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1);
    expect(a.call.replay || b.call.replay).toBe(true);
    const n = await pool.query('SELECT count(*)::int AS n FROM change_sets WHERE project_id = $1', [projectId]);
    expect(n.rows[0].n).toBe(2);
    await pool.end();
  });

  it('revision order equals commit order under many concurrent writers: no gaps, no duplicates', async () => {
    const { pool, projectId } = await pushedProject(['Ann']);
    const stores = await Promise.all(Array.from({ length: 8 }, () => PgProjectStore.open(pool, projectId)));
    const results = await Promise.all(
      stores.flatMap((s, i) =>
        Array.from({ length: 10 }, async (_, j) => {
          await new Promise((r) => setTimeout(r, j));
          return s!.commitChanges({ by: null, label: `${i}/${j}`, changes: { upsert: { codings: [coding(s!, 'Ann', i * 100 + j, `c_${i}_${j}`)] }, remove: {} } });
        }),
      ),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const revs = (await pool.query('SELECT rev FROM change_sets WHERE project_id = $1 ORDER BY rev', [projectId])).rows.map((r) => Number(r.rev));
    expect(revs).toEqual(Array.from({ length: 81 }, (_, i) => i + 1));
    const fresh = (await PgProjectStore.open(pool, projectId))!;
    expect(fresh.data.codings).toHaveLength(80);
    await pool.end();
  });
});
