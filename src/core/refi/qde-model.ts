/**
 * The REFI-QDA XML as read, before any text is attached: a faithful, typed picture of what the
 * `.qde` / `.qdc` says, with every GUID already normalised by `guidKey`. Positions stay in the
 * producer's unit; `assemble.ts` converts them once the texts are known.
 */

export interface QdeUser {
  guid: string;
  name: string;
}

export interface QdeCode {
  guid: string;
  name: string;
  codable: boolean;
  /** As written (`#RGB` or `#RRGGBB`), or null. */
  color: string | null;
  description: string;
  noteRefs: string[];
  children: QdeCode[];
}

export type QdeVariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';

export interface QdeVariable {
  guid: string;
  name: string;
  type: QdeVariableType;
  description: string;
}

export interface QdeVariableValue {
  variableGuid: string;
  /** The value element's local name without `Value` (`Text`, `Boolean`, …), or null when absent. */
  kind: QdeVariableType | null;
  raw: string;
}

export interface QdeCase {
  guid: string;
  name: string;
  description: string;
  codeRefs: string[];
  values: QdeVariableValue[];
  sourceRefs: string[];
  selectionRefs: string[];
}

export interface QdeCoding {
  guid: string;
  codeGuid: string;
  creatingUser: string | null;
  created: string | null;
  noteRefs: string[];
}

export interface QdeSelection {
  guid: string;
  name: string;
  /** Raw attribute values; parsed by the assembler so a bad number is reported, not fatal. */
  start: string;
  end: string;
  creatingUser: string | null;
  modifyingUser: string | null;
  created: string | null;
  description: string;
  codings: QdeCoding[];
  noteRefs: string[];
}

/** A `TextSource`, a `Note`, a PDF `Representation` or a `Transcript`: anything with plain text. */
export interface QdeTextSource {
  element: 'TextSource' | 'Note' | 'Representation' | 'Transcript';
  guid: string;
  name: string;
  plainTextPath: string | null;
  richTextPath: string | null;
  /** `PlainTextContent`, when present (inline text). */
  inlineText: string | null;
  description: string;
  selections: QdeSelection[];
  /** Codings of the whole source. */
  codings: QdeCoding[];
  noteRefs: string[];
  values: QdeVariableValue[];
  creatingUser: string | null;
  created: string | null;
}

/** A non-text source (picture, PDF, audio, video): reported, with what it contained. */
export interface QdeOtherSource {
  element: 'PictureSource' | 'PDFSource' | 'AudioSource' | 'VideoSource';
  guid: string;
  name: string;
  path: string | null;
  selections: number;
  codings: number;
  /** A PDF's plain-text representation or a media file's transcripts (not imported, counted). */
  textParts: QdeTextSource[];
}

export interface QdeLink {
  guid: string;
  name: string;
  origin: string | null;
  target: string | null;
}

export interface QdeSet {
  guid: string;
  name: string;
  memberCodes: string[];
  memberSources: string[];
  memberNotes: string[];
}

/** One parsed `.qde` or `.qdc`. */
export interface QdeProject {
  kind: 'project' | 'codebook';
  /** Root element namespace as written (`urn:QDA-XML:project:1.0`, `…:0:4`, or ''). */
  namespace: string;
  name: string;
  origin: string;
  basePath: string;
  creatingUser: string | null;
  description: string;
  users: QdeUser[];
  codes: QdeCode[];
  variables: QdeVariable[];
  cases: QdeCase[];
  textSources: QdeTextSource[];
  otherSources: QdeOtherSource[];
  notes: QdeTextSource[];
  links: QdeLink[];
  sets: QdeSet[];
  graphs: { guid: string; name: string }[];
  projectNoteRefs: string[];
  /** Element names found that this reader does not know (reported, never fatal). */
  unknownElements: string[];
}
