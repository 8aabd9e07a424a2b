/**
 * Server-side sessions: a 256-bit random id lives only in the browser's cookie; the table keeps
 * its SHA-256, so reading the table does not let anyone in. A session ends on logout, on idle
 * (no request for `idleMs`; the live-event stream does not count as activity), at its absolute
 * expiry, and whenever its account's password or role changes or the account is disabled.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { TeamRole, Viewer } from '../auth-contract.js';
import type { Db } from './accounts.js';

/** Idle and absolute lifetimes (OWASP: 15–30 min idle for a low-risk app, 4–8 h absolute). */
export interface SessionLifetimes {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_LIFETIMES: Readonly<SessionLifetimes> = Object.freeze({ idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 });

/** SHA-256 of a session id: the table's key. */
export function sessionHash(id: string): Buffer {
  return createHash('sha256').update(id).digest();
}

/** Starts a session for `userId`; returns the id to put in the cookie (43 base64url characters). */
export async function createSession(db: Db, userId: string, lifetimes: SessionLifetimes, ip: string | null, userAgent: string | null): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  // Sweep sessions past their absolute end (idle ones are deleted when next presented).
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  await db.query(`INSERT INTO sessions (id_hash, user_id, expires_at, ip, user_agent) VALUES ($1, $2, now() + $3 * interval '1 millisecond', $4, $5)`, [sessionHash(id), userId, lifetimes.absoluteMs, ip, userAgent?.slice(0, 300) ?? null]);
  return id;
}

/**
 * The viewer of a live session, or null (unknown, expired, idle too long, account disabled or no
 * longer a member). `touch` counts this request as activity. Expired rows are deleted on sight.
 */
export async function viewerOfSession(db: Db, projectId: string, id: string, lifetimes: SessionLifetimes, touch: boolean): Promise<Viewer | null> {
  const hash = sessionHash(id);
  const r = await db.query(
    `SELECT u.id, u.login, u.coder_id, m.role, (s.expires_at > now() AND s.last_seen_at > now() - $3 * interval '1 millisecond') AS live,
            (s.last_seen_at < now() - interval '30 seconds') AS stale
       FROM sessions s JOIN users u ON u.id = s.user_id
       JOIN memberships m ON m.user_id = u.id AND m.project_id = $2
      WHERE s.id_hash = $1 AND u.disabled_at IS NULL`,
    [hash, projectId, lifetimes.idleMs],
  );
  const row = r.rows[0];
  if (!row) return null;
  if (!row.live) {
    await db.query('DELETE FROM sessions WHERE id_hash = $1', [hash]);
    return null;
  }
  // Activity is recorded at most every 30 s: not one write per coding action.
  if (touch && row.stale) await db.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [hash]);
  const role = row.role as TeamRole;
  return { userId: row.id, login: row.login, role, coderId: role === 'viewer' ? null : row.coder_id, projectId };
}

/** True when `id` is a live session of an enabled account (whatever its memberships). */
export async function isLiveSession(db: Db, id: string, lifetimes: SessionLifetimes): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_hash = $1 AND u.disabled_at IS NULL AND s.expires_at > now() AND s.last_seen_at > now() - $2 * interval '1 millisecond'`,
    [sessionHash(id), lifetimes.idleMs],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Ends one session (logout, or the pre-login session a login replaces). */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [sessionHash(id)]);
}

/** Ends every session of an account ("sign out everywhere", password change). */
export async function deleteSessionsOf(db: Db, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}
