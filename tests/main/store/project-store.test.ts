import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretProjectBytes } from '../../../src/main/store/backups.js';
import { createProjectFolder, isProjectDir, openProjectFolder, type OpenedProject } from '../../../src/main/store/project-store.js';
import { clone, fixtureCoding, fixtureProject, fixtureSource } from '../../core/persistence/fixtures.js';
import { tempDir } from './helpers.js';

async function created(dir: string, codings = 3): Promise<OpenedProject> {
  const r = await createProjectFolder(dir, fixtureProject(codings));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function opened(dir: string, readOnly = false): Promise<OpenedProject> {
  const r = await openProjectFolder(dir, { readOnly });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('createProjectFolder', () => {
  it('creates a missing folder with plain-JSON casecoder.json and holds the lock', async () => {
    const dir = join(tempDir(), 'a', 'study');
    const { store, messages } = await created(dir);
    expect(messages).toEqual([]);
    expect(isProjectDir(dir)).toBe(true);
    // Plain JSON: the project, plus the journal marker (the revision it holds, the journal that follows it).
    expect(JSON.parse(readFileSync(join(dir, 'casecoder.json'), 'utf8'))).toEqual({ ...fixtureProject(3), journal: { generation: 0, revision: 0 } });
    expect(existsSync(join(dir, '.lock'))).toBe(true);
    await store.close();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('accepts an existing non-project folder and leaves its files alone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const { store } = await created(dir);
    await store.close();
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a folder that already holds a project, without touching it', async () => {
    const dir = tempDir();
    await (await created(dir)).store.close();
    const before = readFileSync(join(dir, 'casecoder.json'));
    const again = await createProjectFolder(dir, fixtureProject(0));
    expect(again.ok === false && again.error.code).toBe('conflict');
    expect(readFileSync(join(dir, 'casecoder.json'))).toEqual(before);
  });

  it('refuses invalid data naming the field, and a path that is a file', async () => {
    const bad = clone(fixtureProject(1));
    bad.codings[0]!.start = -5;
    const r = await createProjectFolder(join(tempDir(), 'x'), bad);
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid', message: expect.stringContaining('codings[0].start') });
    const file = join(tempDir(), 'file');
    writeFileSync(file, '');
    expect((await createProjectFolder(file, fixtureProject(0))).ok).toBe(false);
  });
});

describe('ProjectStore', () => {
  it('commits durably: reopening shows the acknowledged state; data is what was committed', async () => {
    const dir = tempDir();
    const { store } = await created(dir);
    const next = { ...store.data, codings: [...store.data.codings, fixtureCoding(4)] };
    expect(await store.commit(next)).toEqual({ ok: true, value: undefined });
    expect(store.data).toBe(next);
    await store.close();
    const again = await opened(dir);
    expect(again.store.data).toEqual(next);
    expect(again.messages).toEqual(['Check the project: 1 documents have no content file in sources/ (first: d_doc1).']);
    await again.store.close();
  });

  it('refuses an invalid commit and keeps the previous state on disk', async () => {
    const dir = tempDir();
    const { store } = await created(dir);
    const before = readFileSync(join(dir, 'casecoder.json'));
    const bad = clone(store.data);
    (bad.codings[1] as unknown as Record<string, unknown>).coderId = 42;
    const r = await store.commit(bad);
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid', message: 'refusing to save an invalid project: codings[1].coderId: expected a string, got the number 42' });
    expect(readFileSync(join(dir, 'casecoder.json'))).toEqual(before);
    expect(store.data.codings[1]!.coderId).toBe('u_ana');
    await store.close();
  });

  it('batches concurrent commits and ends with the newest', async () => {
    const dir = tempDir();
    const { store } = await created(dir, 0);
    const states = Array.from({ length: 50 }, (_, i) => ({ ...store.data, codings: Array.from({ length: i + 1 }, (_, k) => fixtureCoding(k + 1)) }));
    const results = await Promise.all(states.map((s) => store.commit(s)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.data.codings.length).toBe(50);
    await store.close();
    const disk = interpretProjectBytes(readFileSync(join(dir, 'casecoder.json')));
    expect(disk.kind === 'current' && disk.data.codings.length).toBe(50);
  });

  it('refuses writes after close', async () => {
    const { store } = await created(tempDir());
    await store.close();
    expect(await store.commit(store.data)).toMatchObject({ ok: false, error: { code: 'read-only' } });
  });

  it('writes sources durably and immutably, reads them validated, and knows which exist', async () => {
    const dir = tempDir();
    const { store } = await created(dir);
    const source = fixtureSource();
    expect(store.hasSource('d_doc1')).toBe(false);
    expect(await store.writeSource(source)).toEqual({ ok: true, value: undefined });
    expect(store.hasSource('d_doc1')).toBe(true);
    const bytes = readFileSync(join(dir, 'sources', 'd_doc1.json'));
    expect(await store.writeSource(clone(source))).toEqual({ ok: true, value: undefined }); // identical: no-op
    const other = fixtureSource('d_doc1', 'Different text entirely.');
    expect(await store.writeSource(other)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readFileSync(join(dir, 'sources', 'd_doc1.json'))).toEqual(bytes);
    expect(await store.readSource('d_doc1')).toEqual({ ok: true, value: source });
    expect(readdirSync(join(dir, 'sources'))).toEqual(['d_doc1.json']);
    await store.close();

    const again = await opened(dir);
    expect(again.store.hasSource('d_doc1')).toBe(true);
    expect(again.messages).toEqual([]);
    expect(await again.store.readSource('d_doc1')).toEqual({ ok: true, value: source });
    await again.store.close();
  });

  it('rejects invalid sources and reports missing, unsafe and damaged ones', async () => {
    const dir = tempDir();
    const { store } = await created(dir);
    const lying = { ...fixtureSource('d_two'), text: 'changed' };
    expect(await store.writeSource(lying)).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('textHash') } });
    expect(await store.readSource('d_none')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await store.readSource('../casecoder')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    mkdirSync(join(dir, 'sources'), { recursive: true });
    writeFileSync(join(dir, 'sources', 'd_bad.json'), JSON.stringify({ ...fixtureSource('d_bad'), text: 'tampered' }));
    expect(await store.readSource('d_bad')).toMatchObject({ ok: false, error: { code: 'corrupt', message: expect.stringContaining('sources/d_bad.json is damaged: textHash') } });
    await store.close();
  });

  it('backs up on demand (verified, deduplicated) and at every open that changes nothing', async () => {
    const dir = tempDir();
    const { store } = await created(dir);
    const r = await store.backup('before import');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatch(/backups\/casecoder-\d{8}T\d{9}Z-before-import-[0-9a-f]{12}\.json$/);
    expect(readFileSync(r.value)).toEqual(readFileSync(join(dir, 'casecoder.json')));
    expect(await store.backup('again')).toEqual(r); // same bytes as the newest: not duplicated
    await store.commit({ ...store.data, codings: [...store.data.codings, fixtureCoding(4)] });
    await store.close();
    const again = await opened(dir); // open-time backup of the new state
    await again.store.close();
    const names = readdirSync(join(dir, 'backups'));
    expect(names).toHaveLength(2);
    expect(names.some((n) => n.includes('-open-'))).toBe(true);
    for (const n of names) expect(interpretProjectBytes(readFileSync(join(dir, 'backups', n))).kind).toBe('current');
  });

  it('a read-only open writes nothing: no lock, no backup, commits refused', async () => {
    const dir = tempDir();
    await (await created(dir)).store.close();
    const before = readdirSync(dir).sort();
    const ro = await opened(dir, true);
    expect(ro.store.readOnly).toBe(true);
    expect(await ro.store.commit(ro.store.data)).toMatchObject({ ok: false, error: { code: 'read-only', message: 'project is read-only: opened read-only on request' } });
    expect(await ro.store.writeSource(fixtureSource())).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(await ro.store.backup('x')).toMatchObject({ ok: false, error: { code: 'read-only' } });
    await ro.store.close();
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('cleans up temp files left by a dead writer when opened writable', async () => {
    const dir = tempDir();
    await (await created(dir)).store.close();
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default
    writeFileSync(join(dir, `.casecoder.json.tmp-${deadPid}-abcdef`), '{"torn');
    writeFileSync(join(dir, `.lock.new-${deadPid}-abcd`), '{}');
    const o = await opened(dir);
    await o.store.close();
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('reports not-found for a missing folder or a folder without a project', async () => {
    expect(await openProjectFolder(join(tempDir(), 'nope'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await openProjectFolder(tempDir())).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('external changes (C3)', () => {
  it('refuses to overwrite casecoder.json replaced by another program, and keeps refusing', async () => {
    const dir = tempDir();
    const { store } = await created(dir);
    expect((await store.commit({ ...store.data, codings: [...store.data.codings, fixtureCoding(4)] })).ok).toBe(true);
    const foreign = `${JSON.stringify(fixtureProject(9))}\n`;
    writeFileSync(join(dir, 'casecoder.json.sync-tmp'), foreign);
    renameSync(join(dir, 'casecoder.json.sync-tmp'), join(dir, 'casecoder.json')); // as a sync client would
    const r = await store.commit({ ...store.data, codings: [...store.data.codings, fixtureCoding(5)] });
    expect(!r.ok && r.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/was changed by another program since this project was opened; it was not overwritten\. Reopen/) });
    expect(readFileSync(join(dir, 'casecoder.json'), 'utf8')).toBe(foreign);
    expect(store.data.codings).toHaveLength(4);
    expect((await store.commit(store.data)).ok).toBe(false);
    await store.close();
  });

  it('notices an in-place edit made after open, before the first commit', async () => {
    const dir = tempDir();
    await (await created(dir)).store.close();
    const o = await opened(dir);
    const edited = readFileSync(join(dir, 'casecoder.json'), 'utf8').replace('Fixture study', 'Edited study');
    writeFileSync(join(dir, 'casecoder.json'), edited);
    expect(await o.store.commit(o.store.data)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readFileSync(join(dir, 'casecoder.json'), 'utf8')).toBe(edited);
    await o.store.close();
  });
});
