import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { formatEvidence } from '../../core/matrix/evidence.js';
import { manifestLines } from '../../core/export/manifest.js';
import type { ExportTable } from '../../core/export/table.js';

const FONT = 'Times New Roman';
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const RULE = (size: number): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color: '000000' });

function text(value: string, opts: { bold?: boolean; size?: number; italics?: boolean } = {}): TextRun {
  return new TextRun({ text: value, font: FONT, size: opts.size ?? 20, ...(opts.bold ? { bold: true } : {}), ...(opts.italics ? { italics: true } : {}) });
}

/** A cell with booktabs-style rules: thick above the header, thin below it, thick under the last row; no verticals. */
function cell(children: (TextRun | FootnoteReferenceRun)[], opts: { top?: number; bottom?: number; left?: boolean }): TableCell {
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

/**
 * A manuscript-ready DOCX: a heading, the caption ("Table: …"), a plain three-rule table (no
 * shading, as journals ask), Word footnotes on the cells that have a rating note or evidence
 * (each footnote cites the passages with document and page), and the manifest as a small-print
 * source paragraph.
 */
export async function tableToDocx(t: ExportTable): Promise<Uint8Array> {
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  for (const n of t.notes) {
    const parts = [`${n.row}, ${n.column}.`];
    if (n.note) parts.push(n.note.replace(/\s*\n\s*/g, ' '));
    if (n.evidence.length > 0) parts.push(`Evidence: ${n.evidence.map((e) => formatEvidence(e, 240)).join('; ')}`);
    footnotes[String(n.n)] = { children: [new Paragraph({ children: [text(parts.join(' '), { size: 18 })] })] };
  }
  const last = t.rows.length - 1;
  const header = new TableRow({
    tableHeader: true,
    children: [t.rowHeader, ...t.columns.map((c) => c.label)].map((h, i) => cell([text(h, { bold: true })], { top: 12, bottom: 6, left: i === 0 })),
  });
  const body = t.rows.map(
    (r, i) =>
      new TableRow({
        children: [
          cell([text(r.label)], { left: true, ...(i === last ? { bottom: 12 } : {}) }),
          ...r.cells.map((c) => {
            const runs: (TextRun | FootnoteReferenceRun)[] = [text(c.text)];
            if (c.noteRef !== null) runs.push(new FootnoteReferenceRun(c.noteRef));
            return cell(runs, i === last ? { bottom: 12 } : {});
          }),
        ],
      }),
  );
  const table = new Table({ rows: [header, ...body], width: { size: 100, type: WidthType.PERCENTAGE } });
  const source = manifestLines(t.manifest).map(([k, v]) => `${k}: ${v}`).join('. ');
  const doc = new Document({
    creator: `Casecoder ${t.manifest.appVersion}`,
    title: t.title,
    description: JSON.stringify(t.manifest),
    footnotes,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(t.title, { bold: true, size: 24 })] }),
          new Paragraph({ children: [text('Table. ', { bold: true }), text(t.caption)], spacing: { after: 120 } }),
          table,
          new Paragraph({ children: [text(`Source: ${source}`, { size: 14, italics: true })], spacing: { before: 200 } }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
