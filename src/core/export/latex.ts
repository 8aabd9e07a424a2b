import { formatEvidence } from '../matrix/evidence.js';
import { latexText } from './latex-text.js';
import { manifestLines } from './manifest.js';
import type { ExportTable } from './table.js';

/** The preamble lines the fragment needs, stated in its header comment and used by `standalone`. */
export const LATEX_PREAMBLE = ['\\usepackage{booktabs}', '\\usepackage[T1]{fontenc} % pdfLaTeX: straight quotes and guillemets; harmless under XeLaTeX/LuaLaTeX'];

/** The result of {@link tableToLatex}: the source and what the user should know about it. */
export interface LatexExport {
  text: string;
  warnings: string[];
}

/**
 * A LaTeX table as a journal prints it: a `table` float with `\caption` (numbered by LaTeX) and
 * `\label`, a booktabs `tabular` (`\toprule`/`\midrule`/`\bottomrule`, no vertical rules), note
 * markers a, b, c… as superscripts, and under the rule a `\footnotesize` block with the general
 * note ("Note." scale, agreement with its interval) and the specific notes with their evidence.
 * The header comment names the packages it needs; the manifest follows as `%` comments at the end,
 * outside the table. With `standalone` it is a whole document (article class, the packages, the
 * table). User text goes through {@link latexText}: characters the standard fonts cannot set are
 * written as code points and listed in `warnings`.
 */
export function tableToLatex(t: ExportTable, opts: { standalone?: boolean } = {}): LatexExport {
  const replaced: { where: string; text: string }[] = [];
  const tx = (text: string, where: string): string => {
    const r = latexText(text);
    for (const run of r.replaced) replaced.push({ where, text: run });
    return r.tex;
  };
  const body: string[] = [];
  body.push('\\begin{table}[htbp]', '\\centering', `\\caption{${tx(t.caption, 'caption')}}`, `\\label{${t.label}}`);
  body.push(`\\begin{tabular}{@{}l${'c'.repeat(t.columns.length)}@{}}`, '\\toprule');
  body.push(`${[t.rowHeader, ...t.columns.map((c) => c.label)].map((h) => tx(h, 'header')).join(' & ')} \\\\`, '\\midrule');
  for (const r of t.rows) {
    const cells = r.cells.map((c) => `${tx(c.text, r.label)}${c.noteRef !== null ? `\\textsuperscript{${c.noteRef}}` : ''}`);
    body.push(`${[tx(r.label, 'row label'), ...cells].join(' & ')} \\\\`);
  }
  body.push('\\bottomrule', '\\end{tabular}');
  if (t.generalNotes.length > 0 || t.notes.length > 0) {
    body.push('\\par\\smallskip', '\\begin{minipage}{\\linewidth}\\footnotesize\\raggedright');
    if (t.generalNotes.length > 0) body.push(`\\textit{Note.} ${t.generalNotes.map((n) => tx(n, 'note')).join(' ')}\\par`);
    for (const n of t.notes) {
      const where = `note ${n.mark} (${n.row}, ${n.column})`;
      const parts = [`\\textsuperscript{${n.mark}}\\,${tx(n.row, where)}, ${tx(n.column, where)}.`];
      if (n.note) parts.push(tx(n.note, where));
      if (n.evidence.length > 0) parts.push(`Evidence: ${n.evidence.map((e) => tx(formatEvidence(e, 200), where)).join('; ')}`);
      body.push(`${parts.join(' ')}\\par`);
    }
    body.push('\\end{minipage}');
  }
  body.push('\\end{table}');

  const warnings = replaced.length > 0 ? [`LaTeX: ${replaced.length} run${replaced.length === 1 ? '' : 's'} of characters that LaTeX's standard fonts cannot set (CJK, emoji, other scripts) written as code points: ${replaced.map((r) => `“${r.text}” in ${r.where}`).join('; ')}. Edit the notes, or use the Word, HTML or Markdown export for these.`] : [];
  const head = [
    `% Table "${t.title.replace(/[\r\n]+/g, ' ')}" exported by Casecoder ${t.manifest.appVersion} on ${t.manifest.date}.`,
    '% Compiles under pdfLaTeX, XeLaTeX and LuaLaTeX. Needs in the preamble:',
    ...LATEX_PREAMBLE.map((l) => `%   ${l}`),
    `% Refer to it with \\ref{${t.label}}. The provenance manifest is at the end of this file.`,
    ...(replaced.length > 0 ? [`% Warning: ${replaced.length} run(s) of characters the standard fonts cannot set are written as [U+XXXX] code points.`] : []),
  ];
  const manifest = ['% Manifest', ...manifestLines(t.manifest).map(([k, v]) => `% ${k}: ${v.replace(/[\r\n]+/g, ' ')}`)];
  const lines = opts.standalone
    ? [...head, '\\documentclass[11pt]{article}', ...LATEX_PREAMBLE, '\\usepackage{lmodern}', '\\usepackage[margin=2.5cm]{geometry}', '\\begin{document}', ...body, '\\end{document}', ...manifest]
    : [...head, ...body, ...manifest];
  return { text: lines.join('\n') + '\n', warnings };
}
