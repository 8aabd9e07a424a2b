import type { SourceFormat } from '../model/types.js';

/** Markdown signals counted by {@link markdownScore}, each a line-level pattern. */
const SIGNALS: readonly RegExp[] = [
  /^#{1,6}[ \t]+\S/, // ATX heading
  /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$/, // table delimiter row
  /^\s*\|?\s*:?-{3,}:?\s*\|\s*$/, // one-column-ish delimiter
  /\*\*[^*\s][^*]*\*\*/, // strong
  /(^|[^\w*])\*[^*\s][^*]*\*(?![\w*])/, // emphasis
  /\[\^[^\]\s]+\]/, // footnote reference
  /!\[[^\]]*\]\([^)]*\)/, // image
  /\[[^\]]+\]\((?:https?:|mailto:|\/|#)[^)]*\)/, // link
  /^\s{0,3}[-*+][ \t]+\S/, // bullet list
  /\\[$*_#[\]`]/, // backslash escape
  /^\s{0,3}```/, // code fence
  /<(sup|sub|em|strong|p|div|br)\b[^>]*>/i, // inline HTML of converted documents
  /^\[TOC\]$/,
];

/**
 * Share of non-blank lines (among the first 4,000) carrying a Markdown signal, weighted so that
 * strong signals (headings, table delimiters, footnotes, fences) count more. Plain prose scores
 * near 0; converted Markdown (seeds 000, 001, 003) scores well above {@link MARKDOWN_THRESHOLD}.
 */
export function markdownScore(text: string): number {
  const lines = text
    .split('\n', 40_000)
    .filter((l) => l.trim())
    .slice(0, 4000);
  if (lines.length === 0) return 0;
  let hits = 0;
  for (const line of lines) {
    const strong = [0, 1, 5, 10].some((i) => SIGNALS[i]?.test(line));
    if (strong) hits += 3;
    else if (SIGNALS.some((re) => re.test(line))) hits += 1;
  }
  return hits / lines.length;
}

/** Score above which `.txt` content is read as Markdown. */
export const MARKDOWN_THRESHOLD = 0.02;

/** True when text content is better read as Markdown than as plain prose. */
export function looksLikeMarkdown(text: string): boolean {
  return markdownScore(text) >= MARKDOWN_THRESHOLD;
}

/** One kind of file an import accepts. */
export interface ImportFormat {
  /** The format its documents are read as; `refi` for a REFI-QDA project, which the import merges instead (codebook, coders, codings). */
  format: Exclude<SourceFormat, 'qdpx'> | 'refi';
  /** As users call it, in lists such as the Import dialog's. */
  name: string;
  /** Its file extensions, lower case, without the dot; the first is the usual one. */
  extensions: readonly string[];
}

/**
 * Every kind of file an import accepts: the one table that the format detection, the folder walk,
 * the routing of REFI-QDA projects and the Import dialog (its file picker and its hint) read.
 */
export const IMPORT_FORMATS: readonly ImportFormat[] = [
  { format: 'md', name: 'Markdown', extensions: ['md', 'markdown', 'mdown', 'mkd'] },
  { format: 'txt', name: 'text', extensions: ['txt', 'text'] },
  { format: 'html', name: 'HTML', extensions: ['html', 'htm', 'xhtml'] },
  { format: 'docx', name: 'DOCX', extensions: ['docx'] },
  { format: 'pdf', name: 'PDF', extensions: ['pdf'] },
  { format: 'refi', name: 'REFI-QDA', extensions: ['qdpx', 'qdc', 'qde'] },
];

const extensionOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const formatOfExtension = (ext: string): ImportFormat | null => {
  const key = ext.replace(/^\./, '').toLowerCase();
  return IMPORT_FORMATS.find((f) => f.extensions.includes(key)) ?? null;
};

/** Document format named by a file extension (case-insensitive, with or without the dot), or null (a REFI-QDA project is not a document). */
export function formatFromExtension(ext: string): SourceFormat | null {
  const f = formatOfExtension(ext)?.format;
  return f && f !== 'refi' ? f : null;
}

/** True for a REFI-QDA project by its file name (`.qdpx`, `.qdc`, bare `.qde`): imported by merging, not as a document. */
export function isRefiProjectName(name: string): boolean {
  return formatOfExtension(extensionOf(name))?.format === 'refi';
}

/** True for a file name an import accepts, by its extension (documents and REFI-QDA projects). */
export function hasImportExtension(name: string): boolean {
  return formatOfExtension(extensionOf(name)) !== null;
}

/** Every accepted extension with its dot, comma-separated: the `accept` of a file picker. */
export function importAccept(): string {
  return IMPORT_FORMATS.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(', ');
}

/** What an import accepts, in words: "Markdown, text, HTML, DOCX, PDF, REFI-QDA (.qdpx, .qdc, .qde)". */
export function importFormatsHint(): string {
  return IMPORT_FORMATS.map((f) => (f.format === 'refi' ? `${f.name} (${f.extensions.map((e) => `.${e}`).join(', ')})` : f.name)).join(', ');
}

/** The usual extension of each document format, for messages: ".md, .txt, .html, .docx or .pdf". */
export function documentExtensionsHint(): string {
  const usual = IMPORT_FORMATS.filter((f) => f.format !== 'refi').map((f) => `.${f.extensions[0]}`);
  return `${usual.slice(0, -1).join(', ')} or ${usual[usual.length - 1]}`;
}

/**
 * Format from the first bytes (magic numbers): `%PDF-` → pdf; a zip (`PK\x03\x04`) → docx (the
 * DOCX importer verifies the parts); `<!doctype html` or `<html` → html. Null when unknown.
 */
export function formatFromMagic(head: Uint8Array): SourceFormat | null {
  const ascii = String.fromCharCode(...head.subarray(0, 512));
  if (ascii.startsWith('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'docx';
  const start = ascii
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .slice(0, 64)
    .toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'html';
  return null;
}
