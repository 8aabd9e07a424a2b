/**
 * Blind coding on the server: the one visibility predicate every read goes through (project
 * views, change-set events, counts, exports, agreement — the server computes those over the
 * viewer's filtered project), and the argument checks that answer 403 when a blind coder asks for
 * another coder's work by name.
 *
 * Rule: owners and adjudicators see every layer. Coders and viewers are blind: they see their own
 * codings, ratings and memos, shared memos (no coder), and another coder's items only where the
 * owner or an adjudicator opened comparison — codings by document, ratings and case memos by
 * case, code and project memos only when comparison is open for the whole project. Other coders
 * themselves (their names) stay hidden until comparison is open for something.
 */
import type { ChangeSet, CollectionKey } from '../../../core/ops/change-set.js';
import type { Coding, Memo, ProjectData, Rating } from '../../../core/model/types.js';
import type { Viewer } from '../auth-contract.js';

/** Where comparison is open (loaded from `comparison_open`). */
export interface ComparisonState {
  all: boolean;
  documents: ReadonlySet<string>;
  cases: ReadonlySet<string>;
}

/** Nothing opened yet. */
export const CLOSED: ComparisonState = { all: false, documents: new Set(), cases: new Set() };

/** True when this viewer sees only their own layer outside opened comparisons. */
export function isBlind(viewer: Viewer): boolean {
  return viewer.role === 'coder' || viewer.role === 'viewer';
}

/** The collections that hold a coder's layer; the rest (codebook, cases, documents …) is shared. */
export const LAYERED: ReadonlySet<CollectionKey> = new Set<CollectionKey>(['codings', 'ratings', 'memos']);

/**
 * The collections a blind viewer sees only part of: the layers, and the coders themselves (a
 * blind coder learns neither others' work nor who else codes until comparison opens).
 */
export const FILTERED: ReadonlySet<CollectionKey> = new Set<CollectionKey>([...LAYERED, 'coders']);

/** True once comparison is open for anything (other coders' names may then be shown). */
function anyOpen(open: ComparisonState): boolean {
  return open.all || open.documents.size > 0 || open.cases.size > 0;
}

/** The visibility predicate: may `viewer` see `item` of `collection`, given the opened comparisons. */
export function itemVisible(viewer: Viewer, open: ComparisonState, collection: CollectionKey, item: unknown): boolean {
  if (!isBlind(viewer) || !FILTERED.has(collection) || open.all) return true;
  if (collection === 'coders') return (item as { id: string }).id === viewer.coderId || anyOpen(open);
  if (collection === 'codings') {
    const c = item as Coding;
    return (viewer.coderId !== null && c.coderId === viewer.coderId) || open.documents.has(c.documentId);
  }
  if (collection === 'ratings') {
    const r = item as Rating;
    return (viewer.coderId !== null && r.coderId === viewer.coderId) || open.cases.has(r.caseId);
  }
  const m = item as Memo;
  if (m.coderId === null || m.coderId === viewer.coderId) return true;
  if (m.target.kind === 'document') return open.documents.has(m.target.id);
  if (m.target.kind === 'case') return open.cases.has(m.target.id);
  return false;
}

/** The project as `viewer` may see it (the same object when nothing is hidden from them). */
export function filterProject(viewer: Viewer, open: ComparisonState, p: ProjectData): ProjectData {
  if (!isBlind(viewer) || open.all) return p;
  return {
    ...p,
    coders: p.coders.filter((c) => itemVisible(viewer, open, 'coders', c)),
    codings: p.codings.filter((c) => itemVisible(viewer, open, 'codings', c)),
    ratings: p.ratings.filter((r) => itemVisible(viewer, open, 'ratings', r)),
    memos: p.memos.filter((m) => itemVisible(viewer, open, 'memos', m)),
  };
}

function keyedVisible(viewer: Viewer, open: ComparisonState, before: ProjectData, collection: CollectionKey, key: string): boolean {
  const list = before[collection] as { id: string }[];
  const item = list.find((x) => x.id === key);
  return item === undefined || itemVisible(viewer, open, collection, item);
}

/**
 * The part of change set `cs` that `viewer` may see, or null when none of it is. Upserts of hidden
 * items are dropped. Removals are kept (a removed id reveals nothing of a passage) unless `before`,
 * the project the change applied to, shows the removed item was hidden: then they are dropped too,
 * so not even the count of another coder's removals reaches a blind coder.
 */
export function filterChangeSet(viewer: Viewer, open: ComparisonState, cs: ChangeSet, before?: ProjectData): ChangeSet | null {
  if (!isBlind(viewer) || open.all) return cs;
  const out: ChangeSet = { upsert: { ...cs.upsert }, remove: { ...cs.remove }, ...(cs.project ? { project: cs.project } : {}) };
  let any = cs.project !== undefined && Object.keys(cs.project).length > 0;
  for (const [collection, items] of Object.entries(cs.upsert) as [CollectionKey, unknown[]][]) {
    const kept = FILTERED.has(collection) ? items.filter((item) => itemVisible(viewer, open, collection, item)) : items;
    if (kept.length > 0) {
      (out.upsert as Record<string, unknown[]>)[collection] = kept;
      any = true;
    } else delete out.upsert[collection];
  }
  for (const [collection, keys] of Object.entries(cs.remove) as [CollectionKey, string[]][]) {
    const kept = collection === 'coders' ? keys.filter((k) => itemVisible(viewer, open, 'coders', { id: k })) : before && LAYERED.has(collection) ? keys.filter((k) => keyedVisible(viewer, open, before, collection, k)) : keys;
    if (kept.length > 0) {
      out.remove[collection] = kept;
      any = true;
    } else delete out.remove[collection];
  }
  return any ? out : null;
}
