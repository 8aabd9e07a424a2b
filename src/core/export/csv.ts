import { formatEvidence } from '../matrix/evidence.js';
import type { TidyRating } from './bundle.js';
import { toCsv } from './escape.js';
import type { ExportTable } from './table.js';

/** The UTF-8 byte-order mark that makes Excel on Windows read a CSV as UTF-8 (accents intact). */
export const UTF8_BOM = '\ufeff';

/** Wide CSV: one row per table row (case), one column per table column, cells as shown. */
export function wideCsv(t: ExportTable): string {
  return toCsv([[t.rowHeader, ...t.columns.map((c) => c.label)], ...t.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)])]);
}

/** Header of the tidy ratings CSV, in column order. */
export const TIDY_RATING_COLUMNS = ['case_id', 'case', 'code_id', 'column', 'coder', 'rating', 'rating_label', 'coded_passages', 'cited_passages', 'note', 'evidence'] as const;

/**
 * Tidy (long) ratings CSV: one row per case × column × coder, ready for R, Stata or pandas.
 * `rating` is the scale position (0 = lowest) and empty for unrated or not-applicable cells;
 * `rating_label` the label; `coded_passages` the coded passages behind the cell (see
 * `PASSAGE_NOTE`: a consensus coder who coded nothing counts the independent coders' passages);
 * `cited_passages` how many the rating cites; `evidence` those passages as `Title, p. N: “quote”`
 * joined by ` | `.
 */
export function tidyRatingsCsv(rows: readonly TidyRating[]): string {
  return toCsv([[...TIDY_RATING_COLUMNS], ...rows.map((r) => [r.caseId, r.case, r.codeId, r.column, r.coder, r.rating, r.ratingLabel, r.passages, r.evidence.length, r.note, r.evidence.map((e) => formatEvidence(e, 120)).join(' | ')])]);
}

/** Tidy CSV of any table (counts, coverage, co-occurrence): one row per row × column with the number behind the cell. */
export function tidyTableCsv(t: ExportTable): string {
  const head = t.rowHeader.toLowerCase();
  return toCsv([[`${head}_id`, head, 'column_id', 'column', 'value', 'label'], ...t.rows.flatMap((r) => r.cells.map((c, j) => [r.id, r.label, t.columns[j]?.id ?? '', t.columns[j]?.label ?? '', c.value, c.text]))]);
}
