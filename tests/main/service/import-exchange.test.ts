import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../src/core/model/result.js';
import { applyChangeSet } from '../../../src/core/ops/change-set.js';
import type { ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import { createService } from '../../../src/main/service/service.js';
import { runCli } from '../../../src/main/cli/main.js';

const SHARED = join(import.meta.dirname, '..', '..', '..', '..', 'shared');
const NVIVO = join(SHARED, 'fixtures', 'refi', 'nvivo-win-12.6_oltas.qdpx');
const SEED_000 = join(SHARED, 'seeds', '000_b19cde1f6a69a6f8.txt');

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('import routes REFI-QDA exchange files to the REFI importer', () => {
  it('a mixed batch imports the .qdpx (codes, codings) and the text file, and the patch carries both', async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-x-')), 'p');
    const svc = createService({ appVersion: 't', transport: 'web' });
    const created = value<ProjectView>(await svc.call('project.create', { dir }));
    const m = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [NVIVO, SEED_000] }));
    expect(m.value.files.map((f) => [f.status, f.path.endsWith('.qdpx')])).toEqual([
      ['imported', true],
      ['imported', false],
    ]);
    expect(m.patch.changes.upsert.documents).toHaveLength(2);
    expect(m.patch.changes.upsert.codings).toHaveLength(97);
    expect(m.patch.base).toBe(created.revision);
    expect(applyChangeSet(created.data, m.patch.changes).codebook.length).toBe(8 + 60);
    const again = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [NVIVO] }));
    expect(again.value.files[0]?.status).toBe('skipped');
    await svc.close();
  });

  it('casecoder import <dir> file.qdpx gives the NVivo project: 1 source, 60 codes, 97 codings', async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-x-')), 'p');
    const quiet = { out: () => undefined, err: () => undefined };
    expect(await runCli(['init', dir], quiet)).toBe(0);
    expect(await runCli(['import', dir, NVIVO], quiet)).toBe(0);
    let out = '';
    expect(await runCli(['info', dir, '--json'], { out: (t) => (out += t), err: () => undefined })).toBe(0);
    const info = JSON.parse(out) as { counts: Record<string, number> };
    expect(info.counts).toMatchObject({ documents: 1, codes: 68, codings: 97 });
  });
});
