/**
 * Merging another coder's work (pure): the matching rules, the coder-export file format and the
 * merge report. Reading folders and files and writing `merges/<id>.json` live in `src/main/merge`.
 */
export * from './types.js';
export { codingKey, describeMerge, mergeWork, type MergeOptions } from './merge-work.js';
export { buildCoderExport, CODER_EXPORT_FORMAT, CODER_EXPORT_VERSION, coderExportFileName, looksLikeCoderExport, parseCoderExport, type CoderExport } from './coder-export.js';
export { reanchor } from './reanchor.js';
