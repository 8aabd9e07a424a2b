import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { addDocument } from '../../core/documents/add-document.js';
import type { ProjectData, SourceContent } from '../../core/model/types.js';
import { err, ok, type Result } from '../../core/model/result.js';
import { composeChangeSets } from '../../core/ops/change-set.js';
import type { ImportFileOutcome, ImportReport, ImportRequest, Mutation } from '../../shared/api.js';
import type { ImportedDocument } from '../import/import-file.js';
import { importPool } from '../import/worker-pool.js';
import { removeUnworkedDocuments } from '../../core/documents/remove-documents.js';
import { expandImportPaths } from '../import/expand-paths.js';
import { isRefiProjectName } from '../../core/import/detect.js';
import { requireSession, type ServiceContext, type StagedHandlerTable } from './context.js';
import type { ProjectSession } from './session.js';
import { importRefiFile } from './handlers/exchange.js';

/** REFI-QDA exchange files go through the REFI importer (they bring codebooks, coders and codings). */
export function isExchangeFile(path: string, format?: string): boolean {
  return format === 'qdpx' || format === 'qdc' || isRefiProjectName(path);
}

/**
 * Import the exchange files of a batch, each as its own step (with the backup the REFI importer
 * takes), and report them like any other file.
 */
async function importExchangeFiles(ctx: ServiceContext, items: { path: string; name: string }[]): Promise<{ outcomes: ImportFileOutcome[]; patch: Mutation<unknown>['patch'] | null }> {
  const outcomes: ImportFileOutcome[] = [];
  let patch: Mutation<unknown>['patch'] | null = null;
  for (const item of items) {
    const r = await importRefiFile(ctx, resolve(item.path), { displayName: basename(item.name) });
    if (!r.ok) {
      outcomes.push({ path: item.name, status: 'failed', reason: r.error.message, documentIds: [], warnings: [] });
      continue;
    }
    patch = r.value.patch;
    const o = r.value.value;
    const added = Object.values(o.added).some((n) => n > 0);
    outcomes.push(
      added
        ? { path: item.name, status: 'imported', documentIds: o.documentIds, warnings: o.lines.slice(1) }
        : { path: item.name, status: 'skipped', reason: 'everything in it is already in the project', documentIds: [], warnings: o.lines.slice(1) },
    );
  }
  return { outcomes, patch };
}

interface Parsed {
  path: string;
  docs: ImportedDocument[] | null;
  error?: string;
}

/** The second phase of an import: runs in the service's queue and commits. */
export type ImportCommit = () => Promise<Result<Mutation<ImportReport>>>;

/**
 * First phase of a batch import, outside the service's queue: every file is parsed in an import
 * worker ({@link importPool}: both cores, each file bounded in time and heap), so other operations
 * (coding in another tab, `app.info`) keep being answered meanwhile. A failing file is reported
 * and skipped, never aborting the others. Returns the commit to queue: see {@link commitBatch}.
 */
