/**
 * A project kept in PostgreSQL, behind the same interface as the folder store, so the service's
 * sessions and operation handlers run unchanged on the team server. Each instance is one user's
 * view: an in-memory copy of the project that catches up from the change log. A commit validates
 * the change against this copy, then makes ONE call to the database (`casecoder_commit`, its own
 * transaction): lock the project row, claim the request's idempotency key, refuse a change to an
 * item someone else changed since the caller's base revision, answer "stale" if a change set this
 * copy had not seen touched what validation read (the copy catches up and validates again), write
 * the rows, append the change set at the next revision, NOTIFY `{project, rev}`. The project's
 * lock is held only while the database works, never across a network round trip.
 */
import type pg from 'pg';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectData, SourceContent } from '../../core/model/types.js';
import type { ChangeSet } from '../../core/ops/change-set.js';
import { IndexedProject } from '../../core/ops/indexed-project.js';
import { validateChange } from '../../core/ops/validate-change.js';
import type { CommitRequest, ProjectStore } from '../store/project-store.js';
import { checkout, isConnectionError } from './db.js';
import { changeCacheFor, type ChangeCache } from './change-cache.js';
import { changeSetsAfter, commitChangeSet, prepareChange, readProject, readSourceRow, sourceIds, writeSourceRow, type LoggedChange } from './project-rows.js';

/** The `dir` the UI sees for team project `id`. */
export function teamDir(projectId: string): string {
  return `team:${projectId}`;
}

/** Who is committing and on what basis; set by the server around each call. */
export interface CallContext {
  /** The account (user id) recorded as the change's author. */
  author: string | null;
  client: string | null;
  /** Changes by others to the same items after this revision are conflicts. */
  base: number;
  idempotency: { key: string; hash: string } | null;
  /** Revisions this call committed, in order. */
  commits: number[];
  /** Set when the key was already claimed by an earlier request (the server replays its response). */
  replay: boolean;
  /** Set when the database could not be reached (the server answers 503: retry with the same key). */
  unavailable: boolean;
}

/** A fresh call context for `author` at base revision `base`. */
export function newCall(author: string | null, client: string | null, base: number, idempotency: CallContext['idempotency']): CallContext {
  return { author, client, base, idempotency, commits: [], replay: false, unavailable: false };
}

/** Times a commit is tried again after the project changed under its validation. */
const MAX_ATTEMPTS = 20;

/** A project on the team server, as one user's session sees it. */
export class PgProjectStore {
  readonly dir: string;
  readonly readOnly = false;
  readonly readOnlyReason = '';
  /** The current call (the server sets it; the CLI's push leaves the default). */
  call: CallContext | null = null;
  #state: IndexedProject;
  #revision: number;
  #sources: Set<string>;
  #texts = new Map<string, SourceContent>();
  #cache: ChangeCache;

  private constructor(
    readonly pool: pg.Pool,
    readonly projectId: string,
    data: ProjectData,
    revision: number,
    sources: string[],
  ) {
    this.dir = teamDir(projectId);
    this.#state = IndexedProject.from(data);
    this.#revision = revision;
    this.#sources = new Set(sources);
    this.#cache = changeCacheFor(pool, projectId);
  }

