import { exportFileName } from '../../../core/export/file-name.js';
import { createCode, deleteCode, mergeCodes, moveCode, updateCode } from '../../../core/codebook/edit.js';
import { codebookToJson, codebookToMarkdown, importCodebook, parseCodebookJson } from '../../../core/codebook/exchange.js';
import { err, ok } from '../../../core/model/result.js';
import { withSession, type DomainHandlers } from '../context.js';
import { codeName } from '../session-reads.js';

/** The codebook operations. */
export const codebookHandlers: DomainHandlers<'codebook'> = {
  'code.create': withSession(async (session, a, ctx) => {
    return session.mutate(`New code “${a.name}”`, (d) => {
      const r = createCode(d, a, ctx.env);
      return r.ok ? ok({ data: r.value.data, value: r.value.code }) : r;
    });
  }),
  'code.update': withSession(async (session, a) => {
    const keys = Object.keys(a.patch ?? {});
    const what = keys.length === 1 && keys[0] === 'name' ? 'Rename' : keys.length === 1 && keys[0] === 'color' ? 'Recolour' : 'Edit';
    return session.mutate(`${what} code “${codeName(session.data, a.id)}”`, (d) => {
      const r = updateCode(d, a.id, a.patch ?? {});
      return r.ok ? ok({ data: r.value.data, value: r.value.code }) : r;
    });
  }),
  'code.move': withSession(async (session, a) => {
    return session.mutate(`Move code “${codeName(session.data, a.id)}”`, (d) => {
      const r = moveCode(d, a.id, a.parentId, a.index);
      return r.ok ? ok({ data: r.value.data, value: r.value.code }) : r;
    });
  }),
  'code.merge': withSession(async (session, a) => {
    const d0 = session.data;
    return session.mutate(`Merge “${codeName(d0, a.sourceId)}” into “${codeName(d0, a.targetId)}”`, (d) => {
      const r = mergeCodes(d, a.sourceId, a.targetId);
      return r.ok ? ok({ data: r.value.data, value: { moved: r.value.moved, collapsed: r.value.collapsed } }) : r;
    });
  }),
  'code.delete': withSession(async (session, a) => {
    return session.mutate(`Delete code “${codeName(session.data, a.id)}”`, (d) => {
      const r = deleteCode(d, a.id);
      return r.ok ? ok({ data: r.value.data, value: { codes: r.value.codes, codings: r.value.codings, ratings: r.value.ratings } }) : r;
    });
  }),
  'codebook.export': withSession(async (session, a) => {
    const d = session.data;
    const name = (ext: string): string => exportFileName({ project: d.project.name, what: 'codebook', unit: `v${d.project.codebookVersion}`, date: new Date().toISOString(), ext });
    if (a.format === 'md') return ok({ text: codebookToMarkdown(d), fileName: name('md') });
    if (a.format === 'json') return ok({ text: `${JSON.stringify(codebookToJson(d), null, 2)}\n`, fileName: name('json') });
    return err('invalid', `Export the codebook as "md" or "json", not "${String(a.format)}"`);
  }),
  'codebook.import': withSession(async (session, a) => {
    if (typeof a.json !== 'string') return err('invalid', 'Pass the codebook file’s text as "json"');
    const parsed = parseCodebookJson(a.json);
    if (!parsed.ok) return parsed;
    return session.mutate('Import codebook', (d) => {
      const r = importCodebook(d, parsed.value);
      return r.ok ? ok({ data: r.value.data, value: { added: r.value.added, updated: r.value.updated, unchanged: r.value.unchanged } }) : r;
    });
  }),
};
