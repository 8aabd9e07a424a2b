import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { checkOutputPath } from '../../store/output-path.js';
import { err, ok, type Result } from '../../../core/model/result.js';
import type { Id, ProjectData, SourceContent } from '../../../core/model/types.js';
import { leaveOutDefaultCodes, removableDefaultCodes } from '../../../core/codebook/leave-out-defaults.js';
import { findCoder } from '../../../core/model/project.js';
import { applyRefiImport, describeApplyReport, describeRefiReport, type ApplyRefiReport, type PositionUnit, type RefiImport } from '../../../core/refi/index.js';
import { refiExportLimits } from '../../../core/refi/export-limits.js';
import type { Mutation } from '../../../shared/api.js';
import type { RefiExportResult, RefiImportOutcome, RefiPreview, RefiUserMapping } from '../../../shared/api.js';
import { readRefiFile, writeQdc, writeQdpx, type ReadRefiOptions } from '../../refi/index.js';
import { writeFileDurably } from '../../store/durable-write.js';
import { requireSession, withSession, type DomainHandlers, type ServiceContext } from '../context.js';
import { defaultCodebook } from '../defaults.js';
import type { ProjectSession } from '../session.js';

/** Options of {@link importRefiFile}. */
export interface RefiFileImportOptions {
  /** Refuse the whole file when anything in it had to be skipped. */
  strict?: boolean;
  /** The name the user knows the file by (uploads arrive under a temp path). */
  displayName?: string;
  /** Limits and the DOCX hook of the reader (tests lower the limits). */
  read?: ReadRefiOptions;
  /** The file's users mapped to coders (the rest go to the coder of the same name, or a new one). */
  users?: RefiUserMapping[];
  /** Drop the project's untouched default codes first (a fresh project taking a foreign codebook). */
  leaveOutDefaults?: boolean;
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
    const users = checkUserMappings(options.users);
    if (!users.ok) return users;
    const defaults = options.leaveOutDefaults ? defaultCodeIds() : ok([]);
    if (!defaults.ok) return defaults;
    const apply = (data: ProjectData) => applyRefiImport(defaults.value.length ? leaveOutDefaultCodes(data, defaults.value) : data, refi.value, { mode: 'merge', users: users.value, ...(options.strict ? { strict: true } : {}) }, ctx.env);
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

/** The ids of the shipped default codebook's codes. */
function defaultCodeIds(): Result<Id[]> {
  const codes = defaultCodebook();
  return codes.ok ? ok(codes.value.map((c) => c.id)) : codes;
}

/** True when applying changed anything worth a commit (new items, filled attributes, linked cases). */
function changes(before: ProjectData, after: ProjectData): boolean {
  return JSON.stringify(before) !== JSON.stringify(after);
}

/** Mappings as they arrive over the API, checked for shape (the core checks them against the file). */
function checkUserMappings(users: unknown): Result<RefiUserMapping[]> {
  if (users === undefined) return ok([]);
  if (!Array.isArray(users)) return err('usage', 'users must be a list of {user, coderId | coderName}');
  const out: RefiUserMapping[] = [];
  for (const u of users as unknown[]) {
    const m = u as Record<string, unknown> | null;
    if (!m || typeof m['user'] !== 'string' || (m['coderId'] !== undefined && typeof m['coderId'] !== 'string') || (m['coderName'] !== undefined && typeof m['coderName'] !== 'string')) {
      return err('usage', 'Each user mapping needs "user" and a "coderId" or "coderName" (strings)');
    }
    out.push({ user: m['user'], ...(typeof m['coderId'] === 'string' ? { coderId: m['coderId'] } : {}), ...(typeof m['coderName'] === 'string' ? { coderName: m['coderName'] } : {}) });
  }
  return ok(out);
}

/**
 * Read a REFI-QDA file without importing it: its users with their coding counts under the
 * attribution rule and the coder each goes to by default (same name), its counts, and the reading
 * report. The UI's mapping step and `casecoder import --map-user` build on it. Changes nothing.
 */
export async function inspectRefiFile(ctx: ServiceContext, path: string, displayName?: string, read: ReadRefiOptions = {}): Promise<Result<RefiPreview>> {
  const s = requireSession(ctx);
  if (!s.ok) return s;
  if (typeof path !== 'string' || !path.trim()) return err('usage', 'Name the REFI-QDA file to read');
  const fileName = displayName ?? basename(path);
  const refi = await readRefiFile(resolve(path), read);
  if (!refi.ok) return err(refi.error.code, `${fileName}: ${refi.error.message}`, refi.error.details);
  const r = refi.value;
  const data = s.value.data;
  const roles = new Map((r.extension?.coders ?? []).map((c) => [c.user, c]));
  const ids = defaultCodeIds();
  return ok({
    fileName,
    format: r.format,
    projectName: r.projectName,
    origin: r.origin,
    users: r.report.attribution.users.map((u) => {
      const role = roles.get(u.guid);
      return { ...u, coderId: findCoder(data, u.name)?.id ?? null, role: role?.consensus ? 'consensus' : role?.auto ? 'auto' : null };
    }),
    attribution: { rule: r.report.attribution.rule, differing: r.report.attribution.differing },
    counts: { documents: r.documents.length, codes: r.codes.length, codings: r.codings.length, memos: r.memos.length, matrices: r.extension?.matrices.length ?? 0, ratings: r.extension?.ratings.length ?? 0 },
    lines: describeRefiReport(r.report),
    defaultCodes: r.codes.length > 0 && ids.ok ? removableDefaultCodes(data, ids.value).length : 0,
  });
}

function outcome(fileName: string, refi: RefiImport, applied: { data: ProjectData; report: ApplyRefiReport; sources: SourceContent[] }, backupPath: string | null): RefiImportOutcome {
  const { report } = applied;
  const coderName = (guid: string): string => applied.data.coders.find((c) => c.id === report.coderOf[guid])?.name ?? '';
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
    positions: refi.report.positions.map((p) => ({ title: p.title, unit: p.choice.unit, crlfAs: p.choice.crlfAs, crlf: p.crlf, evidence: p.evidence, fit: p.fit, total: p.total })),
    attribution: {
      rule: refi.report.attribution.rule,
      differing: refi.report.attribution.differing,
      users: refi.report.attribution.users.map((u) => ({ ...u, coder: coderName(u.guid) })),
    },
    notImported: [...refi.report.notImported, ...report.skipped],
    notes: [...refi.report.notes, ...report.notes],
    summary,
    lines: [`Imported from ${fileName}${refi.origin ? ` (made by ${refi.origin})` : ''}: ${summary}`, ...describeRefiReport(refi.report), ...merged, ...report.notes],
    backupPath,
  };
}

