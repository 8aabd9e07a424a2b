import type { Id, Memo, MemoTarget, ProjectData } from '../model/types.js';
import type { CoreEnv } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';

/** True when two memo targets name the same thing. */
export function sameTarget(a: MemoTarget, b: MemoTarget): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'project' || (a as { id: Id }).id === (b as { id: Id }).id;
}

/** The memo one coder (or nobody, for shared memos) wrote on a target, if any. */
export function findMemo(data: ProjectData, target: MemoTarget, coderId: Id | null): Memo | undefined {
  return data.memos.find((m) => sameTarget(m.target, target) && m.coderId === coderId);
}

/**
 * Write a memo: one memo per target and coder. Empty text deletes it. The target must exist.
 * Memos are analysis, so they are undoable like any change (the caller records the step).
 */
export function setMemo(data: ProjectData, target: MemoTarget, coderId: Id | null, text: string, env: CoreEnv): Result<{ data: ProjectData; memo: Memo | null }> {
  if (typeof text !== 'string' || text.length > 200_000) return err('invalid', 'A memo is text of at most 200,000 characters');
  const exists =
    target.kind === 'project' ||
    (target.kind === 'document' && data.documents.some((d) => d.id === target.id)) ||
    (target.kind === 'code' && data.codebook.some((c) => c.id === target.id)) ||
    (target.kind === 'case' && data.cases.some((c) => c.id === target.id));
  if (!exists) return err('not-found', `No ${target.kind} to attach this memo to`);
  const old = findMemo(data, target, coderId);
  if (!text.trim()) {
    if (!old) return ok({ data, memo: null });
    return ok({ data: { ...data, memos: data.memos.filter((m) => m !== old) }, memo: null });
  }
  if (old && old.text === text) return ok({ data, memo: old });
  const memo: Memo = { id: old?.id ?? env.newId('m_'), target, coderId, text, updated: env.now() };
  return ok({ data: { ...data, memos: old ? data.memos.map((m) => (m === old ? memo : m)) : [...data.memos, memo] }, memo });
}
