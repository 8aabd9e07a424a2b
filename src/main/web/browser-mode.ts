import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { appRoot, rendererDir } from '../app/paths.js';
import { createService } from '../service/service.js';
import { APP_VERSION } from '../app/version.js';
import { startWebServer, type WebServer } from './server.js';

export interface BrowserModeOptions {
  dir?: string;
  port?: number;
  openBrowser?: boolean;
  log?: (line: string) => void;
  /** Fixed token (tests); random otherwise. */
  token?: string;
}

/** Newest modification time of the files below `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Build the renderer with Vite when `out/renderer` is missing (first run on a fresh clone) or older
 * than the sources it is built from (a checkout that moved on), so browser mode never serves a stale UI.
 */
export async function ensureRendererBuilt(log: (line: string) => void = () => undefined): Promise<string> {
  const dir = rendererDir();
  const index = join(dir, 'index.html');
  const root = appRoot();
  const sourcesAt = existsSync(join(root, 'src', 'renderer')) ? Math.max(...['renderer', 'core', 'shared'].map((d) => newestMtime(join(root, 'src', d)))) : 0;
  if (existsSync(index) && statSync(index).mtimeMs >= sourcesAt) return dir;
  log(existsSync(index) ? 'Rebuilding the user interface (its sources changed)…' : 'Building the user interface (first run)…');
  const { build } = await import('vite');
  await build({ configFile: join(appRoot(), 'vite.renderer.config.ts'), logLevel: 'warn' });
  return dir;
}

/**
 * Start browser mode: one long-lived service, the project in `dir` opened when given (the UI
 * offers the demo and the project picker otherwise), the localhost server, and optionally the
 * user's browser pointed at the tokenised URL.
 */
export async function startBrowserMode(opts: BrowserModeOptions): Promise<WebServer> {
  const log = opts.log ?? (() => undefined);
  const staticDir = await ensureRendererBuilt(log);
  const service = createService({ appVersion: APP_VERSION, transport: 'web' });
  if (opts.dir) {
    const r = await service.call('project.open', { dir: opts.dir });
    if (!r.ok) throw new Error(r.error.message);
  }
  const web = await startWebServer(service, { staticDir, ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.token ? { token: opts.token } : {}) });
  if (opts.openBrowser) openInBrowser(web.url);
  const close = web.close;
  return { ...web, close: async () => { await close(); await service.close(); } };
}

/** Best effort: hand the URL to the desktop's browser; silently does nothing where there is none. */
function openInBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No desktop browser: the URL is printed anyway.
  }
}