/** A file name for a download: the project name with unsafe characters replaced ("-nvivo" for UTF-16 positions). */
function exportFileName(projectName: string, ext: 'qdpx' | 'qdc', positions?: PositionUnit): string {
  const base =
    projectName
      .replace(/[^\p{L}\p{N}\-_. ()]/gu, '_')
      .replace(/^[.\s]+/, '')
      .slice(0, 100)
      .trim() || 'casecoder-project';
  return `${base}${positions === 'utf16' ? '-nvivo' : ''}.${ext}`;
}

/**
 * Export the open project as `.qdpx` (every document's content read from the store) or its
 * codebook as `.qdc`. With `outPath` the file is written durably (temp file, fsync, rename) and
 * its path returned; without, its bytes come back base64 for a browser download.
 */
export async function exportRefi(session: ProjectSession, args: { format: 'qdpx' | 'qdc'; positions?: PositionUnit; outPath?: string }): Promise<Result<RefiExportResult>> {
  if (args.format !== 'qdpx' && args.format !== 'qdc') return err('usage', `format must be qdpx or qdc, not ${JSON.stringify(args.format)}`);
  if (args.positions !== undefined && !POSITION_UNITS.includes(args.positions)) return err('usage', `positions must be codepoints or utf16, not ${JSON.stringify(args.positions)}`);
  if (args.outPath !== undefined && (typeof args.outPath !== 'string' || !args.outPath.trim())) return err('usage', 'outPath must name a file');
  const data = session.data;
  let bytes: Uint8Array;
  let skipped: string[] = [];
  const sources: SourceContent[] = [];
  if (args.format === 'qdpx') {
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
    limits: refiExportLimits(data, args.format, args.format === 'qdpx' ? sources : undefined),
  };
  if (args.outPath === undefined) return ok({ ...result, dataBase64: Buffer.from(bytes).toString('base64') });
  const checked = checkOutputPath(args.outPath);
  if (!checked.ok) return checked;
  const target = checked.value;
  try {
    await writeFileDurably(target, bytes);
  } catch (e) {
    return err('io', `Cannot write ${target}: ${(e as Error).message}`);
  }
  return ok({ ...result, path: target });
}

