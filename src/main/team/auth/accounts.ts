/**
 * Accounts and project roles in PostgreSQL (tables of `002_auth.sql`). The CLI (`casecoder users`)
 * and the owner's accounts panel both call these functions. Role changes, disabling and password
 * changes revoke the account's sessions, so new rights (or none) apply from the next request.
 */
import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { randomId } from '../../../shared/system-env.js';
import type { TeamRole } from '../auth-contract.js';
import type { AccountSummary } from '../../../shared/team-auth.js';
import { passwordProblem, type PasswordHasher } from './passwords.js';

export type { AccountSummary };

/** Anything that runs a query: a pool or a client inside a transaction. */
export type Db = Pick<Pool, 'query'> | PoolClient;

/** The roles, most powerful first. */
export const TEAM_ROLES: readonly TeamRole[] = ['owner', 'adjudicator', 'coder', 'viewer'];

/** A refused account change, with a message for the user (400 or 409 over HTTP). */
export class AccountError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

/** Canonical login (lower-cased, trimmed), or an error naming what is wrong with it. */
export function canonicalLogin(login: string): string {
  const l = login.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(l)) throw new AccountError(`A login is 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit ("${login}" is not).`);
  return l;
}

export function isRole(role: string): role is TeamRole {
  return (TEAM_ROLES as readonly string[]).includes(role);
}

function checkRole(role: string): TeamRole {
  if (!isRole(role)) throw new AccountError(`Unknown role "${role}": use ${TEAM_ROLES.join(', ')}.`);
  return role;
}

/** Records an account or access event of `projectId` (null: account-wide, e.g. a sign-in) for the audit view. */
export async function logEvent(db: Db, projectId: string | null, actorId: string | null, action: string, subject: string | null, detail: Record<string, unknown> = {}): Promise<void> {
  await db.query('INSERT INTO auth_events (project_id, actor_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)', [projectId, actorId, action, subject, JSON.stringify(detail)]);
}

async function inTransaction<T>(pool: Pool, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await work(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw translate(e);
  } finally {
    c.release();
  }
}

function translate(e: unknown): unknown {
  const err = e as { code?: string; message?: string; constraint?: string };
  if (err.code === '23514' && /no owner/.test(err.message ?? '')) return new AccountError('The project must keep at least one owner: make someone else owner first.', 409);
  if (err.code === '23505') return new AccountError('That login is taken.', 409);
  return e;
}

const SUMMARY_SQL = `SELECT u.id, u.login, u.display_name, m.role, u.coder_id, u.disabled_at, u.created_at, u.password_changed_at
  FROM users u JOIN memberships m ON m.user_id = u.id AND m.project_id = $1`;

function summary(row: Record<string, unknown>): AccountSummary {
  return {
    id: String(row.id),
    login: String(row.login),
    displayName: String(row.display_name),
    role: row.role as TeamRole,
    coderId: String(row.coder_id),
    disabled: row.disabled_at !== null,
    createdAt: (row.created_at as Date).toISOString(),
    passwordChangedAt: (row.password_changed_at as Date).toISOString(),
  };
}

/** The project's accounts, by login. */
export async function listAccounts(db: Db, projectId: string): Promise<AccountSummary[]> {
  const r = await db.query(`${SUMMARY_SQL} ORDER BY u.login`, [projectId]);
  return r.rows.map(summary);
}

/** One account of the project, or a 404 error. */
export async function getAccount(db: Db, projectId: string, login: string): Promise<AccountSummary> {
  const r = await db.query(`${SUMMARY_SQL} WHERE u.login = $2`, [projectId, canonicalLogin(login)]);
  if (r.rows.length === 0) throw new AccountError(`No account "${login}" in this project.`, 404);
  return summary(r.rows[0]);
}

/** Input of {@link addAccount}. */
export interface NewAccount {
  login: string;
  displayName?: string;
  password: string;
  role: string;
}

/**
 * Creates an account and its membership. The project's first account must be its owner. An
 * account that exists already (a member of another project) joins this project with `role`; its
 * password stays as it is (`input.password` is not used), since roles are per project but an
 * account is one person's.
 */
