/**
 * The persisted project model, schema version 1 (see docs/ARCHITECTURE.md, "Data model").
 *
 * Everything here is plain JSON-serialisable data. `casecoder.json` holds a {@link ProjectData};
 * document content lives separately in immutable {@link SourceContent} files.
 */

import type { z } from 'zod';
import type {
  attributeDefSchema,
  attributeValueSchema,
  caseSchema,
  codeSchema,
  coderSchema,
  codingSchema,
  documentMetaSchema,
  matrixSchema,
  memoSchema,
  memoTargetSchema,
  pageStartSchema,
  projectDataSchema,
  projectMetaSchema,
  provenanceSchema,
  ratingSchema,
  SOURCE_FORMATS,
  ATTRIBUTE_TYPES,
} from './project-schema.js';
import type { sourceContentSchema } from './source-schema.js';

export { SCHEMA_VERSION } from './project-schema.js';

/** Version of the canonical-text serializer rules (see `document/text-index.ts`). */
export const TEXT_VERSION = 1;

/** Opaque identifier (short random string). */
export type Id = string;

/** ISO-8601 timestamp. */
export type Timestamp = string;

// The stored project's types are inferred from its one schema (`project-schema.ts`), which also
// validates files and changes: the field comments live there.

export type ProjectMeta = z.infer<typeof projectMetaSchema>;
export type Coder = z.infer<typeof coderSchema>;
export type Code = z.infer<typeof codeSchema>;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];
export type AttributeValue = z.infer<typeof attributeValueSchema>;
export type AttributeDef = z.infer<typeof attributeDefSchema>;
export type Case = z.infer<typeof caseSchema>;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];
/** One page of a paged source: the canonical-text offset where the page begins. */
export type PageStart = z.infer<typeof pageStartSchema>;
export type DocumentMeta = z.infer<typeof documentMetaSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type Coding = z.infer<typeof codingSchema>;
export type Matrix = z.infer<typeof matrixSchema>;
export type Rating = z.infer<typeof ratingSchema>;
export type MemoTarget = z.infer<typeof memoTargetSchema>;
export type Memo = z.infer<typeof memoSchema>;
/** The whole of `casecoder.json`. */
export type ProjectData = z.infer<typeof projectDataSchema>;

export type { PmNodeJson } from './source-schema.js';

/** The immutable content file `sources/<docId>.json` (its schema: `source-schema.ts`). */
export type SourceContent = z.output<typeof sourceContentSchema>;
