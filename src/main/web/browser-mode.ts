import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { browserPolicy } from '../service/path-policy.js';
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
  /** Folders the project picker may browse and projects may live in (default: the home folder). */
  roots?: string[];
  /** How long the browser has to read the token's redirect file before it is deleted (ms). */
  redirectLifetimeMs?: number;
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
  const service = createService({ appVersion: APP_VERSION, transport: 'web', paths: browserPolicy(opts.roots) });
  let web: WebServer;
  try {
    if (opts.dir) {
      // The folder the server was started on is the user's choice, wherever it is.
      service.grantFolder(opts.dir);
      const r = await service.call('project.open', { dir: opts.dir });
      if (!r.ok) throw new Error(r.error.message);
    }
    web = await startWebServer(service, { staticDir, ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.token ? { token: opts.token } : {}) });
  } catch (e) {
    // A failed start (port in use, …) releases the project's lock.
    await service.close();
    throw e;
  }
  const removeRedirect = opts.openBrowser ? openInBrowser(web.url, opts.redirectLifetimeMs ?? 60_000) : () => undefined;
  const close = web.close;
  return {
    ...web,
    close: async () => {
      removeRedirect();
      await close();
      await service.close();
    },
  };
}

/**
 * Write the tokenised URL into a small HTML file only the user can read (0600, in a fresh 0700
 * folder) that forwards the browser to it, as notebook servers do: the token then never appears
 * on a command line, where every local user could read it from the process list. Returns the
 * file's path and a function that deletes it.
 */
export function writeRedirectFile(url: string): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'casecoder-open-'));
  const path = join(dir, 'open.html');
  const safe = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<meta http-equiv="refresh" content="0;url=${safe}"><title>Casecoder</title></head>` +
    `<body><p><a href="${safe}">Open Casecoder</a></p></body></html>\n`;
  writeFileSync(path, html, { mode: 0o600, flag: 'wx' });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Best effort: point the desktop's browser at the URL through a private redirect file (the token
 * is never on a command line), deleted once the browser has had time to read it; silently does
 * nothing where there is no desktop browser (the URL is printed anyway).
 */
function openInBrowser(url: string, lifetimeMs: number): () => void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  let redirect: { path: string; remove: () => void } | null = null;
  try {
    redirect = writeRedirectFile(url);
    const child = spawn(cmd, [redirect.path], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    const timer = setTimeout(redirect.remove, lifetimeMs);
    timer.unref();
    process.once('exit', redirect.remove);
    return redirect.remove;
  } catch {
    redirect?.remove();
    return () => undefined;
  }
}
