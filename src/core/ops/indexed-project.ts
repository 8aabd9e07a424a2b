/**
 * {@link IndexedProject}: a project held as one insertion-ordered map per collection, so applying
 * a change set costs the size of the change, not of the project.
 *
 * A `Map` has exactly the change-set semantics (set of an existing key keeps its position, a new
 * key is appended, delete keeps the order of the rest), so `toData()` after `apply(cs)` equals
 * `applyChangeSet(before, cs)`. Items are never mutated, only replaced, so arrays handed out by
 * {@link IndexedProject.toData} stay a consistent picture of their revision (compaction serialises
 * them while coding goes on). Codings are also indexed by document, coder and code, so the duplicate
 * check of a new coding reads only the codings it could duplicate.
 */
import type { Coding, ProjectData, ProjectMeta } from '../model/types.js';
import { COLLECTION_KEYS, keyOf, ORDER_FREE, touchedCollections, type ChangeSet, type CollectionKey, type ItemOf } from './change-set.js';

type Maps = { [K in CollectionKey]: Map<string, ItemOf<K>> };

export class IndexedProject {
  #head: Pick<ProjectData, 'format' | 'schemaVersion'>;
  #project: ProjectMeta;
  #maps: Maps;
  #arrays = new Map<CollectionKey, unknown[]>();
  /** Coding ids by {@link codingKey} (document, coder, code), in the order of the codings list; null until first read. */
  #byKey: Map<string, string | string[]> | null = null;
  #data: ProjectData | null = null;

  private constructor(data: ProjectData) {
    this.#head = { format: data.format, schemaVersion: data.schemaVersion };
    this.#project = data.project;
    const maps = {} as Record<CollectionKey, Map<string, unknown>>;
    for (const k of COLLECTION_KEYS) {
      const m = new Map<string, unknown>();
      for (const item of data[k] as unknown[]) m.set(keyOf(k, item), item);
      maps[k] = m;
      // Keep the caller's arrays when keys are unique (then they equal the maps' order).
      if (m.size === (data[k] as unknown[]).length) this.#arrays.set(k, data[k] as unknown[]);
    }
    this.#maps = maps as unknown as Maps;
  }

  /** Index `data` (O(size of the project)). `data` is not modified and may be shared. */
  static from(data: ProjectData): IndexedProject {
    return new IndexedProject(data);
  }

  /** Project-level fields. */
  get project(): ProjectMeta {
    return this.#project;
  }

  /** The item of collection `k` with key `key`, or undefined. */
  get<K extends CollectionKey>(k: K, key: string): ItemOf<K> | undefined {
    return this.#maps[k].get(key);
  }

  /** Number of items in collection `k`. */
  count(k: CollectionKey): number {
    return this.#maps[k].size;
  }

  /**
   * The codings of one coder with one code in one document, in the order of the codings list (a
   * coding that came to this document, coder or code by an update comes last). Costs the number
   * of those codings, not of the document's or the project's. The index behind it is built on the
   * first call (one pass over the codings), so opening a project does not pay for it; from then
   * on {@link apply} keeps it.
   */
  codingsWith(documentId: string, coderId: string, codeId: string): Coding[] {
    const ids = (this.#byKey ??= this.#buildCodingIndex()).get(codingKey(documentId, coderId, codeId));
    if (ids === undefined) return [];
    const out: Coding[] = [];
    for (const id of typeof ids === 'string' ? [ids] : ids) {
      const c = this.#maps.codings.get(id);
      if (c) out.push(c);
    }
    return out;
  }

  #buildCodingIndex(): Map<string, string | string[]> {
    this.#byKey = new Map();
    for (const c of this.#maps.codings.values()) this.#indexCoding(c);
    return this.#byKey;
  }

  // One id is held as the string itself: most keys hold one or a few codings, and a container per
  // key would cost more than the index's strings.
  #indexCoding(c: Coding): void {
    const index = this.#byKey;
    if (!index) return;
    const key = codingKey(c.documentId, c.coderId, c.codeId);
    const ids = index.get(key);
    if (ids === undefined) index.set(key, c.id);
    else if (typeof ids === 'string') index.set(key, [ids, c.id]);
    else ids.push(c.id);
  }

