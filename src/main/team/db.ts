/**
 * PostgreSQL access for the team server through `pg` (node-postgres): one pool, transactions on
 * one checked-out client, and the error classes a caller may safely retry.
 */
import pg from 'pg';

/** A pool with a connection timeout (pg's default waits forever) and TCP keepalive. */
export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, keepAlive: true, idleTimeoutMillis: 30_000 });
  // An idle client whose server went away emits 'error'; the pool drops it. Never crash on it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Run `work` in one transaction on one client: COMMIT when it resolves, ROLLBACK when it throws.
 * A client whose connection broke is destroyed instead of returned to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await checkout(pool);
  let broken = false;
  try {
    await client.query('BEGIN');
    const out = await work(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    broken = isConnectionError(e);
    if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
    throw e;
  } finally {
    client.release(broken);
  }
}

/**
 * True for errors where the server or the connection went away (admin shutdown 57P01, crash
 * 57P02/57P03, connection failures 08xxx, a closed socket): the transaction did not commit.
 */
export function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && (code.startsWith('08') || code.startsWith('57P') || ['EPIPE', 'ECONNRESET', 'ECONNREFUSED'].includes(code))) return true;
  const msg = (e as Error)?.message ?? '';
  return /Connection terminated|connection.*closed|ECONNREFUSED|ENOENT|ECONNRESET|EPIPE|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(msg);
}

function ignore(): void {
  // The failing query reports the error; the event alone must not crash the process.
}

/**
 * Check a client out of the pool. While checked out, a client whose server goes away (a restart,
 * `pg_terminate_backend`) emits 'error' outside any query; the pool listens only to idle clients,
 * so without a listener the process would die of an unhandled 'error' event.
 */
export async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  client.on('error', ignore);
  const release = client.release.bind(client);
  client.release = (destroy?: boolean | Error) => {
    client.off('error', ignore);
    release(destroy);
  };
  return client;
}
