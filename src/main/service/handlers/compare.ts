import { exportFileName } from '../../../core/export/file-name.js';
import { checkOutputPath } from '../../store/output-path.js';
import { acceptAgreements, applyDecision, findDisagreements } from '../../../core/adjudication/index.js';
import {
  AGREEMENT_WEIGHTS,
  type AgreementWeights,
  type CompareOptions,
  compareCodings,
  computeMetric,
  type DocumentExtent,
  figureInterval,
  LEVELS,
  METRICS,
  parseReliabilityData,
  PERCENT_DEFINITIONS,
  renderAgreementReport,
  type Comparison,
  type ComparisonFigures,
  type Level,
  type MetricName,
  type PercentDefinition,
} from '../../../core/agreement/index.js';
import { codePaths } from '../../../core/codebook/paths.js';
import { buildCoderExport, coderExportFileName } from '../../../core/merge/coder-export.js';
import type { MergeReport } from '../../../core/merge/types.js';
import { err, ok, type Result } from '../../../core/model/result.js';
import type { AgreementRequest, MergeReportSummary } from '../../../shared/api.js';
import { listMergeReports, mergeIntoSession, readIncoming, readIncomingBytes, readMergeReport, replaceMergeReport } from '../../merge/index.js';
import { writeFileDurably } from '../../store/durable-write.js';
import { withSession, type DomainHandlers } from '../context.js';
import type { CoreEnv } from '../../../core/model/ids.js';
import type { Id } from '../../../core/model/types.js';
import type { ProjectSession } from '../session.js';

const UNITS = ['character', 'segment', 'paragraph', 'document'] as const;

function summary(r: MergeReport): MergeReportSummary {
  return { id: r.id, at: r.at, source: r.source, added: r.added, matched: r.matched, keptAside: r.keptAside.codings.length, missingDocuments: r.missingDocuments.length, renamedCodes: r.renamedCodes.length, resolved: !!r.resolved };
}

function stripData(f: ComparisonFigures): ComparisonFigures {
  return { ...f, data: { coders: f.data.coders, units: [] } };
}

/** The codes and documents a request compares, checked against the open project (texts read only for the paragraph unit). */
async function comparedItems(session: ProjectSession, a: AgreementRequest): Promise<Result<{ codeIds: Id[]; extents: DocumentExtent[] }>> {
  const data = session.data;
  if (!Array.isArray(a.coderIds) || a.coderIds.length < 2) return err('invalid', 'Choose at least two coders to compare');
  if (!(UNITS as readonly string[]).includes(a.unit)) return err('usage', `Unknown unit "${String(a.unit)}"; use ${UNITS.join('|')}`);
  for (const id of a.coderIds) if (!data.coders.some((c) => c.id === id)) return err('not-found', `No coder with id ${id}`);
  const codeIds = a.codeIds ?? data.codebook.map((c) => c.id);
  for (const id of codeIds) if (!data.codebook.some((c) => c.id === id)) return err('not-found', `No code with id ${id}`);
  const docs = a.documentIds ? a.documentIds.map((id) => data.documents.find((d) => d.id === id)) : data.documents;
  const extents: DocumentExtent[] = [];
  for (const [i, d] of docs.entries()) {
    if (!d) return err('not-found', `No document with id ${a.documentIds?.[i]}`);
    if (a.unit === 'paragraph') {
      const src = await session.store.readSource(d.id);
      if (!src.ok) return src;
      extents.push({ id: d.id, text: src.value.text });
    } else extents.push({ id: d.id, length: d.chars });
  }
  return ok({ codeIds, extents });
}

/** The comparison options of a request, bootstrap aside. */
function unitOptions(a: AgreementRequest): CompareOptions {
  return {
    ...(a.overlapThreshold !== undefined ? { overlapThreshold: a.overlapThreshold } : {}),
    ...(a.documentCriterion ? { documentCriterion: a.documentCriterion } : {}),
  };
}

