import type { MatrixExport } from './bundle.js';
import type { ExportTable } from './table.js';

/**
 * JSON export of a table: the manifest, the columns and every row with its cells (text, the number
 * behind it, footnote), plus the notes with resolved evidence. Stable key order, two-space indent.
 */
export function tableToJson(t: ExportTable, extra: Partial<Pick<MatrixExport, 'tidy' | 'disagreements'>> = {}): string {
  const body: Record<string, unknown> = {
    manifest: t.manifest,
    number: t.number,
    label: t.label,
    title: t.title,
    caption: t.caption,
    rowHeader: t.rowHeader,
    columns: t.columns,
    rows: t.rows.map((r) => ({ id: r.id, label: r.label, cells: r.cells.map((c) => ({ text: c.text, value: c.value, noteRef: c.noteRef })) })),
    generalNotes: t.generalNotes,
    notes: t.notes,
  };
  if (extra.tidy) body.ratings = extra.tidy;
  if (extra.disagreements) body.disagreements = extra.disagreements;
  return JSON.stringify(body, null, 2) + '\n';
}
