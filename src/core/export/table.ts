import type { EvidenceRef } from '../matrix/evidence.js';
import type { MatrixView } from '../matrix/view.js';
import type { CodeCaseCounts, CoOccurrenceTable } from '../matrix/counts.js';
import { formatPercent } from '../matrix/view.js';
import type { ExportManifest } from './manifest.js';

/** A footnote of a table: the rating note and the evidence of one cell. */
export interface TableNote {
  /** 1-based number, in row-major order of the cells that have one. */
  n: number;
  row: string;
  column: string;
  note: string;
  evidence: EvidenceRef[];
}

/** One cell of an export table. */
export interface TableCell {
  text: string;
  /** The number behind the cell (scale index, count, share), or null. */
  value: number | null;
  /** Colour intensity 0..1, or null for no colour. */
  heat: number | null;
  /** Cell marked "not applicable" (drawn grey, outside the colour scale). */
  muted: boolean;
  /** Number of this cell's footnote, if it has one. */
  noteRef: number | null;
}

/**
 * The format-independent table every text, spreadsheet and image export renders: a title, a
 * header row, labelled rows of cells, footnotes, a legend for the heatmap, a caption and the
 * manifest. Builders turn matrix views, count matrices and co-occurrence tables into one.
 */
export interface ExportTable {
  title: string;
  caption: string;
  rowHeader: string;
  columns: { id: string; label: string }[];
  rows: { id: string; label: string; cells: TableCell[] }[];
  notes: TableNote[];
  legend: { label: string; heat: number | null; muted?: boolean }[];
  manifest: ExportManifest;
}

/**
 * A ratings matrix view as a table: cells hold the rating labels; each cell with a note or
 * evidence gets a footnote. Empty cells (unrated) stay empty.
 */
export function ratingsTable(view: MatrixView, manifest: ExportManifest): ExportTable {
  const notes: TableNote[] = [];
  const rows = view.rows.map((row, i) => ({
    id: row.caseId,
    label: row.name,
    cells: view.columns.map((col, j): TableCell => {
      const c = view.cells[i]?.[j];
      if (!c) return { text: '', value: null, heat: null, muted: false, noteRef: null };
      let noteRef: number | null = null;
      if (c.note || c.evidence.length > 0) {
        noteRef = notes.length + 1;
        notes.push({ n: noteRef, row: row.name, column: col.name, note: c.note, evidence: c.evidence });
      }
      return { text: c.value ?? '', value: c.scaleIndex, heat: c.heat, muted: c.notApplicable, noteRef };
    }),
  }));
  const top = Math.max(1, view.matrix.scale.length - 1);
  const who = view.coder ? (view.coder.consensus ? `consensus ratings (${view.coder.name})` : `ratings by ${view.coder.name}`) : 'ratings';
  return {
    title: view.matrix.name,
    caption: `${view.matrix.name}: ${who}. Scale: ${view.matrix.scale.join(' < ')}; “${view.matrix.notApplicable}” is outside the scale.`,
    rowHeader: 'Case',
    columns: view.columns.map((c) => ({ id: c.codeId, label: c.name })),
    rows,
    notes,
    legend: [...view.matrix.scale.map((label, i) => ({ label, heat: i / top })), { label: view.matrix.notApplicable, heat: null, muted: true }],
    manifest,
  };
}

/** A matrix view in counts or coverage mode as a table of numbers. */
export function countsTable(view: MatrixView, manifest: ExportManifest): ExportTable {
  const coverage = view.mode === 'coverage';
  const max = coverage ? view.maxCoverage : view.maxPassages;
  const who = view.coder ? `coded by ${view.coder.name}` : 'all coders';
  return {
    title: `${view.matrix.name} — ${coverage ? 'coverage' : 'coded passages'}`,
    caption: coverage
      ? `${view.matrix.name}: share of each case's text coded with each column's code (or its subcodes), ${who}.`
      : `${view.matrix.name}: number of coded passages of each column's code (or its subcodes) per case, ${who}.`,
    rowHeader: 'Case',
    columns: view.columns.map((c) => ({ id: c.codeId, label: c.name })),
    rows: view.rows.map((row, i) => ({
      id: row.caseId,
      label: row.name,
      cells: view.columns.map((_, j): TableCell => {
        const c = view.cells[i]?.[j];
        const value = coverage ? (c?.coverage ?? 0) : (c?.passages ?? 0);
        return { text: coverage ? formatPercent(value) : String(value), value, heat: c?.heat ?? null, muted: false, noteRef: null };
      }),
    })),
    notes: [],
    legend: numericLegend(max, coverage),
    manifest,
  };
}

