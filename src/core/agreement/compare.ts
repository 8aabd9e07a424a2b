/**
 * Agreement between coders on real codings, per code × document, per code, per document and
 * pooled, at one unit of comparison:
 * - `character`: NVivo's coding comparison — each character of a document is a unit per code
 *   (present/absent); all characters of the canonical text count, paragraph separators included.
 * - `segment`: QDA Miner / MAXQDA — coded segments matched by overlap ratio |A∩B|/|A∪B| ≥ threshold
 *   (default 0.9), see `segment-match.ts`; also reports MAXQDA's row agreement.
 * - `paragraph`: presence of the code in each non-empty paragraph (text split at "\n\n").
 * - `document`: presence of the code in the document, or the number of its codings (`frequency`).
 * Pooled figures concatenate the units of the cells they pool (e.g. the pooled character-level
 * kappa is one 2 × 2 table over all characters of all codes and documents).
 * Figures: percent agreement (mean pairwise), kappa (Cohen for two coders, Fleiss for more, each
 * with its analytic interval), Gwet's AC1 (AC2 with quadratic weights for document frequencies)
 * and Krippendorff's alpha (nominal; interval for document frequencies). Each figure carries the
 * degenerate cases of its data in words (`caveats.ts`). With more than two coders, `pairs` repeats
 * the pooled and per-code figures for every coder pair.
 */
import { krippendorffAlpha } from './alpha.js';
import { bootstrapAlpha } from './bootstrap.js';
import { type FigureCaveat, presenceCaveats } from './caveats.js';
import { fleissKappa } from './fleiss.js';
import { gwetAC } from './gwet.js';
import { cohenKappa } from './kappa.js';
import { percentAgreement } from './percent.js';
import { matchSegments } from './segment-match.js';
import { characterUnits, type CoderRange, documentUnit, paragraphRanges, paragraphUnits } from './segments.js';
import type { AgreementResult, ConfidenceInterval, Level, WeightedReliabilityData } from './types.js';
import { totalWeight } from './values.js';
import { err, ok, type Result } from '../model/result.js';
import type { Coding } from '../model/types.js';

export type ComparisonUnit = 'character' | 'segment' | 'paragraph' | 'document';

/** A document to compare: its canonical text (needed for paragraphs) or just its length. */
export interface DocumentExtent {
  id: string;
  text?: string;
  length?: number;
}

export interface CompareOptions {
  /** Segment level: minimum |A∩B|/|A∪B| for two segments to match (default 0.9). */
  overlapThreshold?: number;
  /** Document level: presence (default) or frequency of codings. */
  documentCriterion?: 'presence' | 'frequency';
  /** Attach contingency/coincidence tables to every figure (default true). */
  withTables?: boolean;
  /** Bootstrap intervals for the per-code and pooled alphas. */
  bootstrap?: { samples: number; seed: number; confidence?: number };
}

/** The figures of one cell (a code in a document) or of a pooled group. */
export interface ComparisonFigures {
  codeId: string | null;
  documentId: string | null;
  /** Units compared (total weight: characters, segment clusters, paragraphs, documents). */
  units: number;
  percent: AgreementResult;
  kappa: AgreementResult;
  /** Gwet's AC1 on presence data (categories 0/1); AC2 with quadratic weights on frequencies. */
  gwet: AgreementResult;
  alpha: AgreementResult;
  /** Degenerate cases of this figure's data, in the order of {@link FigureCaveat}; empty when none. */
  caveats: FigureCaveat[];
  /** Segment level only: MAXQDA's share of coded segments matched by every other coder. */
  segmentRowAgreement?: AgreementResult;
  /** Reliability data behind the figures (coder columns in the comparison's coder order). */
  data: WeightedReliabilityData;
}

export interface Comparison {
  unit: ComparisonUnit;
  coders: string[];
  codes: string[];
  documents: string[];
  options: { overlapThreshold: number; documentCriterion: 'presence' | 'frequency' };
  cells: ComparisonFigures[];
  perCode: ComparisonFigures[];
  perDocument: ComparisonFigures[];
  pooled: ComparisonFigures;
  /** More than two coders: the figures of every coder pair (coder ids), pooled and per code. */
  pairs?: PairComparison[];
}

