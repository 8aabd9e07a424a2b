import { err, type Result } from '../../core/model/result.js';
import { isOpName, type ApiEvent, type OpName } from '../../shared/api.js';
import type { AppOrigin } from './app-origin.js';
import { isTrustedSender, type FrameLike } from './policy.js';

/** The one IPC channel for API calls (`ipcRenderer.invoke(API_CHANNEL, op, args)`). */
export const API_CHANNEL = 'api';
/** The one IPC channel for server-pushed events (`webContents.send(API_EVENT_CHANNEL, event)`). */
export const API_EVENT_CHANNEL = 'api-event';

/** What the IPC layer needs of the backend service. */
export interface ServiceLike {
  call(op: OpName, args: unknown): Promise<Result<unknown>>;
  onEvent(listener: (e: ApiEvent) => void): () => void;
}

/** The part of an `IpcMainInvokeEvent` the handler reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

/**
 * The `ipcMain.handle(API_CHANNEL, …)` listener. Every call passes the sender-frame check and the
 * operation allowlist before it reaches the service; refusals are `Result` errors, never throws,
 * so the renderer sees the same shape as from any other transport. Unknown arguments are passed
 * through for the service to validate (it refuses anything but a plain object).
 */
export function createApiHandler(
  service: ServiceLike,
  origin: AppOrigin,
): (event: InvokeEventLike, op: unknown, args: unknown) => Promise<Result<unknown>> {
  return async (event, op, args) => {
    if (!isTrustedSender(event.senderFrame, origin)) {
      return err('invalid', 'Refused an API call that did not come from the Casecoder window');
    }
    if (typeof op !== 'string' || !isOpName(op)) {
      return err('usage', `Unknown operation: ${typeof op === 'string' ? op.slice(0, 80) : typeof op}`);
    }
    try {
      return await service.call(op, args === undefined ? {} : args);
    } catch (e) {
      return err('io', `${op} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/**
 * The `patch` event for the result of a mutating operation (`{ value, patch }`), or null when
 * the value has no patch. Used when the shell itself runs an operation (menu Undo/Redo) so the
 * renderer's mirror learns of the change it did not ask for.
 */
export function patchEventOf(value: unknown): ApiEvent | null {
  if (value === null || typeof value !== 'object' || !('patch' in value)) return null;
  const patch = (value as { patch: unknown }).patch;
  if (patch === null || typeof patch !== 'object') return null;
  const revision = (patch as { revision?: unknown }).revision;
  if (typeof revision !== 'number') return null;
  return { type: 'patch', patch: patch as Extract<ApiEvent, { type: 'patch' }>['patch'] };
}

/** Something events can be sent to: a `webContents` that may already be gone. */
export interface EventSinkLike {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/**
 * Forward every service event to the window until the returned function is called or the
 * window is gone (a destroyed target is skipped, never thrown at).
 */
export function forwardEvents(service: ServiceLike, target: () => EventSinkLike | null): () => void {
  return service.onEvent((e) => {
    const sink = target();
    if (sink && !sink.isDestroyed()) sink.send(API_EVENT_CHANNEL, e);
  });
}
