import type { EvidenceRef } from '../matrix/evidence.js';
import type { MatrixView } from '../matrix/view.js';
import type { CodeCaseCounts, CoOccurrenceTable } from '../matrix/counts.js';
import { formatPercent } from '../matrix/view.js';
import { slug } from './file-name.js';
import type { ExportManifest } from './manifest.js';

/** A note under the table: the rating note and the evidence of one cell, marked a, b, c… */
export interface TableNote {
  /** Letter marker (a, b, … z, aa, ab…), in row-major order of the cells that have a note. */
  mark: string;
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
  /** Marker of this cell's note (see {@link TableNote.mark}), if it has one. */
  noteRef: string | null;
}

/**
 * The format-independent table every text, spreadsheet and image export renders, laid out as a
 * journal table: a numbered caption with a label, a header row, labelled rows of cells, a legend
 * (the rating scale or the colour steps), general notes (scale, agreement with its interval, how
 * values were counted), specific notes marked a, b, c… with their evidence, and the provenance
 * manifest, which renderers keep out of the table body (comments, metadata, a sheet, a sidecar).
 */
export interface ExportTable {
  /** Table number in the caption ("Table 1"); LaTeX and Word number it themselves. */
  number: number;
  /** Cross-reference label (`tab:a6-outcomes-consensus`): LaTeX `\label`, HTML id, Word bookmark. */
  label: string;
  /** Short title: the matrix and whose table it is ("A6 outcomes: consensus ratings"). */
  title: string;
  /** The caption sentence after "Table N.". */
  caption: string;
  rowHeader: string;
  columns: { id: string; label: string }[];
  rows: { id: string; label: string; cells: TableCell[] }[];
  /** General notes, in the order printed after "Note." (scale, agreement, counting rules). */
  generalNotes: string[];
  /** The agreement sentence (also among `generalNotes`), or null when there is none. */
  agreementNote: string | null;
  notes: TableNote[];
  legend: { label: string; heat: number | null; muted?: boolean }[];
  manifest: ExportManifest;
}

