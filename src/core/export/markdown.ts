import { formatEvidence } from '../matrix/evidence.js';
import { escapeMarkdown } from './escape.js';
import { manifestLines } from './manifest.js';
import type { ExportTable } from './table.js';

/**
 * GitHub-flavoured Markdown: a heading, the caption, a pipe table (footnote markers as `[n]`),
 * the notes with their evidence, and the manifest as a list. All user text is escaped.
 */
export function tableToMarkdown(t: ExportTable): string {
  const out: string[] = [`## ${escapeMarkdown(t.title)}`, '', escapeMarkdown(t.caption), ''];
  const head = [t.rowHeader, ...t.columns.map((c) => c.label)].map(escapeMarkdown);
  out.push(`| ${head.join(' | ')} |`);
  out.push(`| ${head.map((_, i) => (i === 0 ? ':---' : ':---:')).join(' | ')} |`);
  for (const r of t.rows) {
    const cells = r.cells.map((c) => `${escapeMarkdown(c.text)}${c.noteRef !== null ? ` [${c.noteRef}]` : ''}`);
    out.push(`| ${[escapeMarkdown(r.label), ...cells].join(' | ')} |`);
  }
  if (t.notes.length > 0) {
    out.push('', '### Notes and evidence', '');
    for (const n of t.notes) {
      const parts = [`**${escapeMarkdown(n.row)}, ${escapeMarkdown(n.column)}.**`];
      if (n.note) parts.push(escapeMarkdown(n.note));
      if (n.evidence.length > 0) parts.push(`Evidence: ${n.evidence.map((e) => escapeMarkdown(formatEvidence(e))).join('; ')}`);
      out.push(`${n.n}. ${parts.join(' ')}`);
    }
  }
  out.push('', '### Manifest', '');
  for (const [k, v] of manifestLines(t.manifest)) out.push(`- ${escapeMarkdown(k)}: ${escapeMarkdown(v)}`);
  return out.join('\n') + '\n';
}
