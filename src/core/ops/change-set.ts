/**
 * Change sets: the one unit of change of a project, from a key press to the disk and to every
 * open view.
 *
 * A {@link ChangeSet} names, per collection, the items to upsert and the keys to remove, plus the
 * project-level fields that changed. The backend journals change sets, undoes by applying their
 * inverse, and sends them to the UI; a future team server can store the same objects as rows.
 *
 * Semantics (the same everywhere, including the backend's id-indexed state):
 * 1. removals first: each removed key leaves its collection, the others keep their order;
 * 2. then upserts, in array order: an item whose key exists replaces it in place, a new one is appended.
 *
 * Items are keyed by `id`, except attribute definitions, which are keyed by `name`.
 * Everything here is pure and JSON-serialisable.
 */
import type { ProjectData, ProjectMeta } from '../model/types.js';

/** Every keyed collection of {@link ProjectData}. */
export const COLLECTION_KEYS = ['coders', 'codebook', 'attributeDefs', 'cases', 'documents', 'codings', 'matrices', 'ratings', 'memos'] as const;

/** The name of a keyed collection of {@link ProjectData}. */
export type CollectionKey = (typeof COLLECTION_KEYS)[number];

/** An item of collection `K`. */
export type ItemOf<K extends CollectionKey> = ProjectData[K][number];

/** Upserts per collection: whole items, keyed by {@link keyOf}. */
export type Upserts = Partial<{ [K in CollectionKey]: ProjectData[K] }>;

/** A serialisable change to a project; see the module comment for its semantics. */
export interface ChangeSet {
  upsert: Upserts;
  remove: Partial<Record<CollectionKey, string[]>>;
  /** Project-level fields that changed (their new values). */
  project?: Partial<ProjectMeta>;
}

/**
 * Collections whose array order carries no meaning (views sort them by position or key), so an
 * inverse may re-append a removed item instead of rewriting the tail to restore its index. This is
 * what keeps the undo of a deleted coding small in a project of a million codings.
 */
export const ORDER_FREE: ReadonlySet<CollectionKey> = new Set<CollectionKey>(['codings', 'ratings']);

/** The empty change set. */
export function emptyChangeSet(): ChangeSet {
  return { upsert: {}, remove: {} };
}

/** The key of an item of collection `key`: its `name` for attribute definitions, else its `id`. */
export function keyOf(key: CollectionKey, item: unknown): string {
  return key === 'attributeDefs' ? (item as { name: string }).name : (item as { id: string }).id;
}

/** True when `cs` changes nothing. */
export function isEmptyChangeSet(cs: ChangeSet): boolean {
  if (cs.project && Object.keys(cs.project).length > 0) return false;
  for (const k of COLLECTION_KEYS) {
    if ((cs.upsert[k]?.length ?? 0) > 0 || (cs.remove[k]?.length ?? 0) > 0) return false;
  }
  return true;
}

/** Collections `cs` touches. */
export function touchedCollections(cs: ChangeSet): CollectionKey[] {
  return COLLECTION_KEYS.filter((k) => (cs.upsert[k]?.length ?? 0) > 0 || (cs.remove[k]?.length ?? 0) > 0);
}

/**
 * Apply removals and upserts to one collection. One copy of the array and one pass of key
 * comparisons against the (few) keys the change names: no per-item index is built, so a change of
 * k items costs a copy of the list plus O(k) hashing, whatever the size of the collection.
 */
