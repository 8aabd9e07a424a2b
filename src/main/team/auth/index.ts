/**
 * The team server's accounts, sessions, CSRF checks, login throttling and blind visibility: an
 * implementation of the {@link TeamAuth} contract over the tables of `002_auth.sql`.
 *
 * Two additions beyond the contract, both optional so the core compiles either way:
 * `mayCall(viewer, op, args, project)` also checks item-addressed writes (a coding must be the
 * caller's own) when given the current project, and `filterChangeSet(viewer, cs, before)` drops
 * removals of items the viewer never saw when given the project the change applied to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool } from 'pg';
import type { ChangeSet } from '../../../core/ops/change-set.js';
import type { ProjectData } from '../../../core/model/types.js';
import type { MayCall, TeamAuth, Viewer } from '../auth-contract.js';
import { mayCall } from './access.js';
import { capabilityOf } from './capabilities.js';
import { loadComparison } from './comparison.js';
import { sessionIdFrom } from './cookies.js';
import { csrfProblem, normaliseOrigin } from './csrf.js';
import { DEFAULT_MAX_CONCURRENT_HASHES, DEFAULT_SCRYPT, PasswordHasher, type ScryptParams } from './passwords.js';
import { handleAuthRoute } from './routes.js';
import type { AuthRuntime } from './runtime.js';
import { DEFAULT_LIFETIMES, isLiveSession, viewerOfSession, type SessionLifetimes } from './sessions.js';
import { DEFAULT_THROTTLE, type ThrottleLimits } from './throttle.js';
import { CLOSED, filterChangeSet, filterProject, type ComparisonState } from './visibility.js';

export { DEFAULT_SCRYPT, DEFAULT_LIFETIMES, DEFAULT_THROTTLE };
export type { ComparisonState };

/** How to build the auth half of a team server. */
export interface TeamAuthOptions {
  pool: Pool;
  /**
   * The project of requests that name none (`memberships`, `comparison_open` are per project;
   * a request naming `team:<id>` is checked against its role in that project).
   */
  projectId: string;
  /**
   * Origins browsers reach the server at, e.g. `http://127.0.0.1:8080`, or the public
   * `https://team.example.org` behind a TLS reverse proxy (the server cannot guess it).
   */
  allowedOrigins: string[];
  /** Cookies marked Secure with the `__Host-` prefix. Default: true when every allowed origin is https. */
  secureCookies?: boolean;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy?: boolean;
  /** scrypt cost. Leave unset in production: {@link DEFAULT_SCRYPT} is the justified value; tests lower it explicitly. */
  scrypt?: ScryptParams;
  maxConcurrentHashes?: number;
  lifetimes?: Partial<SessionLifetimes>;
  throttle?: Partial<ThrottleLimits>;
  onComparisonOpened?: (state: ComparisonState, projectId: string) => void;
  log?: (line: string) => void;
}

/** The contract plus what the server core and the tests may also use. */
export interface TeamAuthImpl extends TeamAuth {
  mayCall(viewer: Viewer, op: string, args: unknown, project?: ProjectData): MayCall;
  filterChangeSet(viewer: Viewer, cs: ChangeSet, before?: ProjectData): ChangeSet | null;
  /** The opened comparisons of a project (default: the server's), re-read from the database. */
  reloadComparison(projectId?: string): Promise<ComparisonState>;
  readonly runtime: AuthRuntime;
}

/** Paths whose requests do not count as user activity for the idle timeout (the live-event stream). */
function isPassive(req: IncomingMessage): boolean {
  return (req.method ?? 'GET') === 'GET' && String(req.headers.accept ?? '').includes('text/event-stream');
}

/** The `team:<id>` project a request names (header `x-casecoder-project` or `?project=`), or null. */
function requestProject(req: IncomingMessage): string | null {
  const header = req.headers['x-casecoder-project'];
  let named = typeof header === 'string' ? header : new URL(req.url ?? '/', 'http://server').searchParams.get('project');
  if (!named) return null;
  try {
    named = decodeURIComponent(named);
  } catch {
    return null;
  }
  return named.startsWith('team:') && named.length > 'team:'.length ? named.slice('team:'.length) : null;
}

