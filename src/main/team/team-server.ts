/**
 * `casecoder serve`: the team server. The same API contract and the same UI as browser mode,
 * for many users at once, stored in PostgreSQL. Every request goes through the auth half
 * (`auth-contract.ts`): authenticate → 401, CSRF on writes → 403, `mayCall` → 403; every result
 * that carries project data goes through the viewer's visibility filter. Operations run in the
 * user's own session (`user-sessions.ts`); live updates are `event-streams.ts`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { err, type Result } from '../../core/model/result.js';
import type { ChangeSet } from '../../core/ops/change-set.js';
import type { ProjectData } from '../../core/model/types.js';
import { isOpName, type OpName, type ProjectView } from '../../shared/api.js';
import { checkArgs, pathArguments } from '../../shared/api-schemas.js';
import { patchOf } from '../service/service.js';
import { readBody, serveStatic } from '../web/http.js';
import { originOf } from '../web/server.js';
import type { TeamAuth, Viewer } from './auth-contract.js';
import { isConnectionError } from './db.js';
import { EventStreams } from './event-streams.js';
import { lookupKey, MAX_KEY_CHARS, requestHash, storeResponse } from './idempotency.js';
import { ChangeListener } from './live.js';
import { newCall, teamDir } from './pg-store.js';
import { listProjects } from './project-rows.js';
import { UserSessions, type UserSession } from './user-sessions.js';

/** Options of {@link startTeamServer}. */
export interface TeamServerOptions {
  pool: pg.Pool;
  /** The connection string (the LISTEN connection opens its own). */
  dbUrl: string;
  auth: TeamAuth;
  staticDir: string | null;
  appVersion: string;
  host?: string;
  port?: number;
}

/** A running team server. */
export interface TeamServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Operations the team server refuses whoever asks: they switch projects or name server paths. */
const SERVER_ONLY: ReadonlySet<string> = new Set(['project.create', 'project.openDemo', 'project.close', 'project.choose', 'coder.use']);

/** HTTP status for a result: the body is the Result either way. */
function statusOf(r: Result<unknown>, unavailable: boolean): number {
  if (unavailable) return 503;
  if (r.ok) return 200;
  const byCode: Record<string, number> = { conflict: 409, 'not-found': 404, usage: 400, invalid: 400, 'too-large': 413, 'read-only': 403, unsupported: 400 };
  return byCode[r.error.code] ?? 500;
}

