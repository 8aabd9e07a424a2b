import { contentSecurityPolicy } from '../electron/policy.js';
import { timingSafeEqual } from 'node:crypto';

/**
 * Request checks of browser mode, as pure functions.
 * - Host: only the loopback address and port we bound (DNS-rebinding defence): else 403.
 * - Token: every /api/ request carries the per-start token in `x-casecoder-token`: else 401,
 *   whether or not the operation exists.
 */

/** True when the Host header names exactly our loopback listener. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}` || h === `[::1]:${port}`;
}

/**
 * True when a request's Origin header is absent (not a browser, or a same-origin GET) or names
 * exactly our loopback origin. Any other page (another site, `null` from a file or sandbox) is refused.
 */
export function originAllowed(origin: string | string[] | undefined, port: number): boolean {
  if (origin === undefined) return true;
  if (typeof origin !== 'string') return false;
  const o = origin.trim().toLowerCase();
  return o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}` || o === `http://[::1]:${port}`;
}

/** Constant-time token comparison; false for a missing or differently sized token. */
export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Content-Security-Policy for the renderer served in browser mode: the same strict policy as the
 * desktop shell (no inline scripts or styles, no remote origins).
 */
export const WEB_CSP = contentSecurityPolicy();

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** MIME type for a static file extension (`.js` → text/javascript). */
export function mimeFor(ext: string): string {
  return MIME[ext.toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Map a request path to a relative file path inside the static root, or null when it tries to leave
 * it (`..`, encoded separators, NUL). `/` serves index.html.
 */
export function staticPath(urlPath: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (p.includes('\0') || p.includes('\\')) return null;
  if (p === '/' || p === '') return 'index.html';
  const parts = p.split('/').filter((x) => x.length > 0);
  if (parts.some((x) => x === '..' || x === '.')) return null;
  return parts.join('/');
}
