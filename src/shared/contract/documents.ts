import { z } from 'zod';
import { SOURCE_FORMATS } from '../../core/model/project-schema.js';
import type { DocumentMeta, Id, SourceContent } from '../../core/model/types.js';
import type { SearchResult } from '../../core/search/search.js';
import { op, returns } from './declare.js';
import type { Mutation } from './project.js';
import { id, ids, name, readPath, text, upload } from './fields.js';

/** Documents: importing, reading, retitling and searching them. */

const SEARCH_MODES = ['plain', 'word', 'regex'] as const;

/** The options of an import, shared by `import.files` and `import.upload`. */
const importOptions = {
  /** Assign every imported document to this case (created when missing). */
  caseName: name().optional(),
  /** Force a format instead of detecting it. */
  format: z.enum(SOURCE_FORMATS).optional(),
  /** Split each file into one document per known case, at lines naming a case. */
  splitCases: z.boolean().optional(),
  /** Join lines broken inside sentences (text converted from PDF). */
  reflow: z.boolean().optional(),
  /** Section names whose bare lines become headings (default: the codebook's scorecard sections). */
  headings: z.array(name()).max(1000).optional(),
  /** With `splitCases`: keep the text before the first case as a document of its own. */
  keepPreamble: z.boolean().optional(),
  /**
   * Documents this import replaces in the same step (re-importing a file in another format, e.g.
   * as Markdown after it was read as plain text). Refused when one already has codings or memos.
   */
  replaceDocuments: ids.optional(),
};
const importRequest = z.strictObject({ paths: z.array(readPath).min(1).max(10_000), ...importOptions });

/** What to import from paths, and how. */
export type ImportRequest = z.output<typeof importRequest>;

/** A search's query: its text, how it matches, and whether case counts. */
export const searchQuery = { text: text(500), mode: z.enum(SEARCH_MODES), caseSensitive: z.boolean().optional() };
/** Which documents a search or autocode covers (all when omitted or empty). */
export const documentScope = { documentIds: ids.optional() };
/** Which documents a search or autocode covers (all when omitted or empty). */
export type DocumentScope = z.output<z.ZodObject<typeof documentScope>>;
/** How a search or section pattern matches. */
export const searchMode = z.enum(SEARCH_MODES);

export interface ImportFileOutcome {
  path: string;
  status: 'imported' | 'skipped' | 'failed';
  reason?: string;
  documentIds: Id[];
  warnings: string[];
  /** Names of the cases the file's documents were assigned to (split imports name several). */
  cases?: string[];
  /** A format the file looks like although it was read otherwise: offered to re-import it as such. */
  suggestedFormat?: 'md';
}

export interface ImportReport {
  files: ImportFileOutcome[];
}

/** The document operations. */
export const DOCUMENT_OPS = {
  /** Retitle a document (content and codings untouched). */
  'document.rename': op(z.strictObject({ id, title: name(500) }), returns<Mutation<DocumentMeta>>()),
  'document.content': op(z.strictObject({ id }), returns<SourceContent>()),
  'import.files': op(importRequest, returns<Mutation<ImportReport>>()),
  /** Browser mode: file bytes from an upload or a drop (base64), imported like `import.files`. */
  'import.upload': op(z.strictObject({ files: z.array(upload).min(1).max(10_000), ...importOptions }), returns<Mutation<ImportReport>>()),
  'search.run': op(z.strictObject({ ...searchQuery, ...documentScope }), returns<SearchResult>()),
};
