/**
 * Escaping for every text format the exports write. Each function makes arbitrary user text
 * (case names, notes, quotes from hostile documents) inert in its target format.
 */

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * THE formula guard: every CSV and XLSX writer passes each text cell through it (a test of the
 * security suite enumerates the writers and fails on one that does not). Text a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading apostrophe.
 * Numbers are never passed as text, so `-1` stays a number.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text goes through {@link guardFormula}; numbers are written as they are, so `-1` stays a number.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = guardFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text with CRLF line ends (RFC 4180), ending in a line break. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML or XML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/** Text for XML (SVG): as HTML, plus characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

/** Text for a Markdown (GFM) table cell or paragraph: punctuation that would become markup is backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/([\\`*_[\]<>|#!~])/g, '\\$1');
}

/** The manifest inside a comment of a format whose comments end at `*\/`-like markers: remove the terminator. */
export function safeComment(text: string, terminator: string): string {
  return text.split(terminator).join(terminator.split('').join(' '));
}