function applyToList<T>(key: CollectionKey, list: readonly T[], upserts: readonly T[] | undefined, removals: readonly string[] | undefined): T[] {
  let out: T[] = list as T[];
  if (removals && removals.length > 0) {
    const gone = new Set(removals);
    // Copy the runs between removed items (array copies, not one push per item).
    const pieces: T[][] = [];
    let from = 0;
    for (let i = 0; i < list.length; i++) {
      if (!gone.has(keyOf(key, list[i]))) continue;
      pieces.push(list.slice(from, i));
      from = i + 1;
    }
    if (from > 0) {
      pieces.push(list.slice(from));
      out = pieces.length <= 1024 ? ([] as T[]).concat(...pieces) : pieces.flat();
    }
  }
  if (upserts && upserts.length > 0) {
    if (out === list) out = list.slice();
    // Last upsert of a key wins; keys not present are appended in the order of their first upsert.
    const pending = new Map<string, T>();
    for (const item of upserts) pending.set(keyOf(key, item), item);
    let left = pending.size;
    for (let i = 0; i < out.length && left > 0; i++) {
      const k = keyOf(key, out[i]);
      const item = pending.get(k);
      if (item === undefined) continue;
      out[i] = item;
      pending.delete(k);
      left--;
    }
    for (const item of pending.values()) out.push(item);
  }
  return out;
}

/**
 * Apply `cs` to `data` and return the new state. `data` is not modified; untouched collections
 * and items are shared with it (structural sharing), so the cost is that of the touched
 * collections. Returns `data` itself when `cs` is empty.
 */
export function applyChangeSet(data: ProjectData, cs: ChangeSet): ProjectData {
  const touched = touchedCollections(cs);
  const hasProject = !!cs.project && Object.keys(cs.project).length > 0;
  if (touched.length === 0 && !hasProject) return data;
  const next: ProjectData = { ...data };
  if (hasProject) next.project = { ...data.project, ...cs.project };
  for (const k of touched) {
    (next as unknown as Record<CollectionKey, unknown[]>)[k] = applyToList(k, data[k] as unknown[], cs.upsert[k] as unknown[] | undefined, cs.remove[k]);
  }
  return next;
}

/**
 * The undo step of `cs`: the change set that takes `applyChangeSet(data, cs)` back to `data`.
 * `data` is the state `cs` applies to; only the items `cs` touches are read (plus, for a removal
 * in an ordered collection, the items after it, which are re-appended to restore positions).
 * In {@link ORDER_FREE} collections a removed item comes back at the end.
 */
export function invertChangeSet(data: ProjectData, cs: ChangeSet): ChangeSet {
  const inv = emptyChangeSet();
  if (cs.project) {
    const prior: Partial<ProjectMeta> = {};
    for (const f of Object.keys(cs.project) as (keyof ProjectMeta)[]) (prior as Record<string, unknown>)[f] = data.project[f];
    inv.project = prior;
  }
  for (const k of touchedCollections(cs)) {
    const list = data[k] as readonly unknown[];
    const index = new Map<string, number>();
    list.forEach((x, i) => index.set(keyOf(k, x), i));
    const removed = new Set(cs.remove[k] ?? []);
    const upserted = (cs.upsert[k] ?? []) as unknown[];
    const removals = new Set<string>();
    const restore: unknown[] = [];
    let firstRemoved = Infinity;
    for (const id of removed) {
      const i = index.get(id);
      if (i !== undefined) firstRemoved = Math.min(firstRemoved, i);
    }
    const ordered = !ORDER_FREE.has(k) && firstRemoved !== Infinity;
    const seen = new Set<string>();
    for (const item of upserted) {
      const id = keyOf(k, item);
      if (seen.has(id)) continue;
      seen.add(id);
      const i = index.get(id);
      if (i === undefined) removals.add(id);
      else if (!ordered || i < firstRemoved) restore.push(list[i]);
    }
    if (ordered) {
      // Everything from the first removed position on comes out and goes back in its old order.
      for (let i = firstRemoved; i < list.length; i++) {
        const id = keyOf(k, list[i]);
        if (!removed.has(id) || seen.has(id)) removals.add(id);
        restore.push(list[i]);
      }
    } else {
      for (const id of removed) {
        const i = index.get(id);
        if (i !== undefined && !seen.has(id)) restore.push(list[i]);
      }
    }
    if (removals.size > 0) inv.remove[k] = [...removals];
    if (restore.length > 0) (inv.upsert as Record<string, unknown[]>)[k] = restore;
  }
  return inv;
}

