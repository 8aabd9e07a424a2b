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
