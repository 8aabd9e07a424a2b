import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/model/result.js';
import { ok } from '../../../src/core/model/result.js';
import type { ApiEvent, OpName, ProjectPatch } from '../../../src/shared/api.js';
import { PACKAGED_ORIGIN } from '../../../src/main/electron/app-origin.js';
import { API_CHANNEL, API_EVENT_CHANNEL, createApiHandler, callOriginOf, forwardEvents, type ServiceLike } from '../../../src/main/electron/ipc.js';
import * as preloadBridge from '../../../src/preload/bridge.js';

/** A service double that records what reached it and can push events. */
function recordingService(answer: (op: OpName, args: unknown) => Result<unknown> = (op) => ok({ op })) {
  const calls: Array<{ op: OpName; args: unknown }> = [];
  const origins: unknown[] = [];
  const listeners = new Set<(e: ApiEvent) => void>();
  const service: ServiceLike = {
    async call(op, args, origin) {
      calls.push({ op, args });
      origins.push(origin);
      return answer(op, args);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { service, calls, origins, emit: (e: ApiEvent) => listeners.forEach((l) => l(e)) };
}

const appFrame = { url: 'app://casecoder/index.html', parent: null };
const patch: ProjectPatch = { revision: 3, base: 2, changes: { upsert: {}, remove: { codings: ['g_1'] } }, canUndo: false, canRedo: true, undoLabel: null, redoLabel: 'Add coding' };

describe('createApiHandler', () => {
  it('forwards an allowed operation from the app window to the service', async () => {
    const { service, calls } = recordingService();
    const handle = createApiHandler(service, PACKAGED_ORIGIN);
    const result = await handle({ senderFrame: appFrame }, 'project.open', { dir: '/tmp/study' });
    expect(result).toEqual({ ok: true, value: { op: 'project.open' } });
    expect(calls).toEqual([{ op: 'project.open', args: { dir: '/tmp/study' } }]);
  });

  it('passes missing arguments as an empty object', async () => {
    const { service, calls } = recordingService();
    await createApiHandler(service, PACKAGED_ORIGIN)({ senderFrame: appFrame }, 'app.info', undefined);
    expect(calls).toEqual([{ op: 'app.info', args: {} }]);
  });

  it.each([
    ['a destroyed frame', null],
    ['a sub-frame of the app', { url: 'app://casecoder/index.html', parent: appFrame }],
    ['a foreign origin', { url: 'https://example.org/', parent: null }],
    ['a look-alike host', { url: 'app://casecoder.evil/index.html', parent: null }],
    ['a file:// page', { url: 'file:///work/main/out/renderer/index.html', parent: null }],
    ['another page of the app', { url: 'app://casecoder/other.html', parent: null }],
  ])('refuses a call from %s without reaching the service', async (_label, frame) => {
    const { service, calls } = recordingService();
    const result = await createApiHandler(service, PACKAGED_ORIGIN)({ senderFrame: frame }, 'project.open', { dir: '/' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid');
    expect(calls).toEqual([]);
  });

  it.each(['project.delete', 'constructor', '__proto__', 'toString', '', 42, null, { op: 'app.info' }])('refuses the unknown operation %j without reaching the service', async (op) => {
    const { service, calls } = recordingService();
    const result = await createApiHandler(service, PACKAGED_ORIGIN)({ senderFrame: appFrame }, op, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('usage');
    expect(calls).toEqual([]);
  });

  it('turns a throwing service into an io error instead of a rejected invoke', async () => {
    const { service } = recordingService(() => {
      throw new Error('disk gone');
    });
    const result = await createApiHandler(service, PACKAGED_ORIGIN)({ senderFrame: appFrame }, 'app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'io', message: 'app.info failed: disk gone' } });
  });
});

describe('forwardEvents', () => {
  it('sends every service event on the event channel while the window lives', () => {
    const { service, emit } = recordingService();
    const sent: Array<[string, unknown]> = [];
    let destroyed = false;
    const sink = { isDestroyed: () => destroyed, send: (channel: string, payload: unknown) => sent.push([channel, payload]) };
    const stop = forwardEvents(service, () => sink);
    const progress: ApiEvent = { type: 'progress', task: 'import', done: 1, total: 2, label: 'a.md' };
    emit(progress);
    destroyed = true;
    emit(progress);
    destroyed = false;
    stop();
    emit(progress);
    expect(sent).toEqual([[API_EVENT_CHANNEL, progress]]);
  });

  it('skips events while there is no window', () => {
    const { service, emit } = recordingService();
    forwardEvents(service, () => null);
    expect(() => emit({ type: 'patch', dir: '/p', patch, author: { client: null, coderId: null } })).not.toThrow();
  });
});

describe('call origins', () => {
  it("passes the window's client id and shown project to the service", async () => {
    const { service, origins } = recordingService();
    await createApiHandler(service, PACKAGED_ORIGIN)({ senderFrame: appFrame }, 'coding.remove', { id: 'g1' }, { client: 'c-1', project: '/tmp/study' });
    expect(origins).toEqual([{ client: 'c-1', project: '/tmp/study' }]);
  });

  it.each([undefined, null, 'c-1', 42, { client: 7 }, { project: '' }, { client: 'x'.repeat(5000) }])('keeps only well-formed strings of %j', (raw) => {
    expect(callOriginOf(raw)).toEqual({});
  });

  it('keeps the well-formed half of a mixed origin', () => {
    expect(callOriginOf({ client: 'c-2', project: ['/a'] })).toEqual({ client: 'c-2' });
  });
});

describe('forwardEvents to several windows', () => {
  it('sends each event to every live window', () => {
    const { service, emit } = recordingService();
    const sent: string[] = [];
    const sink = (name: string, destroyed = false) => ({ isDestroyed: () => destroyed, send: () => sent.push(name) });
    forwardEvents(service, () => [sink('a'), sink('gone', true), sink('b')]);
    emit({ type: 'patch', dir: '/p', patch, author: { client: 'c-1', coderId: null } });
    expect(sent).toEqual(['a', 'b']);
  });
});

describe('channels', () => {
  it('are the same names in main and preload', () => {
    expect(preloadBridge.API_CHANNEL).toBe(API_CHANNEL);
    expect(preloadBridge.API_EVENT_CHANNEL).toBe(API_EVENT_CHANNEL);
  });
});