/** Builds the auth half; reads the default project's opened comparisons. */
export async function createTeamAuth(options: TeamAuthOptions): Promise<TeamAuthImpl> {
  const allowedOrigins = options.allowedOrigins.map((o) => {
    const n = normaliseOrigin(o);
    if (!n) throw new Error(`Not an http(s) origin: ${o}`);
    return n;
  });
  if (allowedOrigins.length === 0) throw new Error('At least one allowed origin is needed (the address browsers use to reach the server).');
  const secure = options.secureCookies ?? allowedOrigins.every((o) => o.startsWith('https:'));
  const rt: AuthRuntime = {
    pool: options.pool,
    options: {
      projectId: options.projectId,
      trustProxy: options.trustProxy ?? false,
      lifetimes: { ...DEFAULT_LIFETIMES, ...options.lifetimes },
      throttle: { ...DEFAULT_THROTTLE, ...options.throttle },
    },
    hasher: new PasswordHasher(options.scrypt ?? DEFAULT_SCRYPT, options.maxConcurrentHashes ?? DEFAULT_MAX_CONCURRENT_HASHES),
    allowedOrigins,
    secure,
    comparisons: new Map([[options.projectId, await loadComparison(options.pool, options.projectId)]]),
    comparisonOf: (projectId) => rt.comparisons.get(projectId) ?? CLOSED,
    comparisonView: (projectId) => {
      const c = rt.comparisonOf(projectId);
      return { all: c.all, documentIds: [...c.documents].sort(), caseIds: [...c.cases].sort() };
    },
    projectOf: (req) => requestProject(req) ?? rt.options.projectId,
    authenticate: async (req, projectId) => {
      const id = sessionIdFrom(req, secure);
      const project = projectId ?? rt.projectOf(req);
      const viewer = id ? await viewerOfSession(rt.pool, project, id, rt.options.lifetimes, !isPassive(req)) : null;
      // The filters are synchronous: have this project's opened comparisons at hand first.
      if (viewer && !rt.comparisons.has(project)) rt.comparisons.set(project, await loadComparison(rt.pool, project));
      return viewer;
    },
    ...(options.onComparisonOpened ? { onComparisonOpened: options.onComparisonOpened } : {}),
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
  return {
    runtime: rt,
    authenticate: (req, projectId) => rt.authenticate(req, projectId),
    hasSession: async (req) => {
      const id = sessionIdFrom(req, secure);
      return id ? isLiveSession(rt.pool, id, rt.options.lifetimes) : false;
    },
    checkCsrf: (req) => csrfProblem(req, allowedOrigins) === null,
    filterChangeSet: (viewer, cs, before) => filterChangeSet(viewer, open(viewer), cs, before),
    filterProject: (viewer, p) => filterProject(viewer, open(viewer), p),
    mayCall: (viewer, op, args, project) => mayCall(viewer, open(viewer), op, args, project),
    // matrix.list may add the default matrices (a shared write); it returns no coder's work.
    isRead: (op) => capabilityOf(op) === 'read' && op !== 'matrix.list',
    handleAuthRoute: (req: IncomingMessage, res: ServerResponse) => handleAuthRoute(rt, req, res),
    onComparisonOpened: (listener) => {
      const earlier = rt.onComparisonOpened;
      rt.onComparisonOpened = (state, projectId) => {
        earlier?.(state, projectId);
        listener(projectId);
      };
    },
    reloadComparison: async (projectId = rt.options.projectId) => {
      const state = await loadComparison(rt.pool, projectId);
      rt.comparisons.set(projectId, state);
      return state;
    },
  };
  /** The opened comparisons of the project a viewer acts in. */
  function open(viewer: Viewer): ComparisonState {
    return rt.comparisonOf(viewer.projectId ?? rt.options.projectId);
  }
}
