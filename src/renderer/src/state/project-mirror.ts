import type { Coding, Id, ProjectData } from '../../../core/model/types.js';
import { distinctPassageCount } from '../../../core/matrix/counts.js';
import type { ChangeSet } from '../../../core/ops/change-set.js';
import { IndexedProject } from '../../../core/ops/indexed-project.js';

/**
 * The renderer's indexes of the codings, kept up to date from each change set instead of
 * recomputed from the whole codings list on every change (at 50,000 codings the recomputations
 * cost ~100 ms per coding). A value: each change yields a new one that shares every untouched
 * part with the last, so React can compare by reference.
 */
export interface CodingIndex {
  /** Codings of each document, in the order of the codings list; an array is replaced only when its document's codings change. */
  readonly byDocument: ReadonlyMap<Id, readonly Coding[]>;
  /** Codings per coder and code. */
  readonly perCode: ReadonlyMap<Id, ReadonlyMap<Id, number>>;
  /** Codings per coder and document. */
  readonly perDocument: ReadonlyMap<Id, ReadonlyMap<Id, number>>;
}

const NONE: readonly Coding[] = Object.freeze([]);

/** The codings of `documentId` (an empty array when it has none). */
export function codingsOfDocument(index: CodingIndex, documentId: Id | null): readonly Coding[] {
  return (documentId !== null && index.byDocument.get(documentId)) || NONE;
}

/** Sum of `counts` over the coders in `shown` (every coder when null), per key. */
export function countsFor(counts: ReadonlyMap<Id, ReadonlyMap<Id, number>>, shown: ReadonlySet<Id> | null): Map<Id, number> {
  const out = new Map<Id, number>();
  for (const [coder, perKey] of counts) {
    if (shown && !shown.has(coder)) continue;
    for (const [k, n] of perKey) if (n > 0) out.set(k, (out.get(k) ?? 0) + n);
  }
  return out;
}

/** Number of codings by the coders in `shown` (every coder when null). */
export function totalFor(index: CodingIndex, shown: ReadonlySet<Id> | null): number {
  let n = 0;
  for (const [coder, perDoc] of index.perDocument) if (!shown || shown.has(coder)) for (const v of perDoc.values()) n += v;
  return n;
}

/** Distinct passages of one document's codings per coder view, remembered per (unchanged) array. */
const distinctCache = new WeakMap<readonly Coding[], Map<string, number>>();

/**
 * Distinct passages (overlapping codings merged, per document) among the codings of the coders in
 * `shown`: computed per document and remembered, so a change recounts only its documents.
 */
export function distinctPassages(byDocument: CodingIndex['byDocument'], shown: ReadonlySet<Id> | null): number {
  const key = shown ? [...shown].sort().join('\n') : '*';
  let n = 0;
  for (const list of byDocument.values()) {
    let cached = distinctCache.get(list);
    if (!cached) distinctCache.set(list, (cached = new Map()));
    let v = cached.get(key);
    if (v === undefined) {
      v = distinctPassageCount(shown ? list.filter((c) => shown.has(c.coderId)) : list);
      cached.set(key, v);
    }
    n += v;
  }
  return n;
}

function bump(counts: Map<Id, ReadonlyMap<Id, number>>, copied: Set<Id>, coder: Id, key: Id, by: number): void {
  let m = counts.get(coder) as Map<Id, number> | undefined;
  if (!m || !copied.has(coder)) {
    m = new Map(m);
    counts.set(coder, m);
    copied.add(coder);
  }
  const v = (m.get(key) ?? 0) + by;
  if (v === 0) m.delete(key);
  else m.set(key, v);
}

function indexAll(codings: readonly Coding[]): CodingIndex {
  const byDocument = new Map<Id, Coding[]>();
  const perCode = new Map<Id, ReadonlyMap<Id, number>>();
  const perDocument = new Map<Id, ReadonlyMap<Id, number>>();
  const copiedCode = new Set<Id>();
  const copiedDoc = new Set<Id>();
  for (const c of codings) {
    const list = byDocument.get(c.documentId);
    if (list) list.push(c);
    else byDocument.set(c.documentId, [c]);
    bump(perCode, copiedCode, c.coderId, c.codeId, 1);
    bump(perDocument, copiedDoc, c.coderId, c.documentId, 1);
  }
  return { byDocument, perCode, perDocument };
}

