/**
 * `casecoder push` and `pull` are lossless for ratings and memos too: work done offline in a
 * pulled copy (new ratings, new memos, a memo rewritten) and work done on the server meanwhile
 * travel through the idempotent merge both ways, the newer version of the same rating or memo
 * wins, and pushing or pulling again changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../src/core/model/result.js';
import { makeAnchor } from '../../../src/core/codings/anchor.js';
import type { Coding, Memo, ProjectData, Rating } from '../../../src/core/model/types.js';
import { ProjectSession } from '../../../src/main/service/session.js';
import { openProjectFolder } from '../../../src/main/store/project-store.js';
import { PgProjectStore } from '../../../src/main/team/pg-store.js';
import { pullProject, pushFolder } from '../../../src/main/team/transfer.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../../support/postgres.js';
import { freshDatabase, seedFolder } from './fixture.js';

const skip = postgresUnavailable();

/** Change a project folder through a session, as the app does offline. */
async function editFolder(dir: string, label: string, edit: (d: ProjectData) => ProjectData): Promise<void> {
  const opened = await openProjectFolder(dir);
  if (!opened.ok) throw new Error(opened.error.message);
  const session = new ProjectSession(opened.value.store, []);
  const r = await session.mutate(label, (d) => ok({ data: edit(d), value: null }));
  await opened.value.store.close();
  if (!r.ok) throw new Error(r.error.message);
}

async function folderData(dir: string): Promise<ProjectData> {
  const opened = await openProjectFolder(dir, { readOnly: true });
  if (!opened.ok) throw new Error(opened.error.message);
  const data = opened.value.store.data;
  await opened.value.store.close();
  return data;
}

/** Ratings and memos as comparable facts, independent of ids. */
const facts = (d: ProjectData) => ({
  ratings: d.ratings.map((r) => `${r.matrixId}/${r.caseId}/${r.codeId}/${r.coderId}=${r.value}|${r.note}|${r.evidence.join(',')}|${r.updated}`).sort(),
  memos: d.memos.map((m) => `${m.target.kind}/${'id' in m.target ? m.target.id : ''}/${m.coderId ?? ''}=${m.text}|${m.updated}`).sort(),
});

