import type { PmNodeJson } from '../model/types.js';

/**
 * The text behind one REFI-QDA text source or note, as the Node side found it.
 * `plain` keeps the file's line ends (CRLF) because the position unit is decided on them; the BOM
 * is already removed. `doc` is text recovered from a rich file (the DOCX beside an empty `.txt`),
 * already canonical. `missing` carries the reason for the import report.
 */
export type SourceText = { kind: 'plain'; raw: string; from: 'file' | 'inline'; rich?: RichText } | { kind: 'doc'; text: string; doc: PmNodeJson } | { kind: 'missing'; reason: string };

/**
 * The structure read from a source's rich-text file (the DOCX a Casecoder export writes beside
 * the plain text): the rebuilt document and its canonical text, or why it could not be read.
 * The assembler uses the document only when its text equals the plain text exactly.
 */
export type RichText = { doc: PmNodeJson; text: string; path: string } | { error: string; path: string };

/** Remove one leading U+FEFF (a UTF-8 BOM decoded), which no producer counts in positions. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