function sameItem(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function diffList(key: CollectionKey, before: readonly unknown[], after: readonly unknown[]): { upsert: unknown[]; remove: string[] } {
  const prior = new Map<string, unknown>();
  for (const x of before) prior.set(keyOf(key, x), x);
  const present = new Set<string>();
  for (const x of after) present.add(keyOf(key, x));
  const remove: string[] = [];
  for (const id of prior.keys()) if (!present.has(id)) remove.push(id);
  // Kept items must stay in their relative order and new ones may only follow them; from the
  // first position where that fails, the rest is removed and appended again in order.
  const kept = before.filter((x) => present.has(keyOf(key, x)));
  let j = 0;
  let cut = after.length;
  let firstNew = -1;
  for (let x = 0; x < after.length; x++) {
    const id = keyOf(key, after[x]);
    if (!prior.has(id)) {
      if (firstNew < 0) firstNew = x;
      continue;
    }
    if (firstNew >= 0 || keyOf(key, kept[j]) !== id) {
      cut = firstNew >= 0 ? firstNew : x;
      break;
    }
    j++;
  }
  const upsert: unknown[] = [];
  for (let x = 0; x < after.length; x++) {
    const item = after[x];
    const id = keyOf(key, item);
    if (x >= cut) {
      if (prior.has(id)) remove.push(id);
      upsert.push(item);
    } else if (!prior.has(id) || !sameItem(prior.get(id), item)) upsert.push(item);
  }
  return { upsert, remove };
}

/**
 * The change set that takes `before` to `after` (the fallback for large operations computed as a
 * whole new state). Collections are compared by reference first, so unchanged ones cost nothing;
 * `applyChangeSet(before, diffProjects(before, after))` equals `after`.
 */
export function diffProjects(before: ProjectData, after: ProjectData): ChangeSet {
  const cs = emptyChangeSet();
  if (before.project !== after.project) {
    const changed: Partial<ProjectMeta> = {};
    for (const f of Object.keys(after.project) as (keyof ProjectMeta)[]) {
      if (before.project[f] !== after.project[f]) (changed as Record<string, unknown>)[f] = after.project[f];
    }
    if (Object.keys(changed).length > 0) cs.project = changed;
  }
  for (const k of COLLECTION_KEYS) {
    if (before[k] === after[k]) continue;
    const d = diffList(k, before[k] as unknown[], after[k] as unknown[]);
    if (d.upsert.length > 0) (cs.upsert as Record<string, unknown[]>)[k] = d.upsert;
    if (d.remove.length > 0) cs.remove[k] = d.remove;
  }
  return cs;
}

/**
 * One change set with the effect of applying `a` then `b` (used when one request commits several
 * steps, e.g. an exchange import followed by plain files). Items are merged by key: the later
 * wins; a key removed by `b` after `a` upserted it is removed.
 */
export function composeChangeSets(a: ChangeSet, b: ChangeSet): ChangeSet {
  const out = emptyChangeSet();
  if (a.project || b.project) out.project = { ...a.project, ...b.project };
  for (const k of COLLECTION_KEYS) {
    const removedByB = new Set(b.remove[k] ?? []);
    const upsertedByB = new Set(((b.upsert[k] ?? []) as unknown[]).map((x) => keyOf(k, x)));
    const aUps = ((a.upsert[k] ?? []) as unknown[]).filter((x) => !removedByB.has(keyOf(k, x)) && !upsertedByB.has(keyOf(k, x)));
    const ups = [...aUps, ...((b.upsert[k] ?? []) as unknown[])];
    const rem = [...new Set([...(a.remove[k] ?? []), ...(b.remove[k] ?? [])])];
    if (ups.length > 0) (out.upsert as Record<string, unknown[]>)[k] = ups;
    if (rem.length > 0) out.remove[k] = rem;
  }
  return out;
}
