/**
 * The session cookie. Behind TLS it is `__Host-casecoder-session` (the prefix makes browsers
 * insist on Secure, Path=/ and no Domain); on plain HTTP (loopback, tests) `casecoder-session`
 * without Secure, which browsers would drop. Always HttpOnly and SameSite=Strict; no Max-Age, so
 * it ends with the browser, while the server enforces idle and absolute expiry itself.
 */
import type { IncomingMessage } from 'node:http';

/** The cookie's name for a server that is (or is not) reached over TLS. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-casecoder-session' : 'casecoder-session';
}

/** `Set-Cookie` value carrying a session id. */
export function sessionCookie(id: string, secure: boolean): string {
  return `${sessionCookieName(secure)}=${id}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** `Set-Cookie` value that deletes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${sessionCookieName(secure)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The session id from a request's Cookie header, or null (ids are 43 base64url characters). */
export function sessionIdFrom(req: Pick<IncomingMessage, 'headers'>, secure: boolean): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const name = sessionCookieName(secure);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const v = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(v) ? v : null;
    }
  }
  return null;
}
