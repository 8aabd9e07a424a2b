/**
 * The one file-name scheme of every export: `<project>_<what>[_<unit or coder>]_<date>.<ext>`,
 * each part a lowercase ASCII slug, e.g. `scorecard-outcomes_a6-outcomes_consensus_2026-01-15.xlsx`.
 * Safe on every file system, sorts by project then content, and says when it was made.
 */

/** A lowercase ASCII slug: accents folded, anything else but letters and digits becomes `-`. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** The parts of an export's file name. `date` is an ISO date or timestamp (only the day is used). */
export interface ExportNameParts {
  project: string;
  /** What the file holds: a matrix name, "agreement", "passages", "codebook"… */
  what: string;
  /** The unit, coder, mode or variant, when the same `what` comes in several. */
  unit?: string | undefined;
  date: string;
  ext: string;
}

/** The file name of an export under the one scheme (see the module doc). */
export function exportFileName(p: ExportNameParts): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(p.date)?.[0] ?? slug(p.date);
  const parts = [slug(p.project) || 'project', slug(p.what) || 'export', ...(p.unit ? [slug(p.unit)] : []), day].filter((x) => x !== '');
  return `${parts.join('_')}.${p.ext.replace(/^\./, '')}`;
}
