import type { SourceFormat } from '../../../core/model/types.js';
import type { Command } from '../command.js';
import { CliExit, EXIT_DOMAIN, usage } from '../io.js';

const FORMATS = ['md', 'txt', 'html', 'docx', 'pdf', 'qdpx', 'qdc'];

export const importCommand: Command = {
  name: 'import',
  usage: 'import <dir> <file…> [--case NAME] [--format md|txt|html|docx|pdf|qdpx|qdc] [--split-cases] [--reflow]',
  options: { case: { type: 'string' }, format: { type: 'string' }, 'split-cases': { type: 'boolean' }, reflow: { type: 'boolean' } },
  async run(ctx) {
    const files = ctx.positionals.slice(1);
    if (files.length === 0) usage('Name at least one file to import');
    const format = ctx.str('format');
    if (format && !FORMATS.includes(format)) usage(`--format must be one of ${FORMATS.join(', ')}`);
    await ctx.project();
    const total = files.length;
    const off = ctx.json || total < 2 ? () => undefined : ctx.service.onEvent((e) => {
      if (e.type === 'progress') process.stderr.write(`\r[${'#'.repeat(Math.round((e.done / e.total) * 20)).padEnd(20)}] ${e.done}/${e.total} ${e.label.slice(0, 40).padEnd(40)}`);
    });
    const r = await ctx.call('import.files', {
      paths: files,
      ...(ctx.str('case') ? { caseName: ctx.str('case') as string } : {}),
      ...(format ? { format: format as SourceFormat } : {}),
      ...(ctx.flags['split-cases'] ? { splitCases: true } : {}),
      ...(ctx.flags['reflow'] ? { reflow: true } : {}),
    });
    off();
    if (!ctx.json && total >= 2) process.stderr.write('\n');
    const report = r.value;
    const lines = report.files.map((f) => `${f.status.padEnd(8)} ${f.path}${f.reason ? ` — ${f.reason}` : ''}${f.documentIds.length > 1 ? ` (${f.documentIds.length} documents)` : ''}`);
    const counts = { imported: 0, skipped: 0, failed: 0 };
    for (const f of report.files) counts[f.status]++;
    lines.push(`${counts.imported} imported, ${counts.skipped} skipped, ${counts.failed} failed`);
    ctx.print(report, lines.join('\n'));
    if (counts.failed > 0 && counts.imported === 0 && counts.skipped === 0) {
      throw new CliExit(EXIT_DOMAIN, `Nothing was imported: ${report.files[0]?.reason ?? 'every file failed'}`);
    }
  },
};
