import type { Result } from '../../../core/model/result.js';
import type { ApiEvent, ApiTransport, CallOrigin, OpArgs, OpName, OpResult } from '../../../shared/api.js';

/** The Electron preload's bridge, when the renderer runs in the desktop shell. */
interface Bridge {
  call(op: string, args: unknown, origin?: CallOrigin): Promise<Result<unknown>>;
  onEvent(cb: (e: ApiEvent) => void): () => void;
}

/** The renderer's API client: the contract, pushed events, and who this window is. */
export interface ApiClient extends ApiTransport {
  onEvent(cb: (e: ApiEvent) => void): () => void;
  /** This tab's or window's id, sent with every call (events name the client that caused them). */
  readonly clientId: string;
  /**
   * The project folder this window shows (null: none), sent with every call so the backend refuses
   * edits meant for another project than the open one (another window may have switched it).
   */
  showing(dir: string | null): void;
}

/** A random id for this window (a fresh one per page load). */
function newClientId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

declare global {
  interface Window {
    casecoder?: Bridge;
  }
}

const TOKEN_KEY = 'casecoder-token';

/** Browser mode: the token arrives in the URL fragment once; keep it for this tab and clean the URL. */
function takeToken(): string {
  const m = /token=([\w-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Who is calling: this window's id and the project it shows. */
const origin: { client: string; project: string | null } = { client: newClientId(), project: null };

function httpTransport(): Omit<ApiClient, 'clientId' | 'showing'> {
  const token = takeToken();
  const listeners = new Set<(e: ApiEvent) => void>();
  let streaming = false;
  /** The last event id seen: a reconnect resumes after it (the team server replays what was missed). */
  let lastEventId: string | null = null;
  let attempts = 0;
  const stream = async (): Promise<void> => {
    streaming = true;
    let retryMs = 0;
    try {
      const headers: Record<string, string> = { 'x-casecoder-token': token };
      if (origin.project !== null) headers['x-casecoder-project'] = encodeURIComponent(origin.project);
      if (lastEventId !== null) headers['last-event-id'] = lastEventId;
      attempts++;
      const res = await fetch('/api/events', { headers });
      // On a team server the page loads before its user signs in (401): try again until they have.
      retryMs = res.ok ? 1000 : 2000;
      const reader = res.ok ? res.body?.getReader() : undefined;
      if (!reader) return;
      // Connected again after a refusal or a drop: what happened meanwhile may not be replayed (a
      // stream opened with no Last-Event-ID starts at the head), so the page reloads its view.
      if (attempts > 1 && lastEventId === null) for (const l of listeners) l({ type: 'project', dir: origin.project, author: { client: null, coderId: null } });
      const dec = new TextDecoder();
      let buf = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const chunk = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const id = chunk.split('\n').find((l) => l.startsWith('id: '));
          if (id) lastEventId = id.slice(4);
          const line = chunk.split('\n').find((l) => l.startsWith('data: '));
          if (line) {
            const e = JSON.parse(line.slice(6)) as ApiEvent;
            for (const l of listeners) l(e);
          }
        }
      }
    } catch {
      // The stream ends when the page unloads or the server stops; it is tried again below.
      retryMs = 2000;
    } finally {
      streaming = false;
      if (retryMs > 0 && listeners.size > 0) setTimeout(() => void (streaming || listeners.size === 0 ? undefined : stream()), retryMs);
    }
  };
  return {
    async call<K extends OpName>(op: K, args: OpArgs<K>): Promise<Result<OpResult<K>>> {
      try {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-casecoder-token': token, 'x-casecoder-client': origin.client };
        if (origin.project !== null) headers['x-casecoder-project'] = encodeURIComponent(origin.project);
        // The team server stores the response under this key, so a retried request never applies twice.
        headers['idempotency-key'] = newClientId();
        const res = await fetch(`/api/${op}`, { method: 'POST', headers, body: JSON.stringify(args) });
        if (res.status === 401) return { ok: false, error: { code: 'usage', message: 'This page has no valid access token: open the URL that casecoder web printed' } };
        return (await res.json()) as Result<OpResult<K>>;
      } catch (e) {
        return { ok: false, error: { code: 'io', message: `Casecoder is not reachable: ${(e as Error).message}` } };
      }
    },
    onEvent(cb) {
      listeners.add(cb);
      if (!streaming) void stream();
      return () => listeners.delete(cb);
    },
  };
}

function bridgeTransport(b: Bridge): Omit<ApiClient, 'clientId' | 'showing'> {
  return {
    call: <K extends OpName>(op: K, args: OpArgs<K>) => b.call(op, args, { client: origin.client, ...(origin.project !== null ? { project: origin.project } : {}) }) as Promise<Result<OpResult<K>>>,
    onEvent: (cb) => b.onEvent(cb),
  };
}

/** The one API client of the renderer; it never knows which transport carries it. */
export const api: ApiClient = {
  ...(window.casecoder ? bridgeTransport(window.casecoder) : httpTransport()),
  clientId: origin.client,
  showing(dir) {
    origin.project = dir;
  },
};
