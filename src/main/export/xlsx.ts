import ExcelJS from 'exceljs';
import type { MatrixExport } from '../../core/export/bundle.js';
import { manifestLines, type ExportManifest } from '../../core/export/manifest.js';
import { heatColor, heatTextColor, NA_FILL, NA_STROKE, type ExportTable } from '../../core/export/table.js';
import { formatEvidence } from '../../core/matrix/evidence.js';
import { guardedXlsxBytes } from './xlsx-guard.js';

const HEADER_FILL = 'FF1D2A3A';
/** Fast deflate: the workbooks are small and text-heavy, level 1 keeps them compact at a fraction of the time. */
const FAST_ZIP: Partial<ExcelJS.XlsxWriteOptions> = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } };
const FONT = 'Calibri';

function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

/** Print set-up of every sheet: A4, fitted to one page wide (as many pages tall as needed), header rows repeated. */
function fitToPageWidth(ws: ExcelJS.Worksheet, headerRow: number, landscape: boolean): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
}

/** Header row styling: bold white on dark, frozen (with the first column), with an autofilter; the sheet prints one page wide. */
function styleHeader(ws: ExcelJS.Worksheet, columns: number, headerRow = 1, landscape = false): void {
  const row = ws.getRow(headerRow);
  row.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
  row.alignment = { vertical: 'middle', wrapText: true };
  for (let c = 1; c <= columns; c++) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  row.height = 30;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns } };
  fitToPageWidth(ws, headerRow, landscape);
}

/** A wrapped text row spanning `columns` columns, tall enough for its text at about `charsPerLine`. */
function noteRow(ws: ExcelJS.Worksheet, text: string, columns: number, charsPerLine: number, opts: { italic?: boolean; bold?: boolean; size?: number } = {}): void {
  const row = ws.addRow([text]);
  if (columns > 1) ws.mergeCells(row.number, 1, row.number, columns);
  const c = row.getCell(1);
  c.alignment = { wrapText: true, vertical: 'top' };
  c.font = { name: FONT, size: opts.size ?? 9, ...(opts.italic ? { italic: true } : {}), ...(opts.bold ? { bold: true } : {}) };
  row.height = Math.max(1, Math.ceil(text.length / Math.max(20, charsPerLine))) * ((opts.size ?? 9) + 3.5);
}

/** Fill of a heat cell: the colour ramp, or the "not applicable" hatch. */
function heatFill(heat: number | null, muted: boolean): ExcelJS.Fill {
  return muted ? { type: 'pattern', pattern: 'lightUp', fgColor: { argb: argb(NA_STROKE) }, bgColor: { argb: argb(NA_FILL) } } : { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(heatColor(heat, false)) } };
}

/**
 * A table as a worksheet laid out for print: a title row ("Table N. caption"), the header row
 * (frozen), coloured cells (heatmap) holding plain values (labels, or numbers where the cell has
 * one, so the sheet stays data), and under the table the "Note." and the lettered notes with
 * evidence, each naming its cell (and also attached to the cell as a comment).
 */
