/**
 * Login throttling (OWASP Authentication cheat sheet): failures are counted per account and per
 * client address. Each failed login for an account blocks further attempts on it for an
 * exponentially growing delay (1 s, 2 s, 4 s … capped); an address that fails too often within a
 * window is blocked until the window ends. A blocked attempt costs no password hash and is answered
 * 429 with Retry-After. Unknown logins are throttled exactly like known ones (no enumeration);
 * an owner's password reset clears an account's delay, so the lockout cannot keep anyone out for good.
 */
import type { Db } from './accounts.js';

export interface ThrottleLimits {
  /** First delay after a failure on an account. */
  baseDelayMs: number;
  /** The longest delay per account. */
  maxDelayMs: number;
  /** Failed logins allowed from one address per window. */
  ipFailures: number;
  ipWindowMs: number;
}

export const DEFAULT_THROTTLE: Readonly<ThrottleLimits> = Object.freeze({ baseDelayMs: 1000, maxDelayMs: 15 * 60_000, ipFailures: 50, ipWindowMs: 15 * 60_000 });

/** Seconds until `keys` may try again (0: now). */
export async function retryAfterSeconds(db: Db, keys: string[]): Promise<number> {
  const r = await db.query(`SELECT coalesce(max(extract(epoch FROM blocked_until - now())), 0) AS wait FROM login_throttle WHERE key = ANY($1) AND blocked_until > now()`, [keys]);
  const wait = Number(r.rows[0]?.wait ?? 0);
  return wait > 0 ? Math.ceil(wait) : 0;
}

/** Records a failed login for the account key (exponential delay) and the address key (window ceiling). */
export async function recordFailure(db: Db, accountKey: string, ipKey: string, limits: ThrottleLimits): Promise<void> {
  await db.query(
    `INSERT INTO login_throttle AS t (key, failures, window_start, blocked_until) VALUES ($1, 1, now(), now() + $2 * interval '1 millisecond')
     ON CONFLICT (key) DO UPDATE SET failures = t.failures + 1,
       blocked_until = now() + least($3::float8, $2::float8 * power(2, t.failures)) * interval '1 millisecond'`,
    [accountKey, limits.baseDelayMs, limits.maxDelayMs],
  );
  await db.query(
    `INSERT INTO login_throttle AS t (key, failures, window_start) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_start < now() - $2 * interval '1 millisecond' THEN 1 ELSE t.failures + 1 END,
       window_start = CASE WHEN t.window_start < now() - $2 * interval '1 millisecond' THEN now() ELSE t.window_start END`,
    [ipKey, limits.ipWindowMs],
  );
  await db.query(`UPDATE login_throttle SET blocked_until = window_start + $2 * interval '1 millisecond' WHERE key = $1 AND failures >= $3`, [ipKey, limits.ipWindowMs, limits.ipFailures]);
}

/** A successful login clears the account's failures (the address keeps its count for the window). */
export async function recordSuccess(db: Db, accountKey: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [accountKey]);
}
