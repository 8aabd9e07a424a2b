import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { usage } from '../io.js';
import { startBrowserMode } from '../../web/browser-mode.js';

export const webCommand: Command = {
  name: 'web',
  usage: 'web <dir> [--port N] [--no-open]              browser mode; prints the URL with its token',
  options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } },
  async run(ctx) {
    const portRaw = ctx.str('port');
    if (portRaw !== undefined && !/^\d{1,5}$/.test(portRaw)) usage('--port must be a number');
    const dir = ctx.positionals[0];
    // The CLI's own service is not used: browser mode owns a long-lived one.
    const web = await startBrowserMode({
      ...(dir ? { dir: resolve(dir) } : {}),
      ...(portRaw ? { port: Number(portRaw) } : {}),
      openBrowser: ctx.flags['no-open'] !== true,
      log: (line) => ctx.io.out(line),
    });
    ctx.print({ url: web.url, port: web.port }, `Casecoder is running at ${web.url}\nPress Ctrl+C to stop.`);
    await new Promise<void>((done) => {
      const stop = (): void => void web.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
