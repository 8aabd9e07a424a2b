import { readFile, writeFile } from 'node:fs/promises';
import { codePaths } from '../../../core/codebook/paths.js';
import { AGREEMENT_WEIGHTS, CAVEAT_TEXT, formatFigure, LEVELS, METRICS, PERCENT_DEFINITIONS, reliabilityCsv, type AgreementResult, type ComparisonFigures } from '../../../core/agreement/index.js';
import { findCoder } from '../../../core/model/project.js';
import type { ProjectData } from '../../../core/model/types.js';
import type { AgreementRequest } from '../../../shared/api.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { checkedOutput, CliExit, EXIT_DOMAIN, usage } from '../io.js';
import { resolveCode, resolveDocument } from '../resolve.js';

const UNITS = ['character', 'segment', 'paragraph', 'document'];

function fmt(r: AgreementResult | undefined): string {
  if (!r) return '';
  if (r.value === null) return `n/a (${r.reason ?? 'undefined'})`;
  const ci = r.interval ? ` [${formatFigure(r.interval.lower)}, ${formatFigure(r.interval.upper)}]` : '';
  return `${formatFigure(r.value)}${ci}`;
}

/** `--categories N` (q for Brennan–Prediger) or `--categories a,b,c` (declared labels, in order). */
function categories(ctx: CliContext): number | string[] | undefined {
  const raw = ctx.str('categories');
  if (raw === undefined) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0) usage('--categories takes a number of categories or a comma-separated list of labels');
  return list;
}

function bootstrap(ctx: CliContext): AgreementRequest['bootstrap'] {
  const n = ctx.str('bootstrap');
  if (n === undefined) return undefined;
  if (!/^\d+$/.test(n) || Number(n) < 1) usage(`--bootstrap must be a positive whole number of replicates, got "${n}"`);
  const seed = ctx.str('seed') ?? '1';
  if (!/^\d+$/.test(seed)) usage(`--seed must be a whole number, got "${seed}"`);
  return { samples: Number(n), seed: Number(seed) };
}

async function fromData(ctx: CliContext): Promise<void> {
  if (ctx.positionals.length > 0) usage('agreement --data FILE takes no project folder');
  const metric = ctx.str('metric');
  if (!metric || !(METRICS as readonly string[]).includes(metric)) usage(`--metric must be one of ${METRICS.join('|')}`);
  const level = ctx.str('level') ?? 'nominal';
  if (!(LEVELS as readonly string[]).includes(level)) usage(`--level must be one of ${LEVELS.join('|')}`);
  const percent = ctx.str('percent');
  if (percent !== undefined && !(percent in PERCENT_DEFINITIONS)) usage(`--percent must be one of ${Object.keys(PERCENT_DEFINITIONS).join('|')}`);
  const weights = ctx.str('weights');
  if (weights !== undefined && (metric !== 'gwet' || !(AGREEMENT_WEIGHTS as readonly string[]).includes(weights))) usage(`--weights goes with --metric gwet and must be one of ${AGREEMENT_WEIGHTS.join('|')}`);
  const file = ctx.req('data');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CliExit(EXIT_DOMAIN, `Cannot read ${file}: ${(e as Error).message}`);
  }
  const cats = categories(ctx);
  const boot = bootstrap(ctx);
  const r = await ctx.call('agreement.metric', {
    text,
    format: file.toLowerCase().endsWith('.json') ? 'json' : file.toLowerCase().endsWith('.csv') ? 'csv' : 'auto',
    metric,
    level,
    ...(percent ? { percentDefinition: percent } : {}),
    ...(weights ? { weights } : {}),
    ...(cats !== undefined ? { categories: cats } : {}),
    ...(boot ? { bootstrap: boot } : {}),
    withTable: ctx.flags['tables'] === true,
  });
  ctx.print(r, `${r.metric}${r.level ? ` (${r.level})` : ''} = ${fmt(r)}; ${r.units} units, ${r.coders} coders`);
}

