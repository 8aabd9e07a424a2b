import type { Result } from '../core/model/result.js';
import { isOpName, type ApiEvent, type CallOrigin, type OpArgs, type OpName, type OpResult } from '../shared/api.js';

/** IPC channel for API calls; must equal `API_CHANNEL` in `src/main/electron/ipc.ts` (a test checks). */
export const API_CHANNEL = 'api';
/** IPC channel for pushed events; must equal `API_EVENT_CHANNEL` in `src/main/electron/ipc.ts`. */
export const API_EVENT_CHANNEL = 'api-event';

/** What the page sees as `window.casecoder`: the API contract and nothing else. */
export interface CasecoderBridge {
  /**
   * Run one operation of the contract; rejects (without any IPC) for a name outside it. `origin`
   * says which window asks and which project it shows (the main process checks it).
   */
  call<K extends OpName>(op: K, args: OpArgs<K>, origin?: CallOrigin): Promise<Result<OpResult<K>>>;
  /** Subscribe to server-pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Build the bridge over an `ipcRenderer`. The channel names are fixed here, never taken from the
 * page; the page never receives `ipcRenderer` or an IPC event object, only the event payload.
 */
export function createBridge(ipc: IpcRendererLike): CasecoderBridge {
  const bridge: CasecoderBridge = {
    call(op, args, origin) {
      if (typeof op !== 'string' || !isOpName(op)) {
        return Promise.reject(new TypeError(`Unknown Casecoder operation: ${String(op).slice(0, 80)}`));
      }
      const sent = origin === undefined ? ipc.invoke(API_CHANNEL, op, args) : ipc.invoke(API_CHANNEL, op, args, origin);
      return sent as Promise<Result<OpResult<typeof op>>>;
    },
    onEvent(listener) {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      const forward = (_event: unknown, payload: unknown): void => listener(payload as ApiEvent);
      ipc.on(API_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(API_EVENT_CHANNEL, forward);
      };
    },
  };
  return Object.freeze(bridge);
}
