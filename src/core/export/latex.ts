import { formatEvidence } from '../matrix/evidence.js';
import { latexText } from './latex-text.js';
import { manifestLines } from './manifest.js';
import type { ExportTable } from './table.js';

/** The preamble lines the fragment needs, stated in its header comment and used by `standalone`. */
export const LATEX_PREAMBLE = [
  '\\usepackage{booktabs}',
  '\\usepackage{array}',
  '\\usepackage{longtable}',
  '\\usepackage[T1]{fontenc} % pdfLaTeX: straight quotes and guillemets (harmless under XeLaTeX/LuaLaTeX)',
  '\\usepackage{lmodern}     % scalable fonts in T1 encoding',
];

/** Quotes in the notes are cut to this many characters, so a matrix with its notes fits one float (one page). */
const QUOTE_CHARS = 90;

/**
 * Whether the table with its notes fits a float on one page (about 50 lines of an 11pt article
 * page, notes in footnote size): rows count 1.4 lines, notes their length at ~95 characters a line.
 */
function fitsOnePage(t: ExportTable, notes: readonly string[]): boolean {
  const lines = 4 + t.rows.length * 1.4 + notes.reduce((s, x) => s + Math.ceil(x.replace(/\\[a-z]+\{?\}?/g, '').length / 95), 0) * 0.8;
  return lines <= 50;
}

type Tx = (text: string, where: string) => string;

/** A `table` float: caption, label, tabular, and the notes in a footnote-size block under the rule. */
function floatTable(t: ExportTable, tx: Tx, spec: string, head: string, rows: string[], notes: string[], small: string[]): string[] {
  const out = ['\\begin{table}[htbp]', '\\centering', `\\caption{${tx(t.caption, 'caption')}}`, `\\label{${t.label}}`, ...small];
  out.push(`\\begin{tabular}{${spec}}`, '\\toprule', head, '\\midrule', ...rows, '\\bottomrule', '\\end{tabular}');
  if (notes.length > 0) out.push('\\par\\smallskip', '\\begin{minipage}{\\linewidth}\\footnotesize\\raggedright', ...notes.map((x) => `${x}\\par`), '\\end{minipage}');
  out.push('\\end{table}');
  return out;
}

/**
 * A `longtable` for a table whose rows and notes run past one page: the header repeats on every
 * page ("Table N (continued)"), and the notes follow the bottom rule as full-width rows, so the
 * page may break between notes. (longtable needs a one-column document.)
 */
function longTable(t: ExportTable, tx: Tx, spec: string, head: string, rows: string[], notes: string[], small: string[]): string[] {
  const cols = t.columns.length + 1;
  const out = ['\\begingroup', ...small, `\\begin{longtable}{${spec}}`, `\\caption{${tx(t.caption, 'caption')}}\\label{${t.label}}\\\\`];
  out.push('\\toprule', head, '\\midrule', '\\endfirsthead');
  out.push(`\\multicolumn{${cols}}{@{}l}{\\tablename~\\thetable{} (continued)}\\\\`, '\\toprule', head, '\\midrule', '\\endhead');
  out.push(...rows, '\\bottomrule');
  for (const x of notes) out.push(`\\multicolumn{${cols}}{@{}p{\\linewidth}@{}}{\\footnotesize\\raggedright ${x}}\\\\[2pt]`);
  out.push('\\end{longtable}', '\\endgroup');
  return out;
}

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
  // Columns as paragraph cells so long headers wrap: the row labels get what their longest label
  // needs (20–40% of the line), the data columns share the rest of 85% (at most 21% each); the
  // remaining 15% is the space between columns.
  const n = Math.max(1, t.columns.length);
  const longest = Math.max(4, ...t.rows.map((r) => r.label.length), t.rowHeader.length);
  const label = Math.min(0.4, Math.max(0.2, longest * (n > 10 ? 0.012 : n > 6 ? 0.014 : 0.017)));
  const w = Math.min(0.21, (0.85 - label) / n);
  const spec = `@{}>{\\raggedright\\arraybackslash}p{${label.toFixed(3)}\\linewidth}*{${n}}{>{\\centering\\arraybackslash}p{${w.toFixed(3)}\\linewidth}}@{}`;
  const header = `${[t.rowHeader, ...t.columns.map((c) => c.label)].map((h) => tx(h, 'header')).join(' & ')} \\\\`;
  const rows = t.rows.map((r) => {
    const cells = r.cells.map((c) => `${tx(c.text, r.label)}${c.noteRef !== null ? `\\textsuperscript{${c.noteRef}}` : ''}`);
    return `${[tx(r.label, 'row label'), ...cells].join(' & ')} \\\\`;
  });
  const notes: string[] = [];
  if (t.generalNotes.length > 0) notes.push(`\\textit{Note.} ${t.generalNotes.map((x) => tx(x, 'note')).join(' ')}`);
  for (const note of t.notes) {
    const where = `note ${note.mark} (${note.row}, ${note.column})`;
    const parts = [`\\textsuperscript{${note.mark}}\\,${tx(note.row, where)}, ${tx(note.column, where)}.`];
    if (note.note) parts.push(tx(note.note, where));
    if (note.evidence.length > 0) parts.push(`Evidence: ${note.evidence.map((e) => tx(formatEvidence(e, QUOTE_CHARS), where)).join('; ')}`);
    notes.push(parts.join(' '));
  }
  const small = n > 6 ? [n > 10 ? '\\scriptsize' : '\\footnotesize', '\\setlength{\\tabcolsep}{2pt}'] : [];
  const body = fitsOnePage(t, notes) ? floatTable(t, tx, spec, header, rows, notes, small) : longTable(t, tx, spec, header, rows, notes, small);

  const warnings =
    replaced.length > 0
      ? [
          `LaTeX: ${replaced.length} run${replaced.length === 1 ? '' : 's'} of characters that LaTeX's standard fonts cannot set (CJK, emoji, other scripts) written as code points: ${replaced.map((r) => `“${r.text}” in ${r.where}`).join('; ')}. Edit the notes, or use the Word, HTML or Markdown export for these.`,
        ]
      : [];
  const head = [
    `% Table "${t.title.replace(/[\r\n]+/g, ' ')}" exported by Casecoder ${t.manifest.appVersion} on ${t.manifest.date}.`,
    '% Compiles under pdfLaTeX, XeLaTeX and LuaLaTeX. Needs in the preamble:',
    ...LATEX_PREAMBLE.map((l) => `%   ${l}`),
    `% Refer to it with \\ref{${t.label}}. The provenance manifest is at the end of this file.`,
    ...(replaced.length > 0 ? [`% Warning: ${replaced.length} run(s) of characters the standard fonts cannot set are written as [U+XXXX] code points.`] : []),
  ];
  const manifest = ['% Manifest', ...manifestLines(t.manifest).map(([k, v]) => `% ${k}: ${v.replace(/[\r\n]+/g, ' ')}`)];
  const lines = opts.standalone ? [...head, '\\documentclass[11pt]{article}', ...LATEX_PREAMBLE, '\\usepackage[margin=2.5cm]{geometry}', '\\begin{document}', ...body, '\\end{document}', ...manifest] : [...head, ...body, ...manifest];
  return { text: lines.join('\n') + '\n', warnings };
}
