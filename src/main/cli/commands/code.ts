import type { Command } from '../command.js';
import { resolveCode, resolveDocument } from '../resolve.js';

export const codeCommand: Command = {
  name: 'code',
  usage: 'code <dir> --doc D --code PATH --start N --end M --coder NAME [--memo T]',
  options: { doc: { type: 'string' }, code: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, coder: { type: 'string' }, memo: { type: 'string' } },
  async run(ctx) {
    const { data } = await ctx.project();
    const doc = resolveDocument(data, ctx.req('doc'));
    const code = resolveCode(data, ctx.req('code'));
    const start = ctx.int('start');
    const end = ctx.int('end');
    await ctx.call('coder.use', { name: ctx.req('coder') });
    const memo = ctx.str('memo');
    const r = await ctx.call('coding.add', { documentId: doc.id, codeId: code.id, start, end, ...(memo ? { memo } : {}) });
    const c = r.value;
    ctx.print({ id: c.id, document: c.documentId, code: ctx.req('code'), start: c.start, end: c.end, exact: c.exact }, `Coded ${c.start}–${c.end} “${c.exact.length > 60 ? c.exact.slice(0, 57) + '…' : c.exact}”`);
  },
};