/** The figures of one pair of coders within a comparison of more than two. */
export interface PairComparison {
  coderA: string;
  coderB: string;
  pooled: ComparisonFigures;
  perCode: ComparisonFigures[];
}

function concat(parts: readonly WeightedReliabilityData[], coders: string[]): WeightedReliabilityData {
  const units: WeightedReliabilityData['units'] = [];
  const weights: number[] = [];
  const unitIds: string[] = [];
  for (const p of parts) {
    p.units.forEach((row, u) => {
      units.push(row);
      weights.push(p.weights?.[u] ?? 1);
      unitIds.push(p.unitIds?.[u] ?? '');
    });
  }
  return { coders, units, weights, unitIds };
}

/**
 * Merge identical rows, summing their weights. Every coefficient here depends on the data only
 * through the multiset of rows, so the figures are unchanged; binary data of m coders shrink to at
 * most 2^m rows, which keeps pooled figures cheap.
 */
export function compressRows(data: WeightedReliabilityData): WeightedReliabilityData {
  const index = new Map<string, number>();
  const units: WeightedReliabilityData['units'] = [];
  const weights: number[] = [];
  data.units.forEach((row, u) => {
    let key = '';
    for (const v of row) key += v === null ? '\u0000|' : typeof v === 'number' ? `n${v}|` : `s${v.replace(/\|/g, '||')}\u0000|`;
    const w = data.weights?.[u] ?? 1;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, units.length);
      units.push(row);
      weights.push(w);
    } else weights[at] = (weights[at] ?? 0) + w;
  });
  return { coders: data.coders, units, weights };
}

/** The categories of presence data, declared so Gwet's q is 2 even when one value is unused. */
const PRESENCE = [0, 1] as const;

/** Two columns of reliability data, as a two-coder data set (weights and unit ids kept). */
function pairData(data: WeightedReliabilityData, a: number, b: number): WeightedReliabilityData {
  return { coders: [data.coders[a] ?? '', data.coders[b] ?? ''], units: data.units.map((row) => [row[a] ?? null, row[b] ?? null]), ...(data.weights ? { weights: data.weights } : {}), ...(data.unitIds ? { unitIds: data.unitIds } : {}) };
}

/** Rows where no coder applied the code removed (segment clusters coded only by other coders). */
function dropUncoded(data: WeightedReliabilityData): WeightedReliabilityData {
  const keep = data.units.map((row) => row.some((v) => v === 1));
  return {
    coders: data.coders,
    units: data.units.filter((_, u) => keep[u]),
    weights: data.units.map((_, u) => data.weights?.[u] ?? 1).filter((_, u) => keep[u]),
    ...(data.unitIds ? { unitIds: data.unitIds.filter((_, u) => keep[u]) } : {}),
  };
}

/** The level of the comparison's data: document frequencies are interval counts, everything else presence. */
function levelOf(unit: ComparisonUnit, criterion: 'presence' | 'frequency'): Level {
  return unit === 'document' && criterion === 'frequency' ? 'interval' : 'nominal';
}

/** The percentile-bootstrap interval of a figure's alpha, as the comparison attaches it (null when no replicate is defined). */
function alphaInterval(data: WeightedReliabilityData, level: Level, bootstrap: NonNullable<CompareOptions['bootstrap']>): ConfidenceInterval | null {
  // Character runs are drawn as blocks: neighbouring characters are not independent units.
  return bootstrapAlpha(data, level, { ...bootstrap, resample: data.unitIds && data.weights?.some((w) => w > 1) ? 'rows' : 'units' });
}

