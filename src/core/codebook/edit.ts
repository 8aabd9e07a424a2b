import type { Code, Coding, Id, ProjectData } from '../model/types.js';
import type { CoreEnv } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import { childrenOf, descendantIds, PATH_SEPARATOR } from './paths.js';

/**
 * Codebook editing: every function here is pure, returns a new project (structural sharing) and
 * bumps `project.codebookVersion` exactly once when the codebook changes, because exports cite
 * that version and a reader of a methods appendix must be able to tell two codebooks apart.
 */

/** The editable fields of a code. */
export type CodeFields = Pick<Code, 'name' | 'color' | 'description' | 'inclusion' | 'exclusion' | 'example' | 'shortcut'>;

/**
 * Colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design") followed by darker
 * variants; new codes take the first colour no sibling uses.
 */
export const CODE_PALETTE = ['#0072b2', '#e69f00', '#cc79a7', '#009e73', '#56b4e9', '#d55e00', '#f0e442', '#999999', '#7a3d8f', '#3b6e2e', '#a6761d', '#1b9e77'] as const;

const COLOR_RE = /^#[0-9a-f]{6}$/i;

/** Return `data` with a new codebook and the codebook version bumped. */
export function withCodebook(data: ProjectData, codebook: Code[], codings: Coding[] = data.codings): ProjectData {
  return { ...data, codebook, codings, project: { ...data.project, codebookVersion: data.project.codebookVersion + 1 } };
}

/** Check a code name: non-empty after trimming, no path separator, unique among its siblings. */
export function checkName(codes: readonly Code[], name: string, parentId: Id | null, selfId: Id | null): Result<string> {
  const n = name.replace(/\s+/g, ' ').trim();
  if (!n) return err('invalid', 'A code needs a name');
  if (n.includes(PATH_SEPARATOR)) return err('invalid', `A code name cannot contain "${PATH_SEPARATOR}" (it separates code paths)`);
  if (n.length > 200) return err('invalid', 'A code name can be at most 200 characters');
  const clash = codes.find((c) => c.parentId === parentId && c.id !== selfId && c.name.toLowerCase() === n.toLowerCase());
  if (clash) return err('conflict', `There is already a code named "${clash.name}" here`);
  return ok(n);
}

/**
 * The first palette colour no code uses yet; when all are taken, the first one no sibling under
 * `parentId` uses (cycling when those are all used too), so neighbours in the tree stay distinct.
 */
export function nextColor(codes: readonly Code[], parentId: Id | null): string {
  const all = new Set(codes.map((c) => c.color.toLowerCase()));
  const siblings = new Set(childrenOf(codes, parentId).map((c) => c.color.toLowerCase()));
  return CODE_PALETTE.find((c) => !all.has(c)) ?? CODE_PALETTE.find((c) => !siblings.has(c)) ?? CODE_PALETTE[codes.length % CODE_PALETTE.length] ?? '#999999';
}

/** Give `shortcut` to `id` alone: any other code holding that key loses it. */
function claimShortcut(codes: Code[], id: Id, shortcut: string | null): Code[] {
  if (shortcut === null) return codes;
  return codes.map((c) => (c.id !== id && c.shortcut === shortcut ? { ...c, shortcut: null } : c));
}

function checkFields(f: Partial<CodeFields>): Result<Partial<CodeFields>> {
  if (f.color !== undefined && !COLOR_RE.test(f.color)) return err('invalid', `"${f.color}" is not a colour of the form #rrggbb`);
  if (f.shortcut !== undefined && f.shortcut !== null && !/^[1-9]$/.test(f.shortcut)) return err('invalid', 'A shortcut is a single key from 1 to 9');
  for (const k of ['description', 'inclusion', 'exclusion', 'example'] as const) {
    const v = f[k];
    if (v !== undefined && typeof v !== 'string') return err('invalid', `The ${k} must be text`);
    if (v !== undefined && v.length > 20_000) return err('invalid', `The ${k} can be at most 20,000 characters`);
  }
  return ok({ ...f, ...(f.color ? { color: f.color.toLowerCase() } : {}) });
}

/** What a new code needs: a name and optionally a parent and any other field. */
export interface NewCode extends Partial<CodeFields> {
  name: string;
  parentId?: Id | null;
}