/** The code-by-case count matrix (codes as rows, indented by depth via their path) as a table. */
export function codeCaseTable(t: CodeCaseCounts, manifest: ExportManifest, mode: 'counts' | 'coverage' = 'counts'): ExportTable {
  const grid = mode === 'coverage' ? t.coverage : t.counts;
  const max = Math.max(0, ...grid.flat());
  return {
    title: mode === 'coverage' ? 'Coverage by code and case' : 'Coded passages by code and case',
    caption:
      mode === 'coverage'
        ? 'Share of each case’s text coded with each code (subcodes included).'
        : 'Number of coded passages of each code (subcodes included) in each case.',
    rowHeader: 'Code',
    columns: t.cases.map((c) => ({ id: c.id, label: c.name })),
    rows: t.codes.map((code, i) => ({
      id: code.id,
      label: code.path,
      cells: t.cases.map((_, j): TableCell => {
        const v = grid[i]?.[j] ?? 0;
        return { text: mode === 'coverage' ? formatPercent(v) : String(v), value: v, heat: v > 0 && max > 0 ? v / max : null, muted: false, noteRef: null };
      }),
    })),
    notes: [],
    legend: numericLegend(max, mode === 'coverage'),
    manifest,
  };
}

/** A co-occurrence table as a symmetric code × code table. */
export function coOccurrenceExportTable(t: CoOccurrenceTable, manifest: ExportManifest): ExportTable {
  const off = t.counts.flatMap((row, i) => row.filter((_, j) => j !== i));
  const max = Math.max(0, ...off);
  return {
    title: 'Code co-occurrence',
    caption:
      t.rule === 'overlap'
        ? 'Pairs of overlapping codings (same coder, same document); the diagonal counts each code’s codings.'
        : 'Paragraphs in which both codes occur (same coder); the diagonal counts paragraphs holding the code.',
    rowHeader: 'Code',
    columns: t.codes.map((c) => ({ id: c.id, label: c.path })),
    rows: t.codes.map((code, i) => ({
      id: code.id,
      label: code.path,
      cells: t.codes.map((_, j): TableCell => {
        const v = t.counts[i]?.[j] ?? 0;
        const diagonal = i === j;
        return { text: String(v), value: v, heat: !diagonal && v > 0 && max > 0 ? v / max : null, muted: diagonal, noteRef: null };
      }),
    })),
    notes: [],
    legend: numericLegend(max, false),
    manifest,
  };
}

function numericLegend(max: number, percent: boolean): ExportTable['legend'] {
  if (max <= 0) return [{ label: percent ? '0%' : '0', heat: null }];
  const steps = percent ? [0.25, 0.5, 0.75, 1] : [...new Set([1, Math.ceil(max / 4), Math.ceil(max / 2), Math.ceil((3 * max) / 4), max])].filter((v) => v <= max);
  return steps.map((s) => (percent ? { label: formatPercent(s * max), heat: s } : { label: String(s), heat: s / max }));
}

/**
 * Colour stops of the heat scale, light to dark: a single-hue blue ramp that stays readable in
 * greyscale print and for colour-blind readers.
 */
export const HEAT_STOPS: readonly string[] = ['#eef3fa', '#c5d7ee', '#88aedb', '#4a7fc0', '#1d4e8f'];

/** Fill colour of a cell: the ramp at `heat`, light grey when muted, white for no value. */
export function heatColor(heat: number | null, muted = false): string {
  if (muted) return '#e4e4e4';
  if (heat === null || !Number.isFinite(heat)) return '#ffffff';
  const h = Math.min(1, Math.max(0, heat)) * (HEAT_STOPS.length - 1);
  const i = Math.min(HEAT_STOPS.length - 2, Math.floor(h));
  return mix(HEAT_STOPS[i] as string, HEAT_STOPS[i + 1] as string, h - i);
}

/** Text colour that stays legible on {@link heatColor}. */
export function heatTextColor(heat: number | null, muted = false): string {
  return !muted && heat !== null && heat > 0.6 ? '#ffffff' : '#1a1a1a';
}

function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((k) => parseInt(a.slice(k, k + 2), 16));
  const pb = [1, 3, 5].map((k) => parseInt(b.slice(k, k + 2), 16));
  return `#${pa.map((x, k) => Math.round(x + ((pb[k] ?? x) - x) * t).toString(16).padStart(2, '0')).join('')}`;
}
