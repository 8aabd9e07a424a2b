/**
 * The hot path of coding: add, update and remove one coding as a change set computed from the
 * indexed state, at a cost that depends on the document, not on the project.
 *
 * The rules stay in one place (`codings/commands.ts`, `codings/edit.ts`): each function hands the
 * existing pure command a slice of the project holding exactly what that command looks at (the
 * document, the code, the coder, and for the duplicate check only the codings of the same document,
 * coder and code, read from the state's index) and turns its result into a change set.
 */
import type { CoreEnv } from '../model/ids.js';
import { addCoding, removeCoding, type NewCoding } from '../codings/commands.js';
import { updateCoding, type CodingPatch } from '../codings/edit.js';
import { ok, type Result } from '../model/result.js';
import type { Coding, Id, ProjectData } from '../model/types.js';
import type { ChangeSet } from './change-set.js';
import type { IndexedProject } from './indexed-project.js';

function present<T>(x: T | undefined): T[] {
  return x === undefined ? [] : [x];
}

/** The part of the project a command about `codings` of `documentId` reads. */
function slice(state: IndexedProject, documentId: Id, codeIds: Id[], coderIds: Id[], codings: Coding[]): ProjectData {
  return {
    format: 'casecoder',
    schemaVersion: 0,
    project: state.project,
    coders: coderIds.flatMap((id) => present(state.get('coders', id))),
    codebook: codeIds.flatMap((id) => present(state.get('codebook', id))),
    attributeDefs: [],
    cases: [],
    documents: present(state.get('documents', documentId)),
    codings,
    matrices: [],
    ratings: [],
    memos: [],
  };
}

/** {@link addCoding} as a change set; an identical existing coding gives an empty change set. */
export function addCodingChange(state: IndexedProject, text: string, c: NewCoding, env: CoreEnv): Result<{ changes: ChangeSet; value: Coding }> {
  const view = slice(state, c.documentId, [c.codeId], [c.coderId], state.codingsWith(c.documentId, c.coderId, c.codeId));
  const r = addCoding(view, text, c, env);
  if (!r.ok) return r;
  const added = r.value.data !== view;
  return ok({ changes: { upsert: added ? { codings: [r.value.coding] } : {}, remove: {} }, value: r.value.coding });
}

/** {@link updateCoding} as a change set (empty when nothing changes). */
export function updateCodingChange(state: IndexedProject, text: string, id: Id, patch: CodingPatch, env: CoreEnv): Result<{ changes: ChangeSet; value: Coding }> {
  const old = state.get('codings', id);
  // The coding itself, and those it could come to duplicate: same document, coder and (new) code.
  const codings = old ? [old, ...state.codingsWith(old.documentId, old.coderId, patch.codeId ?? old.codeId).filter((g) => g.id !== id)] : [];
  const view = slice(state, old?.documentId ?? '', patch.codeId !== undefined ? [patch.codeId] : [], [], codings);
  const r = updateCoding(view, text, id, patch, env);
  if (!r.ok) return r;
  const changed = r.value.data !== view;
  return ok({ changes: { upsert: changed ? { codings: [r.value.coding] } : {}, remove: {} }, value: r.value.coding });
}

/** {@link removeCoding} as a change set. */
export function removeCodingChange(state: IndexedProject, id: Id): Result<{ changes: ChangeSet; value: Coding }> {
  const old = state.get('codings', id);
  const r = removeCoding(slice(state, old?.documentId ?? '', [], [], old ? [old] : []), id);
  if (!r.ok) return r;
  return ok({ changes: { upsert: {}, remove: { codings: [id] } }, value: r.value.coding });
}
