import { err, type Result } from '../../core/model/result.js';
import { isOpName, type ApiEvent, type CallOrigin, type OpName } from '../../shared/api.js';
import type { AppOrigin } from './app-origin.js';
import { isTrustedSender, type FrameLike } from './policy.js';

/** The one IPC channel for API calls (`ipcRenderer.invoke(API_CHANNEL, op, args)`). */
export const API_CHANNEL = 'api';
/** The one IPC channel for server-pushed events (`webContents.send(API_EVENT_CHANNEL, event)`). */
export const API_EVENT_CHANNEL = 'api-event';

/** What the IPC layer needs of the backend service. */
export interface ServiceLike {
  call(op: OpName, args: unknown, origin?: CallOrigin): Promise<Result<unknown>>;
  onEvent(listener: (e: ApiEvent) => void): () => void;
}

/** The part of an `IpcMainInvokeEvent` the handler reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

/** The longest client id or project folder accepted in a call's origin. */
const MAX_ORIGIN_CHARS = 4096;

/** The page's claim of who it is and which project it shows: kept only when well-formed (plain strings). */
export function callOriginOf(raw: unknown): CallOrigin {
  if (raw === null || typeof raw !== 'object') return {};
  const { client, project } = raw as { client?: unknown; project?: unknown };
  const fit = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ORIGIN_CHARS;
  return { ...(fit(client) ? { client } : {}), ...(fit(project) ? { project } : {}) };
}

/**
 * The `ipcMain.handle(API_CHANNEL, …)` listener. Every call passes the sender-frame check and the
 * operation allowlist before it reaches the service; refusals are `Result` errors, never throws,
 * so the renderer sees the same shape as from any other transport. Unknown arguments are passed
 * through for the service to validate (it refuses anything but a plain object); the call's origin
 * (client id and project shown) is reduced to well-formed strings.
 */
export function createApiHandler(service: ServiceLike, origin: AppOrigin): (event: InvokeEventLike, op: unknown, args: unknown, from?: unknown) => Promise<Result<unknown>> {
  return async (event, op, args, from) => {
    if (!isTrustedSender(event.senderFrame, origin)) {
      return err('invalid', 'Refused an API call that did not come from the Casecoder window');
    }
    if (typeof op !== 'string' || !isOpName(op)) {
      return err('usage', `Unknown operation: ${typeof op === 'string' ? op.slice(0, 80) : typeof op}`);
    }
    try {
      return await service.call(op, args === undefined ? {} : args, callOriginOf(from));
    } catch (e) {
      return err('io', `${op} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** Something events can be sent to: a `webContents` that may already be gone. */
export interface EventSinkLike {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/**
 * Forward every service event to every window (a change made in one reaches the others) until the
 * returned function is called; destroyed targets are skipped, never thrown at.
 */
export function forwardEvents(service: ServiceLike, targets: () => EventSinkLike | readonly EventSinkLike[] | null): () => void {
  return service.onEvent((e) => {
    const t = targets();
    for (const sink of t === null ? [] : Array.isArray(t) ? t : [t as EventSinkLike]) {
      if (!sink.isDestroyed()) sink.send(API_EVENT_CHANNEL, e);
    }
  });
}
