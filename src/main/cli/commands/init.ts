import type { Command } from '../command.js';

export const initCommand: Command = {
  name: 'init',
  usage: 'init <dir> [--name N]                         new project with the default scorecard codebook',
  options: { name: { type: 'string' } },
  async run(ctx) {
    const view = await ctx.call('project.create', { dir: ctx.dir(), ...(ctx.str('name') ? { name: ctx.str('name') as string } : {}) });
    ctx.print({ dir: view.dir, name: view.data.project.name, codes: view.data.codebook.length }, `Created ${view.data.project.name} in ${view.dir} (${view.data.codebook.length} codes)`);
  },
};
