import { z } from 'zod';
import type { Code } from '../../core/model/types.js';
import { op, returns } from './declare.js';
import type { Mutation } from './project.js';
import { id, name, text } from './fields.js';

/** The codebook: its codes (created, edited, moved, merged, deleted) and its exchange as a file. */

/** The editable fields of a code (and nothing else: not its id, parent or order). */
const codeFields = {
  name: name().optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour of the form #rrggbb')
    .optional(),
  description: text(20_000).optional(),
  inclusion: text(20_000).optional(),
  exclusion: text(20_000).optional(),
  example: text(20_000).optional(),
  shortcut: z
    .string()
    .regex(/^[1-9]$/, 'a single key from 1 to 9')
    .nullable()
    .optional(),
};

/** The codebook operations. */
export const CODEBOOK_OPS = {
  'code.create': op(z.strictObject({ ...codeFields, name: name(), parentId: id.nullable().optional() }), returns<Mutation<Code>>()),
  'code.update': op(z.strictObject({ id, patch: z.strictObject(codeFields) }), returns<Mutation<Code>>()),
  /** Move under `parentId` (null: top level) at sibling position `index`. */
  'code.move': op(z.strictObject({ id, parentId: id.nullable(), index: z.number().int().min(0).max(1_000_000) }), returns<Mutation<Code>>()),
  'code.merge': op(z.strictObject({ sourceId: id, targetId: id }), returns<Mutation<{ moved: number; collapsed: number }>>()),
  'code.delete': op(z.strictObject({ id }), returns<Mutation<{ codes: number; codings: number; ratings: number }>>()),
  'codebook.export': op(z.strictObject({ format: z.enum(['md', 'json']) }), returns<{ text: string; fileName: string }>()),
  /** `json` is the file's text (the format of codebook.export json, or a template). */
  'codebook.import': op(z.strictObject({ json: z.string().max(50_000_000) }), returns<Mutation<{ added: number; updated: number; unchanged: number }>>()),
};
