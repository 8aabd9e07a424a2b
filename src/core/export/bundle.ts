import type { AgreementResult } from '../agreement/types.js';
import type { Id, ProjectData } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import { findCoder } from '../model/project.js';
import { codePath } from '../codebook/paths.js';
import { consensusCoderOf, independentCoderIds, indexRatings, key, ratingDisagreements, type RatingDisagreement } from '../matrix/consensus.js';
import { evidenceIndex, matrixEvidenceIds, resolveEvidence, type EvidenceRef } from '../matrix/evidence.js';
import { tallyCells } from '../matrix/counts.js';
import { matrixRowIds, pickMatrix } from '../matrix/matrix-ops.js';
import { ordinalAlpha, ratingReliabilityData } from '../matrix/reliability.js';
import { bootstrapAlpha } from '../agreement/bootstrap.js';
import { scaleIndex } from '../matrix/scale.js';
import { buildMatrixView, passageCoders, type MatrixView, type ViewCoder } from '../matrix/view.js';
import { buildManifest, matrixDefinition, type ExportManifest } from './manifest.js';
import { countsTable, PASSAGE_NOTE, ratingsTable, type ExportTable } from './table.js';

/** One rating of the tidy (long) export: case × column × coder. */
export interface TidyRating {
  caseId: Id;
  case: string;
  codeId: Id;
  column: string;
  coder: string;
  /** Scale index (0 = lowest), null when unrated or not applicable. */
  rating: number | null;
  ratingLabel: string;
  /** Coded passages of the column in the case by this coder (a consensus coder who coded nothing: by the independent coders); see {@link PASSAGE_NOTE}. */
  passages: number;
  note: string;
  evidence: EvidenceRef[];
}

/** Everything the exporters of one matrix need, computed once. */
export interface MatrixExport {
  /** The main table: ratings, or counts when `counts` was asked for. */
  table: ExportTable;
  /** The counts table (for the XLSX "counts" sheet). */
  countsTable: ExportTable;
  view: MatrixView;
  /** Tidy rows of the coder shown (every coder when `all`). */
  tidy: TidyRating[];
  /** Tidy rows of every non-machine coder, whoever is shown (XLSX "Ratings by coder"). */
  tidyAll: TidyRating[];
  /** Evidence passages of every rating in the export, for the "evidence quotes" sheet. */
  evidence: (EvidenceRef & { case: string; column: string; coder: string; rating: string })[];
  agreement: AgreementResult | null;
  disagreements: RatingDisagreement[];
  manifest: ExportManifest;
}

/** Options of {@link buildMatrixExport}. */
export interface MatrixExportOptions {
  /** Coder name or id, `consensus`, or `all` (tidy: every coder; counts: pooled). Omitted: see {@link resolveExportCoder}. */
  coder?: string;
  counts?: boolean;
  /** Bootstrap replicates of the agreement interval (default 1000; 0 leaves the interval out). */
  bootstrapSamples?: number;
  appVersion: string;
  date: string;
}

const NA_NOTE = 'Agreement: Krippendorff’s alpha (ordinal) over the matrix cells, values = scale positions; “not applicable” and unrated cells are missing values.';

/** A figure to three decimals with a true minus sign (α can be negative). */
function fig(x: number): string {
  return x.toFixed(3).replace(/^-/, '−');
}

/**
 * The agreement sentence of a table note: who was compared, ordinal α with its 95% bootstrap
 * interval, how many cells entered, and how "not applicable" was treated.
 */
export function agreementSentence(a: AgreementResult, coderNames: readonly string[]): string {
  const who = coderNames.length > 0 ? ` between ${coderNames.join(' and ')}` : '';
  if (a.value === null) return `Agreement${who}: Krippendorff’s α (ordinal) is undefined (${a.reason ?? 'no reason given'}).`;
  const how = a.interval?.samples !== undefined ? `percentile bootstrap, ${a.interval.samples.toLocaleString('en-US')} resamples of cells` : (a.interval?.method ?? '');
  const ci = a.interval ? `, ${Math.round(a.interval.confidence * 100)}% CI [${fig(a.interval.lower)}, ${fig(a.interval.upper)}] (${how})` : '';
  return `Agreement${who}: Krippendorff’s α (ordinal) = ${fig(a.value)}${ci}, ${a.units} cells rated by both; “not applicable” and unrated cells count as missing.`;
}

