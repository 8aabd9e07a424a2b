import { SOURCE_FORMATS } from '../../../core/model/project-schema.js';
import type { SourceFormat } from '../../../core/model/types.js';
import type { ApiEvent } from '../../../shared/api.js';
import type { Command } from '../command.js';
import { CliExit, EXIT_DOMAIN, usage } from '../io.js';

/** What `--format` accepts: every stored source format, and `qdc` (a REFI-QDA codebook). */
const FORMATS: readonly string[] = [...SOURCE_FORMATS, 'qdc'];

/**
 * Progress on stderr: on a terminal one line redrawn in place (overall bar, file n of N, its
 * name); elsewhere (logs, CI) one line per file.
 */
function progressPrinter(tty: boolean): (e: ApiEvent) => void {
  return (e) => {
    if (e.type !== 'progress' || e.task !== 'import') return;
    const pct = e.total > 0 ? Math.round((e.done / e.total) * 100) : 100;
    const saving = e.done >= e.total;
    const what = saving ? 'saving…' : `file ${e.done + 1}/${e.total}: ${e.label}`;
    if (tty) {
      const bar = '#'.repeat(Math.round(pct / 5)).padEnd(20, '.');
      process.stderr.write(`\r[${bar}] ${String(pct).padStart(3)}% ${what.slice(0, 60).padEnd(60)}${saving ? '\n' : ''}`);
    } else process.stderr.write(`[${String(pct).padStart(3)}%] ${what}\n`);
  };
}

/**
 * `--map-user "USER=CODER"` (repeatable): the file's user USER (its name or GUID) goes to the
 * project's coder CODER (by name, case-insensitive), created when there is none. The text before
 * the first "=" is the user.
 */
function parseUserMappings(raw: unknown): { user: string; coderName: string }[] {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return list.map((m: unknown) => {
    const text = String(m);
    const at = text.indexOf('=');
    const user = text.slice(0, at).trim();
    const coderName = text.slice(at + 1).trim();
    if (at < 0 || !user || !coderName) usage(`--map-user needs "USER=CODER" (the file's user, then the coder it becomes), got "${text}"`);
    return { user, coderName };
  });
}

/** True when every file is a REFI-QDA project or codebook (by name, or by the `--format` given). */
function allRefi(files: string[], format: string | undefined): boolean {
  return format === 'qdpx' || format === 'qdc' || files.every((f) => /\.(qdpx|qde|qdc)$/i.test(f));
}

/**
 * REFI-QDA files read without importing (`refi.inspect`): each file's users, with how many codings
 * each made and the coder they would go to, then its reading report. What `--map-user` needs to know.
 */
async function inspectRefi(ctx: Parameters<Command['run']>[0], files: string[]): Promise<void> {
  const previews = [];
  const lines: string[] = [];
  for (const f of files) {
    const p = await ctx.call('refi.inspect', { path: f });
    previews.push(p);
    lines.push(`${p.fileName}: “${p.projectName}” (${p.origin}); nothing imported`, `  users (map them with --map-user "USER=CODER"):`);
    for (const u of p.users) lines.push(`    ${u.name}: ${u.codings} coding${u.codings === 1 ? '' : 's'} → ${u.coderId ? 'the coder of the same name' : `a new coder “${u.name}”`}${u.role ? ` (${u.role})` : ''}`);
    lines.push(...p.lines.map((l) => `  ${l}`));
  }
  ctx.print(previews, lines.join('\n'));
}

