import { AlignmentType, BorderStyle, Bookmark, Document, Packer, Paragraph, SimpleField, Table, TableCell, TableRow, TextRun, WidthType, type IBorderOptions, type ParagraphChild } from 'docx';
import { formatEvidence } from '../../core/matrix/evidence.js';
import { manifestLines } from '../../core/export/manifest.js';
import type { ExportTable } from '../../core/export/table.js';

const FONT = 'Times New Roman';
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const RULE = (size: number): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color: '000000' });

function text(value: string, opts: { bold?: boolean; size?: number; italics?: boolean; superScript?: boolean } = {}): TextRun {
  return new TextRun({
    text: value,
    font: FONT,
    size: opts.size ?? 20,
    ...(opts.bold ? { bold: true } : {}),
    ...(opts.italics ? { italics: true } : {}),
    ...(opts.superScript ? { superScript: true } : {}),
  });
}

/** A cell with booktabs-style rules: thick above the header, thin below it, thick under the last row; no verticals. */
function cell(children: ParagraphChild[], opts: { top?: number; bottom?: number; left?: boolean }): TableCell {
  return new TableCell({
    children: [new Paragraph({ children, alignment: opts.left ? AlignmentType.LEFT : AlignmentType.CENTER, spacing: { before: 40, after: 40 } })],
    borders: {
      top: opts.top ? RULE(opts.top) : NONE,
      bottom: opts.bottom ? RULE(opts.bottom) : NONE,
      left: NONE,
      right: NONE,
    },
  });
}

/** A Word bookmark name from the table label (letters, digits and `_`, starting with a letter, ≤ 40). */
function bookmarkName(label: string): string {
  return `_${label.replace(/[^A-Za-z0-9]+/g, '_')}`.slice(0, 40).replace(/^_/, 'T');
}

/**
 * A manuscript-ready DOCX laid out as journals ask: the caption "Table N." above the table, with N
 * a `SEQ Table` field (so Word renumbers it and lists it in a table of figures; the caption is in
 * the "Caption" style and bookmarked for cross-references), a plain three-rule table (no shading,
 * no verticals) with note markers a, b, c… as superscripts, and under it the table notes: the
 * general "Note." (scale, agreement) and one paragraph per lettered note with its evidence
 * (document and page). The provenance manifest is kept out of the body: it is in the document's
 * properties (description: the JSON; custom properties: one per line).
 */
export async function tableToDocx(t: ExportTable): Promise<Uint8Array> {
  const last = t.rows.length - 1;
  const header = new TableRow({
    tableHeader: true,
    children: [t.rowHeader, ...t.columns.map((c) => c.label)].map((h, i) => cell([text(h, { bold: true })], { top: 12, bottom: 6, left: i === 0 })),
  });
  const body = t.rows.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([text(r.label)], { left: true, ...(i === last ? { bottom: 12 } : {}) }),
          ...r.cells.map((c) => {
            const runs: ParagraphChild[] = [text(c.text)];
            if (c.noteRef !== null) runs.push(text(c.noteRef, { superScript: true }));
            return cell(runs, i === last ? { bottom: 12 } : {});
          }),
        ],
      }),
  );
  const table = new Table({ rows: [header, ...body], width: { size: 100, type: WidthType.PERCENTAGE } });
  const caption = new Paragraph({
    style: 'Caption',
    keepNext: true,
    spacing: { after: 120 },
    children: [new Bookmark({ id: bookmarkName(t.label), children: [text('Table ', { bold: true }), new SimpleField('SEQ Table \\* ARABIC', String(t.number)), text('.', { bold: true })] }), text(` ${t.caption}`)],
  });
  const notes: Paragraph[] = [];
  const small = 18;
  if (t.generalNotes.length > 0) {
    notes.push(new Paragraph({ spacing: { before: 120, after: 60 }, children: [text('Note. ', { italics: true, size: small }), text(t.generalNotes.join(' '), { size: small })] }));
  }
  for (const n of t.notes) {
    const parts = [`${n.row}, ${n.column}.`];
    if (n.note) parts.push(n.note.replace(/\s*\n\s*/g, ' '));
    if (n.evidence.length > 0) parts.push(`Evidence: ${n.evidence.map((e) => formatEvidence(e, 240)).join('; ')}`);
    notes.push(new Paragraph({ spacing: { after: 40 }, children: [text(n.mark, { superScript: true, size: small }), text(` ${parts.join(' ')}`, { size: small })] }));
  }
  const doc = new Document({
    creator: `Casecoder ${t.manifest.appVersion}`,
    title: `Table ${t.number}. ${t.title}`,
    description: JSON.stringify(t.manifest),
    customProperties: manifestLines(t.manifest).map(([k, v], i) => ({ name: `Casecoder ${String(i + 1).padStart(2, '0')} ${k}`, value: v })),
    styles: {
      paragraphStyles: [{ id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 20 } }],
    },
    sections: [{ children: [caption, table, ...notes] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
