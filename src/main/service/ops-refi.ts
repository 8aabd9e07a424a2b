import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectData, SourceContent } from '../../core/model/types.js';
import { applyRefiImport, describeApplyReport, describeRefiReport, type ApplyRefiReport, type PositionUnit, type RefiImport } from '../../core/refi/index.js';
import type { Mutation } from '../../shared/api.js';
import type { RefiExportResult, RefiImportOutcome } from '../../shared/api/refi.js';
import { readRefiFile, writeQdc, writeQdpx, type ReadRefiOptions } from '../refi/index.js';
import { writeFileDurably } from '../store/durable-write.js';
import { requireSession, type HandlerTable, type ServiceContext } from './context.js';

/** Options of {@link importRefiFile}. */
export interface RefiFileImportOptions {
  /** Refuse the whole file when anything in it had to be skipped. */
  strict?: boolean;
  /** The name the user knows the file by (uploads arrive under a temp path). */
  displayName?: string;
  /** Limits and the DOCX hook of the reader (tests lower the limits). */
  read?: ReadRefiOptions;
}

/** Largest REFI-QDA upload accepted in browser mode (the JSON body carries it as base64). */
export const MAX_REFI_UPLOAD_BYTES = 100 * 1024 * 1024;

const POSITION_UNITS: readonly PositionUnit[] = ['codepoints', 'utf16'];

/**
 * Import a REFI-QDA file (`.qdpx`, bare `.qde` or `.qdc`, recognised from its bytes) into the open
 * project: read and check it completely, back the project up, then merge it as ONE undo step
 * ("Import <file>"). A file that cannot be read, or is refused in strict mode, changes nothing:
 * no backup, no commit. Importing a file whose content is already there adds nothing and records
 * no step. This is the one entry point for `casecoder import` of REFI files, for the UI and for
 * merging another coder's `.qdpx`.
 */
export async function importRefiFile(ctx: ServiceContext, path: string, options: RefiFileImportOptions = {}): Promise<Result<Mutation<RefiImportOutcome>>> {
  const s = requireSession(ctx);
  if (!s.ok) return s;
  const session = s.value;
  if (session.store.readOnly) return err('read-only', 'This project is open read-only; nothing was imported');
  if (typeof path !== 'string' || !path.trim()) return err('usage', 'Name the REFI-QDA file to import');
  const fileName = options.displayName ?? basename(path);
  ctx.events.emit({ type: 'progress', task: 'import', done: 0, total: 1, label: fileName });
  try {
    const refi = await readRefiFile(resolve(path), options.read ?? {});
    if (!refi.ok) return err(refi.error.code, `${fileName}: ${refi.error.message}`, refi.error.details);
    const apply = (data: ProjectData) => applyRefiImport(data, refi.value, { mode: 'merge', ...(options.strict ? { strict: true } : {}) });
    const from = session.data;
    const trial = apply(from);
    if (!trial.ok) return err(trial.error.code, `${fileName}: ${trial.error.message}`, trial.error.details);
    const label = `Import ${fileName}`;
    if (!changes(from, trial.value.data)) {
      return await session.mutate(label, (data) => ok({ data, value: outcome(fileName, refi.value, trial.value, null) }));
    }
    const backup = await session.store.backup('before REFI import');
    if (!backup.ok) return err(backup.error.code, `Nothing was imported: ${backup.error.message}`);
    return await session.mutate(label, (data) => {
      const applied = data === from ? trial : apply(data);
      if (!applied.ok) return applied;
      return ok({ data: applied.value.data, value: outcome(fileName, refi.value, applied.value, backup.value), sources: applied.value.sources });
    });
  } finally {
    ctx.events.emit({ type: 'progress', task: 'import', done: 1, total: 1, label: 'Saving' });
  }
}

/** True when applying changed anything worth a commit (new items, filled attributes, linked cases). */
function changes(before: ProjectData, after: ProjectData): boolean {
  return JSON.stringify(before) !== JSON.stringify(after);
}

function outcome(fileName: string, refi: RefiImport, applied: { report: ApplyRefiReport; sources: SourceContent[] }, backupPath: string | null): RefiImportOutcome {
  const { report } = applied;
  const summary = describeApplyReport(report);
  const merged = report.skipped.map((x) => `Not merged: ${x.kind} ${x.name || x.guid}: ${x.reason}`);
  return {
    fileName,
    format: refi.format,
    projectName: refi.projectName,
    origin: refi.origin,
    added: report.added,
    matched: report.matched,
    documentIds: applied.sources.map((x) => x.id),
    positions: refi.report.positions.map((p) => ({ title: p.title, unit: p.choice.unit, crlfAs: p.choice.crlfAs, evidence: p.evidence, fit: p.fit, total: p.total })),
    notImported: [...refi.report.notImported, ...report.skipped],
    notes: [...refi.report.notes, ...report.notes],
    summary,
    lines: [`Imported from ${fileName}${refi.origin ? ` (made by ${refi.origin})` : ''}: ${summary}`, ...describeRefiReport(refi.report), ...merged, ...report.notes],
    backupPath,
  };
}