/** Create a code at the end of its siblings. The name is checked; colour defaults to an unused palette colour. */
export function createCode(data: ProjectData, n: NewCode, env: CoreEnv): Result<{ data: ProjectData; code: Code }> {
  const parentId = n.parentId ?? null;
  if (parentId !== null && !data.codebook.some((c) => c.id === parentId)) return err('not-found', `No parent code with id ${parentId}`);
  const name = checkName(data.codebook, n.name, parentId, null);
  if (!name.ok) return name;
  const f = checkFields(n);
  if (!f.ok) return f;
  const siblings = childrenOf(data.codebook, parentId);
  const code: Code = {
    id: env.newId('c_'),
    name: name.value,
    parentId,
    color: f.value.color ?? nextColor(data.codebook, parentId),
    description: f.value.description ?? '',
    inclusion: f.value.inclusion ?? '',
    exclusion: f.value.exclusion ?? '',
    example: f.value.example ?? '',
    shortcut: f.value.shortcut ?? null,
    order: siblings.reduce((m, c) => Math.max(m, c.order + 1), 0),
  };
  return ok({ data: withCodebook(data, claimShortcut([...data.codebook, code], code.id, code.shortcut)), code });
}

/** Change a code's fields (rename, recolour, definitions, shortcut). Unchanged input returns the same project. */
export function updateCode(data: ProjectData, id: Id, patch: Partial<CodeFields>): Result<{ data: ProjectData; code: Code }> {
  const old = data.codebook.find((c) => c.id === id);
  if (!old) return err('not-found', `No code with id ${id}`);
  const f = checkFields(patch);
  if (!f.ok) return f;
  const next: Code = { ...old, ...f.value };
  if (patch.name !== undefined) {
    const name = checkName(data.codebook, patch.name, old.parentId, id);
    if (!name.ok) return name;
    next.name = name.value;
  }
  const same = (Object.keys(next) as (keyof Code)[]).every((k) => next[k] === old[k]);
  if (same) return ok({ data, code: old });
  const codes = claimShortcut(
    data.codebook.map((c) => (c.id === id ? next : c)),
    id,
    patch.shortcut ?? null,
  );
  return ok({ data: withCodebook(data, codes), code: next });
}

/**
 * Move a code under `parentId` (null: top level) at sibling position `index` (clamped). A code
 * cannot move under itself or its descendants; a name clash among the new siblings is refused.
 * Sibling orders of the old and new parent are renumbered 0…n-1.
 */
export function moveCode(data: ProjectData, id: Id, parentId: Id | null, index: number): Result<{ data: ProjectData; code: Code }> {
  const code = data.codebook.find((c) => c.id === id);
  if (!code) return err('not-found', `No code with id ${id}`);
  if (parentId !== null && !data.codebook.some((c) => c.id === parentId)) return err('not-found', `No parent code with id ${parentId}`);
  if (parentId !== null && descendantIds(data.codebook, id).has(parentId)) return err('invalid', `"${code.name}" cannot move under itself or one of its sub-codes`);
  if (parentId !== code.parentId) {
    const name = checkName(data.codebook, code.name, parentId, id);
    if (!name.ok) return name;
  }
  const siblings = childrenOf(data.codebook, parentId).filter((c) => c.id !== id);
  const at = Math.max(0, Math.min(Number.isInteger(index) ? index : siblings.length, siblings.length));
  const currentIndex = childrenOf(data.codebook, code.parentId).findIndex((c) => c.id === id);
  if (parentId === code.parentId && at === currentIndex) return ok({ data, code });
  siblings.splice(at, 0, { ...code, parentId });
  const order = new Map<Id, number>(siblings.map((c, i) => [c.id, i]));
  childrenOf(data.codebook, code.parentId)
    .filter((c) => c.id !== id)
    .forEach((c, i) => {
      if (!order.has(c.id)) order.set(c.id, i);
    });
  const codes = data.codebook.map((c) => {
    const o = order.get(c.id);
    if (c.id === id) return { ...c, parentId, order: o ?? 0 };
    return o !== undefined && o !== c.order ? { ...c, order: o } : c;
  });
  return ok({ data: withCodebook(data, codes), code: codes.find((c) => c.id === id) as Code });
}

/** How many codes, codings and matrix ratings deleting `id` removes (it and its sub-codes). */
export function deleteImpact(data: ProjectData, id: Id): { codes: number; codings: number; ratings: number } {
  if (!data.codebook.some((c) => c.id === id)) return { codes: 0, codings: 0, ratings: 0 };
  const ids = descendantIds(data.codebook, id);
  return { codes: ids.size, codings: data.codings.filter((g) => ids.has(g.codeId)).length, ratings: data.ratings.filter((r) => ids.has(r.codeId)).length };
}

/**
 * Delete a code, its sub-codes and their codings (undoable as one step by the caller). Memos
 * attached to the codes go too; a matrix column of a deleted code is removed with its ratings
 * (counted in `ratings`, so the UI can say so before the user confirms).
 */
