/**
 * A project kept in PostgreSQL, behind the same interface as the folder store, so the service's
 * sessions and operation handlers run unchanged on the team server. Each instance is one user's
 * view: an in-memory copy of the project that catches up from the change log. A commit is one
 * transaction: lock the project row, claim the request's idempotency key, refuse a change to an
 * item someone else changed since the caller's base revision, catch up, validate, write the rows,
 * append the change set at the next revision, NOTIFY `{project, rev}`, COMMIT.
 */
import type pg from 'pg';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectData, SourceContent } from '../../core/model/types.js';
import type { ChangeSet } from '../../core/ops/change-set.js';
import { IndexedProject } from '../../core/ops/indexed-project.js';
import { validateChange } from '../../core/ops/validate-change.js';
import type { CommitRequest, ProjectStore } from '../store/project-store.js';
import { checkout, inTransaction, isConnectionError } from './db.js';
import { changesSince, CHANGES_CHANNEL, conflictingChange, readProject, readSourceRow, sourceIds, touchedKeys, writeChangeRows, writeSourceRow } from './project-rows.js';

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

/** A refusal decided inside the transaction: roll back, then answer with `result`. */
class Refusal extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? '' : result.error.message);
  }
}

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
  #cache = new Map<string, SourceContent>();

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
    const rows = await changesSince(this.pool, this.projectId, this.#revision);
    this.#catchUp(rows);
    if (rows.some((r) => (r.changes.upsert.documents?.length ?? 0) > 0)) for (const id of await sourceIds(this.pool, this.projectId)) this.#sources.add(id);
  }

  #catchUp(rows: { rev: number; changes: ChangeSet }[]): void {
    for (const r of rows) {
      if (r.rev <= this.#revision) continue;
      if (r.rev !== this.#revision + 1) throw new Error(`change log gap: revision ${this.#revision + 1} missing before ${r.rev}`);
      this.#state.apply(r.changes);
      this.#revision = r.rev;
    }
  }

  /** Commit one change set as one transaction (see the module comment). */
  async commitChanges(req: CommitRequest): Promise<Result<{ revision: number; inverse: ChangeSet }>> {
    const call = this.call ?? newCall(null, null, this.#revision, null);
    const keys = touchedKeys(req.changes);
    try {
      const done = await inTransaction(this.pool, async (c) => {
        // Catch up with what others committed before taking the project's lock: the locked part stays short.
        this.#catchUp(await changesSince(c, this.projectId, this.#revision));
        const head = await c.query<{ head_rev: string }>('SELECT head_rev FROM projects WHERE id = $1 FOR UPDATE', [this.projectId]);
        if (!head.rows[0]) throw new Refusal(err('not-found', 'This project was removed from the server'));
        const headRev = Number(head.rows[0].head_rev);
        // Claim the key (a concurrent duplicate waits for the lock, then finds it taken).
        if (call.idempotency && call.commits.length === 0) {
          const claimed = await c.query('INSERT INTO idempotency_keys (author, key, project_id, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (author, key) DO NOTHING', [
            call.author ?? '',
            call.idempotency.key,
            this.projectId,
            call.idempotency.hash,
          ]);
          if (claimed.rowCount === 0) {
            call.replay = true;
            throw new Refusal(err('conflict', 'This request was already applied (same idempotency key)'));
          }
        }
        const clash = await conflictingChange(c, this.projectId, Math.min(call.base, this.#revision), call.author, keys);
        if (clash) {
          const [collection, key] = clash.key.split('/');
          throw new Refusal(
            err('conflict', `Someone else changed this ${singular(collection ?? '')} (${key}) at revision ${clash.rev}, after you loaded it; nothing was changed. It has been refreshed: look at it and make your change again.`, {
              collection,
              key,
              rev: clash.rev,
            }),
          );
        }
        if (headRev > this.#revision) this.#catchUp(await changesSince(c, this.projectId, this.#revision));
        const valid = validateChange(this.#state, req.changes);
        if (!valid.ok) throw new Refusal(valid);
        const inverse = this.#state.inverseOf(req.changes);
        const rev = headRev + 1;
        await writeChangeRows(c, this.projectId, rev, req.changes);
        // One round trip: advance the head, append the change set, record the key's revision, notify.
        await c.query(
          `WITH head AS (UPDATE projects SET head_rev = $2, meta = meta || $3::jsonb WHERE id = $1),
                logged AS (INSERT INTO change_sets (project_id, rev, author, coder_id, client, label, changes, keys, idempotency_key) VALUES ($1, $2, $4, $5, $6, $7, $8, $9, $10)),
                keyed AS (UPDATE idempotency_keys SET rev = $2 WHERE author = $11 AND key = $10)
           SELECT pg_notify($12, $13)`,
          [
            this.projectId,
            rev,
            JSON.stringify(req.changes.project ?? {}),
            call.author,
            req.by,
            call.client,
            req.label,
            JSON.stringify(req.changes),
            keys,
            call.idempotency?.key ?? null,
            call.author ?? '',
            CHANGES_CHANNEL,
            JSON.stringify({ project: this.projectId, rev }),
          ],
        );
        return { rev, inverse };
      });
      this.#state.apply(req.changes);
      this.#revision = done.rev;
      call.commits.push(done.rev);
      // The session settles its undo history and the call's patch here, as with the folder store.
      req.onApplied?.(done.rev, done.inverse);
      return ok({ revision: done.rev, inverse: done.inverse });
    } catch (e) {
      if (e instanceof Refusal) return e.result;
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
    this.#cache.set(content.id, content);
    return ok(undefined);
  }

  async readSource(id: string): Promise<Result<SourceContent>> {
    const cached = this.#cache.get(id);
    if (cached) return ok(cached);
    try {
      const found = await readSourceRow(this.pool, this.projectId, id);
      if (!found) return err('not-found', `The text of document ${id} is not on the server`);
      this.#cache.set(id, found);
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
