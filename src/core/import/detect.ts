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

const EXTENSIONS: Record<string, SourceFormat> = {
  md: 'md',
  markdown: 'md',
  mdown: 'md',
  mkd: 'md',
  txt: 'txt',
  text: 'txt',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  docx: 'docx',
  pdf: 'pdf',
};

/** Format named by a file extension (case-insensitive, without the dot), or null. */
export function formatFromExtension(ext: string): SourceFormat | null {
  const key = ext.replace(/^\./, '').toLowerCase();
  return Object.hasOwn(EXTENSIONS, key) ? (EXTENSIONS[key] ?? null) : null;
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
