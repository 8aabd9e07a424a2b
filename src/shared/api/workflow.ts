import type { Code, Coding, Id, Memo, MemoTarget } from '../../core/model/types.js';
import type { CodeFields } from '../../core/codebook/edit.js';
import type { SearchMode, SearchQuery } from '../../core/search/query.js';
import type { SearchResult } from '../../core/search/search.js';
import type { SectionMatch } from '../../core/search/sections.js';
import type { Passage, PassageFilter } from '../../core/retrieval/passages.js';
import type { CoOccurrenceRule, CoOccurrenceTable } from '../../core/matrix/counts.js';
import type { Mutation } from './base.js';
import type { HitScope } from '../../core/search/scope.js';

/** Who autocoded passages are attributed to: the session's coder, or the separate machine coder "auto". */
export type AutocodeAs = 'me' | 'auto';

/** Which documents a search or autocode covers (all when omitted or empty). */
export interface DocumentScope {
  documentIds?: Id[];
}

/** Codebook editing, memos, search, autocode, retrieval and coder views (issue 4). Owned by that area; the composition lives in `../api.ts`. */
export interface WorkflowOps {
  'code.create': { args: Partial<CodeFields> & { name: string; parentId?: Id | null }; result: Mutation<Code> };
  'code.update': { args: { id: Id; patch: Partial<CodeFields> }; result: Mutation<Code> };
  /** Move under `parentId` (null: top level) at sibling position `index`. */
  'code.move': { args: { id: Id; parentId: Id | null; index: number }; result: Mutation<Code> };
  'code.merge': { args: { sourceId: Id; targetId: Id }; result: Mutation<{ moved: number; collapsed: number }> };
  'code.delete': { args: { id: Id }; result: Mutation<{ codes: number; codings: number; ratings: number }> };
  'codebook.export': { args: { format: 'md' | 'json' }; result: { text: string; fileName: string } };
  /** `json` is the file's text (the format of codebook.export json, or a template). */
  'codebook.import': { args: { json: string }; result: Mutation<{ added: number; updated: number; unchanged: number }> };
  'coding.update': { args: { id: Id; start?: number; end?: number; codeId?: Id; memo?: string }; result: Mutation<Coding> };
  /** A new code named after the selection, under `parentId`, and the selection coded with it: one step. */
  'coding.inVivo': { args: { documentId: Id; start: number; end: number; parentId?: Id | null }; result: Mutation<{ code: Code; coding: Coding }> };
  /** The session coder's memo on a target (empty text deletes it). */
  'memo.set': { args: { target: MemoTarget; text: string }; result: Mutation<Memo | null> };
  'search.run': { args: SearchQuery & DocumentScope; result: SearchResult };
  /** Code every hit of a search (`hits` restricts to those start offsets per document, from the preview). */
  /** `scope`: code each hit itself (the default), its sentence or its paragraph (hits sharing one are coded once). */
  'search.codeHits': {
    args: SearchQuery & DocumentScope & { codeId: Id; as: AutocodeAs; only?: { documentId: Id; start: number; end: number }[]; scope?: HitScope };
    result: Mutation<{ added: number; existing: number }>;
  };
  'autocode.sectionsPreview': { args: { pattern: string; mode: SearchMode } & DocumentScope; result: SectionMatch[] };
  'autocode.sections': { args: { pattern: string; mode: SearchMode; codeId: Id; as: AutocodeAs } & DocumentScope; result: Mutation<{ added: number; existing: number }> };
  'retrieval.passages': { args: PassageFilter; result: Passage[] };
  'retrieval.export': { args: PassageFilter & { format: 'csv' | 'md' }; result: { text: string; fileName: string } };
  'retrieval.cooccurrence': { args: { rule: CoOccurrenceRule; coderIds?: Id[] }; result: CoOccurrenceTable };
}

/** Runtime list of this area's operations (the transports accept only listed names). */
export const WORKFLOW_OPERATIONS = [
  'code.create',
  'code.update',
  'code.move',
  'code.merge',
  'code.delete',
  'codebook.export',
  'codebook.import',
  'coding.update',
  'coding.inVivo',
  'memo.set',
  'search.run',
  'search.codeHits',
  'autocode.sectionsPreview',
  'autocode.sections',
  'retrieval.passages',
  'retrieval.export',
  'retrieval.cooccurrence',
] as const satisfies readonly (keyof WorkflowOps)[];
