/**
 * One merge into the open project: back up, merge purely, write the report durably, then commit
 * as ONE undo step. The report is written before the commit so that what is kept aside can never
 * be lost; if the commit then fails the report is marked as not applied.
 */
import { emptyMergeReport, mergeWork } from '../../core/merge/merge-work.js';
import type { IncomingWork, MergeReport } from '../../core/merge/types.js';
import type { CoreEnv } from '../../core/model/ids.js';
import { err, ok, type Result } from '../../core/model/result.js';
import type { Id, ProjectData, SourceContent } from '../../core/model/types.js';
import { applyRefiImport } from '../../core/refi/apply.js';
import { describeApplyReport, describeRefiReport } from '../../core/refi/report-text.js';
import type { Mutation } from '../../shared/api.js';
import type { ProjectSession } from '../service/session.js';
import { replaceMergeReport, reportIdFor, writeNewMergeReport } from './merge-reports.js';
import type { Incoming } from './read-incoming.js';

/** Canonical texts of the project's documents whose hash occurs among `work`'s documents. */
async function textsFor(session: ProjectSession, work: IncomingWork): Promise<Result<Map<Id, string>>> {
  const hashes = new Set(work.documents.map((d) => d.textHash));
  const texts = new Map<Id, string>();
  for (const d of session.data.documents) {
    if (!hashes.has(d.textHash)) continue;
    const src = await session.store.readSource(d.id);
    if (!src.ok) return src;
    texts.set(d.id, src.value.text);
  }
  return ok(texts);
}

/** Compute the merged data and its report (nothing written yet). */
async function compute(session: ProjectSession, incoming: Incoming, id: string, at: string, env: CoreEnv): Promise<Result<{ data: ProjectData; sources: SourceContent[]; report: MergeReport }>> {
  if ('work' in incoming) {
    const texts = await textsFor(session, incoming.work);
    if (!texts.ok) return texts;
    const r = mergeWork(session.data, incoming.work, texts.value, { id, at, source: incoming.source }, env);
    return r.ok ? ok({ ...r.value, sources: [] }) : r;
  }
  const applied = applyRefiImport(session.data, incoming.refi, { mode: 'merge', now: at }, env);
  if (!applied.ok) return applied;
  const a = applied.value.report;
  const report = emptyMergeReport(id, at, incoming.source);
  report.added = { coders: a.added.coders, codes: a.added.codes, documents: a.added.documents, codings: a.added.codings };
  report.matched = { coders: a.matched.coders, codes: a.matched.codes, documents: a.matched.documents, codings: a.matched.codings };
  report.notes = [describeApplyReport(a), ...describeRefiReport(a.refi), ...a.skipped.map((s) => `Skipped ${s.kind} ${s.name || s.guid}: ${s.reason}`), ...a.notes];
  return ok({ data: applied.value.data, sources: applied.value.sources, report });
}

/**
 * Merge `incoming` into the session's project: backup "before merge", report in `merges/`, one
 * undo step labelled "Merge <name>". Merging the project folder into itself is refused.
 */
export async function mergeIntoSession(session: ProjectSession, incoming: Incoming, env: CoreEnv, retryOf?: string): Promise<Result<Mutation<MergeReport>>> {
  if (session.store.readOnly) return err('read-only', 'This project is open read-only; nothing was merged');
  if (incoming.source.path && incoming.source.path === session.store.dir) return err('invalid', 'That is this project’s own folder; choose another coder’s project');
  const at = env.now();
  const computed = await compute(session, incoming, reportIdFor(at), at, env);
  if (!computed.ok) return computed;
  const { data, sources } = computed.value;
  let report = computed.value.report;
  if (retryOf) report.retryOf = retryOf;
  const changes = data !== session.data;
  if (changes) {
    const backup = await session.store.backup('before merge');
    if (!backup.ok) return backup;
    report.backup = backup.value;
  }
  if (report.keptAside.codings.length === 0 && !retryOf) report.resolved = true;
  const written = await writeNewMergeReport(session.store.dir, report);
  if (!written.ok) return written;
  report = written.value;
  const base = session.data;
  const m = await session.mutate(`Merge ${incoming.source.name}`, (d) => (d === base ? ok({ data, value: report, sources }) : err('conflict', 'The project changed during the merge; try again')));
  if (!m.ok) {
    await replaceMergeReport(session.store.dir, { ...report, notes: [...report.notes, `Not applied: ${m.error.message}`], resolved: true });
    return m;
  }
  return m;
}
