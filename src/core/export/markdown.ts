import { formatEvidence } from '../matrix/evidence.js';
import { escapeMarkdown } from './escape.js';
import { manifestLines } from './manifest.js';
import type { ExportTable } from './table.js';

/**
 * GitHub-flavoured Markdown laid out as a journal table: "**Table N.** caption", a pipe table
 * (note markers as `<sup>a</sup>`, which GitHub, pandoc and most previews render), the legend,
 * the "*Note.*" paragraph and the lettered notes with their evidence. The manifest is an HTML
 * comment at the end, out of the rendered page. All user text is escaped.
 */
export function tableToMarkdown(t: ExportTable): string {
  const out: string[] = [`**Table ${t.number}.** ${escapeMarkdown(t.caption)}`, ''];
  const head = [t.rowHeader, ...t.columns.map((c) => c.label)].map(escapeMarkdown);
  out.push(`| ${head.join(' | ')} |`);
  out.push(`| ${head.map((_, i) => (i === 0 ? ':---' : ':---:')).join(' | ')} |`);
  for (const r of t.rows) {
    const cells = r.cells.map((c) => `${escapeMarkdown(c.text)}${c.noteRef !== null ? `<sup>${c.noteRef}</sup>` : ''}`);
    out.push(`| ${[escapeMarkdown(r.label), ...cells].join(' | ')} |`);
  }
  out.push('');
  if (t.generalNotes.length > 0) out.push(`*Note.* ${t.generalNotes.map(escapeMarkdown).join(' ')}`, '');
  for (const n of t.notes) {
    const parts = [`<sup>${n.mark}</sup> ${escapeMarkdown(n.row)}, ${escapeMarkdown(n.column)}.`];
    if (n.note) parts.push(escapeMarkdown(n.note));
    if (n.evidence.length > 0) parts.push(`Evidence: ${n.evidence.map((e) => escapeMarkdown(formatEvidence(e))).join('; ')}`);
    out.push(parts.join(' '), '');
  }
  out.push('<!--', 'Manifest', ...manifestLines(t.manifest).map(([k, v]) => `${k}: ${v.replace(/--/g, '- -')}`), '-->');
  return out.join('\n') + '\n';
}
