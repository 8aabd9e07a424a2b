import { formatEvidence } from '../matrix/evidence.js';
import { escapeHtml } from './escape.js';
import { manifestLines } from './manifest.js';
import { heatColor, heatTextColor, NA_HATCH_CSS, type ExportTable } from './table.js';

const STYLE = [
  'body{font-family:"Source Serif 4","Times New Roman",Times,serif;color:#1a1a1a;margin:2rem auto;max-width:46rem;line-height:1.4;padding:0 1rem}',
  'figure.table{margin:0}',
  'figcaption{margin:0 0 .6rem}',
  'figcaption b{font-weight:700}',
  'table.matrix{border-collapse:collapse;font-variant-numeric:tabular-nums;border-top:1.5px solid #1a1a1a;border-bottom:1.5px solid #1a1a1a}',
  'table.matrix th,table.matrix td{padding:.35rem .7rem;border-left:2px solid #fff;border-right:2px solid #fff}',
  'table.matrix thead th{border-bottom:1px solid #1a1a1a;text-align:center;vertical-align:bottom}',
  'table.matrix thead th:first-child,table.matrix th[scope=row]{text-align:left}',
  'table.matrix th[scope=row]{font-weight:600}',
  'table.matrix tbody tr+tr td{border-top:2px solid #fff}',
  'table.matrix td{text-align:center;min-width:6rem}',
  `table.matrix td.na{${NA_HATCH_CSS}}`,
  'sup.mark{font-size:.72em;font-weight:700;margin-left:.12em}',
  'sup.mark a{color:inherit;text-decoration:underline;text-underline-offset:1px}',
  '.legend{display:flex;gap:.9rem;flex-wrap:wrap;margin:.6rem 0;font-size:.85rem;align-items:center}',
  '.legend span{display:inline-flex;align-items:center;gap:.3rem}',
  '.legend i{display:inline-block;width:1rem;height:1rem;border:1px solid #999}',
  `.legend i.na{${NA_HATCH_CSS}}`,
  '.notes{font-size:.85rem}',
  '.notes p{margin:.25rem 0}',
  'details.manifest{margin-top:1.5rem;font-size:.78rem;color:#555}',
  'details.manifest dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}',
  'details.manifest dt{font-weight:600}details.manifest dd{margin:0;word-break:break-all}',
].join('\n');

/**
 * A self-contained HTML page (inline CSS, no scripts, no external resources) laid out as a journal
 * table: "Table N." caption, the table coloured as a heatmap with note markers that keep the
 * cell's own (contrasting) text colour, a legend, the "Note." paragraph (scale, agreement) and the
 * lettered notes with evidence under it. The manifest sits outside the table, in a closed
 * "Provenance" disclosure at the end. Every user string is escaped.
 */
export function tableToHtml(t: ExportTable): string {
  const o: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="generator" content="' + escapeHtml(`Casecoder ${t.manifest.appVersion}`) + '">',
    `<title>${escapeHtml(`Table ${t.number}. ${t.title}`)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<figure class="table" id="${escapeHtml(t.label)}">`,
    `<figcaption><b>Table ${t.number}.</b> ${escapeHtml(t.caption)}</figcaption>`,
    '<table class="matrix">',
    '<thead><tr>' + [t.rowHeader, ...t.columns.map((c) => c.label)].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('') + '</tr></thead>',
    '<tbody>',
  ];
  for (const r of t.rows) {
    const cells = r.cells.map((c) => {
      const style = c.muted ? `color:${heatTextColor(c.heat, true)}` : `background:${heatColor(c.heat, false)};color:${heatTextColor(c.heat, false)}`;
      const sup = c.noteRef !== null ? `<sup class="mark"><a href="#note-${c.noteRef}" aria-label="note ${c.noteRef}">${c.noteRef}</a></sup>` : '';
      return `<td${c.muted ? ' class="na"' : ''} style="${style}">${escapeHtml(c.text)}${sup}</td>`;
    });
    o.push(`<tr><th scope="row">${escapeHtml(r.label)}</th>${cells.join('')}</tr>`);
  }
  o.push('</tbody>', '</table>');
  o.push('<div class="legend" aria-label="Legend">' + t.legend.map((l) => `<span><i${l.muted ? ' class="na"' : ` style="background:${heatColor(l.heat, false)}"`}></i>${escapeHtml(l.label)}</span>`).join('') + '</div>');
  o.push('<div class="notes">');
  if (t.generalNotes.length > 0) o.push(`<p><i>Note.</i> ${t.generalNotes.map(escapeHtml).join(' ')}</p>`);
  for (const n of t.notes) {
    const ev = n.evidence.length > 0 ? ` Evidence: ${n.evidence.map((e) => escapeHtml(formatEvidence(e))).join('; ')}` : '';
    o.push(`<p id="note-${n.mark}"><sup>${n.mark}</sup> ${escapeHtml(n.row)}, ${escapeHtml(n.column)}.${n.note ? ` ${escapeHtml(n.note)}` : ''}${ev}</p>`);
  }
  o.push('</div>', '</figure>');
  o.push('<details class="manifest"><summary>Provenance</summary><dl>');
  for (const [k, v] of manifestLines(t.manifest)) o.push(`<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`);
  o.push('</dl></details>', '</body>', '</html>');
  return o.join('\n') + '\n';
}
