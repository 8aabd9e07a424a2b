import { z } from 'zod';
import type { Code, Coding } from '../../core/model/types.js';
import type { SectionMatch } from '../../core/search/sections.js';
import type { Passage } from '../../core/retrieval/passages.js';
import type { CoOccurrenceTable } from '../../core/matrix/counts.js';
import { HIT_SCOPES, type HitScope } from '../../core/search/scope.js';
import { op, returns } from './declare.js';
import type { Mutation } from './project.js';
import { documentScope, searchMode, searchQuery } from './documents.js';
import { id, ids, offset, text } from './fields.js';

/** Codings: coding passages by hand, in vivo, from search hits or sections, and retrieving them. */

const autocodeAs = z.enum(['me', 'auto']);
/** Who autocoded passages are attributed to: the session's coder, or the separate machine coder "auto". */
export type AutocodeAs = z.output<typeof autocodeAs>;

const addCoding = z.strictObject({ documentId: id, codeId: id, start: offset, end: offset, memo: text().optional() });
/** A coding to add: a code on a span of a document, with an optional memo. */
export type AddCodingArgs = z.output<typeof addCoding>;

const passageFilter = {
  codeIds: ids.optional(),
  includeChildren: z.boolean().optional(),
  caseIds: ids.optional(),
  documentIds: ids.optional(),
  coderIds: ids.optional(),
};
const rule = z.enum(['overlap', 'paragraph']);

/** The coding and retrieval operations. */
export const CODING_OPS = {
  'coding.add': op(addCoding, returns<Mutation<Coding>>()),
  'coding.remove': op(z.strictObject({ id }), returns<Mutation<null>>()),
  'coding.update': op(z.strictObject({ id, start: offset.optional(), end: offset.optional(), codeId: id.optional(), memo: text().optional() }), returns<Mutation<Coding>>()),
  /** A new code named after the selection, under `parentId`, and the selection coded with it: one step. */
  'coding.inVivo': op(z.strictObject({ documentId: id, start: offset, end: offset, parentId: id.nullable().optional() }), returns<Mutation<{ code: Code; coding: Coding }>>()),
  /**
   * Code every hit of a search (`only` restricts to those hits, from the preview). `scope`: code
   * each hit itself (the default), its sentence or its paragraph (hits sharing one are coded once).
   */
  'search.codeHits': op(
    z.strictObject({
      ...searchQuery,
      ...documentScope,
      codeId: id,
      as: autocodeAs,
      only: z
        .array(z.strictObject({ documentId: id, start: offset, end: offset }))
        .max(1_000_000)
        .optional(),
      scope: z.enum(HIT_SCOPES as [HitScope, ...HitScope[]]).optional(),
    }),
    returns<Mutation<{ added: number; existing: number }>>(),
  ),
  'autocode.sectionsPreview': op(z.strictObject({ pattern: text(500), mode: searchMode, ...documentScope }), returns<SectionMatch[]>()),
  'autocode.sections': op(z.strictObject({ pattern: text(500), mode: searchMode, codeId: id, as: autocodeAs, ...documentScope }), returns<Mutation<{ added: number; existing: number }>>()),
  'retrieval.passages': op(z.strictObject(passageFilter), returns<Passage[]>()),
  'retrieval.export': op(z.strictObject({ ...passageFilter, format: z.enum(['csv', 'md']) }), returns<{ text: string; fileName: string }>()),
  'retrieval.cooccurrence': op(z.strictObject({ rule, coderIds: ids.optional() }), returns<CoOccurrenceTable>()),
};
