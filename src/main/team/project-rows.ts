/**
 * The SQL of one team project: reading it into {@link ProjectData}, reading the change log, and
 * committing one change set (`casecoder_commit`, migrations/003_commit.sql). Functions take a pool
 * or the client of the caller's transaction.
 */
import type pg from 'pg';
import type { ProjectData, ProjectMeta, SourceContent } from '../../core/model/types.js';
import { COLLECTION_KEYS, keyOf, ORDER_FREE, touchedCollections, type ChangeSet, type CollectionKey } from '../../core/ops/change-set.js';

/** Notification channel of committed change sets; the payload is `{"project":…,"rev":…}` only. */
export const CHANGES_CHANNEL = 'casecoder_changes';

/** One row of the change log. */
export interface ChangeRow {
  rev: number;
  author: string | null;
  coderId: string | null;
  client: string | null;
  label: string;
  changes: ChangeSet;
  createdAt: string;
}

/** `collection/key` of every item `cs` touches (the conflict check compares these). */
export function touchedKeys(cs: ChangeSet): string[] {
  const out: string[] = [];
  for (const k of touchedCollections(cs)) {
    for (const item of (cs.upsert[k] ?? []) as unknown[]) out.push(`${k}/${keyOf(k, item)}`);
    for (const key of cs.remove[k] ?? []) out.push(`${k}/${key}`);
  }
  return out;
}

/** The coder layer an item belongs to (codings, ratings, memos carry `coderId`), or null. */
function coderOf(item: unknown): string | null {
  const c = (item as { coderId?: unknown }).coderId;
  return typeof c === 'string' ? c : null;
}

/** Read a whole project at its head revision (call inside a REPEATABLE READ transaction). */
export async function readProject(c: pg.ClientBase, projectId: string): Promise<{ data: ProjectData; rev: number } | null> {
  const p = await c.query<{ format: 'casecoder'; schema_version: number; meta: ProjectMeta; head_rev: string }>('SELECT format, schema_version, meta, head_rev FROM projects WHERE id = $1', [projectId]);
  const row = p.rows[0];
  if (!row) return null;
  const data = { format: row.format, schemaVersion: row.schema_version, project: row.meta } as ProjectData;
  for (const k of COLLECTION_KEYS) (data as unknown as Record<CollectionKey, unknown[]>)[k] = [];
  const items = await c.query<{ collection: CollectionKey; data: unknown }>('SELECT collection, data FROM items WHERE project_id = $1 AND data IS NOT NULL ORDER BY ord', [projectId]);
  for (const r of items.rows) (data as unknown as Record<CollectionKey, unknown[]>)[r.collection]?.push(r.data);
  return { data, rev: Number(row.head_rev) };
}

/** Change sets after `rev`, in revision order (at most `limit`). */
export async function changesSince(c: pg.ClientBase | pg.Pool, projectId: string, rev: number, limit = 10_000): Promise<ChangeRow[]> {
  const r = await c.query<{ rev: string; author: string | null; coder_id: string | null; client: string | null; label: string; changes: ChangeSet; created_at: Date }>(
    'SELECT rev, author, coder_id, client, label, changes, created_at FROM change_sets WHERE project_id = $1 AND rev > $2 ORDER BY rev LIMIT $3',
    [projectId, rev, limit],
  );
  return r.rows.map((x) => ({ rev: Number(x.rev), author: x.author, coderId: x.coder_id, client: x.client, label: x.label, changes: x.changes, createdAt: x.created_at.toISOString() }));
}

/** Change sets after `after` (up to `upto`), in revision order: what a copy needs to catch up. */
export async function changeSetsAfter(c: pg.ClientBase | pg.Pool, projectId: string, after: number, upto = Number.MAX_SAFE_INTEGER): Promise<LoggedChange[]> {
  const r = await c.query<{ rev: string; changes: ChangeSet }>('SELECT rev, changes FROM change_sets WHERE project_id = $1 AND rev > $2 AND rev <= $3 ORDER BY rev', [projectId, after, upto]);
  return r.rows.map((x) => ({ rev: Number(x.rev), changes: x.changes }));
}

