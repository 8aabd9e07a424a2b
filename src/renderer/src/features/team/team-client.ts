/**
 * The renderer's client for the team server's `/auth/*` routes. The session cookie is HttpOnly:
 * the page never sees it; the browser sends it with these same-origin requests.
 */
import type { TeamAuthAnswer, TeamMe } from '../../../../shared/team-auth.js';

/** An answer with its HTTP status (429 carries `retryAfter` in seconds). */
export type TeamReply<T> = TeamAuthAnswer<T> & { status: number; retryAfter?: number };

/** Calls a `/auth/*` route; network failures and non-JSON answers become an error reply. */
export async function teamCall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<TeamReply<T>> {
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const answer = (await res.json()) as TeamAuthAnswer<T>;
    const retry = res.headers.get('retry-after');
    return { ...answer, status: res.status, ...(retry ? { retryAfter: Number(retry) } : {}) };
  } catch {
    return { ok: false, status: 0, error: { code: 'invalid', message: 'The team server did not answer.' } };
  }
}

/**
 * Whether this page is served by a team server, and who is signed in: the team server answers
 * `/auth/me` with JSON (200 or 401); browser mode and the desktop shell do not have the route.
 */
export async function probeTeam(): Promise<{ team: false } | { team: true; me: TeamMe | null }> {
  // The desktop shell, and browser mode (its token arrives in the URL fragment or sits in this
  // tab's storage), are never team servers: no probe, so no 404 in their consoles.
  if (typeof window === 'undefined' || window.casecoder) return { team: false };
  if (/token=/.test(window.location.hash) || sessionStorage.getItem('casecoder-token')) return { team: false };
  const r = await teamCall<TeamMe>('GET', '/auth/me');
  if (r.ok) return { team: true, me: r.value };
  if (r.status === 401 && r.error.code === 'unauthenticated') return { team: true, me: null };
  return { team: false };
}
