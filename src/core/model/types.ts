/**
 * The persisted project model, schema version 1 (see docs/ARCHITECTURE.md, "Data model").
 *
 * Everything here is plain JSON-serialisable data. `casecoder.json` holds a {@link ProjectData};
 * document content lives separately in immutable {@link SourceContent} files.
 */

/** Schema version this build reads and writes. A file with a higher version opens read-only. */
export const SCHEMA_VERSION = 1;

/** Version of the canonical-text serializer rules (see `document/text-index.ts`). */
export const TEXT_VERSION = 1;

/** Opaque identifier (short random string). */
export type Id = string;

/** ISO-8601 timestamp. */
export type Timestamp = string;

export interface ProjectMeta {
  id: Id;
  name: string;
  created: Timestamp;
  /** Incremented on every codebook change; exports cite it. */
  codebookVersion: number;
}

export interface Coder {
  id: Id;
  name: string;
  /** True for an adjudicated consensus coder. */
  consensus?: boolean;
  /** True for machine coders (autocode), so agreement never counts them unnoticed. */
  auto?: boolean;
}

export interface Code {
  id: Id;
  name: string;
  parentId: Id | null;
  /** CSS hex colour, `#rrggbb`. */
  color: string;
  description: string;
  inclusion: string;
  exclusion: string;
  example: string;
  /** A single key `1`–`9`, or null. */
  shortcut: string | null;
  /** Sibling order. */
  order: number;
}

export type AttributeType = 'text' | 'number' | 'date' | 'boolean';
export type AttributeValue = string | number | boolean | null;

export interface AttributeDef {
  name: string;
  type: AttributeType;
}

export interface Case {
  id: Id;
  name: string;
  attributes: Record<string, AttributeValue>;
}

export type SourceFormat = 'md' | 'txt' | 'html' | 'docx' | 'pdf' | 'qdpx';

/** One page of a paged source: the canonical-text offset where the page begins. */
export interface PageStart {
  page: number;
  offset: number;
}

export interface DocumentMeta {
  id: Id;
  caseId: Id | null;
  title: string;
  sourceFile: string;
  format: SourceFormat;
  /** SHA-256 (hex) of the canonical text. */
  textHash: string;
  /** Length of the canonical text in UTF-16 code units. */
  chars: number;
  importedAt: Timestamp;
  textVersion: number;
  /** Page starts, ascending by offset, when the source had pages. */
  pages?: PageStart[];
}

export interface Provenance {
  decidedBy: Id;
  fromCodingIds: Id[];
  decision: 'accept-a' | 'accept-b' | 'accept-both' | 'edit' | 'reject';
  at: Timestamp;
}

export interface Coding {
  id: Id;
  documentId: Id;
  codeId: Id;
  coderId: Id;
  /** UTF-16 code-unit offset into the document's canonical text, inclusive. */
  start: number;
  /** End offset, exclusive. */
  end: number;
  /** The quoted text `text.slice(start, end)` at coding time. */
  exact: string;
  /** Up to 32 characters before `start`. */
  prefix: string;
  /** Up to 32 characters after `end`. */
  suffix: string;
  memo: string;
  created: Timestamp;
  updated: Timestamp;
  provenance?: Provenance;
}

export interface Matrix {
  id: Id;
  name: string;
  /** Column code ids, in order. */
  columns: Id[];
  /** Row case ids; empty means all cases. */
  rows: Id[];
  /** Ordinal scale labels, low to high. */
  scale: string[];
  /** Label meaning "not applicable" (outside the ordinal scale). */
  notApplicable: string;
}

export interface Rating {
  id: Id;
  matrixId: Id;
  caseId: Id;
  codeId: Id;
  coderId: Id;
  /** A scale label or the not-applicable label; null means unrated. */
  value: string | null;
  note: string;
  evidence: Id[];
  updated: Timestamp;
  provenance?: Provenance;
}

export type MemoTarget =
  | { kind: 'document'; id: Id }
  | { kind: 'code'; id: Id }
  | { kind: 'case'; id: Id }
  | { kind: 'project' };

export interface Memo {
  id: Id;
  target: MemoTarget;
  coderId: Id | null;
  text: string;
  updated: Timestamp;
}

/** The whole of `casecoder.json`. */
export interface ProjectData {
  format: 'casecoder';
  schemaVersion: number;
  project: ProjectMeta;
  coders: Coder[];
  codebook: Code[];
  attributeDefs: AttributeDef[];
  cases: Case[];
  documents: DocumentMeta[];
  codings: Coding[];
  matrices: Matrix[];
  ratings: Rating[];
  memos: Memo[];
}

/** ProseMirror JSON of a document node (kept loose: validated against the schema on load). */
export interface PmNodeJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNodeJson[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

/** The immutable content file `sources/<docId>.json`. */
export interface SourceContent {
  id: Id;
  textVersion: number;
  doc: PmNodeJson;
  text: string;
  textHash: string;
}
