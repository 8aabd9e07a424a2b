import type { CoreEnv } from '../model/ids.js';
import type { Id, Matrix, ProjectData } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import { setScale, updateMatrix } from './matrix-ops.js';
import { normaliseLabel } from './scale.js';

/**
 * Item-level edits of a matrix. An editor sends what the user changed — one column added, one
 * label renamed — never the whole lists it drew from its own copy, so two windows editing one
 * matrix keep each other's changes. Edits apply to the matrix as it is when they arrive:
 * positions are given by a neighbour (`before`: the item to stand in front of, null = at the
 * end), and an edit whose item another window already added or removed changes nothing.
 */
export type MatrixEdit =
  | { kind: 'rename'; name: string }
  | { kind: 'addColumn'; codeId: Id; before: Id | null }
  | { kind: 'removeColumn'; codeId: Id }
  | { kind: 'moveColumn'; codeId: Id; before: Id | null }
  /** Rows: a matrix with no rows of its own shows every case; adding one makes its rows a chosen list. */
  | { kind: 'addRow'; caseId: Id; before: Id | null }
  | { kind: 'removeRow'; caseId: Id }
  | { kind: 'moveRow'; caseId: Id; before: Id | null }
  /** Show every case (also those added later) instead of chosen rows. */
  | { kind: 'allRows' }
  | { kind: 'addLabel'; label: string; before: string | null }
  /** Rename a scale label or the not-applicable label; ratings holding it follow. */
  | { kind: 'renameLabel'; from: string; to: string }
  | { kind: 'removeLabel'; label: string }
  | { kind: 'moveLabel'; label: string; before: string | null };

/** The parts of a matrix the edits change. */
export type MatrixShape = Pick<Matrix, 'name' | 'columns' | 'rows' | 'scale' | 'notApplicable'>;

/** How one list changes: removals, then insertions and moves anchored on their successor. */
export interface ListEdits {
  remove: string[];
  /** In the order to apply them (from the end of the list backwards), each placed before `before`. */
  place: { item: string; before: string | null; added: boolean }[];
}

/**
 * The smallest edits taking list `base` to list `draft` (items are distinct keys): items not in
 * `draft` are removed; new items are added and the fewest kept items are moved (those outside a
 * longest run already in order), each placed in front of its successor in `draft`.
 */
export function listEdits(base: readonly string[], draft: readonly string[]): ListEdits {
  const inDraft = new Set(draft);
  const at = new Map(base.map((x, i) => [x, i]));
  const remove = base.filter((x) => !inDraft.has(x));
  const kept = draft.filter((x) => at.has(x));
  const stay = longestIncreasingRun(kept.map((x) => at.get(x) as number)).map((i) => kept[i] as string);
  const stays = new Set(stay);
  const place: ListEdits['place'] = [];
  for (let i = draft.length - 1; i >= 0; i--) {
    const item = draft[i] as string;
    if (stays.has(item)) continue;
    place.push({ item, before: draft[i + 1] ?? null, added: !at.has(item) });
  }
  return { remove, place };
}