describe.skipIf(skip)('push and pull carry ratings and memos', () => {
  let cluster: TestPostgres;
  let tmp: string;
  beforeAll(() => {
    cluster = startTestPostgres();
    tmp = mkdtempSync(join(tmpdir(), 'cc-team-transfer-'));
  });
  afterAll(() => {
    cluster?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('round-trips offline ratings and memos, takes the newer version of each, and is idempotent both ways', async () => {
    const { pool } = await freshDatabase(cluster);
    try {
      const folder = join(tmp, 'study');
      const seeded = await seedFolder(folder, ['Ana', 'Ben']);
      const [ana, ben] = seeded.coders;
      const doc = seeded.documents[0]!;
      const [k1, k2] = seeded.codebook;
      const caseId = doc.caseId!;
      const t = (s: number) => `2026-12-0${s}T10:00:00.000Z`;
      const opened = await openProjectFolder(folder, { readOnly: true });
      if (!opened.ok) throw new Error(opened.error.message);
      const source = await opened.value.store.readSource(doc.id);
      await opened.value.store.close();
      if (!source.ok) throw new Error(source.error.message);
      const g1: Coding = { id: 'g_ev1', documentId: doc.id, codeId: k1!.id, coderId: ana!.id, ...makeAnchor(source.value.text, 20, 60)!, memo: '', created: t(1), updated: t(1) };
      await editFolder(folder, 'Matrix, a rating with evidence, memos', (d) => ({
        ...d,
        codings: [...d.codings, g1],
        matrices: [{ id: 'm_out', name: 'Outcomes', columns: [k1!.id, k2!.id], rows: [], scale: ['low', 'high'], notApplicable: 'n/a' }],
        ratings: [{ id: 'r_1', matrixId: 'm_out', caseId, codeId: k1!.id, coderId: ana!.id, value: 'low', note: 'first look', evidence: ['g_ev1'], updated: t(1) }],
        memos: [
          { id: 'mm_doc', target: { kind: 'document', id: doc.id }, coderId: ana!.id, text: 'Ana on the document', updated: t(1) },
          { id: 'mm_proj', target: { kind: 'project' }, coderId: null, text: 'Shared project memo', updated: t(1) },
        ],
      }));
      const original = await folderData(folder);
      expect(original.ratings).toHaveLength(1);
      const pushed = await pushFolder(pool, folder);
      if (!pushed.ok) throw new Error(pushed.error.message);
      const projectId = pushed.value.projectId;

      // A pulled copy holds them all.
      const copy = join(tmp, 'copy');
      expect((await pullProject(pool, projectId, copy)).ok).toBe(true);
      expect(facts(await folderData(copy))).toEqual(facts(original));

      // Offline in the copy: Ben rates a cell and writes a case memo; Ana rewrites her document memo.
      await editFolder(copy, 'Offline work', (d) => ({
        ...d,
        ratings: [...d.ratings, { id: 'r_off', matrixId: 'm_out', caseId, codeId: k2!.id, coderId: ben!.id, value: 'high', note: 'offline', evidence: [], updated: t(3) }],
        memos: [
          ...d.memos.map((m): Memo => (m.id === 'mm_doc' ? { ...m, text: 'Ana, rewritten offline', updated: t(3) } : m)),
          { id: 'mm_case', target: { kind: 'case', id: caseId }, coderId: ben!.id, text: 'Ben on the case', updated: t(3) },
        ],
      }));
      // On the server meanwhile: Ana revises her rating (newer than the copy's), Ben adds a code memo.
      const server = (await PgProjectStore.open(pool, projectId))!;
      const r1 = server.data.ratings.find((r) => r.id === 'r_1')!;
      const revised: Rating = { ...r1, value: 'high', note: 'revised on the server', updated: t(4) };
      const codeMemo: Memo = { id: 'mm_code', target: { kind: 'code', id: k2!.id }, coderId: ben!.id, text: 'Ben on the code', updated: t(2) };
      expect((await server.commitChanges({ by: ana!.id, label: 'Server work', changes: { upsert: { ratings: [revised], memos: [codeMemo] }, remove: {} } })).ok).toBe(true);

      // Push the copy: its new rating and memos arrive; its older version of r_1 does not win.
      const back = await pushFolder(pool, copy);
      if (!back.ok) throw new Error(back.error.message);
      expect(back.value.outcome).toBe('merged');
      expect(back.value.lines.join('\n')).toMatch(/Ratings: 1 added, 0 updated.*Memos: 1 added, 1 updated/);
      const after = (await PgProjectStore.open(pool, projectId))!.data;
      expect(after.ratings.find((r) => r.coderId === ben!.id)).toMatchObject({ value: 'high', note: 'offline', caseId, codeId: k2!.id });
      expect(after.ratings.find((r) => r.id === 'r_1')).toMatchObject({ value: 'high', note: 'revised on the server', evidence: ['g_ev1'] });
      expect(after.memos.find((m) => m.id === 'mm_doc')?.text).toBe('Ana, rewritten offline');
      expect(after.memos.find((m) => m.target.kind === 'case')?.text).toBe('Ben on the case');
      // Pushing again changes nothing.
      const again = await pushFolder(pool, copy);
      expect(again.ok && again.value.outcome).toBe('unchanged');

      // Pull into the original folder: it gets everything the server has, then nothing more.
      const pulled = await pullProject(pool, projectId, folder);
      if (!pulled.ok) throw new Error(pulled.error.message);
      expect(pulled.value.outcome).toBe('merged');
      expect(facts(await folderData(folder))).toEqual(facts(after));
      const twice = await pullProject(pool, projectId, folder);
      expect(twice.ok && twice.value.outcome).toBe('unchanged');
      expect(facts(await folderData(folder))).toEqual(facts(after));
    } finally {
      await pool.end();
    }
  }, 120_000);
});
