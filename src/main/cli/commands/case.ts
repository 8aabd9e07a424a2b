import type { Command } from '../command.js';
import { usage } from '../io.js';

export const caseCommand: Command = {
  name: 'case',
  usage: 'case <dir> add NAME… | list | set NAME KEY=VALUE…   cases and their attributes',
  options: {},
  async run(ctx) {
    const [, sub, ...rest] = ctx.positionals;
    await ctx.project();
    if (sub === 'add') {
      if (rest.length === 0) usage('Name at least one case: casecoder case <dir> add Argentina Chad …');
      const r = await ctx.call('case.create', { names: rest });
      ctx.print(r.value, r.value.map((c) => `case ${c.name} (${c.id})`).join('\n'));
      return;
    }
    if (sub === 'list' || sub === undefined) {
      const { data } = await ctx.project();
      const cases = data.cases.map((c) => ({ id: c.id, name: c.name, attributes: c.attributes, documents: data.documents.filter((d) => d.caseId === c.id).length }));
      ctx.print(cases, cases.map((c) => `${c.name}  (${c.documents} documents)${Object.keys(c.attributes).length ? '  ' + JSON.stringify(c.attributes) : ''}`).join('\n') || 'No cases yet');
      return;
    }
    if (sub === 'set') {
      const [name, ...pairs] = rest;
      if (!name || pairs.length === 0) usage('casecoder case <dir> set NAME KEY=VALUE…');
      const values: Record<string, string> = {};
      for (const p of pairs) {
        const i = p.indexOf('=');
        if (i <= 0) usage(`"${p}" is not KEY=VALUE`);
        values[p.slice(0, i)] = p.slice(i + 1);
      }
      const r = await ctx.call('case.setAttributes', { caseName: name, values });
      ctx.print(r.value, `${r.value.name}: ${JSON.stringify(r.value.attributes)}`);
      return;
    }
    usage(`Unknown case subcommand "${sub}": use add, list or set`);
  },
};
