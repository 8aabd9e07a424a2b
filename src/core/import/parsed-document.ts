import type { PmNodeJson } from '../model/types.js';

/**
 * What a pure importer returns: a title (possibly empty: the caller falls back to the file
 * name), a reader-schema document, and warnings worth showing the user (e.g. a footnote
 * reference without a definition, an encoding fallback).
 */
export interface ParsedDocument {
  title: string;
  doc: PmNodeJson;
  warnings: string[];
}