/** Run the agreement engine on the open project (reads texts only for the paragraph unit). */
export async function computeAgreement(session: ProjectSession, a: AgreementRequest): Promise<Result<Comparison>> {
  const items = await comparedItems(session, a);
  if (!items.ok) return items;
  const r = compareCodings(session.data.codings, items.value.extents, a.coderIds, items.value.codeIds, a.unit, {
    ...unitOptions(a),
    ...(a.bootstrap ? { bootstrap: a.bootstrap } : {}),
    withTables: a.withTables ?? true,
  });
  if (!r.ok || a.withData !== false) return r;
  const c = r.value;
  return ok({
    ...c,
    cells: c.cells.map(stripData),
    perCode: c.perCode.map(stripData),
    perDocument: c.perDocument.map(stripData),
    pooled: stripData(c.pooled),
    ...(c.pairs ? { pairs: c.pairs.map((p) => ({ ...p, pooled: stripData(p.pooled), perCode: p.perCode.map(stripData) })) } : {}),
  });
}

async function mergeFrom(session: ProjectSession, env: CoreEnv, read: () => ReturnType<typeof readIncoming>) {
  const incoming = await read();
  if (!incoming.ok) return incoming;
  return mergeIntoSession(session, incoming.value, env);
}

/** The compare operations. */
export const compareHandlers: DomainHandlers<'compare'> = {
  'agreement.compute': withSession((session, a) => computeAgreement(session, a)),
  'agreement.interval': withSession(async (session, a) => {
    if (!a.bootstrap) return err('usage', 'An interval needs its bootstrap settings (samples and seed)');
    const items = await comparedItems(session, a);
    if (!items.ok) return items;
    const r = figureInterval(session.data.codings, items.value.extents, a.coderIds, items.value.codeIds, a.unit, a.codeId, { ...unitOptions(a), bootstrap: a.bootstrap });
    return r.ok ? ok({ codeId: a.codeId, interval: r.value }) : r;
  }),
  'agreement.report': withSession(async (session, a, ctx) => {
    if (!['md', 'html', 'csv'].includes(a.format)) return err('usage', `Unknown report format "${String(a.format)}"; use md|html|csv`);
    const c = await computeAgreement(session, { ...a, withData: false });
    if (!c.ok) return c;
    const data = session.data;
    const text = renderAgreementReport(
      {
        comparison: c.value,
        date: ctx.env.now(),
        codebookVersion: data.project.codebookVersion,
        projectName: data.project.name,
        coderNames: Object.fromEntries(data.coders.map((u) => [u.id, u.consensus ? `${u.name} (consensus)` : u.auto ? `${u.name} (auto)` : u.name])),
        codeNames: Object.fromEntries(codePaths(data.codebook)),
        documentTitles: Object.fromEntries(data.documents.map((d) => [d.id, d.title])),
      },
      a.format,
    );
    const mime = a.format === 'html' ? 'text/html' : a.format === 'csv' ? 'text/csv' : 'text/markdown';
    return ok({ text, fileName: exportFileName({ project: data.project.name, what: 'agreement', unit: c.value.unit, date: new Date().toISOString(), ext: a.format }), mime });
  }),
  'agreement.metric': async (_ctx, a) => {
    if (!(METRICS as readonly string[]).includes(a.metric)) return err('usage', `Unknown metric "${a.metric}"; use ${METRICS.join('|')}`);
    const level = (a.level ?? 'nominal') as Level;
    if (!LEVELS.includes(level)) return err('usage', `Unknown level "${a.level}"; use ${LEVELS.join('|')}`);
    if (a.percentDefinition !== undefined && !(a.percentDefinition in PERCENT_DEFINITIONS)) return err('usage', `Unknown percent definition "${a.percentDefinition}"; use ${Object.keys(PERCENT_DEFINITIONS).join('|')}`);
    if (a.weights !== undefined && !(AGREEMENT_WEIGHTS as readonly string[]).includes(a.weights)) return err('usage', `Unknown weights "${a.weights}"; use ${AGREEMENT_WEIGHTS.join('|')}`);
    if (typeof a.text !== 'string') return err('usage', 'No reliability data given');
    // Ordered AC2 weights need ordered values: read nominal cells as numbers when all are numeric.
    const readAs: Level = a.metric === 'gwet' && a.weights !== undefined && a.weights !== 'identity' && level === 'nominal' ? 'ordinal' : level;
    const data = parseReliabilityData(a.text, readAs, a.format ?? 'auto');
    if (!data.ok) return data;
    const cats = a.categories;
    return ok(
      computeMetric(data.value, a.metric as MetricName, level, {
        ...(a.percentDefinition ? { percentDefinition: a.percentDefinition as PercentDefinition } : {}),
        ...(a.weights ? { weights: a.weights as AgreementWeights } : {}),
        ...(typeof cats === 'number' ? { q: cats } : Array.isArray(cats) ? { categories: level === 'nominal' ? cats : cats.map((c) => (/^[-+]?\d+(\.\d+)?$/.test(c) ? Number(c) : c)) } : {}),
        ...(a.bootstrap ? { bootstrap: a.bootstrap } : {}),
        withTable: a.withTable ?? false,
      }),
    );
  },
  'merge.run': withSession((session, a, ctx) => mergeFrom(session, ctx.env, () => readIncoming(a.path))),
  'merge.upload': withSession((session, a, ctx) => mergeFrom(session, ctx.env, () => readIncomingBytes(new Uint8Array(Buffer.from(a.dataBase64, 'base64')), a.name))),
  'merge.exportCoder': withSession(async (session, a, ctx) => {
    const e = buildCoderExport(session.data, a.coderIds ?? [], ctx.env.now());
    if (!e.ok) return e;
    const json = JSON.stringify(e.value, null, 1) + '\n';
    const fileName = coderExportFileName(e.value);
    if (!a.path) return ok({ fileName, json, path: null });
    const target = checkOutputPath(a.path, 'path');
    if (!target.ok) return target;
    try {
      await writeFileDurably(target.value, json);
    } catch (x) {
      return err('io', `Could not write ${target.value}: ${(x as Error).message}`);
    }
    return ok({ fileName, json, path: target.value });
  }),
  'merge.reports': withSession(async (session) => ok((await listMergeReports(session.store.dir)).map(summary))),
  'merge.report': withSession((session, a) => readMergeReport(session.store.dir, a.id)),
  'merge.retry': withSession(async (session, a, ctx) => {
    const old = await readMergeReport(session.store.dir, a.id);
    if (!old.ok) return old;
    if (old.value.keptAside.codings.length === 0) return err('invalid', 'That merge kept nothing aside');
    const m = await mergeIntoSession(session, { source: { kind: 'retry', name: `kept aside by ${old.value.source.name}` }, work: old.value.keptAside }, ctx.env, old.value.id);
    if (!m.ok) return m;
    await replaceMergeReport(session.store.dir, { ...old.value, resolved: true, notes: [...old.value.notes, `Retried as ${m.value.value.id}.`] });
    return m;
  }),
  'merge.resolve': withSession(async (session, a) => {
    const old = await readMergeReport(session.store.dir, a.id);
    if (!old.ok) return old;
    const r = await replaceMergeReport(session.store.dir, { ...old.value, resolved: true });
    return r.ok ? ok(summary(r.value)) : r;
  }),
  'adjudication.decide': withSession(async (session, a, ctx) => {
    const judge = session.coderId;
    if (!judge) return err('invalid', 'Name yourself as a coder before adjudicating');
    const src = await session.store.readSource(a.documentId);
    if (!src.ok) return src;
    const labels = { 'accept-a': 'Accept A', 'accept-b': 'Accept B', 'accept-both': 'Accept both', edit: 'Edit', reject: 'Reject' } as const;
    if (!(a.decision in labels)) return err('usage', `Unknown decision "${String(a.decision)}"`);
    return session.mutate(`Adjudicate: ${labels[a.decision]}`, (d) => {
      const r = applyDecision(d, src.value.text, a, { decidedBy: judge, at: ctx.env.now() }, ctx.env);
      return r.ok ? ok({ data: r.value.data, value: { consensusCoderId: r.value.consensusCoderId, codingIds: r.value.codingIds } }) : r;
    });
  }),
  'adjudication.acceptAgreements': withSession(async (session, a, ctx) => {
    const judge = session.coderId;
    if (!judge) return err('invalid', 'Name yourself as a coder before adjudicating');
    return session.mutate('Adjudicate: copy agreements', (d) => {
      const q = findDisagreements(d.codings, a.documentId, a.coderA, a.coderB, a.codeIds);
      const r = acceptAgreements(d, q, { decidedBy: judge, at: ctx.env.now() }, ctx.env);
      return ok({ data: r.data, value: { consensusCoderId: r.consensusCoderId, copied: r.copied } });
    });
  }),
};
