import type { Id, ProjectData } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import { codeCaseCounts, coOccurrence, type CoOccurrenceRule } from '../matrix/counts.js';
import type { MatrixExport } from './bundle.js';
import { tidyRatingsCsv, tidyTableCsv, UTF8_BOM, wideCsv } from './csv.js';
import { EXPORT_FORMAT_TABLE, exportFormatInfo, type ExportFormat } from './formats.js';
import { tableToHtml } from './html.js';
import { tableToJson } from './json.js';
import { tableToLatex } from './latex.js';
import { buildManifest } from './manifest.js';
import { tableToMarkdown } from './markdown.js';
import { tableToSvg } from './svg.js';
import { codeCaseTable, coOccurrenceExportTable, type ExportTable } from './table.js';

/** A format rendered as text in core: a non-binary row of {@link EXPORT_FORMAT_TABLE}. */
export type TextFormat = Extract<(typeof EXPORT_FORMAT_TABLE)[number], { binary: false }>['id'];

/** Formats rendered as text in core, read off the format table (every row that is not binary). */
export const TEXT_FORMATS: readonly TextFormat[] = EXPORT_FORMAT_TABLE.filter((f): f is Extract<(typeof EXPORT_FORMAT_TABLE)[number], { binary: false }> => !f.binary).map((f) => f.id);

/** A rendered text export. CSV formats carry their manifest as a JSON sidecar (CSV has no place for it). */
export interface TextExport {
  text: string;
  mime: string;
  ext: string;
  /** Write next to the export as `<name><suffix>`, e.g. `a6.csv` + `.manifest.json`. */
  sidecar?: { suffix: string; text: string; mime: string };
  /** Things the user should know about the file (e.g. characters LaTeX cannot set, replaced). */
  warnings: string[];
}

/** Options of the text renderers. */
export interface RenderOptions {
  /** CSV formats: start with a UTF-8 byte-order mark (Excel on Windows). */
  bom?: boolean;
  /** LaTeX: a whole document (`\documentclass` … `\end{document}`) instead of a fragment. */
  standalone?: boolean;
}

/** True when `f` is a text format. */
export function isTextFormat(f: string): f is TextFormat {
  return (TEXT_FORMATS as readonly string[]).includes(f);
}

function wrap(t: ExportTable, format: TextFormat, text: string, opts: RenderOptions, warnings: string[] = []): TextExport {
  const info = exportFormatInfo(format);
  const csv = format === 'csv' || format === 'tidy';
  const out: TextExport = { text: csv && opts.bom ? UTF8_BOM + text : text, mime: info.mime, ext: info.ext, warnings };
  if (csv) out.sidecar = { suffix: '.manifest.json', text: JSON.stringify(t.manifest, null, 2) + '\n', mime: 'application/json' };
  return out;
}

/** Render a matrix export as a text format (tidy = one row per case × column × coder for ratings). */
export function renderMatrixText(x: MatrixExport, format: TextFormat, opts: RenderOptions = {}): TextExport {
  const ratings = x.manifest.kind === 'ratings';
  switch (format) {
    case 'tidy':
      return wrap(x.table, format, ratings ? tidyRatingsCsv(x.tidy) : tidyTableCsv(x.table), opts);
    case 'json':
      return wrap(x.table, format, tableToJson(x.table, ratings ? { tidy: x.tidy, disagreements: x.disagreements } : {}), opts);
    default:
      return renderTableText(x.table, format, opts);
  }
}

/** Render any export table (counts, co-occurrence) as a text format. */
export function renderTableText(t: ExportTable, format: TextFormat, opts: RenderOptions = {}): TextExport {
  switch (format) {
    case 'csv':
      return wrap(t, format, wideCsv(t), opts);
    case 'tidy':
      return wrap(t, format, tidyTableCsv(t), opts);
    case 'md':
      return wrap(t, format, tableToMarkdown(t), opts);
    case 'tex': {
      const tex = tableToLatex(t, { standalone: opts.standalone === true });
      return wrap(t, format, tex.text, opts, tex.warnings);
    }
    case 'html':
      return wrap(t, format, tableToHtml(t), opts);
    case 'json':
      return wrap(t, format, tableToJson(t), opts);
    case 'svg':
      return wrap(t, format, tableToSvg(t), opts);
  }
}

/**
 * The coder an export shows when none was asked for: the tidy file holds every coder (one row per
 * coder × case × column, which is what R users want); other formats let the matrix decide.
 */
export function defaultExportCoder(format: ExportFormat, coder: string | undefined, counts: boolean): string | undefined {
  if (coder !== undefined && coder.trim() !== '') return coder;
  return format === 'tidy' && !counts ? 'all' : undefined;
}

/** Options shared by the project-wide tables. */
export interface ProjectTableOptions {
  appVersion: string;
  date: string;
  coderIds?: Id[];
  codeIds?: Id[];
}

/** The code-by-case count (or coverage) matrix of the whole project as an export table. */
export function codeCaseExportTable(data: ProjectData, opts: ProjectTableOptions & { mode?: 'counts' | 'coverage'; caseIds?: Id[] }): Result<ExportTable> {
  const t = codeCaseCounts(data, { ...(opts.coderIds ? { coderIds: opts.coderIds } : {}), ...(opts.codeIds ? { codeIds: opts.codeIds } : {}), ...(opts.caseIds ? { caseIds: opts.caseIds } : {}) });
  if (!t.ok) return t;
  const coders = opts.coderIds ?? data.coders.filter((c) => !c.auto).map((c) => c.id);
  const manifest = buildManifest(data, {
    kind: 'code-case-counts',
    appVersion: opts.appVersion,
    date: opts.date,
    coderIds: coders,
    notes: ['A code’s count includes the codings of its subcodes; documents without a case are not counted.'],
  });
  return ok(codeCaseTable(t.value, manifest, opts.mode ?? 'counts'));
}

/** The code co-occurrence table as an export table (`paragraph` needs the documents' canonical texts). */
export function coOccurrenceExport(data: ProjectData, opts: ProjectTableOptions & { rule: CoOccurrenceRule; texts?: ReadonlyMap<Id, string> }): Result<ExportTable> {
  if (opts.rule !== 'overlap' && opts.rule !== 'paragraph') return err('invalid', `Unknown co-occurrence rule "${String(opts.rule)}"`);
  const t = coOccurrence(data, {
    rule: opts.rule,
    ...(opts.texts ? { texts: opts.texts } : {}),
    ...(opts.coderIds ? { coderIds: opts.coderIds } : {}),
    ...(opts.codeIds ? { codeIds: opts.codeIds } : {}),
  });
  if (!t.ok) return t;
  const coders = opts.coderIds ?? data.coders.filter((c) => !c.auto).map((c) => c.id);
  const manifest = buildManifest(data, {
    kind: 'co-occurrence',
    appVersion: opts.appVersion,
    date: opts.date,
    coderIds: coders,
    notes: [`Rule: ${opts.rule}. Only codings by the same coder co-occur.`],
  });
  return ok(coOccurrenceExportTable(t.value, manifest));
}