/**
 * Collections whose every change may alter what `validateChange` and `inverseOf` conclude about
 * `cs` beyond the items `cs` itself touches: the documents, codes and coders a coding may refer
 * to (and a code's ancestors), and, for a removal from an ordered collection, that collection's
 * order (the undo step restores positions). A change set by anyone to one of these after the
 * caller's copy makes the database answer "stale" (see migrations/003_commit.sql).
 */
export function collectionsReadBy(cs: ChangeSet): CollectionKey[] {
  const out = new Set<CollectionKey>(['documents', 'codebook', 'coders']);
  for (const k of touchedCollections(cs)) if (!ORDER_FREE.has(k) && (cs.remove[k]?.length ?? 0) > 0) out.add(k);
  return [...out];
}

/** A change set serialised into the parameters of `casecoder_commit` (done once, before any lock). */
export interface PreparedChange {
  changes: string;
  meta: string;
  keys: string[];
  readCollections: CollectionKey[];
  removedCollections: string[];
  removedKeys: string[];
  collections: string[];
  itemKeys: string[];
  itemCoders: (string | null)[];
  positions: number[];
  data: string[];
}

/** Serialise `cs` for {@link commitChangeSet}: item keys, coder layers, positions and JSON. */
export function prepareChange(cs: ChangeSet): PreparedChange {
  const p: PreparedChange = {
    changes: JSON.stringify(cs),
    meta: JSON.stringify(cs.project ?? {}),
    keys: touchedKeys(cs),
    readCollections: collectionsReadBy(cs),
    removedCollections: [],
    removedKeys: [],
    collections: [],
    itemKeys: [],
    itemCoders: [],
    positions: [],
    data: [],
  };
  for (const k of touchedCollections(cs)) {
    for (const key of cs.remove[k] ?? []) {
      p.removedCollections.push(k);
      p.removedKeys.push(key);
    }
    ((cs.upsert[k] ?? []) as unknown[]).forEach((item, i) => {
      p.collections.push(k);
      p.itemKeys.push(keyOf(k, item));
      p.itemCoders.push(coderOf(item));
      p.positions.push(i);
      p.data.push(JSON.stringify(item));
    });
  }
  return p;
}

/** Who commits a prepared change, on what basis (see `casecoder_commit`'s parameters). */
export interface CommitBasis {
  projectId: string;
  /** The revision of the copy the change was validated against. */
  snapshot: number;
  /** The copy can find every change set up to this revision (≥ snapshot) without the database. */
  held: number;
  /** Changes by other authors to the same items after this revision are conflicts. */
  base: number;
  author: string | null;
  coderId: string | null;
  client: string | null;
  label: string;
  /** The key to claim, or null. */
  idempotency: { key: string; hash: string } | null;
}

/** A change set of the log as `casecoder_commit` sends it back. */
export interface LoggedChange {
  rev: number;
  changes: ChangeSet;
}

/** What the database answered a commit (see migrations/003_commit.sql). */
export type CommitOutcome =
  { status: 'committed'; rev: number; behind: LoggedChange[] } | { status: 'stale'; behind: LoggedChange[] } | { status: 'far-behind' } | { status: 'conflict'; rev: number; key: string } | { status: 'replay' } | { status: 'not-found' };

/**
 * Commit a prepared change in ONE statement (`casecoder_commit`, its own transaction): the project
 * row is locked only while the database runs it, never across a round trip to this process.
 */
