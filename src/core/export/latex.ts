import { formatEvidence } from '../matrix/evidence.js';
import { escapeLatex } from './escape.js';
import { manifestLines } from './manifest.js';
import type { ExportTable } from './table.js';

/**
 * A LaTeX `table` with a booktabs `tabular` (one row per table row, `\toprule`/`\midrule`/
 * `\bottomrule`, no vertical rules), footnote markers as superscripts and the notes in a
 * `\footnotesize` block under the table. The manifest is written as `%` comments at the top.
 * Needs `\usepackage{booktabs}` in the preamble.
 */
export function tableToLatex(t: ExportTable): string {
  const out: string[] = manifestLines(t.manifest).map(([k, v]) => `% ${k}: ${v.replace(/[\r\n]+/g, ' ')}`);
  out.push('% Requires \\usepackage{booktabs}');
  out.push('\\begin{table}[htbp]', '\\centering', `\\caption{${escapeLatex(t.caption)}}`);
  out.push(`\\begin{tabular}{l${'c'.repeat(t.columns.length)}}`, '\\toprule');
  out.push(`${[t.rowHeader, ...t.columns.map((c) => c.label)].map(escapeLatex).join(' & ')} \\\\`, '\\midrule');
  for (const r of t.rows) {
    const cells = r.cells.map((c) => `${escapeLatex(c.text)}${c.noteRef !== null ? `\\textsuperscript{${c.noteRef}}` : ''}`);
    out.push(`${[escapeLatex(r.label), ...cells].join(' & ')} \\\\`);
  }
  out.push('\\bottomrule', '\\end{tabular}');
  if (t.notes.length > 0) {
    out.push('\\par\\medskip', '\\begin{minipage}{\\linewidth}\\footnotesize');
    for (const n of t.notes) {
      const parts = [`\\textsuperscript{${n.n}}\\,${escapeLatex(n.row)}, ${escapeLatex(n.column)}.`];
      if (n.note) parts.push(escapeLatex(n.note));
      if (n.evidence.length > 0) parts.push(`Evidence: ${n.evidence.map((e) => escapeLatex(formatEvidence(e))).join('; ')}`);
      out.push(`${parts.join(' ')}\\par`);
    }
    out.push('\\end{minipage}');
  }
  out.push('\\end{table}');
  return out.join('\n') + '\n';
}