/** The marker of the `i`-th note (0-based): a … z, aa, ab … (spreadsheet-column style). */
export function noteMark(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(97 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A label safe in LaTeX `\label`, HTML ids and Word bookmarks: `tab:` plus an ASCII slug. */
export function tableLabel(...parts: string[]): string {
  return `tab:${slug(parts.join(' ')) || 'table'}`;
}

/**
 * The evidence of a note with overlapping passages cited once: when two cited passages of the same
 * document overlap (two coders marked the same place, one a sentence, the other its paragraph),
 * the longer stands for both. Order of first citation is kept.
 */
export function citedOnce(evidence: readonly EvidenceRef[]): EvidenceRef[] {
  const kept: EvidenceRef[] = [];
  for (const e of evidence) {
    const i = kept.findIndex((k) => k.documentId === e.documentId && k.start < e.end && e.start < k.end);
    if (i < 0) kept.push(e);
    else if (e.end - e.start > (kept[i] as EvidenceRef).end - (kept[i] as EvidenceRef).start) kept[i] = e;
  }
  return kept;
}

/** Whose ratings a view shows, for titles: "consensus ratings", "ratings by Ana". */
export function viewSubject(view: MatrixView): string {
  if (!view.coder) return 'ratings';
  return view.coder.consensus ? 'consensus ratings' : `ratings by ${view.coder.name}`;
}

/**
 * A ratings matrix view as a table: cells hold the rating labels; each cell with a note or
 * evidence gets a lettered note under the table. Empty cells (unrated) stay empty.
 * `extraNotes` (agreement, method) follow the scale in the general notes.
 */
export function ratingsTable(view: MatrixView, manifest: ExportManifest, opts: { agreementNote?: string | null; number?: number } = {}): ExportTable {
  const notes: TableNote[] = [];
  const rows = view.rows.map((row, i) => ({
    id: row.caseId,
    label: row.name,
    cells: view.columns.map((col, j): TableCell => {
      const c = view.cells[i]?.[j];
      if (!c) return { text: '', value: null, heat: null, muted: false, noteRef: null };
      let noteRef: string | null = null;
      if (c.note || c.evidence.length > 0) {
        noteRef = noteMark(notes.length);
        notes.push({ mark: noteRef, row: row.name, column: col.name, note: c.note, evidence: citedOnce(c.evidence) });
      }
      return { text: c.value ?? '', value: c.scaleIndex, heat: c.heat, muted: c.notApplicable, noteRef };
    }),
  }));
  const top = Math.max(1, view.matrix.scale.length - 1);
  const subject = viewSubject(view);
  const who = view.coder?.consensus ? ` (adjudicated by ${view.coder.name})` : '';
  const unrated = rows.some((r) => r.cells.some((c) => c.text === '')) ? ' Empty cells were not rated.' : '';
  const agreementNote = opts.agreementNote ?? null;
  return {
    number: opts.number ?? 1,
    label: tableLabel(view.matrix.name, view.coder ? (view.coder.consensus ? 'consensus' : view.coder.name) : 'ratings'),
    title: `${view.matrix.name}: ${subject}`,
    caption: `${view.matrix.name}: ${subject}${who}, ${rows.length} cases × ${view.columns.length} columns.`,
    rowHeader: 'Case',
    columns: view.columns.map((c) => ({ id: c.codeId, label: c.name })),
    rows,
    generalNotes: [`Ratings on an ordinal scale: ${view.matrix.scale.join(' < ')}; “${view.matrix.notApplicable}” is outside the scale.${unrated}`, ...(agreementNote ? [agreementNote] : [])],
    agreementNote,
    notes,
    legend: [...view.matrix.scale.map((label, i) => ({ label, heat: i / top })), { label: view.matrix.notApplicable, heat: null, muted: true }],
    manifest,
  };
}

/** What a passage count counts, said once for every table and the tidy CSV. */
export const PASSAGE_NOTE =
  'Passages: coded passages of the column’s code (subcodes included) in the case’s documents by the coder shown (for a consensus coder who coded nothing, by the independent coders); coverage: coded characters / characters of the case’s documents.';

/** A matrix view in counts or coverage mode as a table of numbers. */
export function countsTable(view: MatrixView, manifest: ExportManifest): ExportTable {
  const coverage = view.mode === 'coverage';
  const max = coverage ? view.maxCoverage : view.maxPassages;
  const who = view.coder ? `coded by ${view.coder.name}` : 'all coders';
  return {
    number: 1,
    label: tableLabel(view.matrix.name, coverage ? 'coverage' : 'passages'),
    agreementNote: null,
    generalNotes: [PASSAGE_NOTE],
    title: `${view.matrix.name}: ${coverage ? 'coverage' : 'coded passages'}`,
    caption: coverage ? `${view.matrix.name}: share of each case's text coded with each column's code (or its subcodes), ${who}.` : `${view.matrix.name}: number of coded passages of each column's code (or its subcodes) per case, ${who}.`,
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
    number: 1,
    label: tableLabel('codes by cases', mode),
    agreementNote: null,
    generalNotes: ['A code’s count includes the codings of its subcodes; documents without a case are not counted.'],
    title: mode === 'coverage' ? 'Coverage by code and case' : 'Coded passages by code and case',
    caption: mode === 'coverage' ? 'Share of each case’s text coded with each code (subcodes included).' : 'Number of coded passages of each code (subcodes included) in each case.',
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
    number: 1,
    label: tableLabel('co-occurrence', t.rule),
    agreementNote: null,
    generalNotes: ['Only codings by the same coder co-occur; the diagonal is drawn grey.'],
    title: 'Code co-occurrence',
    caption:
      t.rule === 'overlap' ? 'Pairs of overlapping codings (same coder, same document); the diagonal counts each code’s codings.' : 'Paragraphs in which both codes occur (same coder); the diagonal counts paragraphs holding the code.',
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

/** "Not applicable" is hatched (light grey with darker stripes), so it stays apart from the lowest rating in greyscale print. */
export const NA_FILL = '#f0f0f0';
export const NA_STROKE = '#bdbdbd';
/** The hatch as CSS (HTML export, legend swatches). */
export const NA_HATCH_CSS = `background:repeating-linear-gradient(135deg,${NA_FILL} 0 4px,${NA_STROKE} 4px 6px)`;

/** Fill colour of a cell: the ramp at `heat`, light grey when muted, white for no value. */
export function heatColor(heat: number | null, muted = false): string {
  if (muted) return '#e4e4e4';
  if (heat === null || !Number.isFinite(heat)) return '#ffffff';
  const h = Math.min(1, Math.max(0, heat)) * (HEAT_STOPS.length - 1);
  const i = Math.min(HEAT_STOPS.length - 2, Math.floor(h));
  return mix(HEAT_STOPS[i] as string, HEAT_STOPS[i + 1] as string, h - i);
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((k) => {
    const c = parseInt(hex.slice(k, k + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Text colour on {@link heatColor}: black or white, whichever contrasts more with the fill (cell
 * labels and note markers both use it). Pure black matters: with it every fill reaches WCAG's 4.5:1
 * with one of the two, where a softer near-black leaves mid-ramp cells below it.
 */
export function heatTextColor(heat: number | null, muted = false): string {
  const fill = muted ? NA_FILL : heatColor(heat, false);
  return contrast('#000000', fill) >= contrast('#ffffff', fill) ? '#000000' : '#ffffff';
}

function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((k) => parseInt(a.slice(k, k + 2), 16));
  const pb = [1, 3, 5].map((k) => parseInt(b.slice(k, k + 2), 16));
  return `#${pa
    .map((x, k) =>
      Math.round(x + ((pb[k] ?? x) - x) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
