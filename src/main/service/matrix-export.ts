import { dirname, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { pickMatrix, withDefaultMatrices } from '../../core/matrix/matrix-ops.js';
import { err, ok, type Result } from '../../core/model/result.js';
import type { Id } from '../../core/model/types.js';
import type { OpArgs } from '../../shared/api.js';
import type { ExportedFile, MatrixExportResult } from '../../shared/api.js';
import { exportFileName } from '../../core/export/file-name.js';
import { isExportFormat, unknownFormatMessage } from '../../core/export/formats.js';
import type { RenderOptions } from '../../core/export/render.js';
import { exportCodeCaseMatrix, exportCoOccurrence, exportMatrix, type ExportFile } from '../export/export-matrix.js';
import { writeFileDurably } from '../store/durable-write.js';
import { checkOutputPath } from '../store/output-path.js';
import type { ServiceContext } from './context.js';
import type { ProjectSession } from './session.js';

function checkTarget(a: { format?: unknown; outPath?: unknown; bom?: unknown; standalone?: unknown }): Result<null> {
  if (!isExportFormat(a.format)) return err('usage', unknownFormatMessage(a.format));
  if (a.outPath !== undefined && (typeof a.outPath !== 'string' || a.outPath.trim() === '')) return err('usage', 'outPath must name a file');
  for (const k of ['bom', 'standalone'] as const) if (a[k] !== undefined && typeof a[k] !== 'boolean') return err('usage', `${k} must be true or false`);
  return ok(null);
}

/** The render options an export's arguments ask for. */
function renderOptions(a: { bom?: boolean; standalone?: boolean }): RenderOptions {
  return { ...(a.bom ? { bom: true } : {}), ...(a.standalone ? { standalone: true } : {}) };
}

async function writeOne(path: string | null, fileName: string, bytes: Uint8Array, mime: string): Promise<Result<ExportedFile>> {
  if (path === null) return ok({ fileName, mime, path: null, dataBase64: Buffer.from(bytes).toString('base64'), bytes: bytes.length });
  const checked = checkOutputPath(path);
  if (!checked.ok) return checked;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileDurably(path, bytes);
  } catch (e) {
    return err('io', `Cannot write ${path}: ${(e as Error).message}`);
  }
  return ok({ fileName, mime, path, dataBase64: null, bytes: bytes.length });
}

/**
 * Deliver an export: with `outPath` the file (and its manifest sidecar, `<file>.manifest.json`)
 * is written durably; without, both come back base64 for a browser download.
 */
export async function deliver(file: Result<ExportFile>, fileName: string, outPath: string | undefined): Promise<Result<MatrixExportResult>> {
  if (!file.ok) return file;
  const f = file.value;
  const target = outPath === undefined ? null : resolve(outPath);
  const main = await writeOne(target, fileName, f.bytes, f.mime);
  if (!main.ok) return main;
  let sidecar: ExportedFile | null = null;
  if (f.sidecar) {
    const side = await writeOne(target === null ? null : target + f.sidecar.suffix, fileName + f.sidecar.suffix, f.sidecar.bytes, f.sidecar.mime);
    if (!side.ok) return side;
    sidecar = side.value;
  }
  return ok({ ...main.value, ext: f.ext, sidecar, warnings: f.warnings });
}

/** The export's date stamp: now, to the second (exports record when they were made). */
function stamp(ctx: ServiceContext): { appVersion: string; date: string } {
  return { appVersion: ctx.options.appVersion, date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/** `matrix.export`: one matrix's ratings (or counts) in any format. */
export async function exportMatrixOp(session: ProjectSession, a: OpArgs<'matrix.export'>, ctx: ServiceContext): Promise<Result<MatrixExportResult>> {
  const t = checkTarget(a);
  if (!t.ok) return t;
  const data = withDefaultMatrices(session.data);
  const m = pickMatrix(data, a.matrix);
  if (!m.ok) return m;
  const when = stamp(ctx);
  const file = await exportMatrix(data, m.value.id, {
    format: a.format,
    ...(a.coder !== undefined ? { coder: a.coder } : {}),
    ...(a.counts ? { counts: true } : {}),
    ...renderOptions(a),
    ...when,
  });
  const coder = a.coder !== undefined && a.coder !== 'all' ? a.coder : '';
  const unit = a.counts ? ['counts', coder].filter(Boolean).join(' ') : a.format === 'tidy' ? ['tidy', coder].filter(Boolean).join(' ') : coder;
  return deliver(file, exportFileName({ project: data.project.name, what: m.value.name, unit, date: when.date, ext: file.ok ? file.value.ext : a.format }), a.outPath);
}

/** `matrix.exportCodeCase`: the project's code-by-case count or coverage matrix. */
export async function exportCodeCaseOp(session: ProjectSession, a: OpArgs<'matrix.exportCodeCase'>, ctx: ServiceContext): Promise<Result<MatrixExportResult>> {
  const t = checkTarget(a);
  if (!t.ok) return t;
  const data = session.data;
  const mode = a.mode ?? 'counts';
  if (mode !== 'counts' && mode !== 'coverage') return err('usage', `mode must be counts or coverage, not "${String(mode)}"`);
  const when = stamp(ctx);
  const file = await exportCodeCaseMatrix(data, {
    format: a.format,
    mode,
    ...(a.coderIds ? { coderIds: a.coderIds } : {}),
    ...(a.codeIds ? { codeIds: a.codeIds } : {}),
    ...(a.caseIds ? { caseIds: a.caseIds } : {}),
    ...renderOptions(a),
    ...when,
  });
  const ext = file.ok ? file.value.ext : a.format;
  return deliver(file, exportFileName({ project: data.project.name, what: 'codes by cases', unit: `${mode}${a.format === 'tidy' ? ' tidy' : ''}`, date: when.date, ext }), a.outPath);
}

/** `matrix.exportCoOccurrence`: code co-occurrence; the paragraph rule reads the coded documents' texts. */
export async function exportCoOccurrenceOp(session: ProjectSession, a: OpArgs<'matrix.exportCoOccurrence'>, ctx: ServiceContext): Promise<Result<MatrixExportResult>> {
  const t = checkTarget(a);
  if (!t.ok) return t;
  const data = session.data;
  if (a.rule !== 'overlap' && a.rule !== 'paragraph') return err('usage', `rule must be overlap or paragraph, not "${String(a.rule)}"`);
  let texts: Map<Id, string> | undefined;
  if (a.rule === 'paragraph') {
    texts = new Map();
    for (const id of new Set(data.codings.map((c) => c.documentId))) {
      const src = await session.store.readSource(id);
      if (!src.ok) return err(src.error.code, `The text of document ${id} cannot be read: ${src.error.message}`);
      texts.set(id, src.value.text);
    }
  }
  const when = stamp(ctx);
  const file = await exportCoOccurrence(data, {
    format: a.format,
    rule: a.rule,
    ...(texts ? { texts } : {}),
    ...(a.coderIds ? { coderIds: a.coderIds } : {}),
    ...(a.codeIds ? { codeIds: a.codeIds } : {}),
    ...renderOptions(a),
    ...when,
  });
  const ext = file.ok ? file.value.ext : a.format;
  return deliver(file, exportFileName({ project: data.project.name, what: 'co-occurrence', unit: `${a.rule}${a.format === 'tidy' ? ' tidy' : ''}`, date: when.date, ext }), a.outPath);
}