  /** Load project `projectId` at its head revision; null when there is no such project. */
  static async open(pool: pg.Pool, projectId: string): Promise<PgProjectStore | null> {
    const client = await checkout(pool);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const p = await readProject(client, projectId);
      const ids = p ? await sourceIds(client, projectId) : [];
      await client.query('COMMIT');
      return p ? new PgProjectStore(pool, projectId, p.data, p.rev, ids) : null;
    } finally {
      client.release();
    }
  }

  get data(): ProjectData {
    return this.#state.toData();
  }

  get state(): IndexedProject {
    return this.#state;
  }

  get revision(): number {
    return this.#revision;
  }

  /** Apply change sets committed by anyone since this copy's revision. */
  async refresh(): Promise<void> {
    let docs = this.#applyHeld();
    const rows = await changeSetsAfter(this.pool, this.projectId, this.#revision);
    docs = (await this.#catchUpTo(rows.at(-1)?.rev ?? 0, rows)) || docs;
    if (docs) await this.#loadSourceIds();
  }

  /**
   * Apply the change sets the process-wide cache holds right after this copy's revision, in
   * order; true when one of them added or changed documents.
   */
  #applyHeld(): boolean {
    let docs = false;
    for (let cs = this.#cache.get(this.#revision + 1); cs; cs = this.#cache.get(this.#revision + 1)) {
      this.#state.apply(cs);
      this.#revision++;
      docs ||= (cs.upsert.documents?.length ?? 0) > 0;
    }
    return docs;
  }

  /**
   * Catch up to revision `rev` at least, through `rows` (change sets read from the log, in order,
   * after revisions the cache may hold); reads the log itself for what the cache no longer holds.
   * True when a change set applied added or changed documents.
   */
  async #catchUpTo(rev: number, rows: LoggedChange[]): Promise<boolean> {
    this.#cache.add(rows);
    let docs = this.#applyHeld();
    if (this.#revision < rev) {
      this.#cache.add(await changeSetsAfter(this.pool, this.projectId, this.#revision, rev));
      docs = this.#applyHeld() || docs;
      if (this.#revision < rev) throw new Error(`change log gap: revision ${this.#revision + 1} missing before ${rev}`);
    }
    return docs;
  }

  async #loadSourceIds(): Promise<void> {
    for (const id of await sourceIds(this.pool, this.projectId)) this.#sources.add(id);
  }

  /**
   * Commit one change set (see the module comment). Validation, the undo step and serialisation
   * happen here, against this copy, before the database is asked; the database then does the
   * locked part in one statement, and answers "stale" when a change set this copy had not seen
   * touched what validation read: the copy catches up and tries again.
   */
  async commitChanges(req: CommitRequest): Promise<Result<{ revision: number; inverse: ChangeSet }>> {
    const call = this.call ?? newCall(null, null, this.#revision, null);
    const prepared = prepareChange(req.changes);
    try {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        if (this.#applyHeld()) await this.#loadSourceIds();
        const snapshot = this.#revision;
        const valid = validateChange(this.#state, req.changes);
        if (!valid.ok) return valid;
        const inverse = this.#state.inverseOf(req.changes);
        const out = await commitChangeSet(
          this.pool,
          {
            projectId: this.projectId,
            snapshot,
            held: this.#cache.heldAfter(snapshot),
            base: Math.min(call.base, snapshot),
            author: call.author,
            coderId: req.by,
            client: call.client,
            label: req.label,
            idempotency: call.commits.length === 0 ? call.idempotency : null,
          },
          prepared,
        );
        if (out.status === 'not-found') return err('not-found', 'This project was removed from the server');
        if (out.status === 'replay') {
          call.replay = true;
          return err('conflict', 'This request was already applied (same idempotency key)');
        }
        if (out.status === 'conflict') return conflictError(out.key, out.rev);
        if (out.status === 'far-behind') await this.refresh();
        if (out.status === 'stale' && (await this.#catchUpTo(out.behind.at(-1)?.rev ?? 0, out.behind))) await this.#loadSourceIds();
        if (out.status !== 'committed') continue;
        const docs = await this.#catchUpTo(out.rev - 1, out.behind);
        this.#cache.add([{ rev: out.rev, changes: req.changes }]);
        // Already here when a concurrent commit through this same copy read it from the log.
        if (out.rev === this.#revision + 1) {
          this.#state.apply(req.changes);
          this.#revision = out.rev;
        }
        if (docs || (req.changes.upsert.documents?.length ?? 0) > 0) await this.#loadSourceIds();
        call.commits.push(out.rev);
        // The session settles its undo history and the call's patch here, as with the folder store.
        req.onApplied?.(out.rev, inverse);
        return ok({ revision: out.rev, inverse });
      }
      call.unavailable = true;
      return err('io', 'The project changed too fast to check this change against it; retry (a retry with the same idempotency key never applies a change twice)');
    } catch (e) {
      if (isConnectionError(e)) {
        call.unavailable = true;
        return err('io', `The team database is unavailable (${(e as Error).message}); retry: a retry with the same idempotency key never applies a change twice`);
      }
      throw e;
    }
  }

  /** Store immutable document content before the document that references it is committed. */
  async writeSource(content: SourceContent): Promise<Result<void>> {
    try {
      await writeSourceRow(this.pool, this.projectId, content);
    } catch (e) {
      if (this.call && isConnectionError(e)) this.call.unavailable = true;
      return err('io', `could not store the document's text: ${(e as Error).message}`);
    }
    this.#sources.add(content.id);
    this.#texts.set(content.id, content);
    return ok(undefined);
  }

  async readSource(id: string): Promise<Result<SourceContent>> {
    const cached = this.#texts.get(id);
    if (cached) return ok(cached);
    try {
      const found = await readSourceRow(this.pool, this.projectId, id);
      if (!found) return err('not-found', `The text of document ${id} is not on the server`);
      this.#texts.set(id, found);
      return ok(found);
    } catch (e) {
      if (this.call && isConnectionError(e)) this.call.unavailable = true;
      return err('io', `could not read the document's text: ${(e as Error).message}`);
    }
  }

  hasSource(id: string): boolean {
    return this.#sources.has(id);
  }

  /** File backups do not apply: the database is backed up with pg_dump (docs/TEAM-SERVER.md). */
  backup(): Promise<Result<string>> {
    return Promise.resolve(ok('the team database (back it up with pg_dump)'));
  }

  /** Nothing to release: rows are committed per change set. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The 409 of a change to an item another author changed after the caller's base revision. */
function conflictError(clashKey: string, rev: number): Result<never> {
  const [collection, key] = clashKey.split('/');
  return err('conflict', `Someone else changed this ${singular(collection ?? '')} (${key}) at revision ${rev}, after you loaded it; nothing was changed. It has been refreshed: look at it and make your change again.`, {
    collection,
    key,
    rev,
  });
}

function singular(collection: string): string {
  const names: Record<string, string> = { codings: 'coding', ratings: 'rating', memos: 'memo', codebook: 'code', cases: 'case', documents: 'document', coders: 'coder', matrices: 'matrix', attributeDefs: 'attribute' };
  return names[collection] ?? 'item';
}

/**
 * What a {@link ProjectSession} uses of its store. The session is typed with the folder store
 * (whose `#private` fields make it nominal); {@link asSessionStore} checks at compile time that
 * the PostgreSQL store offers every member the session and the handlers call.
 */
export type SessionStoreMembers = Pick<ProjectStore, 'dir' | 'readOnly' | 'readOnlyReason' | 'data' | 'state' | 'revision' | 'commitChanges' | 'writeSource' | 'readSource' | 'hasSource' | 'backup' | 'close'>;

/** The PostgreSQL store as the session's store type (see {@link SessionStoreMembers}). */
export function asSessionStore(store: PgProjectStore): ProjectStore {
  const checked: SessionStoreMembers = store;
  return checked as unknown as ProjectStore;
}