/** Indices of one longest strictly increasing subsequence of `xs` (patience sorting, O(n log n)). */
function longestIncreasingRun(xs: readonly number[]): number[] {
  const tails: number[] = [];
  const prev: number[] = new Array<number>(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((xs[tails[mid] as number] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? (tails[tails.length - 1] as number) : -1; i >= 0; i = prev[i] as number) out.push(i);
  return out.reverse();
}

/** A scale label as an editor holds it: the label it started from (null for a new one) and its text now. */
export interface LabelDraft {
  orig: string | null;
  label: string;
}

/** What an editor shows: the matrix's shape, with scale labels that remember where they came from. */
export interface MatrixDraft {
  name: string;
  columns: Id[];
  rows: Id[];
  scale: LabelDraft[];
  notApplicable: string;
}

/** The edits that take the matrix `base` (as the editor opened it) to the editor's `draft`. */
export function matrixEditsBetween(base: MatrixShape, draft: MatrixDraft): MatrixEdit[] {
  const edits: MatrixEdit[] = [];
  const name = draft.name.trim();
  if (name !== base.name) edits.push({ kind: 'rename', name });
  const cols = listEdits(base.columns, draft.columns);
  for (const codeId of cols.remove) edits.push({ kind: 'removeColumn', codeId });
  for (const p of cols.place) edits.push(p.added ? { kind: 'addColumn', codeId: p.item, before: p.before } : { kind: 'moveColumn', codeId: p.item, before: p.before });
  if (draft.rows.length === 0 && base.rows.length > 0) edits.push({ kind: 'allRows' });
  else if (draft.rows.length > 0) {
    const rows = listEdits(base.rows, draft.rows);
    for (const caseId of rows.remove) edits.push({ kind: 'removeRow', caseId });
    for (const p of rows.place) edits.push(p.added ? { kind: 'addRow', caseId: p.item, before: p.before } : { kind: 'moveRow', caseId: p.item, before: p.before });
  }
  for (const l of draft.scale) {
    if (l.orig !== null && l.label.trim() !== l.orig) edits.push({ kind: 'renameLabel', from: l.orig, to: l.label.trim() });
  }
  const na = draft.notApplicable.trim();
  if (na !== base.notApplicable) edits.push({ kind: 'renameLabel', from: base.notApplicable, to: na });
  // Labels are matched by their text after the renames above.
  const renamedBase = base.scale.map((l) => draft.scale.find((d) => d.orig === l)?.label.trim() ?? l);
  const labels = listEdits(
    renamedBase,
    draft.scale.map((l) => l.label.trim()),
  );
  for (const label of labels.remove) edits.push({ kind: 'removeLabel', label });
  for (const p of labels.place) edits.push(p.added ? { kind: 'addLabel', label: p.item, before: p.before } : { kind: 'moveLabel', label: p.item, before: p.before });
  return edits;
}

/** Put `item` in front of `before` (at the end when `before` is null or absent); `same` says which entries are `item`. */
function placeIn<T>(list: T[], item: T, before: T | null, same: (a: T, b: T) => boolean): T[] {
  const out = list.filter((x) => !same(x, item));
  const i = before === null ? -1 : out.findIndex((x) => same(x, before));
  if (i < 0) out.push(item);
  else out.splice(i, 0, item);
  return out;
}

const sameId = (a: string, b: string): boolean => a === b;
const sameLabel = (a: string, b: string): boolean => normaliseLabel(a) === normaliseLabel(b);

/**
 * Apply edits to a shape. Renames of labels the scale no longer holds are a `conflict` (another
 * window changed the scale: ratings must not be rewritten on a guess); every other edit of an item
 * that is already there, or already gone, changes nothing. Returns the new shape and the label
 * renames (old → new) that ratings must follow.
 */
export function applyMatrixEdits(shape: MatrixShape, edits: readonly MatrixEdit[]): Result<{ shape: MatrixShape; renames: Record<string, string> }> {
  let { name, columns, rows, scale, notApplicable } = shape;
  const renames: Record<string, string> = {};
  for (const e of edits) {
    if (e === null || typeof e !== 'object') return err('invalid', 'A matrix edit is an object with a kind');
    switch (e.kind) {
      case 'rename':
        name = e.name;
        break;
      case 'addColumn':
        if (!columns.includes(e.codeId)) columns = placeIn(columns, e.codeId, e.before, sameId);
        break;
      case 'moveColumn':
        if (columns.includes(e.codeId)) columns = placeIn(columns, e.codeId, e.before, sameId);
        break;
      case 'removeColumn':
        columns = columns.filter((x) => x !== e.codeId);
        break;
      case 'addRow':
        if (!rows.includes(e.caseId)) rows = placeIn(rows, e.caseId, e.before, sameId);
        break;
      case 'moveRow':
        if (rows.includes(e.caseId)) rows = placeIn(rows, e.caseId, e.before, sameId);
        break;
      case 'removeRow':
        rows = rows.filter((x) => x !== e.caseId);
        break;
      case 'allRows':
        rows = [];
        break;
      case 'addLabel':
        if (!scale.some((l) => sameLabel(l, e.label))) scale = placeIn(scale, e.label, e.before, sameLabel);
        break;
      case 'moveLabel':
        if (scale.some((l) => sameLabel(l, e.label))) scale = placeIn(scale, scale.find((l) => sameLabel(l, e.label)) as string, e.before, sameLabel);
        break;
      case 'removeLabel':
        scale = scale.filter((l) => !sameLabel(l, e.label));
        break;
      case 'renameLabel': {
        const original = Object.entries(renames).find(([, to]) => sameLabel(to, e.from))?.[0] ?? e.from;
        if (sameLabel(notApplicable, e.from)) notApplicable = e.to;
        else if (scale.some((l) => sameLabel(l, e.from))) scale = scale.map((l) => (sameLabel(l, e.from) ? e.to : l));
        else return err('conflict', `The scale changed in another window: “${e.from}” is no longer on it, so it was not renamed`);
        delete renames[original];
        renames[original] = e.to;
        break;
      }
      default:
        return err('invalid', `Unknown matrix edit ${JSON.stringify((e as { kind?: unknown }).kind ?? null)}`);
    }
  }
  return ok({ shape: { name, columns, rows, scale, notApplicable }, renames });
}

/**
 * Edit a stored matrix: the edits apply to it as it is now; the result is validated like any
 * matrix (names unique, columns codes, rows cases, a valid scale) and ratings follow renamed
 * labels. A scale edit that drops a label ratings still use is a `conflict` (see {@link setScale}).
 */
export function editMatrix(data: ProjectData, matrixId: Id, edits: readonly MatrixEdit[], env: CoreEnv): Result<{ data: ProjectData; matrix: Matrix; rewrittenRatings: number }> {
  const cur = data.matrices.find((m) => m.id === matrixId);
  if (!cur) return err('not-found', `No matrix "${matrixId}"`);
  if (!Array.isArray(edits)) return err('invalid', 'Matrix edits must be a list');
  const applied = applyMatrixEdits(cur, edits);
  if (!applied.ok) return applied;
  const { shape, renames } = applied.value;
  const shaped = updateMatrix(data, matrixId, { name: shape.name, columns: shape.columns, rows: shape.rows }, env);
  if (!shaped.ok) return shaped;
  const scaleChanged = shape.notApplicable !== cur.notApplicable || shape.scale.length !== cur.scale.length || shape.scale.some((l, i) => l !== cur.scale[i]);
  if (!scaleChanged) return ok({ ...shaped.value, rewrittenRatings: 0 });
  return setScale(shaped.value.data, matrixId, { scale: shape.scale, notApplicable: shape.notApplicable, renames });
}
