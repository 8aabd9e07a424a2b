import { formatEvidence } from '../matrix/evidence.js';
import { escapeHtml } from './escape.js';
import { manifestLines } from './manifest.js';
import { heatColor, heatTextColor, type ExportTable } from './table.js';

const STYLE = [
  'body{font-family:"Source Sans 3","Segoe UI",Helvetica,Arial,sans-serif;color:#1a1a1a;margin:2rem auto;max-width:60rem;line-height:1.4}',
  'h1{font-size:1.3rem;margin:0 0 .25rem}',
  'p.caption{color:#444;margin:0 0 1rem}',
  'table.matrix{border-collapse:collapse;font-variant-numeric:tabular-nums}',
  'table.matrix th,table.matrix td{padding:.45rem .8rem;border:1px solid #fff}',
  'table.matrix thead th{border-bottom:2px solid #1a1a1a;text-align:center;vertical-align:bottom}',
  'table.matrix th[scope=row]{text-align:left;font-weight:600}',
  'table.matrix td{text-align:center;min-width:6rem}',
  'sup{font-size:.7em;margin-left:.15em}',
  '.legend{display:flex;gap:.75rem;flex-wrap:wrap;margin:.75rem 0;font-size:.85rem}',
  '.legend span{display:inline-flex;align-items:center;gap:.3rem}',
  '.legend i{display:inline-block;width:1rem;height:1rem;border:1px solid #ccc}',
  'ol.notes{font-size:.9rem}',
  'dl.manifest{font-size:.8rem;color:#555;display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}',
  'dl.manifest dt{font-weight:600}dl.manifest dd{margin:0;word-break:break-all}',
].join('\n');

/**
 * A self-contained HTML page (inline CSS, no scripts, no external resources): the table coloured
 * as a heatmap, a legend, the notes with evidence, and the manifest. Every user string is escaped.
 */
export function tableToHtml(t: ExportTable): string {
  const o: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="generator" content="' + escapeHtml(`Casecoder ${t.manifest.appVersion}`) + '">',
    `<title>${escapeHtml(t.title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(t.title)}</h1>`,
    `<p class="caption">${escapeHtml(t.caption)}</p>`,
    '<table class="matrix">',
    '<thead><tr>' + [t.rowHeader, ...t.columns.map((c) => c.label)].map((h, i) => `<th scope="col"${i === 0 ? ' style="text-align:left"' : ''}>${escapeHtml(h)}</th>`).join('') + '</tr></thead>',
    '<tbody>',
  ];
  for (const r of t.rows) {
    const cells = r.cells.map((c) => {
      const style = `background:${heatColor(c.heat, c.muted)};color:${heatTextColor(c.heat, c.muted)}`;
      const sup = c.noteRef !== null ? `<sup><a href="#note-${c.noteRef}">${c.noteRef}</a></sup>` : '';
      return `<td style="${style}">${escapeHtml(c.text)}${sup}</td>`;
    });
    o.push(`<tr><th scope="row">${escapeHtml(r.label)}</th>${cells.join('')}</tr>`);
  }
  o.push('</tbody>', '</table>');
  o.push('<div class="legend">' + t.legend.map((l) => `<span><i style="background:${heatColor(l.heat, l.muted === true)}"></i>${escapeHtml(l.label)}</span>`).join('') + '</div>');
  if (t.notes.length > 0) {
    o.push('<h2>Notes and evidence</h2>', '<ol class="notes">');
    for (const n of t.notes) {
      const ev = n.evidence.length > 0 ? ` Evidence: ${n.evidence.map((e) => escapeHtml(formatEvidence(e))).join('; ')}` : '';
      o.push(`<li id="note-${n.n}"><strong>${escapeHtml(n.row)}, ${escapeHtml(n.column)}.</strong> ${escapeHtml(n.note)}${ev}</li>`);
    }
    o.push('</ol>');
  }
  o.push('<h2>Manifest</h2>', '<dl class="manifest">');
  for (const [k, v] of manifestLines(t.manifest)) o.push(`<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`);
  o.push('</dl>', '</body>', '</html>');
  return o.join('\n') + '\n';
}
