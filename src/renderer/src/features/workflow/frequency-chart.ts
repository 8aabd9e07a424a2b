import type { CodeCaseCounts } from '../../../../core/matrix/counts.js';

/** One bar pair of the chart: a code's passages and the share of the text it covers. */
export interface ChartRow {
  id: string;
  label: string;
  path: string;
  color: string;
  depth: number;
  /** Distinct passages (overlapping codings merged), all documents. */
  passages: number;
  /** Codings (one per coder's coding), all documents. */
  codings: number;
  /** Coded characters / all characters of the documents, 0–1. */
  coverage: number;
}

/**
 * The rows of the frequency and coverage chart from a codes × documents table (`table.cases` are
 * the documents, `chars[j]` the length of document j). Coverage over all documents weights each
 * document's coverage by its length, so it is coded characters over all characters. Codes with no
 * passage are left out.
 */
export function chartRows(table: CodeCaseCounts, chars: readonly number[]): ChartRow[] {
  const total = chars.reduce((a, b) => a + b, 0);
  const sum = (row: readonly number[] | undefined): number => (row ?? []).reduce((a, b) => a + b, 0);
  return table.codes
    .map((c, i) => ({
      id: c.id,
      label: c.path.split('/').pop() ?? c.path,
      path: c.path,
      color: c.color,
      depth: c.depth,
      passages: sum(table.distinct[i]),
      codings: sum(table.counts[i]),
      coverage: total > 0 ? (table.coverage[i] ?? []).reduce((a, v, j) => a + v * (chars[j] ?? 0), 0) / total : 0,
    }))
    .filter((r) => r.codings > 0);
}

/** Layout of the chart in SVG user units. */
export const CHART = { rowHeight: 22, labelWidth: 190, barWidth: 220, gap: 28, valueWidth: 56, top: 26 } as const;

/** The length of a bar for `value` when `max` fills `width` (a visible sliver for any non-zero value). */
export function barLength(value: number, max: number, width: number = CHART.barWidth): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(2, (value / max) * width);
}

/** Coverage as a percentage with one decimal ("12.5 %", "<0.1 %" for a sliver). */
export function coveragePercent(v: number): string {
  if (v > 0 && v < 0.0005) return '<0.1 %';
  return `${(v * 100).toFixed(1)} %`;
}