export async function parseBatch(ctx: ServiceContext, req: ImportRequest, displayNames?: string[]): Promise<Result<ImportCommit>> {
  const s = requireSession(ctx);
  if (!s.ok) return s;
  const session = s.value;
  if (session.store.readOnly) return err('read-only', 'This project is open read-only; nothing was imported');
  if (req.paths.length === 0) return err('usage', 'No files to import');
  const knownCases = session.data.cases.map((c) => c.name);
  if (req.splitCases && knownCases.length === 0) return err('invalid', 'Splitting by case needs the cases to exist first (casecoder case <dir> add NAME…)');
  // Folders become their importable files (uploads are always single files with display names).
  const expanded = displayNames ? req.paths.map((given) => ({ given, files: [given] as string[], error: undefined as string | undefined })) : await expandImportPaths(req.paths);
  const items: { path: string; name: string; error?: string }[] = [];
  expanded.forEach((x, i) => {
    if (x.error) items.push({ path: x.given, name: x.given, error: x.error });
    for (const f of x.files) items.push({ path: f, name: displayNames?.[i] ?? f });
  });
  const exchange = items.filter((x) => !x.error && isExchangeFile(x.path, req.format));
  const rest = items.filter((x) => !exchange.includes(x));
  const total = rest.length;
  let done = 0;
  const pool = importPool();
  if (total > 0) ctx.events.emit({ type: 'progress', task: 'import', done: 0, total, label: basename(rest[0]?.name ?? '') });
  const parsed: Parsed[] = await Promise.all(
    rest.map(async (item): Promise<Parsed> => {
      if (item.error) return { path: item.name, docs: null, error: item.error };
      const r = await pool.import(resolve(item.path), {
        ...(req.format ? { format: req.format } : {}),
        ...(req.reflow !== undefined ? { reflow: req.reflow } : {}),
        ...(req.splitCases ? { splitCases: knownCases } : {}),
        ...(Array.isArray(req.headings) && req.headings.some((h) => String(h).trim()) ? { headings: req.headings.map(String).filter((h) => h.trim()) } : {}),
        ...(req.keepPreamble ? { keepPreamble: true } : {}),
      });
      done++;
      if (done < total) ctx.events.emit({ type: 'progress', task: 'import', done, total, label: basename(item.name) });
      return r.ok ? { path: item.name, docs: r.value } : { path: item.name, docs: null, error: r.error.message };
    }),
  );
  return ok(() => commitBatch(ctx, session, req, exchange, rest, parsed));
}

/**
 * Second phase, in the queue: the exchange files (each its own step, with the REFI importer's
 * backup), then ONE backup of the state before the import (only when a file parsed: a failed
 * import writes none) and every document added in a single commit and undo step. Duplicates (same
 * canonical text) are skipped and reported.
 */
async function commitBatch(ctx: ServiceContext, session: ProjectSession, req: ImportRequest, exchange: { path: string; name: string }[], rest: { path: string; name: string }[], parsed: Parsed[]): Promise<Result<Mutation<ImportReport>>> {
  if (ctx.session !== session) return err('conflict', 'The project was closed while its files were being read; nothing was imported');
  const exchanged = exchange.length ? await importExchangeFiles(ctx, exchange) : { outcomes: [], patch: null };
  if (rest.length === 0) {
    if (exchanged.patch) return ok({ value: { files: exchanged.outcomes }, patch: exchanged.patch });
    // Nothing changed: report the failures with an empty patch.
    return session.mutate('Import', (d) => ok({ data: d, value: { files: exchanged.outcomes } }));
  }
  ctx.events.emit({ type: 'progress', task: 'import', done: rest.length, total: rest.length, label: 'Saving' });
  if (req.replaceDocuments?.length) {
    const replaceable = removeUnworkedDocuments(session.data, req.replaceDocuments);
    if (!replaceable.ok) return replaceable;
  }
  if (parsed.some((f) => f.docs)) {
    const backup = await session.store.backup('before import');
    if (!backup.ok) return err(backup.error.code, `Nothing was imported: ${backup.error.message}`);
  }
  const outcomes: ImportFileOutcome[] = [...exchanged.outcomes];
  const label = rest.length === 1 ? `Import ${basename(rest[0]?.name ?? '')}` : `Import ${rest.length} files`;
  const result = await session.mutate(label, (start) => {
    let data: ProjectData = start;
    if (req.replaceDocuments?.length && parsed.some((f) => f.docs)) {
      const removed = removeUnworkedDocuments(data, req.replaceDocuments);
      if (!removed.ok) return removed;
      data = removed.value;
    }
    const sources: SourceContent[] = [];
    for (const f of parsed) {
      const name = f.path;
      if (!f.docs) {
        outcomes.push({ path: name, status: 'failed', reason: f.error ?? 'unknown error', documentIds: [], warnings: [] });
        continue;
      }
      const ids: string[] = [];
      const warnings: string[] = [];
      const cases = new Set<string>();
      let dupOf: string | null = null;
      for (const d of f.docs) {
        // a note about the whole file comes with every split part: report it once
        for (const w of d.warnings) if (!warnings.includes(w)) warnings.push(w);
        const caseName = d.caseName ?? req.caseName;
        const added = addDocument(data, { title: d.title, format: d.format, doc: d.doc, sourceFile: basename(name), ...(caseName ? { caseName } : {}) }, ctx.env);
        if (!added.ok) {
          warnings.push(`${d.title}: ${added.error.message}`);
          continue;
        }
        if (added.value.duplicateOf) {
          dupOf = added.value.duplicateOf;
          continue;
        }
        data = added.value.data;
        if (added.value.meta && added.value.source) {
          ids.push(added.value.meta.id);
          sources.push(added.value.source);
          const caseId = added.value.meta.caseId;
          const kase = caseId ? data.cases.find((c) => c.id === caseId) : undefined;
          if (kase) cases.add(kase.name);
        }
      }
      const suggested = f.docs.some((d) => d.suggestedFormat === 'md') ? { suggestedFormat: 'md' as const } : {};
      if (ids.length > 0) outcomes.push({ path: name, status: 'imported', documentIds: ids, warnings, ...(cases.size > 0 ? { cases: [...cases] } : {}), ...suggested });
      else if (dupOf) outcomes.push({ path: name, status: 'skipped', reason: 'the same text is already in the project', documentIds: [], warnings, ...suggested });
      else outcomes.push({ path: name, status: 'failed', reason: warnings[0] ?? 'no document could be built', documentIds: [], warnings });
    }
    return ok({ data, value: { files: outcomes }, sources });
  });
  // The UI must also see what the exchange files changed (codebook, coders…) before this step.
  if (result.ok && exchanged.patch) {
    const p = result.value.patch;
    result.value.patch = { ...p, base: exchanged.patch.base, changes: composeChangeSets(exchanged.patch.changes, p.changes) };
  }
  return result;
}

