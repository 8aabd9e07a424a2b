import type { AttributeDef, AttributeValue, PmNodeJson } from '../model/types.js';
import type { CasecoderExtension } from './casecoder-extension.js';
import type { UnitChoice, UnitDetection } from './positions.js';

/**
 * The result of reading a REFI-QDA file: plain data, already in Casecoder's terms (canonical
 * text, UTF-16 offsets into it, exact quotes), still keyed by the file's GUIDs. Nothing here
 * touches a project; `applyRefiImport` merges it into one. Everything the file held that is not
 * represented here is listed in {@link RefiReport.notImported}.
 */
export interface RefiImport {
  format: 'qdpx' | 'qde' | 'qdc';
  projectName: string;
  origin: string;
  coders: RefiCoder[];
  /** Parents before children, siblings in file order. */
  codes: RefiCode[];
  attributeDefs: AttributeDef[];
  cases: RefiCase[];
  documents: RefiDocument[];
  codings: RefiCoding[];
  memos: RefiMemo[];
  /** What a Casecoder export carried beyond REFI-QDA (coder roles, matrices, ratings…), or null. */
  extension: CasecoderExtension | null;
  report: RefiReport;
}

export interface RefiCoder {
  guid: string;
  name: string;
}

export interface RefiCode {
  guid: string;
  parentGuid: string | null;
  name: string;
  /** `#rrggbb`, lower case, or null when the file had none. */
  color: string | null;
  description: string;
  inclusion: string;
  exclusion: string;
  example: string;
  codable: boolean;
}

export interface RefiCase {
  guid: string;
  name: string;
  attributes: Record<string, AttributeValue>;
}

export interface RefiDocument {
  guid: string;
  title: string;
  caseGuid: string | null;
  /** Canonical text (LF line ends, no BOM). */
  text: string;
  /** Content: `faithfulTextToDoc(text)` for plain text, or the DOCX importer's document. */
  doc: PmNodeJson;
  /** Where the text came from. */
  textFrom: 'file' | 'inline' | 'docx';
  /** True when `doc` was rebuilt from the rich-text DOCX beside the plain text (headings, lists, tables…). */
  structured?: boolean;
}

export interface RefiCoding {
  guid: string;
  documentGuid: string;
  codeGuid: string;
  /** Key of the creating user, or null when the file names none. */
  coderGuid: string | null;
  /** UTF-16 offsets into the document's canonical text, end exclusive. */
  start: number;
  end: number;
  exact: string;
  memo: string;
  created: string | null;
}

export type RefiMemoTarget = { kind: 'project' } | { kind: 'code' | 'document' | 'case'; guid: string };

export interface RefiMemo {
  guid: string;
  target: RefiMemoTarget;
  coderGuid: string | null;
  text: string;
  created: string | null;
}

/** Which reading of positions was used for one document, and how it was confirmed. */
export interface RefiPositionReport {
  documentGuid: string;
  title: string;
  choice: UnitChoice;
  /** True when the producer's text holds CRLF line ends (only then does `choice.crlfAs` matter). */
  crlf: boolean;
  evidence: UnitDetection['evidence'];
  fit: number;
  total: number;
  /** Every reading tried, with its score (so the report can show why this one won). */
  candidates: UnitDetection['candidates'];
}

/** Kinds of things a REFI-QDA file can hold that were not (fully) imported. */
export type RefiItemKind = 'picture' | 'pdf' | 'audio' | 'video' | 'transcript' | 'link' | 'set' | 'graph' | 'document' | 'selection' | 'coding' | 'note' | 'variable' | 'case' | 'code' | 'matrix' | 'rating' | 'element';

/** One item not imported (or imported only in part), with the reason in a sentence. */
export interface RefiSkipped {
  kind: RefiItemKind;
  guid: string;
  name: string;
  reason: string;
}

/**
 * Who each coding was attributed to. REFI-QDA puts a `creatingUser` on the `PlainTextSelection`
 * (who marked the passage) and another on each `Coding` (who applied the code). NVivo for Windows
 * 12.6 writes the exporting user on every Coding and the real author on the selection; NVivo for
 * Mac writes the author on both. The rule: the selection's creator, then the coding's, then the
 * selection's last modifier, then the project's creator.
 */
export interface RefiAttribution {
  /** The rule, in one sentence. */
  rule: string;
  /** Users the codings were attributed to, with their coding counts, in file order. */
  users: { guid: string; name: string; codings: number }[];
  /** Codings whose selection and coding name different users (the selection's user was taken). */
  differing: number;
}

/** The reading report: position units per document, and everything left behind. */
export interface RefiReport {
  positions: RefiPositionReport[];
  attribution: RefiAttribution;
  notImported: RefiSkipped[];
  /** Changes made to fit Casecoder's model (e.g. non-codable folders became codes). */
  notes: string[];
}
