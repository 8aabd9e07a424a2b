import { resolve } from 'node:path';
import { describeMerge } from '../../../core/merge/merge-work.js';
import type { MergeReport } from '../../../core/merge/types.js';
import { findCoder } from '../../../core/model/project.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { CliExit, EXIT_DOMAIN, usage } from '../io.js';

function printReport(ctx: CliContext, r: MergeReport): void {
  const lines = [describeMerge(r), `Report: merges/${r.id}.json${r.backup ? `; backup: ${r.backup}` : ''}`];
  for (const c of r.renamedCodes) lines.push(`  code ${c.id}: "${c.here}" here, "${c.there}" there`);
  for (const d of r.missingDocuments) lines.push(`  not in this project: "${d.title}" (${d.codings} codings kept aside)`);
  for (const k of r.keptAsideReasons.filter((x) => x.reason !== 'document-not-in-project')) lines.push(`  kept aside: ${k.detail}`);
  ctx.print({ id: r.id, source: r.source, added: r.added, matched: r.matched, renamedCodes: r.renamedCodes, keptAside: r.keptAsideReasons, missingDocuments: r.missingDocuments, notes: r.notes, backup: r.backup ?? null }, lines.join('\n'));
}

export const mergeCommand: Command = {
  name: 'merge',
  usage:
    'merge <dir> <other-project-dir|file.qdpx|coder-export.json> [--json]\n' +
    '  merge <dir> --export-coder NAME[,NAME…] -o FILE    write a coder-export file to email\n' +
    '  merge <dir> --reports | --retry ID | --resolve ID   list, retry or close merge reports',
  options: { 'export-coder': { type: 'string' }, output: { type: 'string', short: 'o' }, reports: { type: 'boolean' }, retry: { type: 'string' }, resolve: { type: 'string' } },
  async run(ctx) {
    const { data } = await ctx.project();
    const exportNames = ctx.str('export-coder');
    if (exportNames !== undefined) {
      const out = ctx.req('output');
      const ids = exportNames.split(',').map((n) => {
        const c = findCoder(data, n);
        if (!c) throw new CliExit(EXIT_DOMAIN, `No coder "${n.trim()}"`);
        return c.id;
      });
      const r = await ctx.call('merge.exportCoder', { coderIds: ids, path: resolve(out) });
      const n = data.codings.filter((g) => ids.includes(g.coderId)).length;
      return ctx.print({ path: r.path, fileName: r.fileName, codings: n }, `Wrote ${n} codings of ${exportNames} to ${r.path}`);
    }
    if (ctx.flags['reports'] === true) {
      const list = await ctx.call('merge.reports', {});
      return ctx.print(list, list.map((r) => `${r.id}  ${r.source.name}: +${r.added.codings} codings, ${r.keptAside} kept aside${r.resolved ? '' : ' (open)'}`).join('\n') || 'No merges yet');
    }
    const retry = ctx.str('retry');
    if (retry) return printReport(ctx, (await ctx.call('merge.retry', { id: retry })).value);
    const close = ctx.str('resolve');
    if (close) {
      const r = await ctx.call('merge.resolve', { id: close });
      return ctx.print(r, `Marked ${r.id} resolved`);
    }
    const other = ctx.positionals[1];
    if (!other) usage('Name what to merge: casecoder merge <dir> <other-project-dir|file.qdpx|coder-export.json>');
    if (ctx.positionals.length > 2) usage('merge takes one source at a time');
    const m = await ctx.call('merge.run', { path: resolve(other) });
    printReport(ctx, m.value);
  },
};