/** REFI-QDA files imported one by one with the users mapped, each printing its whole report. */
async function importRefiWithUsers(ctx: Parameters<Command['run']>[0], files: string[], users: { user: string; coderName: string }[]): Promise<void> {
  const outcomes = [];
  const lines: string[] = [];
  for (const f of files) {
    const r = await ctx.call('refi.import', { path: f, users });
    const o = r.value;
    outcomes.push(o);
    lines.push(...o.lines);
    for (const u of o.attribution.users.filter((x) => x.codings > 0)) lines.push(`  ${u.name} → ${u.coder}: ${u.codings} coding${u.codings === 1 ? '' : 's'}`);
  }
  ctx.print(outcomes, lines.join('\n'));
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import <dir> <file…> [--case NAME] [--format md|txt|html|docx|pdf|qdpx|qdc] [--split-cases] [--keep-preamble] [--reflow] [--headings "A,B,…"] [--map-user "USER=CODER"]… [--inspect]',
  options: {
    inspect: { type: 'boolean' },
    'map-user': { type: 'string', multiple: true },
    case: { type: 'string' },
    format: { type: 'string' },
    'split-cases': { type: 'boolean' },
    'keep-preamble': { type: 'boolean' },
    reflow: { type: 'boolean' },
    headings: { type: 'string' },
  },
  async run(ctx) {
    const files = ctx.positionals.slice(1);
    if (files.length === 0) usage('Name at least one file to import');
    const format = ctx.str('format');
    if (format && !FORMATS.includes(format)) usage(`--format must be one of ${FORMATS.join(', ')}`);
    if (ctx.flags['keep-preamble'] && !ctx.flags['split-cases']) usage('--keep-preamble only applies with --split-cases');
    if (ctx.str('case') !== undefined && !ctx.str('case')?.trim()) usage('--case needs a case name');
    const headings = ctx
      .str('headings')
      ?.split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    if (ctx.str('headings') !== undefined && !headings?.length) usage('--headings needs section names separated by commas');
    const mapUsers = parseUserMappings(ctx.flags['map-user']);
    if (ctx.flags['inspect']) {
      if (!allRefi(files, format)) usage('--inspect reads REFI-QDA files (.qdpx, .qde, .qdc) only');
      if (mapUsers.length > 0) usage('--inspect imports nothing: leave out --map-user');
      await ctx.project({ readOnly: true });
      await inspectRefi(ctx, files);
      return;
    }
    if (mapUsers.length > 0) {
      if (!allRefi(files, format)) usage('--map-user applies to REFI-QDA files (.qdpx, .qde) only');
      await ctx.project();
      await importRefiWithUsers(ctx, files, mapUsers);
      return;
    }
    await ctx.project();
    const off = ctx.json ? () => undefined : ctx.service.onEvent(progressPrinter(process.stderr.isTTY === true));
    const r = await ctx
      .call('import.files', {
        paths: files,
        ...(ctx.str('case') ? { caseName: ctx.str('case') as string } : {}),
        ...(format ? { format: format as SourceFormat } : {}),
        ...(ctx.flags['split-cases'] ? { splitCases: true } : {}),
        ...(ctx.flags['keep-preamble'] ? { keepPreamble: true } : {}),
        ...(ctx.flags['reflow'] ? { reflow: true } : {}),
        ...(headings?.length ? { headings } : {}),
      })
      .finally(off);
    const report = r.value;
    const lines = report.files.map((f) => {
      const docs = f.documentIds.length > 1 ? ` (${f.documentIds.length} documents)` : '';
      const cases = f.cases?.length ? ` → ${f.cases.length > 3 ? `${f.cases.length} cases` : f.cases.join(', ')}` : '';
      // The offer of Markdown names the flag that takes it (plain text was kept, character for character).
      const offer = f.suggestedFormat === 'md' ? `\n         note: to read it as Markdown: casecoder import ${ctx.positionals[0] ?? '<dir>'} ${JSON.stringify(f.path)} --format md` : '';
      return `${f.status.padEnd(8)} ${f.path}${f.reason ? ` — ${f.reason}` : ''}${docs}${cases}${f.warnings.map((w) => `\n         note: ${w}`).join('')}${offer}`;
    });
    const counts = { imported: 0, skipped: 0, failed: 0 };
    for (const f of report.files) counts[f.status]++;
    lines.push(`${counts.imported} imported, ${counts.skipped} skipped, ${counts.failed} failed`);
    ctx.print(report, lines.join('\n'));
    if (counts.failed > 0 && counts.imported === 0 && counts.skipped === 0) {
      throw new CliExit(EXIT_DOMAIN, `Nothing was imported: ${report.files[0]?.reason ?? 'every file failed'}`);
    }
  },
};
