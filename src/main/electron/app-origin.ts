import path from 'node:path';

/**
 * Where the renderer lives, and how a URL is recognised as belonging to it.
 *
 * In a built app the renderer is served from the privileged custom scheme `app://casecoder/`
 * (never `file://`, which would give the page unilateral read access to the disk). During
 * `electron-vite dev` it comes from the Vite dev server on loopback. Both are described by an
 * {@link AppOrigin}: one protocol and one host (with port), compared exactly, never by prefix, so
 * `app://casecoder.evil/` or `http://localhost:5173.evil.com/` do not pass.
 *
 * Nothing here imports `electron`: every function is plain and unit-tested.
 */

/** The custom scheme the built renderer is served from. */
export const APP_SCHEME = 'app';
/** The one host of {@link APP_SCHEME}. */
export const APP_HOST = 'casecoder';
/** The renderer's document inside the app origin. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** An origin the renderer may be loaded from: exact protocol (with colon) and host (with port). */
export interface AppOrigin {
  protocol: string;
  host: string;
}

/** The origin of the packaged renderer. */
export const PACKAGED_ORIGIN: AppOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };

/**
 * The origin to trust, given the dev server URL electron-vite passes in `ELECTRON_RENDERER_URL`
 * (absent in a built app). A dev URL is accepted only on loopback over http, so a stray
 * environment variable cannot point the app at a remote site; anything else falls back to the
 * packaged origin.
 */
export function appOriginFor(devServerUrl: string | undefined): AppOrigin {
  const dev = devServerUrl ? parseUrl(devServerUrl) : null;
  if (dev && dev.protocol === 'http:' && isLoopbackHost(dev.hostname) && !dev.username && !dev.password) {
    return { protocol: dev.protocol, host: dev.host };
  }
  return PACKAGED_ORIGIN;
}

/** True for the loopback names a dev server binds to. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** `new URL` that answers null instead of throwing. */
export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string') return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True when `raw` is a URL of exactly this origin (same protocol and host, no credentials). */
export function isAppUrl(raw: unknown, origin: AppOrigin): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  return url.protocol === origin.protocol && url.host === origin.host && url.username === '' && url.password === '';
}

/** True when `raw` is the renderer's own document (`/` or `/index.html`) on the app origin. */
export function isRendererDocumentUrl(raw: unknown, origin: AppOrigin): boolean {
  if (!isAppUrl(raw, origin)) return false;
  const pathname = (parseUrl(raw) as URL).pathname;
  return pathname === '/' || pathname === '/index.html';
}

/**
 * Map a request on the app scheme to a file inside `rootDir` (the built renderer), or null when
 * the request is foreign or tries to climb out (a `..` segment left after URL parsing, i.e. one
 * smuggled in with an encoded `%2f`; backslashes or encoded `%5c`; NUL). Whatever remains is
 * resolved under `rootDir` and checked to stay inside it. `/` maps to `index.html`.
 */
export function resolveAppRequest(raw: string, rootDir: string): string | null {
  if (!isAppUrl(raw, PACKAGED_ORIGIN)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent((parseUrl(raw) as URL).pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // The URL parser folds literal and %2e dot segments; a ".." that survives it was smuggled in
  // through an encoded separator, which no asset of ours ever has.
  if (decoded.split('/').includes('..')) return null;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative === '' || relative === '.') return path.join(rootDir, 'index.html');
  const root = path.resolve(rootDir);
  const full = path.resolve(root, relative);
  return full.startsWith(root + path.sep) ? full : null;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file of the built renderer (octet-stream when unknown, so nothing is sniffed). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Response headers for a file served on the app scheme: its type, the CSP, and no sniffing. */
export function appResponseHeaders(filePath: string, csp: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(filePath),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
