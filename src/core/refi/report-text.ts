import type { ApplyRefiReport } from './apply.js';
import type { RefiReport } from './types.js';

/**
 * Human-readable lines for an import report (CLI output, the import dialog): which position unit
 * was used per document and how it was confirmed, then every item not imported, grouped by kind
 * with counts, then the adaptations made. Every line stands on its own.
 */
export function describeRefiReport(report: RefiReport): string[] {
  const lines: string[] = [];
  for (const p of report.positions) {
    const unit = p.choice.unit === 'utf16' ? 'UTF-16 code units' : 'Unicode code points';
    const how =
      p.evidence === 'names'
        ? 'confirmed by the selection names'
        : p.evidence === 'word-boundaries'
          ? `confirmed: ${p.fit} of ${p.total} selections begin and end on word boundaries`
          : p.evidence === 'prior'
            ? 'chosen from the producer (the text could not tell the readings apart)'
            : 'all readings agree on this text';
    lines.push(`Positions in "${p.title}": ${unit}${p.crlf ? `, a line break (CRLF) counted as ${p.choice.crlfAs}` : ''}; ${how}.`);
  }
  lines.push(...describeAttribution(report.attribution));
  const byKind = new Map<string, RefiReport['notImported']>();
  for (const s of report.notImported) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  for (const [kind, items] of byKind) {
    lines.push(`Not imported: ${items.length} ${kind}${items.length === 1 ? '' : 's'}.`);
    for (const s of items) lines.push(`  - ${s.name || s.guid || kind}: ${s.reason}`);
  }
  lines.push(...report.notes);
  return lines;
}

/** The attribution rule and, when codings were attributed, who got how many (and how many had two users). */
export function describeAttribution(a: RefiReport['attribution']): string[] {
  const users = a.users.filter((u) => u.codings > 0);
  if (users.length === 0) return [];
  const lines = [`Coders: ${users.map((u) => `${u.name} (${u.codings} coding${u.codings === 1 ? '' : 's'})`).join(', ')}. ${a.rule}`];
  if (a.differing > 0) lines.push(`${a.differing} coding${a.differing === 1 ? '' : 's'} named one user on the selection and another on the coding; the selection's user was taken.`);
  return lines;
}

/** One summary line for an applied import (added and already present counts). */
export function describeApplyReport(report: ApplyRefiReport): string {
  const parts = (Object.keys(report.added) as (keyof ApplyRefiReport['added'])[])
    .filter((k) => report.added[k] > 0 || report.matched[k] > 0)
    .map((k) => `${k}: ${report.added[k]} added${report.matched[k] > 0 ? `, ${report.matched[k]} already present` : ''}`);
  const skipped = report.skipped.length > 0 ? `; ${report.skipped.length} skipped while merging` : '';
  return `${parts.join('; ') || 'nothing to import'}${skipped}.`;
}
