import type { Command } from '../command.js';
import { resolveDocument } from '../resolve.js';

export const textCommand: Command = {
  name: 'text',
  usage: 'text <dir> --doc ID|TITLE                     the canonical text that offsets index',
  options: { doc: { type: 'string' } },
  async run(ctx) {
    const { data } = await ctx.project({ readOnly: true });
    const doc = resolveDocument(data, ctx.req('doc'));
    const src = await ctx.call('document.content', { id: doc.id });
    if (ctx.json) ctx.print({ id: doc.id, title: doc.title, text: src.text }, '');
    else process.stdout.write(src.text);
  },
};
