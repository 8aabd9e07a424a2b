import { z } from 'zod';
import type { Memo } from '../../core/model/types.js';
import { op, returns } from './declare.js';
import type { Mutation } from './project.js';
import { id, text } from './fields.js';

/** Memos: each coder's note on a document, a code, a case or the project. */

const memoTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), id }),
  z.strictObject({ kind: z.literal('code'), id }),
  z.strictObject({ kind: z.literal('case'), id }),
  z.strictObject({ kind: z.literal('project') }),
]);

/** The memo operations. */
export const MEMO_OPS = {
  /** The session coder's memo on a target (empty text deletes it). */
  'memo.set': op(z.strictObject({ target: memoTarget, text: text() }), returns<Mutation<Memo | null>>()),
};