export function deleteCode(data: ProjectData, id: Id): Result<{ data: ProjectData; codes: number; codings: number; ratings: number }> {
  if (!data.codebook.some((c) => c.id === id)) return err('not-found', `No code with id ${id}`);
  const ids = descendantIds(data.codebook, id);
  const codings = data.codings.filter((g) => !ids.has(g.codeId));
  const ratings = data.ratings.filter((r) => !ids.has(r.codeId));
  const touched = data.matrices.some((m) => m.columns.some((c) => ids.has(c)));
  const next = withCodebook(
    {
      ...data,
      memos: data.memos.filter((m) => !(m.target.kind === 'code' && ids.has(m.target.id))),
      ...(touched ? { matrices: data.matrices.map((m) => (m.columns.some((c) => ids.has(c)) ? { ...m, columns: m.columns.filter((c) => !ids.has(c)) } : m)) } : {}),
      ...(ratings.length !== data.ratings.length ? { ratings } : {}),
    },
    data.codebook.filter((c) => !ids.has(c.id)),
    codings,
  );
  return ok({ data: next, codes: ids.size, codings: data.codings.length - codings.length, ratings: data.ratings.length - ratings.length });
}

/** What a merge did: codings moved to the target, and duplicates collapsed into an existing coding. */
export interface MergeOutcome {
  moved: number;
  collapsed: number;
}

/**
 * Merge `sourceId` into `targetId`: the source's codings take the target code; a coding that
 * would then duplicate one of the target (same document, coder and span) collapses into it, its
 * memo appended; the source's sub-codes move under the target (renamed "X (2)" on a name clash);
 * code memos move; matrix columns and ratings follow when the target is not already a column of
 * the same matrix. The source code is removed. The target may not lie under the source.
 */
export function mergeCodes(data: ProjectData, sourceId: Id, targetId: Id): Result<{ data: ProjectData } & MergeOutcome> {
  const source = data.codebook.find((c) => c.id === sourceId);
  const target = data.codebook.find((c) => c.id === targetId);
  if (!source) return err('not-found', `No code with id ${sourceId}`);
  if (!target) return err('not-found', `No code with id ${targetId}`);
  if (sourceId === targetId) return err('invalid', 'A code cannot be merged into itself');
  if (descendantIds(data.codebook, sourceId).has(targetId)) return err('invalid', `"${target.name}" lies under "${source.name}"; merge it the other way round`);
  if (data.matrices.some((m) => m.columns.includes(sourceId) && m.columns.includes(targetId))) {
    return err('conflict', `"${source.name}" and "${target.name}" are both columns of one matrix; remove one column first`);
  }
  const key = (g: Coding): string => `${g.documentId}\u0000${g.coderId}\u0000${g.start}\u0000${g.end}`;
  const targetByKey = new Map(data.codings.filter((g) => g.codeId === targetId).map((g) => [key(g), g]));
  const extraMemo = new Map<Id, string[]>();
  let moved = 0;
  let collapsed = 0;
  const codings: Coding[] = [];
  for (const g of data.codings) {
    if (g.codeId !== sourceId) {
      codings.push(g);
      continue;
    }
    const dup = targetByKey.get(key(g));
    if (dup) {
      collapsed++;
      if (g.memo.trim()) extraMemo.set(dup.id, [...(extraMemo.get(dup.id) ?? []), g.memo]);
      continue;
    }
    moved++;
    const m = { ...g, codeId: targetId };
    targetByKey.set(key(m), m);
    codings.push(m);
  }
  const finalCodings = codings.map((g) => {
    const extra = extraMemo.get(g.id);
    return extra ? { ...g, memo: [g.memo, ...extra].filter((s) => s.trim()).join('\n\n') } : g;
  });
  let codes = data.codebook.filter((c) => c.id !== sourceId);
  let order = childrenOf(codes, targetId).reduce((m, c) => Math.max(m, c.order + 1), 0);
  for (const child of childrenOf(data.codebook, sourceId)) {
    let name = child.name;
    for (let i = 2; codes.some((c) => c.parentId === targetId && c.name.toLowerCase() === name.toLowerCase()); i++) name = `${child.name} (${i})`;
    codes = codes.map((c) => (c.id === child.id ? { ...c, parentId: targetId, name, order: order++ } : c));
  }
  const next: ProjectData = {
    ...data,
    memos: data.memos.map((m) => (m.target.kind === 'code' && m.target.id === sourceId ? { ...m, target: { kind: 'code', id: targetId } } : m)),
    matrices: data.matrices.map((m) => (m.columns.includes(sourceId) ? { ...m, columns: m.columns.map((c) => (c === sourceId ? targetId : c)) } : m)),
    ratings: data.ratings.map((r) => (r.codeId === sourceId ? { ...r, codeId: targetId } : r)),
  };
  return ok({ data: withCodebook(next, codes, finalCodings), moved, collapsed });
}
