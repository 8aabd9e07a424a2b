import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../src/core/model/result.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import type { ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import { createService, type Service } from '../../../src/main/service/service.js';
import { durableState } from '../store/helpers.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** The durable state on disk: casecoder.json plus the journal (see durableState). */
const onDisk = (dir: string): ProjectData => durableState(dir);

describe('service', () => {
  let svc: Service;
  let dir: string;
  beforeEach(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-svc-')), 'p');
    svc = createService({ appVersion: 't', transport: 'web' });
    value<ProjectView>(await svc.call('project.create', { dir }));
    value(await svc.call('coder.use', { name: 'Ana' }));
    return async () => svc.close();
  });

  it('imports a batch as one transaction: a bad file is reported, the good ones land, one undo removes them', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'cc-bad-')), 'garbage.pdf');
    writeFileSync(bad, Buffer.from([0, 1, 2, 3, 255, 254]));
    const m = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt'), bad, join(SEEDS, '003_3526632470e2ad38.txt')], caseName: 'Ecuador' }));
    expect(m.value.files.map((f) => f.status)).toEqual(['imported', 'failed', 'imported']);
    expect(m.value.files[1]?.reason).toBeTruthy();
    expect(onDisk(dir).documents).toHaveLength(2);
    expect(onDisk(dir).cases.map((c) => c.name)).toEqual(['Ecuador']);
    const undone = value<Mutation<string>>(await svc.call('history.undo', {}));
    expect(undone.value).toBe('Import 3 files');
    expect(onDisk(dir).documents).toHaveLength(0);
    value(await svc.call('history.redo', {}));
    expect(onDisk(dir).documents).toHaveLength(2);
  });

  it('a batch where every file fails changes nothing', async () => {
    const before = readFileSync(join(dir, 'casecoder.json'));
    const bad = join(mkdtempSync(join(tmpdir(), 'cc-bad-')), 'empty.txt');
    writeFileSync(bad, '');
    const m = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [bad] }));
    expect(m.value.files[0]?.status).toBe('failed');
    expect(readFileSync(join(dir, 'casecoder.json')).equals(before)).toBe(true);
  });

  it('codes, undoes and redoes across documents, each step durable', async () => {
    const imp = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt')] }));
    const docId = imp.value.files[0]?.documentIds[0] as string;
    const c = value<Mutation<{ id: string; exact: string }>>(await svc.call('coding.add', { documentId: docId, codeId: 'sd-concerns', start: 10, end: 40 }));
    expect(onDisk(dir).codings.map((x) => x.id)).toEqual([c.value.id]);
    expect(c.patch.changes.upsert.codings?.map((x) => x.id)).toEqual([c.value.id]);
    expect(c.patch.changes.upsert.documents).toBeUndefined();
    expect(c.patch.base).toBe(c.patch.revision - 1);
    expect(c.patch.canUndo).toBe(true);
    value(await svc.call('history.undo', {}));
    expect(onDisk(dir).codings).toHaveLength(0);
    value(await svc.call('history.redo', {}));
    expect(onDisk(dir).codings).toHaveLength(1);
    value(await svc.call('coding.remove', { id: c.value.id }));
    expect(onDisk(dir).codings).toHaveLength(0);
    const u = value<Mutation<string>>(await svc.call('history.undo', {}));
    expect(u.value).toBe('Delete coding');
    expect(onDisk(dir).codings).toHaveLength(1);
  });

  it('refuses whitespace-only and out-of-range codings with specific messages', async () => {
    const imp = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt')] }));
    const docId = imp.value.files[0]?.documentIds[0] as string;
    const out = await svc.call('coding.add', { documentId: docId, codeId: 'sd-concerns', start: 0, end: 10_000_000 });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.message).toMatch(/outside the text/);
    const src = value<{ text: string }>(await svc.call('document.content', { id: docId }));
    const ws = src.text.indexOf('\n\n');
    const blank = await svc.call('coding.add', { documentId: docId, codeId: 'sd-concerns', start: ws, end: ws + 2 });
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.error.message).toMatch(/whitespace/);
  });

  it('a second service opening the same folder is read-only and cannot write', async () => {
    const other = createService({ appVersion: 't', transport: 'web' });
    const v = value<ProjectView>(await other.call('project.open', { dir }));
    expect(v.readOnly).toBe(true);
    expect(v.messages.join(' ')).toMatch(/read-only|locked|open/i);
    const r = await other.call('case.create', { names: ['Chad'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('read-only');
    await other.close();
  });

  it('renames a document in one undoable step and refuses an empty title', async () => {
    const imp = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [join(SEEDS, '001_f1f3b25bdee2a5e2.txt')], format: 'md' }));
    const id = imp.value.files[0]?.documentIds[0] as string;
    const r = value<Mutation<{ title: string }>>(await svc.call('document.rename', { id, title: ' IOM final report ' }));
    expect(r.value.title).toBe('IOM final report');
    expect(onDisk(dir).documents[0]?.title).toBe('IOM final report');
    const bad = await svc.call('document.rename', { id, title: '  ' });
    expect(bad.ok).toBe(false);
    value(await svc.call('history.undo', {}));
    expect(onDisk(dir).documents[0]?.title).toBe('001_f1f3b25bdee2a5e2');
  });

  it('rejects unknown operations and malformed arguments', async () => {
    const r = await svc.call('no.such', {});
    expect(r.ok).toBe(false);
    const r2 = await svc.call('project.open', null);
    expect(r2.ok).toBe(false);
  });
});
