/**
 * Types of merging another coder's work into a project. The same {@link IncomingWork} shape is
 * read from another project folder, from a coder-export file and from the items a merge had to
 * keep aside (so "retry" is just merging the kept-aside work again).
 */
import type { Code, Coder, Coding, Id, Timestamp } from '../model/types.js';

/** A document of the incoming side, known only by its canonical-text hash and title. */
export interface IncomingDocument {
  id: Id;
  title: string;
  /** SHA-256 (hex) of the canonical text: the only thing documents are matched by. */
  textHash: string;
  chars: number;
}

/** Work to bring in: coders, the codebook their codings use, document identities and codings. */
export interface IncomingWork {
  coders: Coder[];
  codebook: Code[];
  documents: IncomingDocument[];
  codings: Coding[];
}

/** Why an incoming coding could not be merged (it is kept aside, never dropped). */
export type KeptAsideReason = 'document-not-in-project' | 'quote-not-found' | 'unknown-code' | 'unknown-coder' | 'unknown-document';

/** Where merged work came from. */
export interface MergeSourceInfo {
  kind: 'project' | 'coder-export' | 'qdpx' | 'retry';
  /** File or folder name shown to the user. */
  name: string;
  /** Absolute path when known (never written to). */
  path?: string;
}

/** Counts per kind of item. */
export interface MergeCounts {
  coders: number;
  codes: number;
  documents: number;
  codings: number;
}

/**
 * What a merge did, written to `merges/<id>.json` in the project folder. `keptAside` holds every
 * incoming coding that could not be matched, as self-contained {@link IncomingWork} (with the
 * coders, codes and document identities it refers to), and `keptAsideReasons` says why, per coding.
 */
export interface MergeReport {
  format: 'casecoder-merge-report';
  version: 1;
  id: string;
  at: Timestamp;
  source: MergeSourceInfo;
  added: MergeCounts;
  /** Incoming items that were already present (the same item from both sides collapses). */
  matched: MergeCounts;
  /** Codes matched by id whose path differs on the incoming side (the project's name is kept). */
  renamedCodes: { id: Id; here: string; there: string }[];
  notes: string[];
  keptAside: IncomingWork;
  keptAsideReasons: { codingId: Id; reason: KeptAsideReason; detail: string }[];
  /** Documents of the incoming side that are not in this project (by text hash). */
  missingDocuments: { title: string; textHash: string; chars: number; codings: number }[];
  /** Backup taken before the merge, when one was. */
  backup?: string;
  /** Set when the user marked the report resolved, or a retry left nothing aside. */
  resolved?: boolean;
  /** Reports this one retried / was retried by. */
  retryOf?: string;
}
