import type { Code, Id } from '../model/types.js';

/** Separator of code paths such as `Outcomes/Legislation`. */
export const PATH_SEPARATOR = '/';

/** The full path of a code (`Parent/Child`), following parent links; cycles are cut. */
export function codePath(codes: readonly Code[], id: Id): string {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const names: string[] = [];
  const seen = new Set<Id>();
  let cur = byId.get(id);
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    names.unshift(cur.name);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return names.join(PATH_SEPARATOR);
}

/** Map of code id → path for all codes. */
export function codePaths(codes: readonly Code[]): Map<Id, string> {
  return new Map(codes.map((c) => [c.id, codePath(codes, c.id)]));
}

/**
 * Find a code by path (case-insensitive, `/`-separated), by exact id, or by a unique bare name.
 * Returns undefined when nothing or more than one code matches a bare name.
 */
export function findCode(codes: readonly Code[], ref: string): Code | undefined {
  const byId = codes.find((c) => c.id === ref);
  if (byId) return byId;
  const want = ref.trim().toLowerCase();
  const paths = codePaths(codes);
  const byPath = codes.find((c) => (paths.get(c.id) ?? '').toLowerCase() === want);
  if (byPath) return byPath;
  const byName = codes.filter((c) => c.name.toLowerCase() === want);
  return byName.length === 1 ? byName[0] : undefined;
}

/** Children of `parentId` (null for roots) in sibling order. */
export function childrenOf(codes: readonly Code[], parentId: Id | null): Code[] {
  return codes.filter((c) => c.parentId === parentId).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** Ids of `id` and all its descendants. */
export function descendantIds(codes: readonly Code[], id: Id): Set<Id> {
  const out = new Set<Id>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of codes) {
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Codes in depth-first tree order, each with its depth. */
export function flattenTree(codes: readonly Code[]): { code: Code; depth: number }[] {
  const out: { code: Code; depth: number }[] = [];
  const visit = (parent: Id | null, depth: number, seen: Set<Id>): void => {
    for (const c of childrenOf(codes, parent)) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ code: c, depth });
      visit(c.id, depth + 1, seen);
    }
  };
  visit(null, 0, new Set());
  return out;
}
