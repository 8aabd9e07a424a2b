/**
 * The `/auth/*` routes of the team server: login, logout, who am I, own password, the owner's
 * account management and audit view, and opening comparison (owner, adjudicator). Every POST
 * passes the CSRF checks first, login included (login CSRF).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TeamAuthAnswer, TeamAuthErrorCode, TeamMe } from '../../../shared/team-auth.js';
import type { Viewer } from '../auth-contract.js';
import { AccountError, addAccount, canonicalLogin, getAccount, listAccounts, loginRecord, logEvent, setDisabled, setPassword, setRole, upgradeHash } from './accounts.js';
import { auditEntries } from './audit.js';
import { openComparison } from './comparison.js';
import { clearedSessionCookie, sessionCookie, sessionIdFrom } from './cookies.js';
import { csrfProblem } from './csrf.js';
import { MAX_PASSWORD_LENGTH } from './passwords.js';
import { createSession, deleteSession } from './sessions.js';
import { recordFailure, recordSuccess, retryAfterSeconds } from './throttle.js';
import type { AuthRuntime } from './runtime.js';

const MAX_BODY = 16 * 1024;

class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly code: TeamAuthErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function send<T>(res: ServerResponse, status: number, answer: TeamAuthAnswer<T>, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(answer));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new RouteError(413, 'invalid', 'Request too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new RouteError(400, 'invalid', 'The request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RouteError(400, 'invalid', 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

function str(body: Record<string, unknown>, key: string, max = 1000): string {
  const v = body[key];
  if (typeof v !== 'string' || v.length > max) throw new RouteError(400, 'invalid', `"${key}" must be a string of at most ${max} characters.`);
  return v;
}

function ids(body: Record<string, unknown>, key: string): string[] | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string') || v.length > 100_000) throw new RouteError(400, 'invalid', `"${key}" must be a list of ids.`);
  return v as string[];
}

function need(viewer: Viewer | null, roles: Viewer['role'][]): Viewer {
  if (!viewer) throw new RouteError(401, 'unauthenticated', 'Sign in first.');
  if (!roles.includes(viewer.role)) throw new RouteError(403, 'forbidden', `This needs the role ${roles.join(' or ')}; you are ${viewer.role}.`);
  return viewer;
}

/** The client's address: the socket's, or the first X-Forwarded-For hop when the proxy is trusted. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim()) return forwarded.split(',')[0]!.trim();
  return req.socket.remoteAddress ?? 'unknown';
}

async function login(rt: AuthRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const given = str(body, 'login', 200);
  const password = str(body, 'password', MAX_PASSWORD_LENGTH * 4);
  let name: string;
  try {
    name = canonicalLogin(given);
  } catch {
    name = given.trim().toLowerCase().slice(0, 64);
  }
  const accountKey = `account:${name}`;
  const ipKey = `ip:${clientAddress(req, rt.options.trustProxy)}`;
  const wait = await retryAfterSeconds(rt.pool, [accountKey, ipKey]);
  if (wait > 0) throw new RouteError(429, 'throttled', `Too many failed sign-ins: try again in ${wait} s.`, { 'retry-after': String(wait) });
  // Any membership lets an account sign in; what it may do is decided per project, per request.
  const record = await loginRecord(rt.pool, name);
  let ok = false;
  if (record && record.active) {
    const check = await rt.hasher.verify(password, record.passwordHash);
    ok = check.ok;
    if (check.needsRehash) await upgradeHash(rt.pool, record.id, await rt.hasher.hash(password));
  } else {
    await rt.hasher.verifyDummy(password);
  }
  if (!ok || !record) {
    await recordFailure(rt.pool, accountKey, ipKey, rt.options.throttle);
    throw new RouteError(401, 'unauthenticated', 'Wrong login or password.');
  }
  await recordSuccess(rt.pool, accountKey);
  // Session fixation: whatever session the browser brought is ended; the login gets a new id.
  const previous = sessionIdFrom(req, rt.secure);
  if (previous) await deleteSession(rt.pool, previous);
  const id = await createSession(rt.pool, record.id, rt.options.lifetimes, clientAddress(req, rt.options.trustProxy), req.headers['user-agent'] ?? null);
  await logEvent(rt.pool, null, record.id, 'login', record.login);
  send(res, 200, { ok: true, value: await me(rt, req, name) }, { 'set-cookie': sessionCookie(id, rt.secure) });
}

/** Who is signed in, with their role in the request's project (not a member there: in their first project). */
async function me(rt: AuthRuntime, req: IncomingMessage, login: string): Promise<TeamMe> {
  const first = await rt.pool.query<{ project_id: string }>(`SELECT m.project_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.login = $1 ORDER BY m.project_id = $2 DESC, m.project_id LIMIT 1`, [login, rt.projectOf(req)]);
  const account = await getAccount(rt.pool, first.rows[0]?.project_id ?? rt.projectOf(req), login);
  return { login: account.login, displayName: account.displayName, role: account.role, coderId: account.role === 'viewer' ? null : account.coderId };
}

type Handler = (rt: AuthRuntime, req: IncomingMessage, res: ServerResponse, viewer: Viewer | null, url: URL) => Promise<unknown>;