/** Start the team server; resolves once it listens. */
export async function startTeamServer(opts: TeamServerOptions): Promise<TeamServer> {
  const { pool, auth } = opts;
  const sessions = new UserSessions(pool, opts.appVersion);
  const streams = new EventStreams(pool, auth, sessions);
  // Comparison opened: blind viewers reload their view, which now holds what was opened.
  auth.onComparisonOpened?.((projectId) => streams.reloadAll(projectId));
  const listener = new ChangeListener(opts.dbUrl, (project) => streams.changed(project));
  await listener.start();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && isConnectionError(e)) sendJson(res, 503, err('io', 'The team database is unavailable; retry (with the same idempotency key)'));
      else if (!res.headersSent) sendJson(res, 500, err('io', `Internal error: ${(e as Error).message}`));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (await auth.handleAuthRoute(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://server');
    if (url.pathname.startsWith('/api/')) return api(req, res, url);
    await serveStatic(req, res, url.pathname, opts.staticDir);
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let viewer = await auth.authenticate(req);
    if (!viewer && (await auth.hasSession?.(req))) return sendJson(res, 404, err('not-found', 'No such project on this server (or you are no member of it)'));
    if (!viewer) return sendJson(res, 401, err('usage', 'Sign in first: this request has no valid session'));
    const op = url.pathname.slice('/api/'.length);
    if (op === 'events' && req.method === 'GET') return events(req, res, url, viewer);
    if (req.method !== 'POST') return sendJson(res, 405, err('usage', 'Use POST'));
    if (!auth.checkCsrf(req)) return sendJson(res, 403, err('usage', 'Refused: this request did not come from the Casecoder page (CSRF check)'));
    if (!isOpName(op)) return sendJson(res, 404, err('not-found', `Unknown operation ${op}`));
    const body = await readBody(req);
    if (body === null) return sendJson(res, 413, err('too-large', 'Request too large'));
    let args: unknown;
    try {
      args = body.length ? JSON.parse(body) : {};
    } catch {
      return sendJson(res, 400, err('usage', 'The request body is not JSON'));
    }
    if (op === 'project.recent') return sendJson(res, 200, { ok: true, value: await recent() });
    if (SERVER_ONLY.has(op)) return sendJson(res, 400, err('unsupported', `${op} is not available on the team server: projects are added with casecoder push, and your coder is your account`));
    const checked = checkArgs(op, args);
    if (!checked.ok) return sendJson(res, 400, checked);
    if (op !== 'project.open' && pathArguments(op, checked.value).length > 0) return sendJson(res, 400, err('unsupported', `${op} names a file on the server; on the team server files are uploaded and downloaded`));
    const projectId = await projectOf(req, op, checked.value);
    if (!projectId) {
      if (op === 'project.current') return sendJson(res, 200, { ok: true, value: null });
      return sendJson(res, 404, err('not-found', 'No such project on this server'));
    }
    // Roles are per project: the role that counts is the one in the project this call is about.
    const member = await viewerIn(req, viewer, projectId);
    if (!member) return sendJson(res, 404, err('not-found', 'No such project on this server (or you are no member of it)'));
    viewer = member;
    const user = await sessions.get(projectId, viewer);
    if (!user) return sendJson(res, 404, err('not-found', 'No such project on this server'));
    if (op === 'project.current' || op === 'project.open') {
      const allowed = auth.mayCall(viewer, op, checked.value, user.store.data);
      if (!allowed.ok) return sendJson(res, allowed.status, err('usage', allowed.message));
      const view = await user.run(async () => {
        await user.store.refresh();
        return user.session.view();
      });
      return sendJson(res, 200, { ok: true, value: filteredView(viewer, view) });
    }
    return mutateOrRead(req, res, op, body, checked.value, viewer, user);
  }

  async function mutateOrRead(req: IncomingMessage, res: ServerResponse, op: OpName, body: string, args: unknown, viewer: Viewer, user: UserSession): Promise<void> {
    const keyHeader = req.headers['idempotency-key'];
    const key = typeof keyHeader === 'string' && keyHeader.length > 0 && keyHeader.length <= MAX_KEY_CHARS ? keyHeader : null;
    const hash = requestHash(user.store.projectId, op, body);
    if (key) {
      const stored = await lookupKey(pool, viewer.userId, key, hash).catch(() => null);
      if (stored === null) return sendJson(res, 503, err('io', 'The team database is unavailable; retry with the same idempotency key'));
      if (stored.kind === 'mismatch') return sendJson(res, 422, err('usage', 'This idempotency key was used for a different request; use a new key for a new request'));
      if (stored.kind === 'response') return sendJson(res, stored.status, stored.body, true);
      if (stored.kind === 'applied') return sendJson(res, 200, await appliedReplay(user.store.projectId, stored.rev), true);
    }
    const baseHeader = Number(req.headers['x-casecoder-base']);
    const origin = originOf(req);
    const out = await user.run(async () => {
      try {
        await user.store.refresh();
      } catch {
        return { status: 503, body: err('io', 'The team database is unavailable; retry with the same idempotency key') as Result<unknown>, commits: [] as number[] };
      }
      // Checked against the project as it is now (the rules look at who owns the items named).
      const allowed = auth.mayCall(viewer, op, args, user.store.data);
      if (!allowed.ok) return { status: allowed.status, body: err('usage', allowed.message) as Result<unknown>, commits: [] as number[] };
      const visible = auth.filterProject(viewer, user.store.data);
      const hidden = visible !== user.store.data;
      if (hidden && auth.isRead?.(op)) {
        // A read of a viewer from whom something is hidden runs over their view of the project.
        const r = await user.reads.serviceOver(visible).call(op, args, { ...origin, project: teamDir(user.store.projectId) });
        if (r.ok) rebasePatch(r.value, null, auth, viewer);
        return { status: statusOf(r, false), body: r, commits: [] as number[] };
      }
      await user.ensureCoder(op);
      const before = hidden ? user.store.data : undefined;
      const base = Number.isInteger(baseHeader) && baseHeader >= 0 ? Math.min(baseHeader, user.store.revision) : user.store.revision;
      const call = newCall(viewer.userId, origin.client ?? null, base, key ? { key, hash } : null);
      user.store.call = call;
      let r: Result<unknown>;
      try {
        r = await user.service.call(op, args, { ...origin, project: teamDir(user.store.projectId) });
      } finally {
        user.store.call = null;
      }
      if (call.replay && key) {
        const stored = await lookupKey(pool, viewer.userId, key, hash).catch(() => null);
        if (stored?.kind === 'response') return { status: stored.status, body: stored.body as Result<unknown>, commits: [] };
        return { status: 200, body: await appliedReplay(user.store.projectId, stored?.kind === 'applied' ? stored.rev : null), commits: [] };
      }
      if (r.ok && call.commits.length > 0) rebasePatch(r.value, call.commits.at(-1) as number, auth, viewer, before);
      else if (r.ok) rebasePatch(r.value, null, auth, viewer);
      if (!r.ok && r.error.code === 'conflict') await user.store.refresh().catch(() => undefined);
      return { status: statusOf(r, call.unavailable), body: r, commits: call.commits };
    });
    if (key && out.commits.length > 0) await storeResponse(pool, viewer.userId, key, out.status, out.body);
    sendJson(res, out.status, out.body);
  }

  /**
   * The answer to a retry whose first attempt committed but whose response was never stored (the
   * server stopped in between): the revision and the change set it made, filtered like an event.
   */
  async function appliedReplay(projectId: string, rev: number | null): Promise<Result<unknown>> {
    if (rev === null) return { ok: true, value: { replayed: true, revision: null } };
    const row = await pool.query<{ changes: ChangeSet }>('SELECT changes FROM change_sets WHERE project_id = $1 AND rev = $2', [projectId, rev]);
    return { ok: true, value: { replayed: true, revision: rev, changes: row.rows[0]?.changes ?? null } };
  }

  /** The project a call is about: `project.open`'s `dir`, else the page's project header, else the only project. */
  async function projectOf(req: IncomingMessage, op: OpName, args: unknown): Promise<string | null> {
    const dir = op === 'project.open' ? (args as { dir?: string }).dir : originOf(req).project;
    if (dir?.startsWith('team:')) return dir.slice('team:'.length);
    if (dir) return null;
    const all = await listProjects(pool);
    return all.length === 1 ? (all[0] as { id: string }).id : null;
  }

  async function recent(): Promise<{ dir: string; name: string; opened: string }[]> {
    return (await listProjects(pool)).map((p) => ({ dir: teamDir(p.id), name: p.name, opened: '' }));
  }

  function filteredView(viewer: Viewer, view: ProjectView): ProjectView {
    return { ...view, data: auth.filterProject(viewer, view.data) };
  }

  /**
   * `viewer` as a member of `projectId`: the same when authenticated there already, else
   * authenticated again for that project (null: the account is no member of it).
   */
  async function viewerIn(req: IncomingMessage, viewer: Viewer, projectId: string): Promise<Viewer | null> {
    return viewer.projectId === projectId ? viewer : auth.authenticate(req, projectId);
  }

  function events(req: IncomingMessage, res: ServerResponse, url: URL, first: Viewer): void {
    const dir = url.searchParams.get('project') ?? originOf(req).project ?? '';
    if (dir && !dir.startsWith('team:')) return sendJson(res, 400, err('usage', 'Name the project: /api/events?project=team:<id>'));
    const lastId = Number(req.headers['last-event-id'] ?? url.searchParams.get('since') ?? NaN);
    void (async () => {
      // A page that names no project (the UI's stream starts before it shows one) follows the only one.
      const projectId = dir ? dir.slice('team:'.length) : await projectOf(req, 'project.current', {}).catch(() => null);
      if (!projectId) return sendJson(res, 400, err('usage', 'Name the project: /api/events?project=team:<id>'));
      const head = await pool.query<{ head_rev: string }>('SELECT head_rev FROM projects WHERE id = $1', [projectId]).catch(() => null);
      if (!head) return sendJson(res, 503, err('io', 'The team database is unavailable'));
      const row = head.rows[0];
      const viewer = await viewerIn(req, first, projectId);
      if (!row || !viewer) return sendJson(res, 404, err('not-found', 'No such project on this server'));
      streams.open(res, viewer, projectId, Number.isInteger(lastId) && lastId >= 0 ? lastId : Number(row.head_rev));
    })();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = (opts.host ?? '127.0.0.1').includes(':') ? `[${opts.host}]` : (opts.host ?? '127.0.0.1');
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    async close() {
      streams.close();
      await listener.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * Give a result's patch the revisions of the change set it made (`rev`), so the client chains it
 * with the events of everyone else's change sets; filter what it carries like any event. No
 * change: an empty patch at the same revision (harmless to the client's sequencer).
 */
function rebasePatch(value: unknown, rev: number | null, auth: TeamAuth, viewer: Viewer, before?: ProjectData): void {
  const patch = patchOf(value);
  if (!patch) return;
  if (rev === null) {
    patch.base = patch.revision;
    return;
  }
  patch.revision = rev;
  patch.base = rev - 1;
  // `before`: the project the call changed, so removals of items hidden from the viewer stay hidden.
  patch.changes = auth.filterChangeSet(viewer, patch.changes, before) ?? { upsert: {}, remove: {} };
}

function sendJson(res: ServerResponse, status: number, value: unknown, replayed = false): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  res.end(JSON.stringify(value));
}