function addTableSheet(wb: ExcelJS.Workbook, name: string, t: ExportTable, numeric: boolean): void {
  const ws = wb.addWorksheet(name);
  const ncol = t.columns.length + 1;
  const widths = [Math.min(34, Math.max(14, ...t.rows.map((r) => r.label.length + 2))), ...t.columns.map((c) => Math.min(24, Math.max(12, c.label.length + 2)))];
  ws.columns = widths.map((width) => ({ width }));
  const title = ws.addRow([`Table ${t.number}. ${t.caption}`]);
  ws.mergeCells(1, 1, 1, ncol);
  title.getCell(1).font = { name: FONT, bold: true, size: 12 };
  title.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
  const totalChars = widths.reduce((a, b) => a + b, 0);
  title.height = Math.ceil(title.getCell(1).text.length / totalChars) * 16 + 6;
  ws.addRow([t.rowHeader, ...t.columns.map((c) => c.label)]);
  const notes = new Map(t.notes.map((n) => [n.mark, n]));
  for (const r of t.rows) {
    const row = ws.addRow([r.label, ...r.cells.map((c) => (numeric && c.value !== null ? c.value : c.text))]);
    row.getCell(1).font = { name: FONT, bold: true };
    r.cells.forEach((c, j) => {
      const cell = row.getCell(j + 2);
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      if (c.heat !== null || c.muted) {
        cell.fill = heatFill(c.heat, c.muted);
        cell.font = { name: FONT, color: { argb: argb(heatTextColor(c.heat, c.muted)) } };
      }
      if (numeric && typeof c.value === 'number' && c.text.endsWith('%')) cell.numFmt = '0.0%';
      const n = c.noteRef !== null ? notes.get(c.noteRef) : undefined;
      if (n) {
        const text = [n.note, ...n.evidence.map((e) => formatEvidence(e))].filter(Boolean).join('\n');
        cell.note = { texts: [{ text }] };
      }
    });
  }
  styleHeader(ws, ncol, 2);
  ws.addRow([]);
  if (t.generalNotes.length > 0) noteRow(ws, `Note. ${t.generalNotes.join(' ')}`, ncol, totalChars * 1.1);
  for (const n of t.notes) {
    const ev = n.evidence.length > 0 ? ` Evidence: ${n.evidence.map((e) => formatEvidence(e, 200)).join('; ')}` : '';
    noteRow(ws, `${n.mark}  ${n.row}, ${n.column}.${n.note ? ` ${n.note.replace(/\s*\n\s*/g, ' ')}` : ''}${ev}`, ncol, totalChars * 1.1);
  }
}

/** The "Legend" sheet: what the colours and markers mean, and the table's notes. */
function addLegendSheet(wb: ExcelJS.Workbook, t: ExportTable): void {
  const ws = wb.addWorksheet('Legend');
  ws.columns = [{ width: 22 }, { width: 80 }];
  ws.addRow(['Legend', `Table ${t.number}. ${t.title}`]);
  for (const l of t.legend) {
    const row = ws.addRow([l.label, l.muted ? 'outside the scale (hatched); counts as missing in agreement' : l.heat === null ? 'no colour' : `colour step ${Math.round((l.heat ?? 0) * 100)}% of the ramp`]);
    row.getCell(1).fill = heatFill(l.heat, l.muted === true);
    row.getCell(1).font = { name: FONT, color: { argb: argb(heatTextColor(l.heat, l.muted === true)) } };
  }
  ws.addRow(['a, b, c…', 'note markers: the notes are under the table and in the cell comments']);
  for (const n of t.generalNotes) ws.addRow(['Note', n]).getCell(2).alignment = { wrapText: true, vertical: 'top' };
  styleHeader(ws, 2);
}

/** Stamp the workbook with the export date (not the clock), so the same export gives the same metadata. */
function setCreated(wb: ExcelJS.Workbook, date: string): void {
  const d = new Date(date);
  if (!Number.isNaN(d.getTime())) {
    wb.created = d;
    wb.modified = d;
  }
}

function addManifestSheet(wb: ExcelJS.Workbook, m: ExportManifest): void {
  const ws = wb.addWorksheet('Manifest');
  ws.columns = [
    { header: 'Field', width: 18 },
    { header: 'Value', width: 100 },
  ];
  for (const [k, v] of manifestLines(m)) ws.addRow([k, v]).getCell(2).alignment = { wrapText: true };
  ws.addRow([]);
  ws.addRow(['JSON', JSON.stringify(m)]).getCell(2).alignment = { wrapText: true };
  styleHeader(ws, 2, 1, true);
}

/**
 * The matrix workbook: "Ratings" (the chosen coder's table, coloured, notes as comments),
 * "Counts" (coded passages per cell), "Ratings by coder" (tidy), "Evidence" (every cited quote
 * with document and page), "Agreement" (alpha and the disagreements) and "Manifest".
 * For a counts export the first sheet is the counts table.
 */