  #unindexCoding(c: Coding): void {
    const index = this.#byKey;
    if (!index) return;
    const key = codingKey(c.documentId, c.coderId, c.codeId);
    const ids = index.get(key);
    if (ids === c.id) index.delete(key);
    else if (Array.isArray(ids)) {
      const at = ids.indexOf(c.id);
      if (at >= 0) ids.splice(at, 1);
      if (ids.length === 0) index.delete(key);
    }
  }

  /**
   * The undo step of `cs` against the current state (see `invertChangeSet`): reads only the
   * touched items, plus, for a removal in an ordered collection, the items after it.
   */
  inverseOf(cs: ChangeSet): ChangeSet {
    const inv: ChangeSet = { upsert: {}, remove: {} };
    if (cs.project) {
      const prior: Record<string, unknown> = {};
      for (const f of Object.keys(cs.project)) prior[f] = (this.#project as unknown as Record<string, unknown>)[f];
      inv.project = prior as Partial<ProjectMeta>;
    }
    for (const k of touchedCollections(cs)) {
      const map = this.#maps[k] as Map<string, unknown>;
      const removed = new Set(cs.remove[k] ?? []);
      const removals = new Set<string>();
      const restore: unknown[] = [];
      const existingRemoved = [...removed].filter((id) => map.has(id));
      const ordered = !ORDER_FREE.has(k) && existingRemoved.length > 0;
      let tail: string[] = [];
      if (ordered) {
        const keys = [...map.keys()];
        const first = Math.min(...existingRemoved.map((id) => keys.indexOf(id)));
        tail = keys.slice(first);
      }
      const inTail = new Set(tail);
      const seen = new Set<string>();
      for (const item of (cs.upsert[k] ?? []) as unknown[]) {
        const id = keyOf(k, item);
        if (seen.has(id)) continue;
        seen.add(id);
        if (!map.has(id)) removals.add(id);
        else if (!inTail.has(id)) restore.push(map.get(id));
      }
      if (ordered) {
        for (const id of tail) {
          if (!removed.has(id) || seen.has(id)) removals.add(id);
          restore.push(map.get(id));
        }
      } else {
        for (const id of existingRemoved) if (!seen.has(id)) restore.push(map.get(id));
      }
      if (removals.size > 0) inv.remove[k] = [...removals];
      if (restore.length > 0) (inv.upsert as Record<string, unknown[]>)[k] = restore;
    }
    return inv;
  }

  /** Apply `cs` in place (O(size of the change)). Validate it first: this trusts its input. */
  apply(cs: ChangeSet): void {
    this.#data = null;
    if (cs.project && Object.keys(cs.project).length > 0) this.#project = { ...this.#project, ...cs.project };
    for (const k of touchedCollections(cs)) {
      const map = this.#maps[k] as Map<string, unknown>;
      this.#arrays.delete(k);
      for (const id of cs.remove[k] ?? []) {
        const prior = map.get(id);
        if (prior === undefined) continue;
        map.delete(id);
        if (k === 'codings') this.#unindexCoding(prior as Coding);
      }
      for (const item of (cs.upsert[k] ?? []) as unknown[]) {
        const id = keyOf(k, item);
        if (k === 'codings') {
          // A coding that keeps its document, coder and code keeps its place among them (as it does in the list).
          const prior = map.get(id) as Coding | undefined;
          const next = item as Coding;
          if (prior?.documentId !== next.documentId || prior.coderId !== next.coderId || prior.codeId !== next.codeId) {
            if (prior) this.#unindexCoding(prior);
            this.#indexCoding(next);
          }
        }
        map.set(id, item);
      }
    }
  }

  /**
   * Declare that `data` is what the current state holds (the caller computed it as a whole and
   * applied its difference), so {@link toData} returns it as is instead of rebuilding arrays.
   */
  adopt(data: ProjectData): void {
    this.#data = data;
    for (const k of COLLECTION_KEYS) this.#arrays.set(k, data[k] as unknown[]);
  }

  /**
   * The project as plain {@link ProjectData}. Arrays are rebuilt only for collections changed since
   * the last call (O(that collection)); unchanged ones are the same arrays as last time, and
   * without a change in between it is the same object, so reference comparisons stay cheap. Treat the result as immutable.
   */
  toData(): ProjectData {
    if (this.#data) return this.#data;
    const out = { ...this.#head, project: this.#project } as ProjectData;
    for (const k of COLLECTION_KEYS) {
      let arr = this.#arrays.get(k);
      if (!arr) {
        arr = [...this.#maps[k].values()];
        this.#arrays.set(k, arr);
      }
      (out as unknown as Record<string, unknown>)[k] = arr;
    }
    this.#data = out;
    return out;
  }
}

/** The key of the coding index; the length prefixes keep it unambiguous whatever characters the ids hold. */
function codingKey(documentId: string, coderId: string, codeId: string): string {
  return `${documentId.length}:${documentId}\u0000${coderId.length}:${coderId}\u0000${codeId}`;
}
