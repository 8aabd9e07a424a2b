/**
 * Moving a project between a folder and the team server. `push`: a project the server does not
 * have is copied whole (every collection and every document text) as one change set; one it has
 * receives the folder's coding work through the idempotent merge (matching coders, codes,
 * documents by text, codings by position: pushing twice adds nothing). `pull` is the mirror: a
 * new folder gets the whole project; an existing project folder merges the server's coding work,
 * with the merge report in its `merges/` folder as for any merge.
 */
import type pg from 'pg';
import { mergeLayers, type LayerMergeReport } from '../../core/merge/merge-layers.js';
import { mergeWork } from '../../core/merge/merge-work.js';
import type { IncomingWork } from '../../core/merge/types.js';
import { SYSTEM_ENV } from '../../shared/system-env.js';
import { err, ok, type Result } from '../../core/model/result.js';
import type { Id, ProjectData, SourceContent } from '../../core/model/types.js';
import { COLLECTION_KEYS, diffProjects, isEmptyChangeSet, type CollectionKey } from '../../core/ops/change-set.js';
import { mergeIntoSession } from '../merge/run-merge.js';
import { reportIdFor } from '../merge/merge-reports.js';
import { ProjectSession } from '../service/session.js';
import { createProjectFolder, isProjectDir, openProjectFolder } from '../store/project-store.js';
import { inTransaction } from './db.js';
import { PgProjectStore } from './pg-store.js';
import { insertProject, readSourceRow, sourceIds, writeSourceRow } from './project-rows.js';

/** What a push or pull did. */
export interface TransferReport {
  projectId: string;
  /** `copied`: the whole project went over; `merged`: coding work was merged; `unchanged`: nothing new. */
  outcome: 'copied' | 'merged' | 'unchanged';
  revision: number;
  lines: string[];
}

/** The coding work of a project, as the merge takes it. */
function workOf(data: ProjectData): IncomingWork {
  return { coders: data.coders, codebook: data.codebook, documents: data.documents.map((d) => ({ id: d.id, title: d.title, textHash: d.textHash, chars: d.chars })), codings: data.codings };
}

function layeredChanged(r: LayerMergeReport): boolean {
  return r.added.ratings + r.added.memos + r.updated.ratings + r.updated.memos > 0;
}

/** Report lines of a ratings-and-memos merge (`here`: where the existing copies are). */
function layerLines(r: LayerMergeReport, here: string): string[] {
  const lines = [
    `Ratings: ${r.added.ratings} added, ${r.updated.ratings} updated to a newer version, ${r.matched.ratings} already on ${here}. Memos: ${r.added.memos} added, ${r.updated.memos} updated, ${r.matched.memos} already on ${here}.`,
  ];
  if (r.keptAside.length > 0) lines.push(`${r.keptAside.length} ratings or memos could not be placed and were not merged: ${r.keptAside.map((k) => `${k.kind} ${k.id} (${k.reason})`).join('; ')}.`);
  return [...lines, ...r.notes];
}

