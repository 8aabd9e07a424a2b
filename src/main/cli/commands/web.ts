import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { usage } from '../io.js';
import { startBrowserMode } from '../../web/browser-mode.js';

export const webCommand: Command = {
  name: 'web',
  usage: 'web [dir] [--port N] [--root DIR]… [--no-open] browser mode; prints the URL with its token on this terminal only',
  options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, root: { type: 'string', multiple: true } },
  async run(ctx) {
    const portRaw = ctx.str('port');
    if (portRaw !== undefined && !/^\d{1,5}$/.test(portRaw)) usage('--port must be a number');
    const dir = ctx.positionals[0];
    const rootFlag = ctx.flags['root'];
    const roots = rootFlag === undefined ? undefined : [homedir(), ...(Array.isArray(rootFlag) ? rootFlag : [String(rootFlag)]).map((r) => resolve(r))];
    // The CLI's own service is not used: browser mode owns a long-lived one.
    const web = await startBrowserMode({
      ...(dir ? { dir: resolve(dir) } : {}),
      ...(portRaw ? { port: Number(portRaw) } : {}),
      ...(roots ? { roots } : {}),
      openBrowser: ctx.flags['no-open'] !== true,
      log: (line) => ctx.io.out(line),
    });
    // The token is printed here, on the terminal of the user who started the server, and nowhere else.
    ctx.print({ url: web.url, port: web.port }, `Casecoder is running at ${web.url}\nKeep this address to yourself: it lets whoever holds it use your projects.\nPress Ctrl+C to stop.`);
    await new Promise<void>((done) => {
      const stop = (): void => void web.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
