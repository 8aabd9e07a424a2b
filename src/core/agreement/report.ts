/**
 * The agreement report: a {@link Comparison} rendered as Markdown, a self-contained HTML page
 * (every text escaped, no scripts, no external resources) or a tidy CSV (one figure per row).
 * Pure: it returns strings; the caller writes files. Contents: title, date, codebook version,
 * parameters, definitions, pooled figures with their interval, per-code, per-document and
 * per code × document figures. Undefined figures show "n/a" with their reason.
 */
import type { Comparison, ComparisonFigures } from './compare.js';
import type { AgreementResult } from './types.js';

export type ReportFormat = 'md' | 'html' | 'csv';

export interface ReportInput {
  comparison: Comparison;
  /** ISO date (or date-time) the report is dated. */
  date: string;
  codebookVersion: number | string;
  title?: string;
  projectName?: string;
  /** Display names by id; ids are shown when a name is missing. */
  coderNames?: Record<string, string>;
  codeNames?: Record<string, string>;
  documentTitles?: Record<string, string>;
}

const UNIT_DEFINITIONS: Record<Comparison['unit'], (c: Comparison) => string> = {
  character: () => "Character level (NVivo's coding comparison): every character of a document is one unit per code; a coder applied the code to a character when any of their codings of the code covers it. Offsets are UTF-16 code units of the canonical text.",
  segment: (c) => `Segment level (QDA Miner / MAXQDA): two coders' segments of a code match when their overlap |A∩B|/|A∪B| is at least ${fmtPct(c.options.overlapThreshold)}; matching segments form one unit. Row agreement is the share of coded segments matched by every other coder.`,
  paragraph: () => 'Paragraph level: each non-empty paragraph is one unit per code; a coder applied the code when one of their codings of it shares at least one character with the paragraph.',
  document: (c) => (c.options.documentCriterion === 'frequency' ? 'Document level, frequency: per code, the number of codings each coder made in the document (alpha at the interval level).' : 'Document level, presence: per code, whether each coder applied the code anywhere in the document.'),
};

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : v.toFixed(3);
}

function fmtPct(v: number): string {
  return `${Math.round(v * 1000) / 10}%`;
}

function interval(r: AgreementResult): string {
  return r.interval ? `[${fmt(r.interval.lower)}, ${fmt(r.interval.upper)}]` : '';
}

function name(map: Record<string, string> | undefined, id: string | null): string {
  if (id === null) return 'all';
  return map?.[id] ?? id;
}

interface Row {
  scope: string;
  code: string;
  document: string;
  f: ComparisonFigures;
}

function rows(input: ReportInput): Row[] {
  const c = input.comparison;
  const out: Row[] = [{ scope: 'pooled', code: 'all', document: 'all', f: c.pooled }];
  for (const f of c.perCode) out.push({ scope: 'code', code: name(input.codeNames, f.codeId), document: 'all', f });
  for (const f of c.perDocument) out.push({ scope: 'document', code: 'all', document: name(input.documentTitles, f.documentId), f });
  for (const f of c.cells) out.push({ scope: 'cell', code: name(input.codeNames, f.codeId), document: name(input.documentTitles, f.documentId), f });
  return out;
}

function definitions(input: ReportInput): string[] {
  const c = input.comparison;
  const p = c.pooled;
  const defs = [UNIT_DEFINITIONS[c.unit](c), p.percent.definition ?? '', p.kappa.definition ?? '', p.alpha.definition ?? '', 'Pooled figures concatenate the units of all codes and documents they pool.'];
  if (p.segmentRowAgreement?.definition) defs.push(`Row agreement: ${p.segmentRowAgreement.definition}.`);
  if (p.alpha.interval) defs.push(`Interval: ${Math.round(p.alpha.interval.confidence * 100)}% ${p.alpha.interval.method}, ${p.alpha.interval.samples} replicates.`);
  return defs.filter((d) => d !== '');
}

function parameters(input: ReportInput): [string, string][] {
  const c = input.comparison;
  const params: [string, string][] = [
    ['Date', input.date],
    ['Codebook version', String(input.codebookVersion)],
    ['Unit', c.unit],
    ['Coders', c.coders.map((id) => name(input.coderNames, id)).join(', ')],
    ['Codes', String(c.codes.length)],
    ['Documents', String(c.documents.length)],
  ];
  if (input.projectName) params.unshift(['Project', input.projectName]);
  if (c.unit === 'segment') params.push(['Overlap threshold', fmtPct(c.options.overlapThreshold)]);
  if (c.unit === 'document') params.push(['Criterion', c.options.documentCriterion]);
  return params;
}

function reasonNote(r: AgreementResult): string {
  return r.value === null && r.reason ? ` (${r.reason})` : '';
}