function figures(data: WeightedReliabilityData, codeId: string | null, documentId: string | null, level: Level, options: CompareOptions, rows?: { rows: number; agreeing: number }, withInterval = false): ComparisonFigures {
  const withTable = options.withTables ?? true;
  const packed = compressRows(data);
  const kappa = packed.coders.length === 2 ? cohenKappa(packed, { withTable }) : fleissKappa(packed, { withTable });
  const alpha = krippendorffAlpha(packed, level, { withTable });
  if (withInterval && options.bootstrap && alpha.value !== null) {
    const interval = alphaInterval(data, level, options.bootstrap);
    if (interval) alpha.interval = interval;
  }
  const gwet = level === 'interval' ? gwetAC(packed, { weights: 'quadratic' }) : gwetAC(packed, { categories: PRESENCE });
  const caveats = level === 'interval' ? [] : presenceCaveats(packed);
  const out: ComparisonFigures = { codeId, documentId, units: totalWeight(packed), percent: percentAgreement(packed), kappa, gwet, alpha, caveats, data };
  if (rows) {
    out.segmentRowAgreement =
      rows.rows === 0
        ? { metric: 'segment_rows', level: 'nominal', value: null, reason: 'no coded segments', reasonCode: 'no-units', units: 0, coders: data.coders.length }
        : { metric: 'segment_rows', level: 'nominal', value: rows.agreeing / rows.rows, units: rows.rows, coders: data.coders.length, details: { rows: rows.rows, agreeingRows: rows.agreeing } };
    out.segmentRowAgreement.definition = 'share of coded segments (all coders) for which every other coder has a segment of the same code with overlap |A∩B|/|A∪B| ≥ threshold';
  }
  return out;
}

/**
 * Compare coders' codings. Codings of other coders, codes or documents are ignored; offsets are
 * clipped to the document; errors (invalid input): no coders, duplicate coders, a document without
 * text or length, paragraph unit without text, a threshold outside (0, 1].
 */
