import type { Id, ProjectData } from '../../core/model/types.js';
import { err, ok, type Result } from '../../core/model/result.js';
import { buildMatrixExport } from '../../core/export/bundle.js';
import { codeCaseExportTable, coOccurrenceExport, defaultExportCoder, isTextFormat, renderMatrixText, renderTableText, type RenderOptions, type TextExport } from '../../core/export/render.js';
import { exportFormatInfo, isExportFormat, unknownFormatMessage, type ExportFormat } from '../../core/export/formats.js';
import { tableToSvg } from '../../core/export/svg.js';
import type { ExportTable } from '../../core/export/table.js';
import type { CoOccurrenceRule } from '../../core/matrix/counts.js';
import { tableToDocx } from './docx.js';
import { svgToPng } from './png.js';
import { matrixToXlsx, tableToXlsx } from './xlsx.js';

export { EXPORT_FORMATS, type ExportFormat } from '../../core/export/formats.js';

/** The bytes of one export. `sidecar` (CSV formats) is the manifest, to be written as `<file><suffix>`. */
export interface ExportFile {
  bytes: Uint8Array;
  mime: string;
  ext: string;
  sidecar?: { suffix: string; bytes: Uint8Array; mime: string };
  /** What the user should know about the file (see `TextExport.warnings`). */
  warnings: string[];
}

/** Options of {@link exportMatrix}. `date` and `appVersion` are explicit so exports are reproducible. */
export interface ExportMatrixOptions extends RenderOptions {
  /** Coder name or id, `consensus`, or `all`. Omitted: every coder for tidy; else consensus if it rated the matrix, else the only rater. */
  coder?: string;
  /** Export the passage-count matrix instead of the ratings. */
  counts?: boolean;
  format: ExportFormat;
  appVersion: string;
  date: string;
}

function fromText(t: TextExport): ExportFile {
  const enc = new TextEncoder();
  const f: ExportFile = { bytes: enc.encode(t.text), mime: t.mime, ext: t.ext, warnings: t.warnings };
  if (t.sidecar) f.sidecar = { suffix: t.sidecar.suffix, bytes: enc.encode(t.sidecar.text), mime: t.sidecar.mime };
  return f;
}

function checkFormat(format: unknown): Result<ExportFormat> {
  return isExportFormat(format) ? ok(format) : err('usage', unknownFormatMessage(format));
}

async function binary(t: ExportTable, format: 'xlsx' | 'docx' | 'png', xlsx: () => Promise<Uint8Array>): Promise<ExportFile> {
  const { mime, ext } = exportFormatInfo(format);
  if (format === 'xlsx') return { bytes: await xlsx(), mime, ext, warnings: [] };
  if (format === 'docx') return { bytes: await tableToDocx(t), mime, ext, warnings: [] };
  return { bytes: svgToPng(tableToSvg(t), JSON.stringify(t.manifest)), mime, ext, warnings: [] };
}

async function guard(run: () => Promise<Result<ExportFile>>): Promise<Result<ExportFile>> {
  try {
    return await run();
  } catch (e) {
    return err('io', `Export failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Export one matrix (by id or name; undefined picks the default, see `pickMatrix`) in any format: the ratings of the chosen coder, or with
 * `counts` the coded-passage matrix. Text formats come from core; XLSX, DOCX and PNG are built
 * here. Never throws: bad input is a `usage` / `not-found` / `invalid` error, a failing writer `io`.
 */
export function exportMatrix(data: ProjectData, matrixRef: Id | undefined, opts: ExportMatrixOptions): Promise<Result<ExportFile>> {
  return guard(async () => {
    const format = checkFormat(opts?.format);
    if (!format.ok) return format;
    const coder = defaultExportCoder(format.value, opts.coder, opts.counts === true);
    const x = buildMatrixExport(data, matrixRef, { ...(coder !== undefined ? { coder } : {}), counts: opts.counts === true, appVersion: opts.appVersion, date: opts.date });
    if (!x.ok) return x;
    const f = format.value;
    if (isTextFormat(f)) return ok(fromText(renderMatrixText(x.value, f, opts)));
    return ok(await binary(x.value.table, f, () => matrixToXlsx(x.value)));
  });
}

async function exportTable(t: Result<ExportTable>, format: unknown, opts: RenderOptions): Promise<Result<ExportFile>> {
  return guard(async () => {
    const f = checkFormat(format);
    if (!f.ok) return f;
    if (!t.ok) return t;
    if (isTextFormat(f.value)) return ok(fromText(renderTableText(t.value, f.value, opts)));
    return ok(await binary(t.value, f.value, () => tableToXlsx(t.value)));
  });
}

/** Export the project's code-by-case count (or coverage) matrix in any format. */
export function exportCodeCaseMatrix(
  data: ProjectData,
  opts: RenderOptions & { format: ExportFormat; appVersion: string; date: string; mode?: 'counts' | 'coverage'; coderIds?: Id[]; codeIds?: Id[]; caseIds?: Id[] },
): Promise<Result<ExportFile>> {
  return exportTable(codeCaseExportTable(data, opts), opts.format, opts);
}

/** Export the code co-occurrence table in any format (`paragraph` needs the documents' canonical texts). */
export function exportCoOccurrence(
  data: ProjectData,
  opts: RenderOptions & { format: ExportFormat; appVersion: string; date: string; rule: CoOccurrenceRule; texts?: ReadonlyMap<Id, string>; coderIds?: Id[]; codeIds?: Id[] },
): Promise<Result<ExportFile>> {
  return exportTable(coOccurrenceExport(data, opts), opts.format, opts);
}
