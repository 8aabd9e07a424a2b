/**
 * One service per (project, user): the same handlers and per-coder sessions as the desktop, over
 * that user's copy of the project in PostgreSQL. A user's calls run one at a time (in arrival
 * order); calls of different users run concurrently and meet only in the database, where the
 * project's row lock orders their commits.
 */
import type pg from 'pg';
import { createService, type Service } from '../service/service.js';
import { desktopPolicy } from '../service/path-policy.js';
import { ProjectSession } from '../service/session.js';
import type { Viewer } from './auth-contract.js';
import { FilteredReads } from './filtered-reads.js';
import { asSessionStore, newCall, PgProjectStore } from './pg-store.js';

/**
 * Operations that write to the caller's own coder layer (a coding, a memo, a rating). An owner's
 * or adjudicator's account becomes a coder of the project — listed among the coders Compare
 * offers — only when it first calls one of these.
 */
export const OWN_LAYER_WRITES: ReadonlySet<string> = new Set(['coding.add', 'coding.update', 'coding.inVivo', 'memo.set', 'rating.set', 'autocode.sections']);

/** Add `viewer`'s coder to the project unless it is there (the account's login names it). */
async function addCoder(store: PgProjectStore, viewer: Viewer): Promise<void> {
  if (!viewer.coderId || store.state.get('coders', viewer.coderId)) return;
  const taken = store.data.coders.some((c) => c.name === viewer.login);
  const call = store.call;
  // Its own change set, without the request's idempotency key (a retry finds the coder there).
  store.call = newCall(viewer.userId, null, store.revision, null);
  try {
    const added = await store.commitChanges({
      by: viewer.coderId,
      label: `Add coder ${viewer.login}`,
      changes: { upsert: { coders: [{ id: viewer.coderId, name: taken ? `${viewer.login} (${viewer.coderId})` : viewer.login }] }, remove: {} },
    });
    if (!added.ok) throw new Error(`Could not add ${viewer.login}'s coder to the project: ${added.error.message}`);
  } finally {
    store.call = call;
  }
}

/** A user's working state on one project. */
export interface UserSession {
  readonly viewer: Viewer;
  readonly store: PgProjectStore;
  readonly service: Service;
  readonly session: ProjectSession;
  /** Reads over what this user may see (used when something is hidden from them). */
  readonly reads: FilteredReads;
  /** Before `op` runs: add this account's coder to the project if `op` writes to its own layer. */
  ensureCoder(op: string): Promise<void>;
  /** Run `work` after this user's earlier calls on this project have finished. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** The open user sessions of a server process. */
export class UserSessions {
  #open = new Map<string, Promise<UserSession | null>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly appVersion: string,
  ) {}

  /** The session of `viewer` on `projectId` (opened on first use), or null when there is no such project. */
  get(projectId: string, viewer: Viewer): Promise<UserSession | null> {
    const key = `${projectId}\u0000${viewer.userId}`;
    let s = this.#open.get(key);
    if (s) {
      // A role or coder change (i16b re-authenticates each request) takes effect at once.
      return s.then((u) => {
        if (u && (u.viewer.role !== viewer.role || u.viewer.coderId !== viewer.coderId)) {
          this.#open.delete(key);
          return this.get(projectId, viewer);
        }
        return u;
      });
    }
    s = this.#openSession(projectId, viewer).catch((e: unknown) => {
      this.#open.delete(key);
      throw e;
    });
    this.#open.set(key, s);
    return s.then((u) => {
      if (!u) this.#open.delete(key);
      return u;
    });
  }

  /** Sessions open on `projectId` (the live hub reads their undo state). */
  async onProject(projectId: string): Promise<UserSession[]> {
    const all = await Promise.all([...this.#open.entries()].filter(([k]) => k.startsWith(`${projectId}\u0000`)).map(([, v]) => v.catch(() => null)));
    return all.filter((u): u is UserSession => u !== null);
  }

  async #openSession(projectId: string, viewer: Viewer): Promise<UserSession | null> {
    const store = await PgProjectStore.open(this.pool, projectId);
    if (!store) return null;
    // No path on the server's disk is ever named by a client: nothing granted, nothing browsable.
    const service = createService({ appVersion: this.appVersion, transport: 'team', paths: desktopPolicy() });
    // A coder account's coder joins the project on first use; an owner's or adjudicator's only
    // when they first write to their own layer (deciding is not coding: see `ensureCoder`).
    if (viewer.role === 'coder') await addCoder(store, viewer);
    const session = new ProjectSession(asSessionStore(store), []);
    session.coderId = viewer.coderId;
    service.context.session = session;
    let queue: Promise<unknown> = Promise.resolve();
    return {
      viewer,
      store,
      service,
      session,
      reads: new FilteredReads(store, viewer.coderId, this.appVersion),
      ensureCoder: (op) => (OWN_LAYER_WRITES.has(op) ? addCoder(store, viewer) : Promise.resolve()),
      run<T>(work: () => Promise<T>): Promise<T> {
        const p = queue.then(work);
        queue = p.catch(() => undefined);
        return p;
      },
    };
  }
}
