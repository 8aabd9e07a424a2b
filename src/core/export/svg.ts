import { escapeXml } from './escape.js';
import { heatColor, heatTextColor, NA_FILL, NA_STROKE, type ExportTable } from './table.js';

const FONT = "'DejaVu Sans', 'Liberation Sans', Helvetica, Arial, sans-serif";
const SIZE = 13;
/** Average advance of one character at {@link SIZE}px, used to lay text out without a font engine. */
const CHAR_W = SIZE * 0.6;
const CELL_H = 34;
const PAD = 16;

/** Split a label into lines of at most `max` characters at spaces and after `/` (a long word gets its own line). */
export function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of label.split(/(?<=\/)|\s+/).filter(Boolean)) {
    const sep = cur === '' || cur.endsWith('/') ? '' : ' ';
    if (cur && cur.length + sep.length + word.length > max) {
      lines.push(cur);
      cur = word;
    } else cur = `${cur}${sep}${word}`;
  }
  if (cur) lines.push(cur);
  return lines.length > 0 ? lines : [''];
}

const fmt = (x: number): string => String(Math.round(x * 10) / 10);

/**
 * The table as a heatmap figure in SVG (a pure string, no fonts or DOM needed): a title naming the
 * matrix and whose ratings it shows, wrapped column headers, row labels, cells coloured on a
 * single-hue ramp (colour-blind safe, monotone in greyscale) with their labels printed, "not
 * applicable" hatched, a legend, and the general notes (scale, agreement) wrapped under it. A
 * figure carries no note markers: the lettered notes belong to the table exports. The manifest is
 * embedded as JSON in `<metadata>`, not drawn. Layout estimates text widths from character
 * counts, so it is deterministic.
 */
export function tableToSvg(t: ExportTable): string {
  const rowLabelW = Math.ceil(Math.min(260, Math.max(80, ...t.rows.map((r) => r.label.length * CHAR_W))) + PAD);
  const longestWord = Math.max(4, ...t.columns.flatMap((c) => c.label.split(/(?<=\/)|\s+/).map((w) => w.length)));
  const cellW = Math.ceil(Math.min(200, Math.max(88, longestWord * CHAR_W + PAD, ...t.rows.flatMap((r) => r.cells.map((c) => (c.text.length + 2) * CHAR_W + PAD)))));
  const perLine = Math.max(4, Math.floor((cellW - 8) / CHAR_W));
  const heads = t.columns.map((c) => wrapLabel(c.label, perLine));
  const headLines = Math.max(1, ...heads.map((h) => h.length));
  const titleH = 38;
  const headH = headLines * (SIZE + 3) + 10;
  const gridTop = PAD + titleH + headH;
  const gridW = rowLabelW + cellW * t.columns.length;
  const gridH = CELL_H * t.rows.length;
  const legendTop = gridTop + gridH + 20;
  const width = Math.ceil(PAD * 2 + Math.max(gridW, legendWidth(t)));
  const noteLines = t.generalNotes.flatMap((n, i) => wrapLabel(i === 0 ? `Note. ${n}` : n, Math.max(40, Math.floor((width - PAD * 2) / (11 * 0.56)))));
  const notesTop = legendTop + 36;
  const height = Math.ceil(notesTop + noteLines.length * 15 + PAD);
  const o: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="${SIZE}">`,
    `<metadata>${escapeXml(JSON.stringify(t.manifest))}</metadata>`,
    `<title>${escapeXml(t.title)}</title>`,
    `<desc>${escapeXml(t.caption)}</desc>`,
    `<defs><pattern id="na-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${NA_FILL}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${NA_STROKE}" stroke-width="2"/></pattern></defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PAD}" y="${PAD + 18}" font-size="16" font-weight="bold" fill="#1a1a1a">${escapeXml(t.title)}</text>`,
  ];
  heads.forEach((lines, j) => {
    const cx = PAD + rowLabelW + cellW * j + cellW / 2;
    lines.forEach((line, k) => {
      const y = gridTop - 8 - (lines.length - 1 - k) * (SIZE + 3);
      o.push(`<text x="${fmt(cx)}" y="${y}" text-anchor="middle" font-weight="bold" fill="#1a1a1a">${escapeXml(line)}</text>`);
    });
  });
  // Three rules as in a booktabs table: above the header, below it, below the last row. They are
  // drawn clear of the cells (whose white outlines would otherwise thin them over the grid).
  o.push(`<line x1="${PAD}" y1="${gridTop - headH - 2}" x2="${PAD + gridW}" y2="${gridTop - headH - 2}" stroke="#1a1a1a" stroke-width="1.5"/>`);
  o.push(`<line x1="${PAD}" y1="${gridTop - 2}" x2="${PAD + gridW}" y2="${gridTop - 2}" stroke="#1a1a1a" stroke-width="0.8"/>`);
  t.rows.forEach((r, i) => {
    const y = gridTop + CELL_H * i;
    o.push(`<text x="${PAD}" y="${fmt(y + CELL_H / 2 + SIZE * 0.35)}" fill="#1a1a1a">${escapeXml(r.label)}</text>`);
    r.cells.forEach((c, j) => {
      const x = PAD + rowLabelW + cellW * j;
      o.push(`<rect x="${x}" y="${y}" width="${cellW}" height="${CELL_H}" fill="${c.muted ? 'url(#na-hatch)' : heatColor(c.heat, false)}" stroke="#ffffff" stroke-width="2"/>`);
      if (c.text) {
        o.push(`<text x="${fmt(x + cellW / 2)}" y="${fmt(y + CELL_H / 2 + SIZE * 0.35)}" text-anchor="middle" fill="${heatTextColor(c.heat, c.muted)}">${escapeXml(c.text)}</text>`);
      }
    });
  });
  o.push(`<line x1="${PAD}" y1="${gridTop + gridH + 2}" x2="${PAD + gridW}" y2="${gridTop + gridH + 2}" stroke="#1a1a1a" stroke-width="1.5"/>`);
  let lx = PAD;
  for (const l of t.legend) {
    o.push(`<rect x="${lx}" y="${legendTop}" width="14" height="14" fill="${l.muted ? 'url(#na-hatch)' : heatColor(l.heat, false)}" stroke="#8a8a8a"/>`);
    o.push(`<text x="${lx + 19}" y="${legendTop + 11.5}" font-size="12" fill="#333333">${escapeXml(l.label)}</text>`);
    lx += 19 + l.label.length * 12 * 0.6 + 18;
  }
  noteLines.forEach((line, k) => o.push(`<text x="${PAD}" y="${notesTop + k * 15}" font-size="11" fill="#333333">${escapeXml(line)}</text>`));
  o.push('</svg>');
  return o.join('\n') + '\n';
}

function legendWidth(t: ExportTable): number {
  return t.legend.reduce((w, l) => w + 19 + l.label.length * 12 * 0.6 + 18, 0);
}