export function compareCodings(codings: readonly Coding[], documents: readonly DocumentExtent[], coderIds: readonly string[], codeIds: readonly string[], unit: ComparisonUnit, options: CompareOptions = {}): Result<Comparison> {
  const threshold = options.overlapThreshold ?? 0.9;
  const criterion = options.documentCriterion ?? 'presence';
  if (coderIds.length === 0) return err('invalid', 'choose at least one coder');
  if (new Set(coderIds).size !== coderIds.length) return err('invalid', 'a coder is listed twice');
  if (!(threshold > 0 && threshold <= 1)) return err('invalid', `overlap threshold must be in (0, 1], got ${threshold}`);
  const lengths = new Map<string, number>();
  for (const d of documents) {
    const len = d.text !== undefined ? d.text.length : d.length;
    if (len === undefined || !Number.isInteger(len) || len < 0) return err('invalid', `document ${d.id} needs its text or length`);
    if (unit === 'paragraph' && d.text === undefined) return err('invalid', `paragraph comparison needs the text of document ${d.id}`);
    lengths.set(d.id, len);
  }
  const coderIndex = new Map(coderIds.map((c, i) => [c, i]));
  const codeSet = new Set(codeIds);
  const groups = new Map<string, CoderRange[]>();
  for (const c of codings) {
    const coder = coderIndex.get(c.coderId);
    const len = lengths.get(c.documentId);
    if (coder === undefined || len === undefined || !codeSet.has(c.codeId)) continue;
    const start = Math.max(0, c.start);
    const end = Math.min(len, c.end);
    if (end <= start) continue;
    const key = `${c.documentId}\u0000${c.codeId}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push({ coder, start, end });
  }
  const m = coderIds.length;
  const coders = [...coderIds];
  const level = levelOf(unit, criterion);
  const cells: ComparisonFigures[] = [];
  const rowsOf = new Map<ComparisonFigures, { rows: number; agreeing: number }>();
  for (const code of codeIds) {
    for (const d of documents) {
      const ranges = groups.get(`${d.id}\u0000${code}`) ?? [];
      const prefix = `${d.id}:${code}:`;
      let data: WeightedReliabilityData;
      let rows: { rows: number; agreeing: number } | undefined;
      if (unit === 'character') data = characterUnits(ranges, m, lengths.get(d.id) ?? 0, prefix);
      else if (unit === 'paragraph') data = paragraphUnits(ranges, m, paragraphRanges(d.text ?? ''), prefix);
      else if (unit === 'document') data = documentUnit(ranges, m, criterion, prefix);
      else {
        const match = matchSegments(ranges, m, threshold, prefix);
        data = match.data;
        rows = { rows: match.rows, agreeing: match.agreeingRows };
      }
      data.coders = coders;
      const cell = figures(data, code, d.id, level, options, rows);
      if (rows) rowsOf.set(cell, rows);
      cells.push(cell);
    }
  }
  const pool = (group: ComparisonFigures[], codeId: string | null, documentId: string | null): ComparisonFigures => {
    let rows: { rows: number; agreeing: number } | undefined;
    if (unit === 'segment') {
      rows = { rows: 0, agreeing: 0 };
      for (const c of group) {
        const r = rowsOf.get(c);
        rows.rows += r?.rows ?? 0;
        rows.agreeing += r?.agreeing ?? 0;
      }
    }
    return figures(
      concat(
        group.map((c) => c.data),
        coders,
      ),
      codeId,
      documentId,
      level,
      options,
      rows,
      documentId === null,
    );
  };
  // Cells grouped once (in cell order, as a filter per code or document would give them, without its codes × documents² cost).
  const byCode = new Map<string | null, ComparisonFigures[]>();
  const byDocument = new Map<string | null, ComparisonFigures[]>();
  for (const c of cells) {
    for (const [map, key] of [
      [byCode, c.codeId],
      [byDocument, c.documentId],
    ] as const) {
      const list = map.get(key);
      if (list) list.push(c);
      else map.set(key, [c]);
    }
  }
  const perCode = codeIds.map((code) => pool(byCode.get(code) ?? [], code, null));
  const perDocument = documents.map((d) => pool(byDocument.get(d.id) ?? [], null, d.id));
  const pooled = pool(cells, null, null);
  const comparison: Comparison = { unit, coders, codes: [...codeIds], documents: documents.map((d) => d.id), options: { overlapThreshold: threshold, documentCriterion: criterion }, cells, perCode, perDocument, pooled };
  if (m > 2) {
    // A pair reuses the units of the whole comparison. Segment clusters exist because some coder
    // coded them, so a cluster neither of the two coded is not a unit of their comparison.
    const pairs: PairComparison[] = [];
    const pairOptions = { ...options, bootstrap: undefined };
    // Compressed once: the data of m binary coders shrink to at most 2^m distinct rows.
    const sources = [pooled, ...perCode].map((f) => ({ f, packed: compressRows(f.data) }));
    for (let a = 0; a < m; a++) {
      for (let b = a + 1; b < m; b++) {
        const [pooledPair, ...codePairs] = sources.map(({ f, packed }) => {
          const d = pairData(packed, a, b);
          return figures(unit === 'segment' ? dropUncoded(d) : d, f.codeId, f.documentId, level, pairOptions);
        });
        pairs.push({ coderA: coders[a] ?? '', coderB: coders[b] ?? '', pooled: pooledPair as ComparisonFigures, perCode: codePairs });
      }
    }
    comparison.pairs = pairs;
  }
  return ok(comparison);
}

/**
 * The bootstrap interval of one figure's alpha, alone: a code's (`codeId`) or the pooled one
 * (`null`) — exactly the interval {@link compareCodings} attaches to that figure with the same
 * `options.bootstrap`, without drawing the others'. The comparison is computed without intervals
 * (restricted to the code for a code's figure: its cells are the same), then only this figure is
 * resampled, so a view can show the point estimates first and the intervals one by one.
 */
export function figureInterval(
  codings: readonly Coding[],
  documents: readonly DocumentExtent[],
  coderIds: readonly string[],
  codeIds: readonly string[],
  unit: ComparisonUnit,
  codeId: string | null,
  options: CompareOptions & { bootstrap: NonNullable<CompareOptions['bootstrap']> },
): Result<ConfidenceInterval | null> {
  if (codeId !== null && !codeIds.includes(codeId)) return err('invalid', `code ${codeId} is not among the codes compared`);
  const { bootstrap, ...rest } = options;
  const c = compareCodings(codings, documents, coderIds, codeId === null ? codeIds : [codeId], unit, { ...rest, withTables: false });
  if (!c.ok) return c;
  const figure = codeId === null ? c.value.pooled : c.value.perCode[0];
  if (!figure || figure.alpha.value === null) return ok(null);
  return ok(alphaInterval(figure.data, levelOf(unit, options.documentCriterion ?? 'presence'), bootstrap));
}
