import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from '../../support/postgres.js';

describe('test PostgreSQL harness', () => {
  let db: TestPostgres;
  beforeAll(() => {
    db = startTestPostgres();
  }, 60_000);
  afterAll(() => db?.destroy());

  it('serves SQL over its unix socket, and survives a restart', async () => {
    const c1 = new pg.Client({ connectionString: db.url() });
    await c1.connect();
    await c1.query('CREATE TABLE t (n int)');
    await c1.query('INSERT INTO t VALUES (1), (2)');
    await c1.end();
    db.restart();
    const c2 = new pg.Client({ connectionString: db.url() });
    await c2.connect();
    const r = await c2.query<{ s: string }>('SELECT sum(n)::text AS s FROM t');
    expect(r.rows[0]?.s).toBe('3');
    await c2.end();
  }, 60_000);
});