function markdown(input: ReportInput): string {
  const esc = (s: string) => s.replace(/([\\|*_`[\]<>#])/g, '\\$1').replace(/\r?\n/g, ' ');
  const seg = input.comparison.unit === 'segment';
  const lines = [`# ${esc(input.title ?? 'Intercoder agreement report')}`, '', '## Parameters', ''];
  for (const [k, v] of parameters(input)) lines.push(`- **${k}:** ${esc(v)}`);
  lines.push('', '## Definitions', '');
  for (const d of definitions(input)) lines.push(`- ${esc(d)}`);
  const p = input.comparison.pooled;
  lines.push('', '## Pooled', '', `- Units: ${p.units}`, `- Percent agreement: ${fmt(p.percent.value)}${esc(reasonNote(p.percent))}`, `- ${p.kappa.metric === 'cohen' ? "Cohen's kappa" : "Fleiss' kappa"}: ${fmt(p.kappa.value)}${esc(reasonNote(p.kappa))}`, `- Krippendorff's alpha: ${fmt(p.alpha.value)} ${interval(p.alpha)}${esc(reasonNote(p.alpha))}`.trimEnd());
  if (seg && p.segmentRowAgreement) lines.push(`- Row agreement: ${fmt(p.segmentRowAgreement.value)}`);
  const header = `| Code | Document | Units | Percent | Kappa | Alpha | Alpha interval |${seg ? ' Row agreement |' : ''}`;
  const rule = `|---|---|---:|---:|---:|---:|---|${seg ? '---:|' : ''}`;
  for (const [title, scope] of [['Per code', 'code'], ['Per document', 'document'], ['Per code and document', 'cell']] as const) {
    lines.push('', `## ${title}`, '', header, rule);
    for (const r of rows(input).filter((x) => x.scope === scope)) {
      lines.push(`| ${esc(r.code)} | ${esc(r.document)} | ${r.f.units} | ${fmt(r.f.percent.value)} | ${fmt(r.f.kappa.value)} | ${fmt(r.f.alpha.value)} | ${interval(r.f.alpha)} |${seg ? ` ${fmt(r.f.segmentRowAgreement?.value)} |` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function html(input: ReportInput): string {
  const e = escapeHtml;
  const seg = input.comparison.unit === 'segment';
  const cell = (r: AgreementResult | undefined) => (r ? `<td class="num"${r.value === null && r.reason ? ` title="${e(r.reason)}"` : ''}>${fmt(r.value)}</td>` : '<td></td>');
  const table = (scope: string) =>
    `<table><thead><tr><th>Code</th><th>Document</th><th>Units</th><th>Percent</th><th>Kappa</th><th>Alpha</th><th>Alpha interval</th>${seg ? '<th>Row agreement</th>' : ''}</tr></thead><tbody>` +
    rows(input)
      .filter((r) => r.scope === scope)
      .map((r) => `<tr><td>${e(r.code)}</td><td>${e(r.document)}</td><td class="num">${r.f.units}</td>${cell(r.f.percent)}${cell(r.f.kappa)}${cell(r.f.alpha)}<td>${e(interval(r.f.alpha))}</td>${seg ? cell(r.f.segmentRowAgreement) : ''}</tr>`)
      .join('') +
    '</tbody></table>';
  const p = input.comparison.pooled;
  const title = e(input.title ?? 'Intercoder agreement report');
  return [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${title}</title>`,
    '<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}dt{font-weight:600}</style></head><body>',
    `<h1>${title}</h1>`,
    '<h2>Parameters</h2><dl>' + parameters(input).map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('') + '</dl>',
    '<h2>Definitions</h2><ul>' + definitions(input).map((d) => `<li>${e(d)}</li>`).join('') + '</ul>',
    '<h2>Pooled</h2><ul>' +
      `<li>Units: ${p.units}</li><li>Percent agreement: ${fmt(p.percent.value)}${e(reasonNote(p.percent))}</li>` +
      `<li>${p.kappa.metric === 'cohen' ? 'Cohen&#39;s kappa' : 'Fleiss&#39; kappa'}: ${fmt(p.kappa.value)}${e(reasonNote(p.kappa))}</li>` +
      `<li>Krippendorff&#39;s alpha: ${fmt(p.alpha.value)} ${e(interval(p.alpha))}${e(reasonNote(p.alpha))}</li>` +
      (seg && p.segmentRowAgreement ? `<li>Row agreement: ${fmt(p.segmentRowAgreement.value)}</li>` : '') +
      '</ul>',
    `<h2>Per code</h2>${table('code')}`,
    `<h2>Per document</h2>${table('document')}`,
    `<h2>Per code and document</h2>${table('cell')}`,
    '</body></html>',
    '',
  ].join('\n');
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(input: ReportInput): string {
  const c = input.comparison;
  const out = [['date', 'codebook_version', 'unit', 'scope', 'code', 'document', 'statistic', 'value', 'reason', 'units', 'coders', 'ci_lower', 'ci_upper', 'ci_confidence'].join(',')];
  for (const r of rows(input)) {
    const stats: [string, AgreementResult | undefined][] = [
      ['percent', r.f.percent],
      [r.f.kappa.metric, r.f.kappa],
      ['alpha', r.f.alpha],
      ['segment_rows', r.f.segmentRowAgreement],
    ];
    for (const [stat, res] of stats) {
      if (!res) continue;
      const i = res.interval;
      out.push(
        [input.date, String(input.codebookVersion), c.unit, r.scope, r.code, r.document, stat, res.value === null ? '' : String(res.value), res.reason && res.value === null ? res.reason : '', String(res.units), String(c.coders.length), i ? String(i.lower) : '', i ? String(i.upper) : '', i ? String(i.confidence) : '']
          .map(csvCell)
          .join(','),
      );
    }
  }
  return out.join('\n') + '\n';
}

/** Render the agreement report in one format. */
export function renderAgreementReport(input: ReportInput, format: ReportFormat): string {
  return format === 'md' ? markdown(input) : format === 'html' ? html(input) : csv(input);
}