/** A file name for a download: the project name with unsafe characters replaced ("-nvivo" for UTF-16 positions). */
function exportFileName(projectName: string, ext: 'qdpx' | 'qdc', positions?: PositionUnit): string {
  const base = projectName.replace(/[^\p{L}\p{N}\-_. ()]/gu, '_').replace(/^[.\s]+/, '').slice(0, 100).trim() || 'casecoder-project';
  return `${base}${positions === 'utf16' ? '-nvivo' : ''}.${ext}`;
}

/**
 * Export the open project as `.qdpx` (every document's content read from the store) or its
 * codebook as `.qdc`. With `outPath` the file is written durably (temp file, fsync, rename) and
 * its path returned; without, its bytes come back base64 for a browser download.
 */
export async function exportRefi(ctx: ServiceContext, args: { format: 'qdpx' | 'qdc'; positions?: PositionUnit; outPath?: string }): Promise<Result<RefiExportResult>> {
  const s = requireSession(ctx);
  if (!s.ok) return s;
  const session = s.value;
  if (args.format !== 'qdpx' && args.format !== 'qdc') return err('usage', `format must be qdpx or qdc, not ${JSON.stringify(args.format)}`);
  if (args.positions !== undefined && !POSITION_UNITS.includes(args.positions)) return err('usage', `positions must be codepoints or utf16, not ${JSON.stringify(args.positions)}`);
  if (args.outPath !== undefined && (typeof args.outPath !== 'string' || !args.outPath.trim())) return err('usage', 'outPath must name a file');
  const data = session.data;
  let bytes: Uint8Array;
  let skipped: string[] = [];
  if (args.format === 'qdpx') {
    const sources: SourceContent[] = [];
    for (const d of data.documents) {
      const src = await session.store.readSource(d.id);
      if (!src.ok) return err(src.error.code, `The content of "${d.title}" cannot be read, so nothing was exported: ${src.error.message}`);
      sources.push(src.value);
    }
    const out = await writeQdpx(data, sources, { positions: args.positions ?? 'codepoints' });
    if (!out.ok) return out;
    bytes = out.value.bytes;
    skipped = out.value.skipped;
  } else {
    const xml = writeQdc(data);
    if (!xml.ok) return xml;
    bytes = new TextEncoder().encode(xml.value);
  }
  const fileName = exportFileName(data.project.name, args.format, args.format === 'qdpx' ? args.positions : undefined);
  const result: RefiExportResult = {
    fileName,
    path: null,
    dataBase64: null,
    bytes: bytes.length,
    positions: args.format === 'qdpx' ? (args.positions ?? 'codepoints') : null,
    counts: { documents: args.format === 'qdpx' ? data.documents.length : 0, codes: data.codebook.length, codings: args.format === 'qdpx' ? data.codings.length - skipped.filter((x) => x.startsWith('Coding ')).length : 0 },
    skipped,
  };
  if (args.outPath === undefined) return ok({ ...result, dataBase64: Buffer.from(bytes).toString('base64') });
  const target = resolve(args.outPath);
  try {
    await writeFileDurably(target, bytes);
  } catch (e) {
    return err('io', `Cannot write ${target}: ${(e as Error).message}`);
  }
  return ok({ ...result, path: target });
}

export const refiHandlers: HandlerTable = {
  'refi.import': async (ctx, a) => importRefiFile(ctx, a.path, { ...(a.strict ? { strict: true } : {}) }),
  'refi.importUpload': async (ctx, a) => {
    if (typeof a.name !== 'string' || typeof a.dataBase64 !== 'string') return err('usage', 'An upload needs a name and its data (base64)');
    const bytes = Buffer.from(a.dataBase64, 'base64');
    if (bytes.length === 0) return err('invalid', `${a.name} is empty`);
    if (bytes.length > MAX_REFI_UPLOAD_BYTES) return err('too-large', `${a.name} is larger than ${MAX_REFI_UPLOAD_BYTES / 1024 / 1024} MB`);
    const dir = mkdtempSync(join(tmpdir(), 'casecoder-refi-'));
    try {
      // Never use the uploaded name as a path: a sanitised leaf name in a folder of our own.
      const leaf = basename(a.name.replace(/\\/g, '/')).replace(/[^\w.\- ()]/g, '_').slice(-120) || 'upload.qdpx';
      const sub = join(dir, 'upload');
      mkdirSync(sub);
      const p = join(sub, leaf.startsWith('.') ? `_${leaf}` : leaf);
      writeFileSync(p, bytes);
      return await importRefiFile(ctx, p, { displayName: a.name.replace(/[\\/]/g, '_'), ...(a.strict ? { strict: true } : {}) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  'refi.export': async (ctx, a) => exportRefi(ctx, a),
};
