import type { Result } from '../../../core/model/result.js';
import type { ApiEvent, ApiTransport, OpArgs, OpName, OpResult } from '../../../shared/api.js';

/** The Electron preload's bridge, when the renderer runs in the desktop shell. */
interface Bridge {
  call(op: string, args: unknown): Promise<Result<unknown>>;
  onEvent(cb: (e: ApiEvent) => void): () => void;
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

function httpTransport(): ApiTransport & { onEvent(cb: (e: ApiEvent) => void): () => void } {
  const token = takeToken();
  const listeners = new Set<(e: ApiEvent) => void>();
  let streaming = false;
  const stream = async (): Promise<void> => {
    streaming = true;
    try {
      const res = await fetch('/api/events', { headers: { 'x-casecoder-token': token } });
      const reader = res.body?.getReader();
      if (!reader) return;
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
          const line = chunk.split('\n').find((l) => l.startsWith('data: '));
          if (line) {
            const e = JSON.parse(line.slice(6)) as ApiEvent;
            for (const l of listeners) l(e);
          }
        }
      }
    } catch {
      // The stream ends when the page unloads or the server stops; events are a convenience.
    } finally {
      streaming = false;
    }
  };
  return {
    async call<K extends OpName>(op: K, args: OpArgs<K>): Promise<Result<OpResult<K>>> {
      try {
        const res = await fetch(`/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-casecoder-token': token }, body: JSON.stringify(args) });
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

function bridgeTransport(b: Bridge): ApiTransport & { onEvent(cb: (e: ApiEvent) => void): () => void } {
  return {
    call: <K extends OpName>(op: K, args: OpArgs<K>) => b.call(op, args) as Promise<Result<OpResult<K>>>,
    onEvent: (cb) => b.onEvent(cb),
  };
}

/** The one API client of the renderer; it never knows which transport carries it. */
export const api = window.casecoder ? bridgeTransport(window.casecoder) : httpTransport();
