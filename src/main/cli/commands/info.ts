import { codePaths } from '../../../core/codebook/paths.js';
import type { MemoTarget, ProjectData } from '../../../core/model/types.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';

function memoTargetName(data: ProjectData, t: Exclude<MemoTarget, { kind: 'project' }>, paths: Map<string, string>): string | null {
  if (t.kind === 'code') return paths.get(t.id) ?? null;
  if (t.kind === 'case') return data.cases.find((c) => c.id === t.id)?.name ?? null;
  return data.documents.find((d) => d.id === t.id)?.title ?? null;
}

/** The `info --json` shape of the CLI contract (see docs/ARCHITECTURE.md), plus `memos`. */
export async function projectInfo(ctx: CliContext, data: ProjectData): Promise<unknown> {
  const paths = codePaths(data.codebook);
  const caseName = new Map(data.cases.map((c) => [c.id, c.name]));
  const coderName = new Map(data.coders.map((c) => [c.id, c.name]));
  const documents = [];
  for (const d of data.documents) {
    const src = await ctx.call('document.content', { id: d.id });
    const { readerSchema } = await import('../../../core/document/schema.js');
    const { buildTextIndex } = await import('../../../core/document/text-index.js');
    const headings = buildTextIndex(readerSchema.nodeFromJSON(src.doc)).headings.map((h) => h.text);
    documents.push({ id: d.id, title: d.title, case: d.caseId ? (caseName.get(d.caseId) ?? null) : null, chars: d.chars, headings });
  }
  return {
    project: { name: data.project.name },
    counts: { documents: data.documents.length, cases: data.cases.length, codes: data.codebook.length, coders: data.coders.length, codings: data.codings.length },
    documents,
    cases: data.cases.map((c) => ({ id: c.id, name: c.name, attributes: c.attributes })),
    codes: data.codebook.map((c) => ({ id: c.id, path: paths.get(c.id) ?? c.name, color: c.color })),
    coders: data.coders.map((c) => ({ id: c.id, name: c.name, ...(c.consensus ? { consensus: true } : {}), ...(c.auto ? { auto: true } : {}) })),
    codings: data.codings.map((g) => ({ id: g.id, document: g.documentId, code: paths.get(g.codeId) ?? g.codeId, coder: coderName.get(g.coderId) ?? g.coderId, start: g.start, end: g.end, exact: g.exact })),
    // memos: what they are attached to (kind, id and a readable name), who wrote them, the text
    memos: data.memos.map((m) => ({
      id: m.id,
      target: m.target.kind === 'project' ? { kind: 'project' } : { kind: m.target.kind, id: m.target.id, name: memoTargetName(data, m.target, paths) },
      coder: m.coderId ? (coderName.get(m.coderId) ?? m.coderId) : null,
      text: m.text,
      updated: m.updated,
    })),
  };
}

export const infoCommand: Command = {
  name: 'info',
  usage: 'info <dir> [--json]                           the project as data',
  options: {},
  async run(ctx) {
    const { data, messages } = await ctx.project({ readOnly: true });
    const info = (await projectInfo(ctx, data)) as { counts: Record<string, number> };
    // Say so when what is shown is not casecoder.json itself (a damaged file shows its newest usable backup).
    const recovered = messages.some((m) => /showing backup|Restored the newest usable backup/.test(m));
    const human = [
      ...messages.map((m) => `Note: ${m}`),
      `${data.project.name}`,
      ...Object.entries(info.counts).map(([k, v]) => `  ${k}: ${v}`),
      `  memos: ${data.memos.length}`,
      ...data.documents.map((d) => `  document ${d.id}  ${d.title}  (${d.chars} chars)`),
    ].join('\n');
    ctx.print({ ...info, ...(messages.length ? { messages } : {}), ...(recovered ? { recoveredFromBackup: true } : {}) }, human);
  },
};