const POST: Record<string, Handler> = {
  '/auth/logout': async (rt, req, res) => {
    const id = sessionIdFrom(req, rt.secure);
    if (id) await deleteSession(rt.pool, id);
    send(res, 200, { ok: true, value: null }, { 'set-cookie': clearedSessionCookie(rt.secure) });
    return undefined;
  },
  '/auth/password': async (rt, req, res, viewer) => {
    const v = need(viewer, ['owner', 'adjudicator', 'coder', 'viewer']);
    const body = await readJson(req);
    const record = await loginRecord(rt.pool, v.login);
    const check = record ? await rt.hasher.verify(str(body, 'current', MAX_PASSWORD_LENGTH * 4), record.passwordHash) : { ok: false };
    if (!check.ok) throw new RouteError(403, 'forbidden', 'The current password is wrong.');
    await setPassword(rt.pool, rt.hasher, rt.projectOf(req), v.login, str(body, 'next', MAX_PASSWORD_LENGTH * 4), v.userId);
    // Every session ended with the change; this browser gets a fresh one.
    const id = await createSession(rt.pool, v.userId, rt.options.lifetimes, clientAddress(req, rt.options.trustProxy), req.headers['user-agent'] ?? null);
    send(res, 200, { ok: true, value: null }, { 'set-cookie': sessionCookie(id, rt.secure) });
    return undefined;
  },
  '/auth/accounts': async (rt, req, _res, viewer) => {
    const v = need(viewer, ['owner']);
    const body = await readJson(req);
    const displayName = typeof body.displayName === 'string' ? body.displayName.slice(0, 200) : undefined;
    return addAccount(rt.pool, rt.hasher, rt.projectOf(req), { login: str(body, 'login', 200), password: str(body, 'password', MAX_PASSWORD_LENGTH * 4), role: str(body, 'role', 20), ...(displayName ? { displayName } : {}) }, v.userId);
  },
  '/auth/accounts/role': async (rt, req, _res, viewer) => {
    const v = need(viewer, ['owner']);
    const body = await readJson(req);
    return setRole(rt.pool, rt.projectOf(req), str(body, 'login', 200), str(body, 'role', 20), v.userId);
  },
  '/auth/accounts/disable': async (rt, req, _res, viewer) => {
    const v = need(viewer, ['owner']);
    const body = await readJson(req);
    return setDisabled(rt.pool, rt.projectOf(req), str(body, 'login', 200), body.disabled !== false, v.userId);
  },
  '/auth/accounts/password': async (rt, req, _res, viewer) => {
    const v = need(viewer, ['owner']);
    const body = await readJson(req);
    return setPassword(rt.pool, rt.hasher, rt.projectOf(req), str(body, 'login', 200), str(body, 'password', MAX_PASSWORD_LENGTH * 4), v.userId);
  },
  '/auth/comparison': async (rt, req, _res, viewer) => {
    const v = need(viewer, ['owner', 'adjudicator']);
    const body = await readJson(req);
    const documentIds = ids(body, 'documentIds');
    const caseIds = ids(body, 'caseIds');
    const project = rt.projectOf(req);
    const state = await openComparison(rt.pool, project, { ...(documentIds ? { documentIds } : {}), ...(caseIds ? { caseIds } : {}), all: body.all === true }, v.userId);
    rt.comparisons.set(project, state);
    rt.onComparisonOpened?.(state, project);
    return rt.comparisonView(project);
  },
};

const GET: Record<string, Handler> = {
  '/auth/me': async (rt, req, _res, viewer) => {
    const v = need(viewer, ['owner', 'adjudicator', 'coder', 'viewer']);
    return me(rt, req, v.login);
  },
  '/auth/accounts': async (rt, req, _res, viewer) => {
    need(viewer, ['owner']);
    return listAccounts(rt.pool, rt.projectOf(req));
  },
  '/auth/comparison': async (rt, req, _res, viewer) => {
    need(viewer, ['owner', 'adjudicator', 'coder', 'viewer']);
    return rt.comparisonView(rt.projectOf(req));
  },
  '/auth/audit': async (rt, req, _res, viewer, url) => {
    need(viewer, ['owner']);
    const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 200) || 200));
    const before = url.searchParams.get('before') ?? undefined;
    if (before !== undefined && Number.isNaN(Date.parse(before))) throw new RouteError(400, 'invalid', '"before" must be an ISO date-time.');
    return auditEntries(rt.pool, rt.projectOf(req), limit, before);
  },
};

/** Answers a request under `/auth/`; false for any other path. */
export async function handleAuthRoute(rt: AuthRuntime, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://server');
  if (!url.pathname.startsWith('/auth/')) return false;
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    const table = method === 'POST' ? POST : method === 'GET' ? GET : null;
    if (method === 'POST') {
      const problem = csrfProblem(req, rt.allowedOrigins);
      if (problem) throw new RouteError(403, 'forbidden', `Refused: ${problem}.`);
    }
    if (method === 'POST' && url.pathname === '/auth/login') {
      await login(rt, req, res);
      return true;
    }
    const handler = table && Object.hasOwn(table, url.pathname) ? table[url.pathname] : undefined;
    if (!handler) throw new RouteError(404, 'not-found', `No route ${method} ${url.pathname}.`);
    const viewer = await rt.authenticate(req, rt.projectOf(req));
    const value = await handler(rt, req, res, viewer, url);
    if (!res.headersSent) send(res, 200, { ok: true, value });
  } catch (e) {
    if (res.headersSent) return true;
    if (e instanceof RouteError) send(res, e.status, { ok: false, error: { code: e.code, message: e.message } }, e.headers);
    else if (e instanceof AccountError) send(res, e.status, { ok: false, error: { code: e.status === 404 ? 'not-found' : e.status === 409 ? 'conflict' : 'invalid', message: e.message } });
    else {
      rt.log(`auth route ${req.url}: ${(e as Error).stack ?? String(e)}`);
      send(res, 500, { ok: false, error: { code: 'invalid', message: 'Internal error.' } });
    }
  }
  return true;
}
