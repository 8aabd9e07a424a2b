/**
 * Idempotency keys: a client sends `Idempotency-Key` with each request; the first response of a
 * request that changed the project is stored with the key (the key itself is claimed inside the
 * change's transaction), so a retry after a dropped connection gets that response and changes
 * nothing. The same key with a different request is refused.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Longest key accepted (UUIDs are 36 characters). */
export const MAX_KEY_CHARS = 200;

/** The hash that tells a retry from a different request under the same key. */
export function requestHash(projectId: string, op: string, body: string): string {
  return createHash('sha256').update(`${projectId}\u0000${op}\u0000${body}`).digest('hex');
}

/** What a key already stands for. */
export type StoredKey = { kind: 'none' } | { kind: 'mismatch' } | { kind: 'response'; status: number; body: unknown } | { kind: 'applied'; rev: number | null };

/** Look up `key` of `author` for a request with hash `hash`. */
export async function lookupKey(pool: pg.Pool, author: string, key: string, hash: string): Promise<StoredKey> {
  const r = await pool.query<{ request_hash: string; rev: string | null; response: { status: number; body: unknown } | null }>('SELECT request_hash, rev, response FROM idempotency_keys WHERE author = $1 AND key = $2', [author, key]);
  const row = r.rows[0];
  if (!row) return { kind: 'none' };
  if (row.request_hash !== hash) return { kind: 'mismatch' };
  if (row.response) return { kind: 'response', status: row.response.status, body: row.response.body };
  return { kind: 'applied', rev: row.rev === null ? null : Number(row.rev) };
}

/** Store the response of the request that claimed `key` (best effort: a lost write only makes a retry answer more briefly). */
export async function storeResponse(pool: pg.Pool, author: string, key: string, status: number, body: unknown): Promise<void> {
  await pool.query('UPDATE idempotency_keys SET response = $3 WHERE author = $1 AND key = $2', [author, key, JSON.stringify({ status, body })]).catch(() => undefined);
}