export async function matrixToXlsx(x: MatrixExport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `Casecoder ${x.manifest.appVersion}`;
  setCreated(wb, x.manifest.date);
  const ratings = x.manifest.kind === 'ratings';
  if (ratings) addTableSheet(wb, 'Ratings', x.table, false);
  addTableSheet(wb, 'Counts', x.countsTable, true);
  addLegendSheet(wb, x.table);
  if (ratings) {
    const tidy = wb.addWorksheet('Ratings by coder');
    tidy.columns = [
      { header: 'Case', width: 18 },
      { header: 'Column', width: 30 },
      { header: 'Coder', width: 14 },
      { header: 'Rating', width: 8 },
      { header: 'Rating label', width: 16 },
      { header: 'Coded passages', width: 10 },
      { header: 'Cited passages', width: 10 },
      { header: 'Note', width: 60 },
    ];
    for (const r of x.tidyAll) tidy.addRow([r.case, r.column, r.coder, r.rating, r.ratingLabel, r.passages, r.evidence.length, r.note]).getCell(8).alignment = { wrapText: true, vertical: 'top' };
    styleHeader(tidy, 8, 1, true);
  }
  const ev = wb.addWorksheet('Evidence');
  ev.columns = [
    { header: 'Case', width: 18 },
    { header: 'Column', width: 30 },
    { header: 'Coder', width: 14 },
    { header: 'Rating', width: 14 },
    { header: 'Document', width: 30 },
    { header: 'Page', width: 7 },
    { header: 'Quote', width: 90 },
    { header: 'Coding id', width: 16 },
  ];
  for (const e of x.evidence) ev.addRow([e.case, e.column, e.coder, e.rating, e.documentTitle, e.page, e.quote, e.codingId]).getCell(7).alignment = { wrapText: true, vertical: 'top' };
  styleHeader(ev, 8, 1, true);
  const ag = wb.addWorksheet('Agreement');
  ag.columns = [
    { header: 'Measure', width: 34 },
    { header: 'Value', width: 50 },
  ];
  const a = x.agreement;
  ag.addRow(['Krippendorff’s alpha (ordinal)', a?.value ?? (a ? `undefined: ${a.reason ?? ''}` : 'fewer than two independent coders')]);
  if (a?.interval) ag.addRow([`${Math.round(a.interval.confidence * 100)}% CI (${a.interval.samples !== undefined ? `bootstrap, ${a.interval.samples} resamples` : a.interval.method})`, `[${a.interval.lower}, ${a.interval.upper}]`]);
  ag.addRow(['Units (cells) pairable', a?.units ?? 0]);
  ag.addRow(['Coders', a?.coders ?? 0]);
  ag.addRow(['Not applicable', 'treated as missing (outside the ordinal scale)']);
  ag.addRow([]);
  const head = ag.addRow(['Disagreement (case / column)', 'Values', 'Spread', 'Consensus']);
  head.font = { name: FONT, bold: true };
  const names = new Map(x.manifest.coders.map((c) => [c.id, c.name]));
  const caseName = new Map(x.view.rows.map((r) => [r.caseId, r.name]));
  const colName = new Map(x.view.columns.map((c) => [c.codeId, c.path]));
  for (const d of x.disagreements) {
    ag.addRow([`${caseName.get(d.caseId) ?? d.caseId} / ${colName.get(d.codeId) ?? d.codeId}`, d.values.map((v) => `${names.get(v.coderId) ?? v.coderId}: ${v.value ?? '—'}`).join('; '), d.spread, d.consensus ?? '']);
  }
  styleHeader(ag, 2, 1, true);
  addManifestSheet(wb, x.manifest);
  return guardedXlsxBytes(wb, FAST_ZIP);
}

/** Any export table (count matrix, co-occurrence) as a workbook: the table and the manifest. */
export async function tableToXlsx(t: ExportTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `Casecoder ${t.manifest.appVersion}`;
  setCreated(wb, t.manifest.date);
  addTableSheet(wb, t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, '-'), t, true);
  addLegendSheet(wb, t);
  addManifestSheet(wb, t.manifest);
  return guardedXlsxBytes(wb, FAST_ZIP);
}