function coderIds(ctx: CliContext, data: ProjectData): string[] {
  const raw = ctx.str('coders');
  if (raw === undefined) return data.coders.filter((c) => !c.consensus && !c.auto).map((c) => c.id);
  return raw.split(',').map((name) => {
    const c = findCoder(data, name);
    if (!c) throw new CliExit(EXIT_DOMAIN, `No coder "${name.trim()}" (coders: ${data.coders.map((u) => u.name).join(', ') || 'none'})`);
    return c.id;
  });
}

function codeIds(ctx: CliContext, data: ProjectData): string[] | undefined {
  const refs = ctx.flags['codes'];
  if (refs === undefined) return undefined;
  const out: string[] = [];
  for (const ref of Array.isArray(refs) ? refs : [String(refs)]) {
    // A whole value that names a code wins; otherwise it is a comma-separated list.
    const whole = data.codebook.some((c) => codePaths(data.codebook).get(c.id)?.toLowerCase() === ref.trim().toLowerCase());
    for (const part of whole ? [ref] : ref.split(',')) out.push(resolveCode(data, part).id);
  }
  return out;
}

async function fromProject(ctx: CliContext): Promise<void> {
  const { data } = await ctx.project();
  const unit = ctx.str('unit') ?? 'character';
  if (!UNITS.includes(unit)) usage(`--unit must be one of ${UNITS.join('|')}`);
  const threshold = ctx.str('threshold');
  if (threshold !== undefined && !/^(0(\.\d+)?|1(\.0*)?)$/.test(threshold)) usage(`--threshold must be a number in (0, 1], got "${threshold}"`);
  const criterion = ctx.str('criterion');
  if (criterion !== undefined && criterion !== 'presence' && criterion !== 'frequency') usage('--criterion must be presence|frequency');
  const report = ctx.str('report');
  if (report !== undefined && !['md', 'html', 'csv'].includes(report)) usage('--report must be one of md|html|csv');
  const coders = coderIds(ctx, data);
  if (coders.length < 2) throw new CliExit(EXIT_DOMAIN, `Agreement needs at least two coders; this project has ${coders.length} (name them with --coders A,B)`);
  const docRefs = ctx.flags['doc'];
  const documentIds = docRefs === undefined ? undefined : (Array.isArray(docRefs) ? docRefs : [String(docRefs)]).map((d) => resolveDocument(data, d).id);
  const codes = codeIds(ctx, data);
  const boot = bootstrap(ctx);
  const req: AgreementRequest = {
    coderIds: coders,
    unit: unit as AgreementRequest['unit'],
    ...(codes ? { codeIds: codes } : {}),
    ...(documentIds ? { documentIds } : {}),
    ...(threshold !== undefined ? { overlapThreshold: Number(threshold) } : {}),
    ...(criterion ? { documentCriterion: criterion as 'presence' | 'frequency' } : {}),
    ...(boot ? { bootstrap: boot } : {}),
    withTables: ctx.flags['tables'] === true,
  };
  const out = ctx.str('output');
  if (report) {
    const r = await ctx.call('agreement.report', { ...req, format: report as 'md' | 'html' | 'csv' });
    if (!out) return ctx.io.out(r.text);
    await writeFile(checkedOutput(out, '--output'), r.text, 'utf8');
    return ctx.print({ report: out, format: report }, `Wrote the agreement report to ${out}`);
  }
  const csvOut = ctx.str('reliability-csv');
  const c = await ctx.call('agreement.compute', { ...req, withData: csvOut !== undefined });
  const paths = codePaths(data.codebook);
  const names = new Map(data.coders.map((u) => [u.id, u.name]));
  if (csvOut) await writeFile(checkedOutput(csvOut, '--reliability-csv'), reliabilityCsv({ ...c.pooled.data, coders: c.coders.map((id) => names.get(id) ?? id) }), 'utf8');
  const titles = new Map(data.documents.map((d) => [d.id, d.title]));
  const figures = (f: ComparisonFigures) => ({
    ...(f.codeId ? { code: paths.get(f.codeId) ?? f.codeId } : {}),
    ...(f.documentId ? { document: f.documentId, title: titles.get(f.documentId) ?? '' } : {}),
    units: f.units,
    percent: f.percent,
    kappa: f.kappa,
    gwet: f.gwet,
    alpha: f.alpha,
    ...(f.segmentRowAgreement ? { segmentRows: f.segmentRowAgreement } : {}),
    caveats: f.caveats.map((code) => ({ code, text: CAVEAT_TEXT[code] })),
  });
  const warnings = c.pooled.caveats.map((code) => `Warning: ${CAVEAT_TEXT[code]}.`);
  const p = c.pooled.alpha;
  const json = {
    metric: 'alpha',
    level: p.level,
    value: p.value,
    ...(p.reason ? { reason: p.reason } : {}),
    units: p.units,
    coders: c.coders.length,
    coderNames: c.coders.map((id) => names.get(id) ?? id),
    unit: c.unit,
    options: c.options,
    codes: c.codes.map((id) => paths.get(id) ?? id),
    documents: c.documents,
    pooled: figures(c.pooled),
    perCode: c.perCode.map(figures),
    perDocument: c.perDocument.map(figures),
    cells: c.cells.map(figures),
    ...(c.pairs ? { pairs: c.pairs.map((p) => ({ coders: [names.get(p.coderA) ?? p.coderA, names.get(p.coderB) ?? p.coderB], pooled: figures(p.pooled), perCode: p.perCode.map(figures) })) } : {}),
    warnings,
    ...(csvOut ? { reliabilityCsv: csvOut } : {}),
  };
  const human = [
    `Agreement of ${json.coderNames.join(', ')} at the ${unit} level (${c.codes.length} codes, ${c.documents.length} documents)`,
    ...warnings.map((w) => `  ${w}`),
    `  pooled: alpha ${fmt(c.pooled.alpha)}; ${c.pooled.kappa.metric} ${fmt(c.pooled.kappa)}; ${c.pooled.gwet.metric.toUpperCase()} ${fmt(c.pooled.gwet)}; percent ${fmt(c.pooled.percent)}; ${c.pooled.units} units`,
    ...c.perCode.map(
      (f) =>
        `  ${paths.get(f.codeId ?? '') ?? f.codeId}: alpha ${fmt(f.alpha)}; ${f.kappa.metric} ${fmt(f.kappa)}; ${f.gwet.metric.toUpperCase()} ${fmt(f.gwet)}; percent ${fmt(f.percent)}${f.caveats.length ? ` (${f.caveats.map((k) => CAVEAT_TEXT[k]).join('; ')})` : ''}`,
    ),
    ...(c.pairs ?? []).map((p) => `  pair ${names.get(p.coderA) ?? p.coderA} / ${names.get(p.coderB) ?? p.coderB}: alpha ${fmt(p.pooled.alpha)}; cohen ${fmt(p.pooled.kappa)}; AC1 ${fmt(p.pooled.gwet)}; percent ${fmt(p.pooled.percent)}`),
  ].join('\n');
  ctx.print(json, human);
}

