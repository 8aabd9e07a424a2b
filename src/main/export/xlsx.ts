import ExcelJS from 'exceljs';
import type { MatrixExport } from '../../core/export/bundle.js';
import { manifestLines, type ExportManifest } from '../../core/export/manifest.js';
import { heatColor, heatTextColor, type ExportTable } from '../../core/export/table.js';
import { formatEvidence } from '../../core/matrix/evidence.js';
import { guardedXlsxBytes } from './xlsx-guard.js';

const HEADER_FILL = 'FF1D2A3A';
/** Fast deflate: the workbooks are small and text-heavy, level 1 keeps them compact at a fraction of the time. */
const FAST_ZIP: Partial<ExcelJS.XlsxWriteOptions> = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } };
const FONT = 'Calibri';

function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

/** Header row styling: bold white on dark, frozen, with an autofilter. */
function styleHeader(ws: ExcelJS.Worksheet, columns: number): void {
  const row = ws.getRow(1);
  row.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
  row.alignment = { vertical: 'middle', wrapText: true };
  for (let c = 1; c <= columns; c++) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  row.height = 30;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } };
}

/** A table as a worksheet: header row, coloured cells (heatmap), numbers where the cell has one, notes as cell comments. */
function addTableSheet(wb: ExcelJS.Workbook, name: string, t: ExportTable, numeric: boolean): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ header: t.rowHeader, width: Math.min(40, Math.max(14, ...t.rows.map((r) => r.label.length + 2))) }, ...t.columns.map((c) => ({ header: c.label, width: Math.min(28, Math.max(12, c.label.length + 2)) }))];
  const notes = new Map(t.notes.map((n) => [n.n, n]));
  for (const r of t.rows) {
    const row = ws.addRow([r.label, ...r.cells.map((c) => (numeric && c.value !== null ? c.value : c.text))]);
    row.getCell(1).font = { name: FONT, bold: true };
    r.cells.forEach((c, j) => {
      const cell = row.getCell(j + 2);
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      if (c.heat !== null || c.muted) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(heatColor(c.heat, c.muted)) } };
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
  styleHeader(ws, t.columns.length + 1);
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
  ws.columns = [{ header: 'Field', width: 18 }, { header: 'Value', width: 100 }];
  for (const [k, v] of manifestLines(m)) ws.addRow([k, v]).getCell(2).alignment = { wrapText: true };
  ws.addRow([]);
  ws.addRow(['JSON', JSON.stringify(m)]).getCell(2).alignment = { wrapText: true };
  styleHeader(ws, 2);
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
  if (ratings) {
    const tidy = wb.addWorksheet('Ratings by coder');
    tidy.columns = [
      { header: 'Case', width: 18 }, { header: 'Column', width: 30 }, { header: 'Coder', width: 14 }, { header: 'Rating', width: 8 },
      { header: 'Rating label', width: 16 }, { header: 'Passages', width: 10 }, { header: 'Note', width: 60 },
    ];
    for (const r of x.tidyAll) tidy.addRow([r.case, r.column, r.coder, r.rating, r.ratingLabel, r.passages, r.note]);
    styleHeader(tidy, 7);
  }
  const ev = wb.addWorksheet('Evidence');
  ev.columns = [
    { header: 'Case', width: 18 }, { header: 'Column', width: 30 }, { header: 'Coder', width: 14 }, { header: 'Rating', width: 14 },
    { header: 'Document', width: 30 }, { header: 'Page', width: 7 }, { header: 'Quote', width: 90 }, { header: 'Coding id', width: 16 },
  ];
  for (const e of x.evidence) ev.addRow([e.case, e.column, e.coder, e.rating, e.documentTitle, e.page, e.quote, e.codingId]).getCell(7).alignment = { wrapText: true, vertical: 'top' };
  styleHeader(ev, 8);
  const ag = wb.addWorksheet('Agreement');
  ag.columns = [{ header: 'Measure', width: 34 }, { header: 'Value', width: 50 }];
  const a = x.agreement;
  ag.addRow(['Krippendorff’s alpha (ordinal)', a?.value ?? (a ? `undefined: ${a.reason ?? ''}` : 'fewer than two independent coders')]);
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
  styleHeader(ag, 2);
  addManifestSheet(wb, x.manifest);
  return guardedXlsxBytes(wb, FAST_ZIP);
}

/** Any export table (count matrix, co-occurrence) as a workbook: the table and the manifest. */
export async function tableToXlsx(t: ExportTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `Casecoder ${t.manifest.appVersion}`;
  setCreated(wb, t.manifest.date);
  addTableSheet(wb, t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, '-'), t, true);
  addManifestSheet(wb, t.manifest);
  return guardedXlsxBytes(wb, FAST_ZIP);
}
