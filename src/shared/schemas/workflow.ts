import { z } from 'zod';
import { HIT_SCOPES, type HitScope } from '../../core/search/scope.js';
import type { WorkflowOps } from '../api/workflow.js';
import { id, ids, name, offset, text, type ArgSchemas } from './common.js';

const MODES = ['plain', 'word', 'regex'] as const;

/** The editable fields of a code (and nothing else: not its id, parent or order). */
const codeFields = {
  name: name().optional(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour of the form #rrggbb').optional(),
  description: text(20_000).optional(),
  inclusion: text(20_000).optional(),
  exclusion: text(20_000).optional(),
  example: text(20_000).optional(),
  shortcut: z.string().regex(/^[1-9]$/, 'a single key from 1 to 9').nullable().optional(),
};
const query = { text: text(500), mode: z.enum(MODES), caseSensitive: z.boolean().optional() };
const scope = { documentIds: ids.optional() };
const as = z.enum(['me', 'auto']);
const passageFilter = {
  codeIds: ids.optional(),
  includeChildren: z.boolean().optional(),
  caseIds: ids.optional(),
  documentIds: ids.optional(),
  coderIds: ids.optional(),
};
const memoTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), id }),
  z.strictObject({ kind: z.literal('code'), id }),
  z.strictObject({ kind: z.literal('case'), id }),
  z.strictObject({ kind: z.literal('project') }),
]);
const rule = z.enum(['overlap', 'paragraph']);

/** Argument schemas of the workflow operations. */
export const WORKFLOW_SCHEMAS = {
  'code.create': z.strictObject({ ...codeFields, name: name(), parentId: id.nullable().optional() }),
  'code.update': z.strictObject({ id, patch: z.strictObject(codeFields) }),
  'code.move': z.strictObject({ id, parentId: id.nullable(), index: z.number().int().min(0).max(1_000_000) }),
  'code.merge': z.strictObject({ sourceId: id, targetId: id }),
  'code.delete': z.strictObject({ id }),
  'codebook.export': z.strictObject({ format: z.enum(['md', 'json']) }),
  'codebook.import': z.strictObject({ json: z.string().max(50_000_000) }),
  'coding.update': z.strictObject({ id, start: offset.optional(), end: offset.optional(), codeId: id.optional(), memo: text().optional() }),
  'coding.inVivo': z.strictObject({ documentId: id, start: offset, end: offset, parentId: id.nullable().optional() }),
  'memo.set': z.strictObject({ target: memoTarget, text: text() }),
  'search.run': z.strictObject({ ...query, ...scope }),
  'search.codeHits': z.strictObject({
    ...query,
    ...scope,
    codeId: id,
    as,
    only: z.array(z.strictObject({ documentId: id, start: offset, end: offset })).max(1_000_000).optional(),
    scope: z.enum(HIT_SCOPES as [HitScope, ...HitScope[]]).optional(),
  }),
  'autocode.sectionsPreview': z.strictObject({ pattern: text(500), mode: z.enum(MODES), ...scope }),
  'autocode.sections': z.strictObject({ pattern: text(500), mode: z.enum(MODES), codeId: id, as, ...scope }),
  'retrieval.passages': z.strictObject(passageFilter),
  'retrieval.export': z.strictObject({ ...passageFilter, format: z.enum(['csv', 'md']) }),
  'retrieval.cooccurrence': z.strictObject({ rule, coderIds: ids.optional() }),
} satisfies ArgSchemas<WorkflowOps>;