/**
 * Pick the coder an export shows. Explicit `consensus` / name / id / `all` win. Without one:
 * counts pool every coder; ratings use the consensus coder when it has rated this matrix, else the
 * only coder who has; with several independent raters and no consensus it is an error naming them.
 */
export function resolveExportCoder(data: ProjectData, matrixId: Id, coder: string | undefined, counts: boolean): Result<ViewCoder> {
  if (coder !== undefined && coder.trim() !== '') {
    const want = coder.trim().toLowerCase();
    if (want === 'all') return ok('all');
    if (want === 'consensus' && !findCoder(data, coder)) return ok('consensus');
    const c = findCoder(data, coder);
    return c ? ok(c.id) : err('not-found', `No coder "${coder}"`);
  }
  if (counts) return ok('all');
  const raters = [...new Set(data.ratings.filter((r) => r.matrixId === matrixId && r.value !== null).map((r) => r.coderId))];
  const consensus = consensusCoderOf(data);
  if (consensus && raters.includes(consensus)) return ok(consensus);
  if (raters.length === 1) return ok(raters[0] as Id);
  if (raters.length === 0) return err('invalid', 'Nobody has rated this matrix yet; choose a coder or export counts');
  const names = raters.map((id) => data.coders.find((c) => c.id === id)?.name ?? id).join(', ');
  return err('invalid', `Several coders rated this matrix (${names}); choose one or "consensus"`);
}

/**
 * Compute everything an export of one matrix needs: the matrix view for the chosen coder, the
 * counts view, tidy rows (every non-machine coder when the coder is `all`, else that coder), the
 * evidence list, agreement across the independent coders, their disagreements and the manifest.
 * `matrixRef` is a name or id; empty or undefined picks the default (see `pickMatrix`).
 */