/**
 * Import a batch of files as ONE transaction and one undo step (both phases in a row: for callers
 * already inside the queue, such as tests and scripts). The service runs the phases apart.
 */
export async function importBatch(ctx: ServiceContext, req: ImportRequest, displayNames?: string[]): Promise<Result<Mutation<ImportReport>>> {
  const commit = await parseBatch(ctx, req, displayNames);
  return commit.ok ? commit.value() : commit;
}

/** Largest upload accepted in browser mode, per file. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * Import operations run in two phases (see `StagedHandlerTable`): files are read and parsed
 * outside the operation queue, and only the commit waits its turn.
 */
export const importStagedHandlers = {
  'import.files': async (ctx, a) => parseBatch(ctx, a),
  'import.upload': async (ctx, a) => {
    if (!Array.isArray(a.files) || a.files.length === 0) return err('usage', 'No files to import');
    const dir = mkdtempSync(join(tmpdir(), 'casecoder-upload-'));
    const cleanUp = (): void => rmSync(dir, { recursive: true, force: true });
    try {
      const paths: string[] = [];
      const names: string[] = [];
      for (const [i, f] of a.files.entries()) {
        const bytes = Buffer.from(String(f.dataBase64), 'base64');
        if (bytes.length > MAX_UPLOAD_BYTES) {
          cleanUp();
          return err('too-large', `${f.name} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
        }
        // Never use the uploaded name as a path: a sanitised leaf name in a folder of our own.
        const safe =
          basename(String(f.name).replace(/\\/g, '/'))
            .replace(/[^\w.\- ()]/g, '_')
            .slice(-120) || 'upload';
        const sub = join(dir, String(i));
        mkdirSync(sub);
        const p = join(sub, safe.startsWith('.') ? `_${safe}` : safe);
        writeFileSync(p, bytes);
        paths.push(p);
        names.push(String(f.name).replace(/[\\/]/g, '_'));
      }
      const { files: _files, ...options } = a;
      void _files;
      const req: ImportRequest = { ...options, paths };
      const commit = await parseBatch(ctx, req, names);
      if (!commit.ok) {
        cleanUp();
        return commit;
      }
      // Exchange files are read in the commit phase, so the folder lives until then.
      return ok(async () => {
        try {
          return await commit.value();
        } finally {
          cleanUp();
        }
      });
    } catch (e) {
      cleanUp();
      throw e;
    }
  },
} satisfies StagedHandlerTable;