export async function addAccount(pool: Pool, hasher: PasswordHasher, projectId: string, input: NewAccount, actorId: string | null): Promise<AccountSummary> {
  const login = canonicalLogin(input.login);
  const role = checkRole(input.role);
  if (await accountExists(pool, login)) {
    return inTransaction(pool, async (c) => {
      const joined = await c.query(`INSERT INTO memberships (project_id, user_id, role) SELECT $1, id, $3 FROM users WHERE login = $2 ON CONFLICT DO NOTHING`, [projectId, login, role]);
      if (joined.rowCount === 0) throw new AccountError(`"${login}" is already a member of this project: change their role instead.`, 409);
      await logEvent(c, projectId, actorId, 'account.join', login, { role });
      return getAccount(c, projectId, login);
    });
  }
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountError(problem);
  const hash = await hasher.hash(input.password);
  const id = `u_${randomBytes(9).toString('base64url')}`;
  return inTransaction(pool, async (c) => {
    await c.query('INSERT INTO users (id, login, display_name, password_hash, coder_id) VALUES ($1, $2, $3, $4, $5)', [id, login, input.displayName?.trim() || login, hash, randomId('coder_')]);
    await c.query('INSERT INTO memberships (project_id, user_id, role) VALUES ($1, $2, $3)', [projectId, id, role]);
    await logEvent(c, projectId, actorId, 'account.add', login, { role });
    return getAccount(c, projectId, login);
  });
}

/** True when an account with this (canonical) login exists, in any project. */
export async function accountExists(db: Db, login: string): Promise<boolean> {
  return ((await db.query('SELECT 1 FROM users WHERE login = $1', [login])).rowCount ?? 0) > 0;
}

/** Changes an account's role in one project (keeping one owner there) and ends its sessions. */
export async function setRole(pool: Pool, projectId: string, login: string, role: string, actorId: string | null): Promise<AccountSummary> {
  const r = checkRole(role);
  return inTransaction(pool, async (c) => {
    const account = await getAccount(c, projectId, login);
    await c.query('UPDATE memberships SET role = $3 WHERE project_id = $1 AND user_id = $2', [projectId, account.id, r]);
    await c.query('DELETE FROM sessions WHERE user_id = $1', [account.id]);
    await logEvent(c, projectId, actorId, 'account.role', account.login, { from: account.role, to: r });
    return getAccount(c, projectId, login);
  });
}

/** Disables (or enables) an account; disabling ends its sessions. The last active owner cannot be disabled. */
export async function setDisabled(pool: Pool, projectId: string, login: string, disabled: boolean, actorId: string | null): Promise<AccountSummary> {
  return inTransaction(pool, async (c) => {
    const account = await getAccount(c, projectId, login);
    if (disabled && account.role === 'owner') {
      const owners = await c.query(`SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.project_id = $1 AND m.role = 'owner' AND u.disabled_at IS NULL`, [projectId]);
      if (owners.rows[0].n <= 1) throw new AccountError('This is the only active owner: make someone else owner before disabling it.', 409);
    }
    await c.query(`UPDATE users SET disabled_at = ${disabled ? 'coalesce(disabled_at, now())' : 'NULL'} WHERE id = $1`, [account.id]);
    if (disabled) await c.query('DELETE FROM sessions WHERE user_id = $1', [account.id]);
    await logEvent(c, projectId, actorId, disabled ? 'account.disable' : 'account.enable', account.login);
    return getAccount(c, projectId, login);
  });
}

/** Sets a new password: ends every session of the account and clears its login delay. */
export async function setPassword(pool: Pool, hasher: PasswordHasher, projectId: string, login: string, password: string, actorId: string | null): Promise<AccountSummary> {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const hash = await hasher.hash(password);
  return inTransaction(pool, async (c) => {
    const account = await getAccount(c, projectId, login);
    await c.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [account.id, hash]);
    await c.query('DELETE FROM sessions WHERE user_id = $1', [account.id]);
    await c.query('DELETE FROM login_throttle WHERE key = $1', [`account:${account.login}`]);
    await logEvent(c, projectId, actorId, 'account.password', account.login);
    return getAccount(c, projectId, login);
  });
}

/** What login needs of an account: its hash and whether it may sign in. */
export interface LoginRecord {
  id: string;
  login: string;
  passwordHash: string;
  active: boolean;
}

/** The login record of `login`, or null (unknown login, or a member of no project). */
export async function loginRecord(db: Db, login: string): Promise<LoginRecord | null> {
  const r = await db.query(`SELECT u.id, u.login, u.password_hash, u.disabled_at FROM users u WHERE u.login = $1 AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)`, [login]);
  const row = r.rows[0];
  return row ? { id: row.id, login: row.login, passwordHash: row.password_hash, active: row.disabled_at === null } : null;
}

/** Replaces a hash after a login with outdated parameters (the password itself is unchanged). */
export async function upgradeHash(db: Db, userId: string, hash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash]);
}