export async function commitChangeSet(c: pg.ClientBase | pg.Pool, basis: CommitBasis, p: PreparedChange): Promise<CommitOutcome> {
  const r = await c.query<{ out: CommitOutcome }>('SELECT casecoder_commit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) AS out', [
    basis.projectId,
    basis.snapshot,
    basis.held,
    basis.base,
    basis.author,
    basis.coderId,
    basis.client,
    basis.label,
    p.changes,
    p.meta,
    p.keys,
    p.readCollections,
    basis.idempotency?.key ?? null,
    basis.idempotency?.hash ?? null,
    p.removedCollections,
    p.removedKeys,
    p.collections,
    p.itemKeys,
    p.itemCoders,
    p.positions,
    p.data,
    CHANGES_CHANNEL,
  ]);
  return (r.rows[0] as { out: CommitOutcome }).out;
}

/** Store immutable document content (identical content twice is a no-op). */
export async function writeSourceRow(c: pg.ClientBase | pg.Pool, projectId: string, content: SourceContent): Promise<void> {
  await c.query('INSERT INTO sources (project_id, id, content) VALUES ($1, $2, $3) ON CONFLICT (project_id, id) DO NOTHING', [projectId, content.id, JSON.stringify(content)]);
}

/** Document content by id, or null. */
export async function readSourceRow(c: pg.ClientBase | pg.Pool, projectId: string, id: string): Promise<SourceContent | null> {
  const r = await c.query<{ content: SourceContent }>('SELECT content FROM sources WHERE project_id = $1 AND id = $2', [projectId, id]);
  return r.rows[0]?.content ?? null;
}

/** Ids of every stored source of a project. */
export async function sourceIds(c: pg.ClientBase | pg.Pool, projectId: string): Promise<string[]> {
  return (await c.query<{ id: string }>('SELECT id FROM sources WHERE project_id = $1', [projectId])).rows.map((r) => r.id);
}

/** Projects on the server: id, name and head revision. */
export async function listProjects(c: pg.Pool): Promise<{ id: string; name: string; rev: number }[]> {
  const r = await c.query<{ id: string; name: string; head_rev: string }>("SELECT id, meta->>'name' AS name, head_rev FROM projects ORDER BY created_at, id");
  return r.rows.map((x) => ({ id: x.id, name: x.name, rev: Number(x.head_rev) }));
}

/** Create an empty project row (head revision 0) for `meta`; false when the id exists. */
export async function insertProject(c: pg.ClientBase | pg.Pool, data: Pick<ProjectData, 'format' | 'schemaVersion' | 'project'>): Promise<boolean> {
  const r = await c.query('INSERT INTO projects (id, format, schema_version, meta) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [data.project.id, data.format, data.schemaVersion, JSON.stringify(data.project)]);
  return r.rowCount === 1;
}

/**
 * The items that change set `row` removes, as they were just before it (each one's last upsert in
 * the log), gathered in a partial project: enough for `filterChangeSet` to tell whose they were.
 * Null when the change set removes nothing.
 */
export async function removedItemsBefore(c: pg.ClientBase | pg.Pool, projectId: string, row: ChangeRow): Promise<ProjectData | null> {
  const wanted = new Set(Object.entries(row.changes.remove).flatMap(([k, keys]) => (keys ?? []).map((key) => `${k}/${key}`)));
  if (wanted.size === 0) return null;
  const before: Record<string, unknown[]> = {};
  for (const k of Object.keys(row.changes.remove)) before[k] = [];
  const r = await c.query<{ changes: ChangeSet }>('SELECT changes FROM change_sets WHERE project_id = $1 AND rev < $2 AND keys && $3::text[] ORDER BY rev DESC', [projectId, row.rev, [...wanted]]);
  for (const { changes } of r.rows) {
    for (const [k, items] of Object.entries(changes.upsert) as [CollectionKey, unknown[]][]) {
      for (const item of items ?? []) {
        const id = `${k}/${keyOf(k, item)}`;
        if (!wanted.delete(id)) continue;
        before[k]?.push(item);
      }
    }
    if (wanted.size === 0) break;
  }
  return before as unknown as ProjectData;
}
