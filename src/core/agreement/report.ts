/**
 * The agreement report: a {@link Comparison} rendered as Markdown, a self-contained HTML page
 * (every text escaped, no scripts, no external resources) or a tidy CSV (one figure per row).
 * Pure: it returns strings; the caller writes files. Contents: title, date, codebook version,
 * parameters, definitions, pooled figures with their interval, per-code, per-document and
 * per code × document figures. Undefined figures show "n/a" with their reason.
 */
import { CAVEAT_TEXT, type FigureCaveat } from './caveats.js';
import type { Comparison, ComparisonFigures } from './compare.js';
import { documentLabels, formatFigure } from './format.js';
import { csvField } from '../export/escape.js';
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
  character: () =>
    "Character level (NVivo's coding comparison): every character of a document is one unit per code; a coder applied the code to a character when any of their codings of the code covers it. Offsets are UTF-16 code units of the canonical text.",
  segment: (c) =>
    `Segment level (QDA Miner / MAXQDA): two coders' segments of a code match when their overlap |A∩B|/|A∪B| is at least ${fmtPct(c.options.overlapThreshold)}; matching segments form one unit. Row agreement is the share of coded segments matched by every other coder.`,
  paragraph: () => 'Paragraph level: each non-empty paragraph is one unit per code; a coder applied the code when one of their codings of it shares at least one character with the paragraph.',
  document: (c) =>
    c.options.documentCriterion === 'frequency'
      ? 'Document level, frequency: per code, the number of codings each coder made in the document (alpha at the interval level).'
      : 'Document level, presence: per code, whether each coder applied the code anywhere in the document.',
};

const fmt = (v: number | null | undefined): string => formatFigure(v);

/** Short names of the caveats, for table cells; the sentences go in the notes. */
const CAVEAT_SHORT: Record<FigureCaveat, string> = {
  'no-uncoded-units': 'no uncoded units (degenerate)',
  'never-agree': 'coders never agree',
  'one-coder-only': 'one coder only',
  'nobody-coded': 'nobody coded',
};

function caveatCell(f: ComparisonFigures): string {
  return f.caveats.map((c) => CAVEAT_SHORT[c]).join('; ');
}

function kappaName(r: AgreementResult): string {
  return r.metric === 'cohen' ? "Cohen's kappa" : "Fleiss' kappa";
}

function fmtPct(v: number): string {
  return `${Math.round(v * 1000) / 10}%`;
}

function interval(r: AgreementResult): string {
  return r.interval ? `[${fmt(r.interval.lower)}, ${fmt(r.interval.upper)}]` : '';
}

function name(map: Record<string, string> | Map<string, string> | undefined, id: string | null): string {
  if (id === null) return 'all';
  return (map instanceof Map ? map.get(id) : map?.[id]) ?? id;
}

/** Document labels of the report: the title, with the id added where two documents share a title. */
function docLabels(input: ReportInput): Map<string, string> {
  return documentLabels(input.comparison.documents.map((id) => ({ id, title: input.documentTitles?.[id] ?? id })));
}

interface Row {
  scope: string;
  code: string;
  document: string;
  documentId: string;
  /** Coder pair (display names) for scope 'pair', else ''. */
  pair: string;
  f: ComparisonFigures;
}

function rows(input: ReportInput): Row[] {
  const c = input.comparison;
  const docs = docLabels(input);
  const out: Row[] = [{ scope: 'pooled', code: 'all', document: 'all', documentId: '', pair: '', f: c.pooled }];
  for (const f of c.perCode) out.push({ scope: 'code', code: name(input.codeNames, f.codeId), document: 'all', documentId: '', pair: '', f });
  for (const f of c.perDocument) out.push({ scope: 'document', code: 'all', document: name(docs, f.documentId), documentId: f.documentId ?? '', pair: '', f });
  for (const f of c.cells) out.push({ scope: 'cell', code: name(input.codeNames, f.codeId), document: name(docs, f.documentId), documentId: f.documentId ?? '', pair: '', f });
  for (const p of c.pairs ?? []) {
    const pair = `${name(input.coderNames, p.coderA)} / ${name(input.coderNames, p.coderB)}`;
    out.push({ scope: 'pair', code: 'all', document: 'all', documentId: '', pair, f: p.pooled });
    for (const f of p.perCode) out.push({ scope: 'pair-code', code: name(input.codeNames, f.codeId), document: 'all', documentId: '', pair, f });
  }
  return out;
}