export function buildMatrixExport(data: ProjectData, matrixRef: string | undefined, opts: MatrixExportOptions): Result<MatrixExport> {
  const picked = pickMatrix(data, matrixRef);
  if (!picked.ok) return picked;
  const matrix = picked.value;
  if (typeof opts.appVersion !== 'string' || typeof opts.date !== 'string') return err('invalid', 'An export needs the app version and date');
  const who = resolveExportCoder(data, matrix.id, opts.coder, opts.counts === true);
  if (!who.ok) return who;
  const ratingsCoder: ViewCoder = who.value;
  const view = buildMatrixView(data, matrix.id, { coder: ratingsCoder, mode: opts.counts ? 'counts' : 'ratings' });
  if (!view.ok) return view;
  const countsView = opts.counts ? view : buildMatrixView(data, matrix.id, { coder: ratingsCoder, mode: 'counts' });
  if (!countsView.ok) return countsView;
  const independents = independentCoderIds(data);
  const agreement = independents.length >= 2 ? matrixAgreement(data, matrix.id, independents, opts.bootstrapSamples ?? 1000) : null;
  const independentNames = independents.map((id) => data.coders.find((c) => c.id === id)?.name ?? id);
  const dis = independents.length >= 2 ? ratingDisagreements(data, matrix.id, independents) : null;
  const allCoders = data.coders.filter((c) => !c.auto || c.id === view.value.coder?.id).map((c) => c.id);
  const tidyCoders = view.value.coder ? [view.value.coder.id] : allCoders;
  const rowIds = view.value.rows.map((r) => r.caseId);
  const manifest = buildManifest(data, {
    kind: opts.counts ? 'counts' : 'ratings',
    appVersion: opts.appVersion,
    date: opts.date,
    coderIds: [...new Set([...tidyCoders, ...(view.value.coder?.consensus ? independents : [])])],
    matrix: matrixDefinition(data, matrix, rowIds),
    ...(agreement ? { agreement } : {}),
    notes: [PASSAGE_NOTE, ...(agreement ? [NA_NOTE] : [])],
  });
  const ratings = indexRatings(data, matrix);
  const tidy: TidyRating[] = [];
  const evidence: MatrixExport['evidence'] = [];
  const caseName = new Map(data.cases.map((c) => [c.id, c.name]));
  const caseIds = matrixRowIds(data, matrix).filter((id) => caseName.has(id));
  const codeIds = view.value.columns.map((c) => c.codeId);
  // Passages as the matrix view counts them: a consensus coder who coded nothing stands on the independent coders' passages.
  const tallies = new Map(
    allCoders.map((id) => {
      const c = data.coders.find((x) => x.id === id);
      const whose = passageCoders(data, c ? { id: c.id, name: c.name, consensus: c.consensus === true } : null) ?? [id];
      return [id, tallyCells(data, caseIds, codeIds, whose).passages];
    }),
  );
  const shown = new Set(tidyCoders);
  const tidyAll: TidyRating[] = [];
  const evIndex = evidenceIndex(data, matrixEvidenceIds(data, matrix.id));
  for (const [i, caseId] of caseIds.entries()) {
    for (const [j, codeId] of codeIds.entries()) {
      for (const coderId of allCoders) {
        const r = ratings.get(key(caseId, codeId, coderId));
        const coder = data.coders.find((c) => c.id === coderId)?.name ?? coderId;
        const refs = r ? resolveEvidence(data, r.evidence, evIndex) : [];
        const column = codePath(data.codebook, codeId);
        tidyAll.push({
          caseId,
          case: caseName.get(caseId) ?? caseId,
          codeId,
          column,
          coder,
          rating: scaleIndex(matrix, r?.value ?? null),
          ratingLabel: r?.value ?? '',
          passages: tallies.get(coderId)?.[i]?.[j] ?? 0,
          note: r?.note ?? '',
          evidence: refs,
        });
        if (!shown.has(coderId)) continue;
        tidy.push(tidyAll[tidyAll.length - 1] as TidyRating);
        for (const e of refs) evidence.push({ ...e, case: caseName.get(caseId) ?? caseId, column, coder, rating: r?.value ?? '' });
      }
    }
  }
  const agreementNote = agreement ? agreementSentence(agreement, independentNames) : null;
  const table = opts.counts ? countsTable(view.value, manifest) : ratingsTable(view.value, manifest, { agreementNote });
  return ok({
    table,
    countsTable: countsTable(countsView.value, manifest),
    view: view.value,
    tidy,
    tidyAll,
    evidence,
    agreement,
    disagreements: dis && dis.ok ? dis.value : [],
    manifest,
  });
}

/**
 * The agreement fields an export records: the figure, its level, units and coders (and why it is
 * undefined). Engine-specific extras (intermediate sums, definitions) are left out so that exports
 * stay stable when the engine's diagnostics change.
 */
export function stableAgreement(a: AgreementResult): AgreementResult {
  const round = (x: number): number => Math.round(x * 1e6) / 1e6;
  const out: AgreementResult = { metric: a.metric, level: a.level, value: a.value === null ? null : round(a.value), units: a.units, coders: a.coders };
  if (a.reason !== undefined) out.reason = a.reason;
  if (a.interval) out.interval = { ...a.interval, lower: round(a.interval.lower), upper: round(a.interval.upper) };
  return out;
}

/**
 * Ordinal α on a matrix's ratings across `coderIds`, with a seeded 95% percentile-bootstrap interval
 * over the cells (deterministic: same ratings, same interval). Null when the data cannot be built.
 */
export function matrixAgreement(data: ProjectData, matrixId: Id, coderIds: readonly Id[], samples = 1000): AgreementResult | null {
  const rd = ratingReliabilityData(data, matrixId, coderIds);
  if (!rd.ok || rd.value.coders.length < 2) return null;
  const a = ordinalAlpha(rd.value);
  const interval = a.value !== null && samples > 0 ? bootstrapAlpha(rd.value, 'ordinal', { samples, seed: 1 }) : null;
  return stableAgreement(interval ? { ...a, interval } : a);
}
