import { ATTRIBUTE_TYPES } from '../../../core/model/project-schema.js';
import type { AttributeType, AttributeValue, Case } from '../../../core/model/types.js';
import { applyChangeSet } from '../../../core/ops/change-set.js';
import { findCase } from '../../../core/cases/cases.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { CliExit, EXIT_DOMAIN, usage } from '../io.js';
import { resolveDocument } from '../resolve.js';

const SUBCOMMANDS = 'add, list, set, define, rename, merge, delete, assign or attributes';

function show(v: AttributeValue): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** The case a command names, or exit 1 naming the known cases. */
async function needCase(ctx: CliContext, ref: string): Promise<Case> {
  const { data } = await ctx.project();
  const c = findCase(data, ref);
  if (!c) throw new CliExit(EXIT_DOMAIN, `No case named "${ref}"${data.cases.length ? ` (cases: ${data.cases.map((k) => k.name).join(', ')})` : '; add it first with: casecoder case <dir> add NAME'}`);
  return c;
}

/** `KEY=VALUE` pairs; the value may be empty (clears the attribute). */
function pairs(args: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of args) {
    const i = p.indexOf('=');
    if (i <= 0) usage(`"${p}" is not KEY=VALUE`);
    values[p.slice(0, i).trim()] = p.slice(i + 1);
  }
  return values;
}

async function list(ctx: CliContext): Promise<void> {
  const { data } = await ctx.project();
  const cases = data.cases.map((c) => ({ id: c.id, name: c.name, attributes: c.attributes, documents: data.documents.filter((d) => d.caseId === c.id).length }));
  const defs = data.attributeDefs;
  const lines = cases.map((c) => {
    const attrs = defs.filter((d) => Object.hasOwn(c.attributes, d.name)).map((d) => `${d.name}=${show(c.attributes[d.name] ?? null)}`);
    return `${c.name}  (${c.documents} document${c.documents === 1 ? '' : 's'})${attrs.length ? '  ' + attrs.join('  ') : ''}`;
  });
  if (defs.length) lines.push(`attributes: ${defs.map((d) => `${d.name} (${d.type})`).join(', ')}`);
  ctx.print(ctx.json ? { cases, attributes: defs } : cases, lines.join('\n') || 'No cases yet');
}

export const caseCommand: Command = {
  name: 'case',
  usage: 'case <dir> add NAME… | list | set NAME KEY=VALUE… | define KEY TYPE | rename NAME NEW | merge FROM INTO | delete NAME | assign NAME DOC… | attributes FILE.csv|xlsx',
  options: {},
  async run(ctx) {
    const [, sub, ...rest] = ctx.positionals;
    await ctx.project();
    switch (sub) {
      case undefined:
      case 'list':
        return list(ctx);
      case 'add': {
        if (rest.length === 0) usage('Name at least one case: casecoder case <dir> add Argentina Chad …');
        const r = await ctx.call('case.create', { names: rest });
        ctx.print(r.value, r.value.map((c) => `case ${c.name} (${c.id})`).join('\n'));
        return;
      }
      case 'set': {
        const [name, ...kv] = rest;
        if (!name || kv.length === 0) usage('casecoder case <dir> set NAME KEY=VALUE…');
        const values = pairs(kv);
        const r = await ctx.call('case.setAttributes', { caseName: (await needCase(ctx, name)).id, values });
        const defs = applyChangeSet((await ctx.project()).data, r.patch.changes).attributeDefs;
        const typeOf = (k: string): string => defs.find((d) => d.name.toLowerCase() === k.toLowerCase())?.type ?? '';
        ctx.print(
          r.value,
          Object.keys(values)
            .map((k) => {
              const def = Object.keys(r.value.attributes).find((a) => a.toLowerCase() === k.toLowerCase()) ?? k;
              return `${r.value.name}: ${def} = ${show(r.value.attributes[def] ?? null)}${typeOf(def) ? ` (${typeOf(def)})` : ''}`;
            })
            .join('\n'),
        );
        return;
      }
      case 'define': {
        const [key, type] = rest;
        if (!key || !type || rest.length > 2) usage('casecoder case <dir> define KEY text|number|date|boolean');
        if (!ATTRIBUTE_TYPES.includes(type as AttributeType)) usage(`TYPE must be one of ${ATTRIBUTE_TYPES.join(', ')}, got "${type}"`);
        const r = await ctx.call('case.defineAttribute', { name: key, type: type as AttributeType });
        ctx.print(r.value, `attribute ${r.value.name} (${r.value.type})`);
        return;
      }
      case 'rename': {
        const [name, next] = rest;
        if (!name || !next || rest.length > 2) usage('casecoder case <dir> rename NAME NEW-NAME');
        const r = await ctx.call('case.rename', { caseId: (await needCase(ctx, name)).id, name: next });
        ctx.print(r.value, `case ${name} is now ${r.value.name}`);
        return;
      }
      case 'merge': {
        const [from, into] = rest;
        if (!from || !into || rest.length > 2) usage('casecoder case <dir> merge FROM INTO');
        const r = await ctx.call('case.merge', { sourceId: (await needCase(ctx, from)).id, targetId: (await needCase(ctx, into)).id });
        const rep = r.value;
        const lines = [`merged ${from} into ${into}: ${rep.movedDocuments} document(s) moved`];
        for (const c of rep.conflicts) lines.push(`conflict: ${c.attribute} kept ${show(c.kept)}, dropped ${show(c.dropped)}`);
        if (rep.droppedRatings.length) lines.push(`${rep.droppedRatings.length} rating(s) of ${from} dropped (${into} already rated those cells)`);
        ctx.print(rep, lines.join('\n'));
        return;
      }
      case 'delete': {
        const [name] = rest;
        if (!name || rest.length > 1) usage('casecoder case <dir> delete NAME');
        const r = await ctx.call('case.delete', { caseId: (await needCase(ctx, name)).id });
        ctx.print(r.value, r.value.message);
        return;
      }
      case 'assign': {
        const [name, ...docs] = rest;
        if (!name || docs.length === 0) usage('casecoder case <dir> assign NAME DOC…  (NAME "-" detaches)');
        const { data } = await ctx.project();
        const caseId = name === '-' ? null : (await needCase(ctx, name)).id;
        const r = await ctx.call('case.assignDocuments', { documentIds: docs.map((d) => resolveDocument(data, d).id), caseId });
        ctx.print({ changed: r.value }, `${r.value} document(s) ${caseId ? `assigned to ${name}` : 'detached'}`);
        return;
      }
      case 'attributes': {
        const [file] = rest;
        if (!file || rest.length > 1) usage('casecoder case <dir> attributes FILE.csv|FILE.xlsx');
        const r = await ctx.call('case.importAttributes', { path: file });
        const rep = r.value;
        const lines = [`${rep.updatedCases} case(s) updated`];
        for (const a of rep.newAttributes) lines.push(`new attribute ${a.name} (${a.type})`);
        for (const u of rep.unmatched) lines.push(`unmatched row ${u.row}: "${u.caseName}" is not a case`);
        for (const i of rep.invalid) lines.push(`row ${i.row}, ${i.column}: ${i.message}`);
        ctx.print(rep, lines.join('\n'));
        return;
      }
      default:
        usage(`Unknown case subcommand "${sub}": use ${SUBCOMMANDS}`);
    }
  },
};