/**
 * The open project as the renderer holds it: the plain {@link ProjectData} the views read, kept
 * in an id-indexed {@link IndexedProject} so a change set costs the size of the change (plus one
 * copy of each touched collection's array), and the {@link CodingIndex} updated from the same
 * change set.
 */
export class ProjectMirror {
  #state: IndexedProject;
  #index: CodingIndex;

  constructor(data: ProjectData) {
    this.#state = IndexedProject.from(data);
    this.#state.adopt(data);
    this.#index = indexAll(data.codings);
  }

  /** The project (the same object until the next change). */
  get data(): ProjectData {
    return this.#state.toData();
  }

  /** The coding indexes (the same value until codings change). */
  get index(): CodingIndex {
    return this.#index;
  }

  /** The coding with `id`, or undefined. */
  coding(id: Id): Coding | undefined {
    return this.#state.get('codings', id);
  }

  /** Apply a change set (from the backend: trusted) to the project and its indexes. */
  apply(cs: ChangeSet): void {
    const removed = cs.remove.codings ?? [];
    const upserted = cs.upsert.codings ?? [];
    if (removed.length + upserted.length === 0) {
      this.#state.apply(cs);
      return;
    }
    // The codings the change replaces or removes, each once.
    const before = new Map<Id, Coding>();
    for (const id of [...removed, ...upserted.map((c) => c.id)]) {
      const c = this.#state.get('codings', id);
      if (c) before.set(id, c);
    }
    this.#state.apply(cs);
    const perCode = new Map(this.#index.perCode);
    const perDocument = new Map(this.#index.perDocument);
    const copiedCode = new Set<Id>();
    const copiedDoc = new Set<Id>();
    const docs = new Set<Id>();
    for (const c of before.values()) {
      bump(perCode, copiedCode, c.coderId, c.codeId, -1);
      bump(perDocument, copiedDoc, c.coderId, c.documentId, -1);
      docs.add(c.documentId);
    }
    // The last upsert of an id is what the project holds; new ids come in the order of their first upsert.
    const gone = new Set(removed);
    const final = new Map<Id, Coding>();
    for (const c of upserted) final.set(c.id, c);
    /** Documents a coding moved into: their order follows the whole list, not the change. */
    const movedInto = new Set<Id>();
    const perDoc = new Map<Id, Map<Id, Coding>>();
    for (const c of final.values()) {
      bump(perCode, copiedCode, c.coderId, c.codeId, 1);
      bump(perDocument, copiedDoc, c.coderId, c.documentId, 1);
      docs.add(c.documentId);
      const prior = before.get(c.id);
      if (prior && prior.documentId !== c.documentId && !gone.has(c.id)) movedInto.add(c.documentId);
      let m = perDoc.get(c.documentId);
      if (!m) perDoc.set(c.documentId, (m = new Map()));
      m.set(c.id, c);
    }
    const byDocument = new Map(this.#index.byDocument);
    for (const d of docs) {
      // The document's list with the change applied as a change set applies (copy on write, O(its codings)).
      const prev = byDocument.get(d) ?? NONE;
      const fresh = perDoc.get(d);
      const touchedHere = [...before.values()].some((c) => c.documentId === d);
      if (!touchedHere && fresh && !movedInto.has(d)) {
        // Only new codings here (the common case: one coding added): append, one array copy.
        byDocument.set(d, prev.concat([...fresh.values()]));
        continue;
      }
      const list: Coding[] = [];
      const pending = new Map(fresh);
      if (!movedInto.has(d)) {
        for (const c of prev) {
          if (gone.has(c.id)) continue; // removed first; an upsert of it comes back at the end
          const now = pending.get(c.id);
          if (now) {
            list.push(now);
            pending.delete(c.id);
          } else if (!final.has(c.id)) list.push(c);
        }
        for (const c of pending.values()) list.push(c);
      }
      if (list.length) byDocument.set(d, list);
      else byDocument.delete(d);
    }
    if (movedInto.size > 0) {
      // Rare (a coding moved to another document): one pass over the list keeps the order exact.
      for (const c of this.#state.toData().codings) {
        if (!movedInto.has(c.documentId)) continue;
        const list = byDocument.get(c.documentId) as Coding[] | undefined;
        if (list) list.push(c);
        else byDocument.set(c.documentId, [c]);
      }
    }
    this.#index = { byDocument, perCode, perDocument };
  }
}
