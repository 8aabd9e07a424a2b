/**
 * CSRF defence for cookie-authenticated requests (OWASP CSRF cheat sheet: Fetch Metadata with an
 * Origin fallback, plus a non-simple content type). Every state-changing request, login included:
 * - `Sec-Fetch-Site` present: only `same-origin` or `none` (typed URL, bookmark) pass;
 * - `Origin` present: it must be one of the allowed origins (the public origin behind a reverse
 *   proxy must be configured: the server cannot guess it);
 * - a body must be declared `application/json` (a cross-site form cannot send that without a CORS
 *   preflight, which the server never grants).
 * A request with neither header comes from a non-browser client (CLI push/pull), which holds no
 * ambient cookie a third-party page could ride on.
 */
import type { IncomingMessage } from 'node:http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Normalises an origin (`scheme://host[:port]`, lower-case, default ports dropped), or null. */
export function normaliseOrigin(origin: string): string | null {
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin.toLowerCase();
  } catch {
    return null;
  }
}

/** Why a request fails the CSRF checks, or null when it passes. */
export function csrfProblem(req: Pick<IncomingMessage, 'method' | 'headers'>, allowedOrigins: readonly string[]): string | null {
  const method = (req.method ?? 'GET').toUpperCase();
  if (SAFE_METHODS.has(method)) return null;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `cross-site request refused (Sec-Fetch-Site: ${String(site)})`;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const o = typeof origin === 'string' ? normaliseOrigin(origin) : null;
    if (o === null || !allowedOrigins.includes(o)) return `request from origin ${String(origin)} refused (allowed: ${allowedOrigins.join(', ')})`;
  }
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  if ((hasBody || req.headers['transfer-encoding'] !== undefined) && type !== 'application/json') return 'a request body must be application/json';
  return null;
}