function definitions(input: ReportInput): string[] {
  const c = input.comparison;
  const p = c.pooled;
  const defs = [
    UNIT_DEFINITIONS[c.unit](c),
    p.percent.definition ?? '',
    p.kappa.definition ?? '',
    p.gwet.definition ?? '',
    p.alpha.definition ?? '',
    'Pooled figures concatenate the units of all codes and documents they pool.',
    'Percent agreement is not chance-corrected, so it gets no strength band.',
  ];
  if (p.kappa.interval)
    defs.push(`Kappa and AC1 intervals: ${Math.round(p.kappa.interval.confidence * 100)}% analytic intervals (Gwet 2014): the coefficient ± its standard error × Student's t quantile with n − 1 degrees of freedom, capped at 1.`);
  for (const k of Object.keys(CAVEAT_SHORT) as FigureCaveat[]) defs.push(`"${CAVEAT_SHORT[k]}": ${CAVEAT_TEXT[k]}.`);
  if (p.segmentRowAgreement?.definition) defs.push(`Row agreement: ${p.segmentRowAgreement.definition}.`);
  if (p.alpha.interval) defs.push(`Alpha interval: ${Math.round(p.alpha.interval.confidence * 100)}% ${p.alpha.interval.method}, ${p.alpha.interval.samples ?? 0} replicates.`);
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

/** The pooled figures as lines of text (shared by Markdown and HTML). */
function pooledLines(input: ReportInput): string[] {
  const p = input.comparison.pooled;
  const lines = [
    `Units: ${p.units}`,
    `Percent agreement: ${fmt(p.percent.value)}${reasonNote(p.percent)}`,
    `${kappaName(p.kappa)}: ${fmt(p.kappa.value)} ${interval(p.kappa)}${reasonNote(p.kappa)}`.replace(/ +$/, ''),
    `Gwet's ${p.gwet.metric.toUpperCase()}: ${fmt(p.gwet.value)} ${interval(p.gwet)}${reasonNote(p.gwet)}`.replace(/ +$/, ''),
    `Krippendorff's alpha: ${fmt(p.alpha.value)} ${interval(p.alpha)}${reasonNote(p.alpha)}`.replace(/ +$/, ''),
  ];
  if (input.comparison.unit === 'segment' && p.segmentRowAgreement) lines.push(`Row agreement: ${fmt(p.segmentRowAgreement.value)}`);
  return lines;
}

/** Warnings in words: the pooled figure's degenerate cases (e.g. every segment unit was coded). */
function warnings(input: ReportInput): string[] {
  return input.comparison.pooled.caveats.map((c) => `Warning: ${CAVEAT_TEXT[c]}.`);
}

const SECTIONS = [
  ['Per code', 'code'],
  ['Per document', 'document'],
  ['Per code and document', 'cell'],
  ['Per coder pair', 'pair'],
  ['Per coder pair and code', 'pair-code'],
] as const;

function tableHeader(input: ReportInput, scope: string): string[] {
  const seg = input.comparison.unit === 'segment';
  return [...(scope.startsWith('pair') ? ['Coders'] : []), 'Code', 'Document', 'Units', 'Percent', 'Kappa', 'Kappa interval', 'AC1', 'AC1 interval', 'Alpha', 'Alpha interval', ...(seg ? ['Row agreement'] : []), 'Caveats'];
}

function tableRow(input: ReportInput, r: Row): { text: string; num: boolean; ci?: boolean; reason?: string }[] {
  const seg = input.comparison.unit === 'segment';
  const n = (x: AgreementResult | undefined) => ({ text: fmt(x?.value), num: true, ...(x && x.value === null && x.reason ? { reason: x.reason } : {}) });
  return [
    ...(r.scope.startsWith('pair') ? [{ text: r.pair, num: false }] : []),
    { text: r.code, num: false },
    { text: r.document, num: false },
    { text: String(r.f.units), num: true },
    n(r.f.percent),
    n(r.f.kappa),
    { text: interval(r.f.kappa), num: false, ci: true },
    n(r.f.gwet),
    { text: interval(r.f.gwet), num: false, ci: true },
    n(r.f.alpha),
    { text: interval(r.f.alpha), num: false, ci: true },
    ...(seg ? [n(r.f.segmentRowAgreement)] : []),
    { text: caveatCell(r.f), num: false },
  ];
}

function markdown(input: ReportInput): string {
  const esc = (s: string) => s.replace(/([\\|*_`[\]<>#])/g, '\\$1').replace(/\r?\n/g, ' ');
  const lines = [`# ${esc(input.title ?? 'Intercoder agreement report')}`, ''];
  for (const w of warnings(input)) lines.push(`> ${esc(w)}`, '');
  lines.push('## Parameters', '');
  for (const [k, v] of parameters(input)) lines.push(`- **${k}:** ${esc(v)}`);
  lines.push('', '## Definitions', '');
  for (const d of definitions(input)) lines.push(`- ${esc(d)}`);
  lines.push('', '## Pooled', '', ...pooledLines(input).map((l) => `- ${esc(l)}`));
  const all = rows(input);
  for (const [title, scope] of SECTIONS) {
    const body = all.filter((x) => x.scope === scope);
    if (body.length === 0) continue;
    const header = tableHeader(input, scope);
    lines.push('', `## ${title}`, '', `| ${header.join(' | ')} |`, `|${header.map((h) => (['Units', 'Percent', 'Kappa', 'AC1', 'Alpha', 'Row agreement'].includes(h) ? '---:' : '---')).join('|')}|`);
    for (const r of body)
      lines.push(
        `| ${tableRow(input, r)
          .map((c) => esc(c.text))
          .join(' | ')} |`,
      );
  }
  return lines.join('\n') + '\n';
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function html(input: ReportInput): string {
  const e = escapeHtml;
  const table = (scope: string) =>
    `<table><thead><tr>${tableHeader(input, scope)
      .map((h) => `<th>${e(h)}</th>`)
      .join('')}</tr></thead><tbody>` +
    rows(input)
      .filter((r) => r.scope === scope)
      .map(
        (r) =>
          `<tr>${tableRow(input, r)
            .map((c) => `<td${c.num ? ' class="num"' : c.ci ? ' class="ci"' : ''}${c.reason ? ` title="${e(c.reason)}"` : ''}>${e(c.text)}</td>`)
            .join('')}</tr>`,
      )
      .join('') +
    '</tbody></table>';
  const title = e(input.title ?? 'Intercoder agreement report');
  const all = rows(input);
  return [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${title}</title>`,
    '<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:90em}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}td.ci{white-space:nowrap;font-variant-numeric:tabular-nums}dt{font-weight:600}.warning{border-left:4px solid #b45309;background:#fff7ed;padding:.5em 1em}</style></head><body>',
    `<h1>${title}</h1>`,
    ...warnings(input).map((w) => `<p class="warning">${e(w)}</p>`),
    '<h2>Parameters</h2><dl>' +
      parameters(input)
        .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`)
        .join('') +
      '</dl>',
    '<h2>Definitions</h2><ul>' +
      definitions(input)
        .map((d) => `<li>${e(d)}</li>`)
        .join('') +
      '</ul>',
    '<h2>Pooled</h2><ul>' +
      pooledLines(input)
        .map((l) => `<li>${e(l)}</li>`)
        .join('') +
      '</ul>',
    ...SECTIONS.filter(([, scope]) => all.some((r) => r.scope === scope)).map(([t, scope]) => `<h2>${e(t)}</h2>${table(scope)}`),
    '</body></html>',
    '',
  ].join('\n');
}

function csv(input: ReportInput): string {
  const c = input.comparison;
  const out = [
    ['date', 'codebook_version', 'unit', 'scope', 'code', 'document', 'statistic', 'value', 'reason', 'units', 'coders', 'ci_lower', 'ci_upper', 'ci_confidence', 'standard_error', 'document_id', 'coder_pair', 'caveats'].join(','),
  ];
  for (const r of rows(input)) {
    const stats: [string, AgreementResult | undefined][] = [
      ['percent', r.f.percent],
      [r.f.kappa.metric, r.f.kappa],
      [r.f.gwet.metric, r.f.gwet],
      ['alpha', r.f.alpha],
      ['segment_rows', r.f.segmentRowAgreement],
    ];
    for (const [stat, res] of stats) {
      if (!res) continue;
      const i = res.interval;
      out.push(
        // Numbers stay numbers (a negative alpha is not a formula); every text cell is formula-guarded.
        [
          input.date,
          input.codebookVersion,
          c.unit,
          r.scope,
          r.code,
          r.document,
          stat,
          res.value === 0 ? 0 : res.value,
          res.reason && res.value === null ? res.reason : '',
          res.units,
          r.scope.startsWith('pair') ? 2 : c.coders.length,
          i?.lower,
          i?.upper,
          i?.confidence,
          i?.standardError,
          r.documentId,
          r.pair,
          r.f.caveats.join(';'),
        ]
          .map(csvField)
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
