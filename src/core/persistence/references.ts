/**
 * Cross-collection reference check for a structurally valid {@link ProjectData}.
 *
 * Why separate from validation: a dangling reference (a coding naming a code that is gone) does
 * not make the file unreadable, and treating it as damage would discard good work by restoring a
 * backup. The store reports these as messages on open; the service decides what to show.
 */
import type { ProjectData } from '../model/types.js';

/**
 * One line per kind of dangling reference, with a count and the first offending id, e.g.
 * `2 codings refer to a missing code (first: k_12 → c_x)`. Empty when every reference resolves.
 */
export function findDanglingReferences(data: ProjectData): string[] {
  const codes = new Set(data.codebook.map((c) => c.id));
  const coders = new Set(data.coders.map((c) => c.id));
  const docs = new Set(data.documents.map((d) => d.id));
  const cases = new Set(data.cases.map((c) => c.id));
  const matrices = new Set(data.matrices.map((m) => m.id));
  const out: string[] = [];
  const tally = <T extends { id: string }>(what: string, items: readonly T[], ref: (item: T) => string | null, pool: Set<string>): void => {
    let count = 0;
    let first = '';
    for (const item of items) {
      const target = ref(item);
      if (target === null || pool.has(target)) continue;
      if (count === 0) first = `${item.id} → ${target}`;
      count++;
    }
    if (count > 0) out.push(`${count} ${what} (first: ${first})`);
  };
  tally('codes have a missing parent', data.codebook, (x) => x.parentId, codes);
  tally('documents belong to a missing case', data.documents, (x) => x.caseId, cases);
  tally('codings refer to a missing document', data.codings, (x) => x.documentId, docs);
  tally('codings refer to a missing code', data.codings, (x) => x.codeId, codes);
  tally('codings refer to a missing coder', data.codings, (x) => x.coderId, coders);
  tally('ratings refer to a missing matrix', data.ratings, (x) => x.matrixId, matrices);
  tally('ratings refer to a missing case', data.ratings, (x) => x.caseId, cases);
  tally('ratings refer to a missing code', data.ratings, (x) => x.codeId, codes);
  return out;
}

/** Ids of codes that are their own ancestor (a `parentId` cycle hides them and their codings). */
export function codesInParentCycles(data: ProjectData): string[] {
  const parent = new Map(data.codebook.map((c) => [c.id, c.parentId]));
  const out: string[] = [];
  for (const c of data.codebook) {
    const seen = new Set<string>();
    let at: string | null | undefined = c.parentId;
    while (at !== null && at !== undefined && !seen.has(at)) {
      if (at === c.id) {
        out.push(c.id);
        break;
      }
      seen.add(at);
      at = parent.get(at);
    }
  }
  return out;
}

/**
 * What a commit must never introduce, one line each: a parent cycle in the codebook, or more
 * codings naming a missing code than before (damage already on disk is reported on open instead,
 * so a project that has it can still be opened and repaired).
 */
export function integrityRegressions(before: ProjectData, next: ProjectData): string[] {
  const out: string[] = [];
  const cycles = codesInParentCycles(next);
  if (cycles.length > 0) out.push(`codes ${cycles.slice(0, 3).join(', ')} would be their own ancestors (a parent cycle)`);
  const orphans = (d: ProjectData): number => {
    const codes = new Set(d.codebook.map((c) => c.id));
    return d.codings.reduce((n, g) => n + (codes.has(g.codeId) ? 0 : 1), 0);
  };
  const added = orphans(next) - orphans(before);
  if (added > 0) out.push(`${added} codings would name a code that does not exist`);
  return out;
}
