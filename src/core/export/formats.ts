/**
 * The one table of table-export formats. The API contract, the CLI (`matrix --format`), the
 * service's validation and the UI's export menu all read it, so a format is added in one place.
 */

/** One export format: its id on the command line and in the API, how it is offered and stored. */
export interface ExportFormatInfo {
  id: string;
  /** Short name shown in menus. */
  label: string;
  /** What the file holds, one line. */
  hint: string;
  ext: string;
  mime: string;
  /** Bytes that are not text (the CLI refuses to print them to stdout). */
  binary: boolean;
}

/** Every format a matrix or table exports to, in the order menus offer them. */
export const EXPORT_FORMAT_TABLE = [
  { id: 'xlsx', label: 'Excel', hint: 'workbook: title, ratings, legend, evidence, agreement, manifest; prints one page wide', ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', binary: true },
  { id: 'docx', label: 'Word', hint: 'numbered table with notes and evidence under it', ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', binary: true },
  { id: 'tex', label: 'LaTeX', hint: 'booktabs table with \\label; pdfLaTeX, XeLaTeX, LuaLaTeX', ext: 'tex', mime: 'application/x-tex; charset=utf-8', binary: false },
  { id: 'csv', label: 'CSV (wide)', hint: 'cases × columns (the CLI writes its manifest beside it)', ext: 'csv', mime: 'text/csv; charset=utf-8', binary: false },
  { id: 'tidy', label: 'CSV (tidy)', hint: 'one row per case × column × coder, for R and Stata', ext: 'csv', mime: 'text/csv; charset=utf-8', binary: false },
  { id: 'md', label: 'Markdown', hint: 'pipe table with notes', ext: 'md', mime: 'text/markdown; charset=utf-8', binary: false },
  { id: 'html', label: 'HTML', hint: 'standalone page', ext: 'html', mime: 'text/html; charset=utf-8', binary: false },
  { id: 'json', label: 'JSON', hint: 'the table as data', ext: 'json', mime: 'application/json', binary: false },
  { id: 'svg', label: 'Heatmap SVG', hint: 'vector figure', ext: 'svg', mime: 'image/svg+xml', binary: false },
  { id: 'png', label: 'Heatmap PNG', hint: 'raster figure, 2×', ext: 'png', mime: 'image/png', binary: true },
] as const satisfies readonly ExportFormatInfo[];

/** An export format id. */
export type ExportFormat = (typeof EXPORT_FORMAT_TABLE)[number]['id'];

/** Every format id, in menu order. */
export const EXPORT_FORMATS: readonly ExportFormat[] = EXPORT_FORMAT_TABLE.map((f) => f.id);

/** True when `f` names an export format. */
export function isExportFormat(f: unknown): f is ExportFormat {
  return typeof f === 'string' && (EXPORT_FORMATS as readonly string[]).includes(f);
}

/** The table row of a format. */
export function exportFormatInfo(f: ExportFormat): ExportFormatInfo {
  return EXPORT_FORMAT_TABLE.find((x) => x.id === f) as ExportFormatInfo;
}

/** The error message for a format that is not in the table (one wording for CLI, API and UI). */
export function unknownFormatMessage(f: unknown): string {
  return `Unknown export format "${String(f)}" (use ${EXPORT_FORMATS.join(', ')})`;
}
