import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../src/core/model/result.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import type { ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import { createService, type Service } from '../../../src/main/service/service.js';
import { configureImportPool } from '../../../src/main/import/worker-pool.js';
import { deepNesting, footnoteFlood, lyingZip } from '../../fixtures/import/hostile.js';
import { durableState } from '../store/helpers.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');
const SEED_000 = join(SEEDS, '000_b19cde1f6a69a6f8.txt');

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const projectBytes = (dir: string): string => readFileSync(join(dir, 'casecoder.json'), 'utf8');
/** The acknowledged state: the snapshot with the journal replayed (casecoder.json alone lags until compaction). */
const onDisk = (dir: string): ProjectData => durableState(dir);
/** A saved state without the snapshot's journal marker. */
const withoutMarker = (text: string): unknown => {
  const { journal: _journal, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
};
const backups = (dir: string): string[] => (existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')).sort() : []);

describe('imports run in workers and never stall the service', () => {
  let svc: Service;
  let dir: string;
  let hostile: string;
  beforeAll(async () => {
    // Tight limits so the hostile file is stopped quickly; the parse of seed 000 stays far below them.
    await configureImportPool({ size: 2, limits: { timeMs: 3000, heapMb: 512 } });
    const files = mkdtempSync(join(tmpdir(), 'cc-hostile-'));
    hostile = join(files, 'flood.md');
    writeFileSync(hostile, footnoteFlood(60_000));
  });
  afterAll(async () => {
    await configureImportPool({});
  });
  beforeEach(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-iso-')), 'p');
    svc = createService({ appVersion: 't', transport: 'web' });
    value<ProjectView>(await svc.call('project.create', { dir }));
    value(await svc.call('coder.use', { name: 'Ana' }));
    return async () => svc.close();
  });

  it('a file past the time limit fails alone with its message while app.info and codings keep being answered', async () => {
    const first = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [SEED_000], format: 'md' }));
    const docId = first.value.files[0]?.documentIds[0] as string;
    let importDone = false;
    const importing = svc.call('import.files', { paths: [hostile, join(SEEDS, '004_2be0d7b4ef5defb2.txt')] }).then((r) => {
      importDone = true;
      return r;
    });
    // While the hostile file is parsed, other operations are answered (and commit) at once.
    const info = value<{ version: string }>(await svc.call('app.info', {}));
    expect(info.version).toBe('t');
    const code = onDisk(dir).codebook[0]!.id;
    value(await svc.call('coding.add', { documentId: docId, codeId: code, start: 100, end: 140 }));
    expect(importDone).toBe(false);
    const report = value<Mutation<ImportReport>>(await importing).value;
    expect(report.files.map((f) => f.status)).toEqual(['failed', 'imported']);
    expect(report.files[0]?.reason).toMatch(/^flood\.md took longer than 3 s to import and was stopped; nothing was imported from it\.$/);
    expect(onDisk(dir).codings).toHaveLength(1);
    expect(onDisk(dir).documents).toHaveLength(2);
  });

  it('files that fail (nesting, lying zip, time) leave the project byte-identical: no commit, no backup', async () => {
    const files = mkdtempSync(join(tmpdir(), 'cc-bad-'));
    writeFileSync(join(files, 'deep.md'), deepNesting(5000));
    writeFileSync(join(files, 'lies.docx'), lyingZip());
    const before = projectBytes(dir);
    const backupsBefore = backups(dir);
    const r = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [join(files, 'deep.md'), join(files, 'lies.docx'), hostile] }));
    expect(r.value.files.map((f) => f.status)).toEqual(['failed', 'failed', 'failed']);
    expect(r.value.files[0]?.reason).toMatch(/5000 levels deep/);
    expect(r.value.files[1]?.reason).toMatch(/inflates past its declared size \(100 bytes\): its header lies/);
    expect(projectBytes(dir)).toBe(before);
    expect(backups(dir)).toEqual(backupsBefore);
    await svc.close();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('a successful import writes exactly one backup, of the state before it', async () => {
    value(await svc.call('coder.use', { name: 'Ben' }));
    const before = durableState(dir);
    const backupsBefore = backups(dir);
    value(await svc.call('import.files', { paths: [join(SEEDS, '004_2be0d7b4ef5defb2.txt')] }));
    const added = backups(dir).filter((b) => !backupsBefore.includes(b));
    expect(added).toHaveLength(1);
    expect(withoutMarker(readFileSync(join(dir, 'backups', added[0]!), 'utf8'))).toEqual(before);
  });

  it('a heap limit stops a file alone with a clear message', async () => {
    // 29 MB of text: its decoded string alone is past a 32 MB heap.
    const big = join(mkdtempSync(join(tmpdir(), 'cc-big-')), 'big.txt');
    writeFileSync(big, 'Some prose of the interview goes on here and on.\n'.repeat(600_000));
    await configureImportPool({ size: 1, limits: { timeMs: 50_000, heapMb: 32 } });
    try {
      const r = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [big] }));
      expect(r.value.files[0]?.status).toBe('failed');
      expect(r.value.files[0]?.reason).toMatch(/^big\.txt needed more than 32 MB of memory to import and was stopped/);
    } finally {
      await configureImportPool({ size: 2, limits: { timeMs: 3000, heapMb: 512 } });
    }
  });

  it('a .txt imported as plain text is re-imported as Markdown in one step, replacing it', async () => {
    const plain = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [SEED_000] })).value.files[0]!;
    expect(plain).toMatchObject({ status: 'imported', suggestedFormat: 'md' });
    const again = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [SEED_000], format: 'md', replaceDocuments: plain.documentIds }));
    expect(again.value.files[0]?.status).toBe('imported');
    expect(again.value.files[0]?.suggestedFormat).toBeUndefined();
    expect(onDisk(dir).documents.map((d) => [d.format, d.title])).toEqual([['md', 'Ecuador']]);
    expect(value<Mutation<string>>(await svc.call('history.undo', {})).value).toMatch(/^Import/);
    expect(onDisk(dir).documents.map((d) => d.format)).toEqual(['txt']);
  });

  it('refuses to replace a document that has codings, changing nothing', async () => {
    const plain = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [SEED_000] })).value.files[0]!;
    const code = onDisk(dir).codebook[0]!.id;
    value(await svc.call('coding.add', { documentId: plain.documentIds[0]!, codeId: code, start: 0, end: 20 }));
    const before = projectBytes(dir);
    const backupsBefore = backups(dir);
    const r = await svc.call('import.files', { paths: [SEED_000], format: 'md', replaceDocuments: plain.documentIds });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!r.ok && r.error.message).toMatch(/already has 1 coding/);
    expect(projectBytes(dir)).toBe(before);
    expect(backups(dir)).toEqual(backupsBefore);
  });
});
