/**
 * The SQL of one team project: reading it into {@link ProjectData}, reading the change log, and
 * writing one change set's rows. Every function takes the client of the caller's transaction.
 */
import type pg from 'pg';
import type { ProjectData, ProjectMeta, SourceContent } from '../../core/model/types.js';
import { COLLECTION_KEYS, keyOf, touchedCollections, type ChangeSet, type CollectionKey } from '../../core/ops/change-set.js';

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

/** The first change after `base` by someone other than `author` that touched one of `keys`. */
export async function conflictingChange(c: pg.ClientBase, projectId: string, base: number, author: string | null, keys: string[]): Promise<{ rev: number; author: string | null; key: string } | null> {
  if (keys.length === 0) return null;
  const r = await c.query<{ rev: string; author: string | null; key: string }>(
    `SELECT rev, author, (SELECT k FROM unnest(keys) k WHERE k = ANY($4::text[]) LIMIT 1) AS key
       FROM change_sets WHERE project_id = $1 AND rev > $2 AND author IS DISTINCT FROM $3 AND keys && $4::text[]
       ORDER BY rev LIMIT 1`,
    [projectId, base, author, keys],
  );
  const row = r.rows[0];
  return row ? { rev: Number(row.rev), author: row.author, key: row.key } : null;
}

/** Rows written per INSERT (keeps parameter arrays small for large pushes). */
const CHUNK = 2000;

/**
 * Write the rows of change set `cs` at revision `rev`: removals become tombstones, then upserts
 * replace items in place or append them (the order semantics of `applyChangeSet`).
 */
export async function writeChangeRows(c: pg.ClientBase, projectId: string, rev: number, cs: ChangeSet): Promise<void> {
  for (const k of touchedCollections(cs)) {
    const removed = cs.remove[k] ?? [];
    if (removed.length > 0) await c.query('UPDATE items SET data = NULL, rev = $3 WHERE project_id = $1 AND collection = $2 AND key = ANY($4::text[])', [projectId, k, rev, removed]);
    const upserts = (cs.upsert[k] ?? []) as unknown[];
    for (let i = 0; i < upserts.length; i += CHUNK) {
      const part = upserts.slice(i, i + CHUNK);
      // ord = rev·2^32 + position: later revisions append after earlier ones, in array order.
      const ords = part.map((_, j) => (BigInt(rev) * 4294967296n + BigInt(i + j)).toString());
      await c.query(
        `INSERT INTO items (project_id, collection, key, coder_id, ord, data, rev)
           SELECT $1, $2, t.key, t.coder, t.ord, t.data::jsonb, $3
             FROM unnest($4::text[], $5::text[], $6::bigint[], $7::text[]) AS t(key, coder, ord, data)
         ON CONFLICT (project_id, collection, key) DO UPDATE
           SET data = excluded.data, rev = excluded.rev, coder_id = excluded.coder_id,
               ord = CASE WHEN items.data IS NULL THEN excluded.ord ELSE items.ord END`,
        [projectId, k, rev, part.map((x) => keyOf(k, x)), part.map(coderOf), ords, part.map((x) => JSON.stringify(x))],
      );
    }
  }
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
