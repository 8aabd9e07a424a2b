import type { Id, ProjectData } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import { codeCaseCounts, coOccurrence, type CoOccurrenceRule } from '../matrix/counts.js';
import type { MatrixExport } from './bundle.js';
import { tidyRatingsCsv, tidyTableCsv, wideCsv } from './csv.js';
import { tableToHtml } from './html.js';
import { tableToJson } from './json.js';
import { tableToLatex } from './latex.js';
import { buildManifest } from './manifest.js';
import { tableToMarkdown } from './markdown.js';
import { tableToSvg } from './svg.js';
import { codeCaseTable, coOccurrenceExportTable, type ExportTable } from './table.js';

/** Formats rendered as text in core. */
export const TEXT_FORMATS = ['csv', 'tidy', 'md', 'tex', 'html', 'json', 'svg'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/** A rendered text export. CSV formats carry their manifest as a JSON sidecar (CSV has no place for it). */
export interface TextExport {
  text: string;
  mime: string;
  ext: string;
  /** Write next to the export as `<name><suffix>`, e.g. `a6.csv` + `.manifest.json`. */
  sidecar?: { suffix: string; text: string; mime: string };
}

const MIME: Record<TextFormat, [string, string]> = {
  csv: ['text/csv; charset=utf-8', 'csv'],
  tidy: ['text/csv; charset=utf-8', 'csv'],
  md: ['text/markdown; charset=utf-8', 'md'],
  tex: ['application/x-tex; charset=utf-8', 'tex'],
  html: ['text/html; charset=utf-8', 'html'],
  json: ['application/json', 'json'],
  svg: ['image/svg+xml', 'svg'],
};

/** True when `f` is a text format. */
export function isTextFormat(f: string): f is TextFormat {
  return (TEXT_FORMATS as readonly string[]).includes(f);
}

function wrap(t: ExportTable, format: TextFormat, text: string): TextExport {
  const [mime, ext] = MIME[format];
  const out: TextExport = { text, mime, ext };
  if (format === 'csv' || format === 'tidy') out.sidecar = { suffix: '.manifest.json', text: JSON.stringify(t.manifest, null, 2) + '\n', mime: 'application/json' };
  return out;
}

/** Render a matrix export as a text format (tidy = one row per case × column × coder for ratings). */
export function renderMatrixText(x: MatrixExport, format: TextFormat): TextExport {
  const ratings = x.manifest.kind === 'ratings';
  switch (format) {
    case 'tidy':
      return wrap(x.table, format, ratings ? tidyRatingsCsv(x.tidy) : tidyTableCsv(x.table));
    case 'json':
      return wrap(x.table, format, tableToJson(x.table, ratings ? { tidy: x.tidy, disagreements: x.disagreements } : {}));
    default:
      return renderTableText(x.table, format);
  }
}

/** Render any export table (counts, co-occurrence) as a text format. */
export function renderTableText(t: ExportTable, format: TextFormat): TextExport {
  switch (format) {
    case 'csv':
      return wrap(t, format, wideCsv(t));
    case 'tidy':
      return wrap(t, format, tidyTableCsv(t));
    case 'md':
      return wrap(t, format, tableToMarkdown(t));
    case 'tex':
      return wrap(t, format, tableToLatex(t));
    case 'html':
      return wrap(t, format, tableToHtml(t));
    case 'json':
      return wrap(t, format, tableToJson(t));
    case 'svg':
      return wrap(t, format, tableToSvg(t));
  }
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
