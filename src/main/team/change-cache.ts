/**
 * The recent change sets of a project, shared by every user's copy in one server process. Each
 * user's copy catches up from the change log before every call; without this, each change set
 * would be read and parsed once per user (twenty coders: twenty times), which made parsing the
 * team server's largest cost. A revision's change set never changes once committed, so a copy
 * takes what the cache holds and asks the database only for what comes after.
 */
import type pg from 'pg';
import type { ChangeSet } from '../../core/ops/change-set.js';

/** Change sets kept per project (the newest). A copy further behind reads the log itself. */
const KEEP = 4000;

/** Recent change sets of one project, by revision. */
export class ChangeCache {
  #byRev = new Map<number, ChangeSet>();
  #newest = 0;

  /** The highest revision `k` such that every change set in (`rev`, `k`] is held (`rev` when none). */
  heldAfter(rev: number): number {
    let k = rev;
    while (this.#byRev.has(k + 1)) k++;
    return k;
  }

  /** The change set of revision `rev`, if held. */
  get(rev: number): ChangeSet | undefined {
    return this.#byRev.get(rev);
  }

  /** Keep `rows` (change sets read from the log); forget the oldest beyond {@link KEEP}. */
  add(rows: readonly { rev: number; changes: ChangeSet }[]): void {
    for (const r of rows) {
      this.#byRev.set(r.rev, r.changes);
      if (r.rev > this.#newest) this.#newest = r.rev;
    }
    if (this.#byRev.size <= KEEP + KEEP / 4) return;
    for (const rev of this.#byRev.keys()) if (rev <= this.#newest - KEEP) this.#byRev.delete(rev);
  }
}

const caches = new WeakMap<pg.Pool, Map<string, ChangeCache>>();

/** The cache of project `projectId` among the copies reading through `pool`. */
export function changeCacheFor(pool: pg.Pool, projectId: string): ChangeCache {
  let byProject = caches.get(pool);
  if (!byProject) caches.set(pool, (byProject = new Map()));
  let cache = byProject.get(projectId);
  if (!cache) byProject.set(projectId, (cache = new ChangeCache()));
  return cache;
}
