import { childrenOf, codePaths, flattenTree } from '../../../../core/codebook/paths.js';
import type { Code, Id } from '../../../../core/model/types.js';

/** A visible row of the code tree. */
export interface Row {
  code: Code;
  depth: number;
  path: string;
}

/** Rows in tree order; with a filter, the codes whose name or path contains it, with their ancestors for context. */
export function visibleRows(codes: readonly Code[], filter: string): Row[] {
  const paths = codePaths(codes);
  const all = flattenTree(codes).map(({ code, depth }) => ({ code, depth, path: paths.get(code.id) ?? code.name }));
  const q = filter.trim().toLowerCase();
  if (!q) return all;
  const hit = new Set(all.filter((r) => r.code.name.toLowerCase().includes(q) || r.path.toLowerCase().includes(q)).map((r) => r.code.id));
  const keep = new Set(hit);
  const byId = new Map(codes.map((c) => [c.id, c]));
  for (const id of hit) {
    for (let p = byId.get(id)?.parentId ?? null, n = 0; p && n < codes.length; n++) {
      keep.add(p);
      p = byId.get(p)?.parentId ?? null;
    }
  }
  return all.filter((r) => keep.has(r.code.id));
}

/** Where a drop or keyboard move puts a code: its new parent and index among its new siblings (itself excluded). */
export interface Placement {
  parentId: Id | null;
  index: number;
}

/** Place `id` before, after or inside `target`. Null when the move is impossible (into itself or a descendant). */
export function placement(codes: readonly Code[], id: Id, target: Id, zone: 'before' | 'after' | 'into'): Placement | null {
  if (id === target) return null;
  const t = codes.find((c) => c.id === target);
  if (!t) return null;
  for (let p: Id | null = t.parentId, n = 0; p && n <= codes.length; n++) {
    if (p === id) return null;
    p = codes.find((c) => c.id === p)?.parentId ?? null;
  }
  if (zone === 'into') return { parentId: target, index: childrenOf(codes, target).filter((c) => c.id !== id).length };
  const sibs = childrenOf(codes, t.parentId).filter((c) => c.id !== id);
  const i = sibs.findIndex((c) => c.id === target);
  return { parentId: t.parentId, index: zone === 'before' ? i : i + 1 };
}

/** Keyboard moves: Alt+Up/Down reorders, Alt+Right indents under the previous sibling, Alt+Left outdents after the parent. */
export function keyboardMove(codes: readonly Code[], id: Id, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight'): Placement | null {
  const c = codes.find((x) => x.id === id);
  if (!c) return null;
  const sibs = childrenOf(codes, c.parentId);
  const i = sibs.findIndex((x) => x.id === id);
  if (key === 'ArrowUp') return i > 0 ? { parentId: c.parentId, index: i - 1 } : null;
  if (key === 'ArrowDown') return i < sibs.length - 1 ? { parentId: c.parentId, index: i + 1 } : null;
  if (key === 'ArrowRight') {
    const prev = sibs[i - 1];
    return prev ? { parentId: prev.id, index: childrenOf(codes, prev.id).length } : null;
  }
  if (!c.parentId) return null;
  const parent = codes.find((x) => x.id === c.parentId);
  if (!parent) return null;
  const psibs = childrenOf(codes, parent.parentId);
  return { parentId: parent.parentId, index: psibs.findIndex((x) => x.id === parent.id) + 1 };
}
