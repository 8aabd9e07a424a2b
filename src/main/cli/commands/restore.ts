import type { Command } from '../command.js';

/** `restore`: bring back a project whose casecoder.json is missing from the newest usable backup. */
export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore <dir>                                 restore a missing casecoder.json from the newest usable backup',
  options: {},
  async run(ctx) {
    const view = await ctx.call('project.open', { dir: ctx.dir(), restore: true });
    ctx.print({ dir: view.dir, messages: view.messages }, view.messages.length ? view.messages.join('\n') : `${view.dir}: nothing to restore, casecoder.json is fine`);
  },
};
