/**
 * Validation of one change set against the project it applies to: the shapes of the items it
 * touches (the same rules as whole-project validation) and the references those items make. The
 * whole project is validated at open and at compaction; this keeps each action's check as small
 * as the action.
 */
import { err, ok, type Result } from '../model/result.js';
import type { Code, ProjectData } from '../model/types.js';
import { validateProjectData } from '../persistence/validate-project.js';
import { COLLECTION_KEYS, keyOf, type ChangeSet } from './change-set.js';
import type { IndexedProject } from './indexed-project.js';

/**
 * `ok` when `cs` may be applied to `state`: every upserted item is well-formed, keys are unique
 * within the change, and a coding never gains a reference to a missing document, code or coder.
 * Errors name the field, as whole-project validation does (`codings[0].start: …`).
 */
export function validateChange(state: IndexedProject, cs: ChangeSet): Result<void> {
  const mini = { format: 'casecoder', schemaVersion: 0, project: { ...state.project, ...cs.project } } as unknown as Record<string, unknown>;
  for (const k of COLLECTION_KEYS) {
    const items = (cs.upsert[k] ?? []) as unknown[];
    if (!Array.isArray(items)) return err('invalid', `upsert.${k}: expected a list`);
    mini[k] = items;
    const removals = cs.remove[k] ?? [];
    if (!Array.isArray(removals) || removals.some((x) => typeof x !== 'string')) return err('invalid', `remove.${k}: expected a list of keys`);
  }
  const shape = validateProjectData(mini, { anyVersion: true });
  if (!shape.ok) return err('invalid', `refusing an invalid change: ${shape.error.message}`, shape.error.details);
  const data = mini as unknown as ProjectData;
  for (const k of COLLECTION_KEYS) {
    const seen = new Set<string>();
    for (const item of data[k] as unknown[]) {
      const key = keyOf(k, item);
      if (seen.has(key)) return err('invalid', `refusing an invalid change: ${k} holds "${key}" twice`);
      seen.add(key);
    }
  }
  const gone = (k: 'documents' | 'codebook' | 'coders', id: string): boolean => {
    if ((cs.upsert[k] as { id: string }[] | undefined)?.some((x) => x.id === id)) return false;
    return state.get(k, id) === undefined || (cs.remove[k]?.includes(id) ?? false);
  };
  const cycle = parentCycle(state, data.codebook);
  if (cycle) return err('invalid', `refusing an invalid change: code ${cycle} would be its own ancestor (a parent cycle)`);
  for (const c of data.codings) {
    const prior = state.get('codings', c.id);
    const refs: ['documents' | 'codebook' | 'coders', string, string][] = [
      ['documents', c.documentId, prior?.documentId ?? ''],
      ['codebook', c.codeId, prior?.codeId ?? ''],
      ['coders', c.coderId, prior?.coderId ?? ''],
    ];
    for (const [k, id, before] of refs) {
      if (id !== before && gone(k, id)) return err('invalid', `refusing an invalid change: coding ${c.id} refers to a missing ${k === 'codebook' ? 'code' : k.slice(0, -1)} ${id}`);
    }
  }
  return ok(undefined);
}

/** The id of an upserted code that would become its own ancestor, or null. Walks only the ancestors of the codes touched. */
function parentCycle(state: IndexedProject, upserted: readonly Code[]): string | null {
  if (upserted.length === 0) return null;
  const changed = new Map(upserted.map((c) => [c.id, c.parentId]));
  const parentOf = (id: string): string | null | undefined => (changed.has(id) ? changed.get(id) : state.get('codebook', id)?.parentId);
  for (const c of upserted) {
    const seen = new Set<string>();
    for (let at: string | null | undefined = c.parentId; at !== null && at !== undefined && !seen.has(at); at = parentOf(at)) {
      if (at === c.id) return c.id;
      seen.add(at);
    }
  }
  return null;
}