/** Push the project in folder `dir` to the server's database. */
export async function pushFolder(pool: pg.Pool, dir: string): Promise<Result<TransferReport>> {
  const opened = await openProjectFolder(dir, { readOnly: true });
  if (!opened.ok) return opened;
  const folder = opened.value.store;
  try {
    const data = folder.data;
    const sources: SourceContent[] = [];
    for (const d of data.documents) {
      const s = await folder.readSource(d.id);
      if (!s.ok) return err(s.error.code, `Nothing was pushed: the text of “${d.title}” cannot be read (${s.error.message})`);
      sources.push(s.value);
    }
    const projectId = data.project.id;
    const created = await inTransaction(pool, async (c) => {
      const fresh = await insertProject(c, { format: data.format, schemaVersion: data.schemaVersion, project: data.project });
      for (const s of sources) await writeSourceRow(c, projectId, s);
      return fresh;
    });
    const store = await PgProjectStore.open(pool, projectId);
    if (!store) return err('not-found', 'The project vanished from the server during the push');
    if (created || store.revision === 0) {
      const empty = { ...data } as ProjectData;
      for (const k of COLLECTION_KEYS) (empty as unknown as Record<CollectionKey, unknown[]>)[k] = [];
      const r = await store.commitChanges({ by: null, label: `Push ${data.project.name}`, changes: diffProjects(empty, data) });
      if (!r.ok) return r;
      return ok({
        projectId,
        outcome: 'copied',
        revision: r.value.revision,
        lines: [`Pushed ${data.project.name}: ${data.documents.length} documents, ${data.codings.length} codings, ${data.ratings.length} ratings, ${data.memos.length} memos.`],
      });
    }
    const texts = new Map<Id, string>();
    const hashes = new Set(data.documents.map((d) => d.textHash));
    for (const d of store.data.documents) {
      if (!hashes.has(d.textHash)) continue;
      const s = await store.readSource(d.id);
      if (!s.ok) return s;
      texts.set(d.id, s.value.text);
    }
    const at = SYSTEM_ENV.now();
    const merged = mergeWork(store.data, workOf(data), texts, { id: reportIdFor(at), at, source: { kind: 'project', name: data.project.name, path: dir } }, SYSTEM_ENV);
    if (!merged.ok) return merged;
    const layered = mergeLayers(merged.value.data, data, SYSTEM_ENV);
    const changes = diffProjects(store.data, layered.data);
    const report = merged.value.report;
    const lines = [`Merged ${report.added.codings} new codings (${report.matched.codings} already on the server).`, ...layerLines(layered.report, 'the server')];
    if (report.keptAside.codings.length > 0) lines.push(`${report.keptAside.codings.length} codings could not be placed and were not pushed (their documents or texts differ on the server).`);
    if (isEmptyChangeSet(changes)) return ok({ projectId, outcome: 'unchanged', revision: store.revision, lines });
    const r = await store.commitChanges({ by: null, label: `Push ${data.project.name}`, changes });
    if (!r.ok) return r;
    return ok({ projectId, outcome: 'merged', revision: r.value.revision, lines });
  } finally {
    await folder.close();
  }
}

/** Pull project `projectId` from the server's database into folder `dir`. */
export async function pullProject(pool: pg.Pool, projectId: string, dir: string): Promise<Result<TransferReport>> {
  const store = await PgProjectStore.open(pool, projectId);
  if (!store) return err('not-found', `The server has no project ${projectId}`);
  const data = store.data;
  if (!isProjectDir(dir)) {
    const created = await createProjectFolder(dir, data);
    if (!created.ok) return created;
    const folder = created.value.store;
    try {
      for (const id of await sourceIds(pool, projectId)) {
        const s = await readSourceRow(pool, projectId, id);
        if (!s) return err('not-found', `The text of document ${id} is missing on the server`);
        const w = await folder.writeSource(s);
        if (!w.ok) return w;
      }
    } finally {
      await folder.close();
    }
    return ok({ projectId, outcome: 'copied', revision: store.revision, lines: [`Pulled ${data.project.name} at revision ${store.revision} into ${dir}.`] });
  }
  const opened = await openProjectFolder(dir);
  if (!opened.ok) return opened;
  const session = new ProjectSession(opened.value.store, opened.value.messages);
  try {
    const m = await mergeIntoSession(session, { source: { kind: 'project', name: `${data.project.name} (server)` }, work: workOf(data) }, SYSTEM_ENV);
    if (!m.ok) return m;
    const r = m.value.value;
    // Then the ratings and memos, as one more undoable step.
    const layered = mergeLayers(session.data, data, SYSTEM_ENV);
    if (layered.data !== session.data) {
      const base = session.data;
      const l = await session.mutate(`Merge ratings and memos of ${data.project.name} (server)`, (d) => (d === base ? ok({ data: layered.data, value: null }) : err('conflict', 'The project changed during the pull; try again')));
      if (!l.ok) return l;
    }
    const changed = m.value.patch.revision !== m.value.patch.base || layeredChanged(layered.report);
    return ok({
      projectId,
      outcome: changed ? 'merged' : 'unchanged',
      revision: store.revision,
      lines: [`Merged ${r.added.codings} codings from the server (${r.matched.codings} already here).`, ...layerLines(layered.report, 'here')],
    });
  } finally {
    await opened.value.store.close();
  }
}