/**
 * Run `fn` on an uploaded file written under a sanitised leaf name in a fresh temp folder (never
 * the uploaded name as a path), removed afterwards.
 */
async function withUpload<T>(a: { name?: unknown; dataBase64?: unknown }, fn: (path: string, displayName: string) => Promise<Result<T>>): Promise<Result<T>> {
  if (typeof a.name !== 'string' || typeof a.dataBase64 !== 'string') return err('usage', 'An upload needs a name and its data (base64)');
  const bytes = Buffer.from(a.dataBase64, 'base64');
  if (bytes.length === 0) return err('invalid', `${a.name} is empty`);
  if (bytes.length > MAX_REFI_UPLOAD_BYTES) return err('too-large', `${a.name} is larger than ${MAX_REFI_UPLOAD_BYTES / 1024 / 1024} MB`);
  const dir = mkdtempSync(join(tmpdir(), 'casecoder-refi-'));
  try {
    const leaf =
      basename(a.name.replace(/\\/g, '/'))
        .replace(/[^\w.\- ()]/g, '_')
        .slice(-120) || 'upload.qdpx';
    const sub = join(dir, 'upload');
    mkdirSync(sub);
    const p = join(sub, leaf.startsWith('.') ? `_${leaf}` : leaf);
    writeFileSync(p, bytes);
    return await fn(p, a.name.replace(/[\\/]/g, '_'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What an export in `format` cannot hold, from the open project and its documents' content. */
export async function exportLimits(session: ProjectSession, format: 'qdpx' | 'qdc'): Promise<Result<{ limits: string[] }>> {
  if (format !== 'qdpx' && format !== 'qdc') return err('usage', `format must be qdpx or qdc, not ${JSON.stringify(format)}`);
  if (format === 'qdc') return ok({ limits: refiExportLimits(session.data, format) });
  const sources: SourceContent[] = [];
  for (const d of session.data.documents) {
    const src = await session.store.readSource(d.id);
    if (src.ok) sources.push(src.value);
  }
  return ok({ limits: refiExportLimits(session.data, format, sources) });
}

/** The exchange operations. */
export const exchangeHandlers: DomainHandlers<'exchange'> = {
  'refi.import': async (ctx, a) => importRefiFile(ctx, a.path, { ...(a.strict ? { strict: true } : {}), ...(a.users ? { users: a.users } : {}), ...(a.leaveOutDefaults ? { leaveOutDefaults: true } : {}) }),
  'refi.importUpload': async (ctx, a) =>
    withUpload(a, (p, displayName) => importRefiFile(ctx, p, { displayName, ...(a.strict ? { strict: true } : {}), ...(a.users ? { users: a.users } : {}), ...(a.leaveOutDefaults ? { leaveOutDefaults: true } : {}) })),
  'refi.inspect': async (ctx, a) => inspectRefiFile(ctx, a.path),
  'refi.inspectUpload': async (ctx, a) => withUpload(a, (p, displayName) => inspectRefiFile(ctx, p, displayName)),
  'refi.export': withSession(exportRefi),
  'refi.exportLimits': withSession((session, a) => exportLimits(session, a.format)),
};