export const agreementCommand: Command = {
  name: 'agreement',
  usage:
    'agreement <dir> [--coders A,B…] [--codes P…] [--unit character|segment|paragraph|document] [--threshold X] [--criterion presence|frequency] [--bootstrap N --seed S] [--report md|html|csv -o FILE] [--reliability-csv FILE] [--json]\n' +
    '  agreement --data FILE.csv|FILE.json --metric percent|cohen|scott|fleiss|bp|alpha|gwet [--level nominal|ordinal|interval|ratio] [--weights identity|linear|quadratic|ordinal] [--percent mean-pairwise|all-agree|pairable] [--categories N|a,b,…] [--json]',
  options: {
    coders: { type: 'string' },
    codes: { type: 'string', multiple: true },
    doc: { type: 'string', multiple: true },
    unit: { type: 'string' },
    threshold: { type: 'string' },
    criterion: { type: 'string' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    report: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'reliability-csv': { type: 'string' },
    tables: { type: 'boolean' },
    data: { type: 'string' },
    metric: { type: 'string' },
    level: { type: 'string' },
    percent: { type: 'string' },
    weights: { type: 'string' },
    categories: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.str('data') !== undefined) return fromData(ctx);
    if (ctx.str('metric') !== undefined) usage('--metric goes with --data FILE');
    return fromProject(ctx);
  },
};
