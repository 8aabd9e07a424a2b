import type { AgreementResult } from '../agreement/types.js';
import type { Id, ProjectData } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import { findCoder } from '../model/project.js';
import { codePath } from '../codebook/paths.js';
import { consensusCoderOf, independentCoderIds, indexRatings, key, ratingDisagreements, type RatingDisagreement } from '../matrix/consensus.js';
import { evidenceIndex, matrixEvidenceIds, resolveEvidence, type EvidenceRef } from '../matrix/evidence.js';
import { tallyCells } from '../matrix/counts.js';
import { matrixRowIds, pickMatrix } from '../matrix/matrix-ops.js';
import { ratingAgreement } from '../matrix/reliability.js';
import { scaleIndex } from '../matrix/scale.js';
import { buildMatrixView, type MatrixView, type ViewCoder } from '../matrix/view.js';
import { buildManifest, matrixDefinition, type ExportManifest } from './manifest.js';
import { countsTable, ratingsTable, type ExportTable } from './table.js';

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
  appVersion: string;
  date: string;
}

const NA_NOTE = 'Agreement: Krippendorff’s alpha (ordinal) over the matrix cells, values = scale positions; “not applicable” and unrated cells are missing values.';

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
  const agreementRes = independents.length >= 2 ? ratingAgreement(data, matrix.id, independents) : null;
  const agreement = agreementRes && agreementRes.ok ? stableAgreement(agreementRes.value) : null;
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
    notes: [
      'Passage counts include codings of the column’s subcodes; coverage is coded characters / characters of the case’s documents.',
      ...(agreement ? [NA_NOTE] : []),
    ],
  });
  const ratings = indexRatings(data, matrix);
  const tidy: TidyRating[] = [];
  const evidence: MatrixExport['evidence'] = [];
  const caseName = new Map(data.cases.map((c) => [c.id, c.name]));
  const caseIds = matrixRowIds(data, matrix).filter((id) => caseName.has(id));
  const codeIds = view.value.columns.map((c) => c.codeId);
  const tallies = new Map(allCoders.map((id) => [id, tallyCells(data, caseIds, codeIds, [id]).passages]));
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
  const table = opts.counts ? countsTable(view.value, manifest) : ratingsTable(view.value, manifest);
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
  const out: AgreementResult = { metric: a.metric, level: a.level, value: a.value === null ? null : Math.round(a.value * 1e6) / 1e6, units: a.units, coders: a.coders };
  if (a.reason !== undefined) out.reason = a.reason;
  return out;
}
