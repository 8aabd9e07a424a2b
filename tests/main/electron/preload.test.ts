import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { API_OPERATIONS, type ApiEvent } from '../../../src/shared/api.js';
import { createBridge, type IpcRendererLike } from '../../../src/preload/bridge.js';

/** An ipcRenderer double over a real EventEmitter that records invocations. */
class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  invocations: unknown[][] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return Promise.resolve({ ok: true, value: { echoed: args[0] } });
  }
}

// The preload entry imports `electron`, whose real module throws without its binary: replace it.
const electronDouble = vi.hoisted(() => ({ exposed: new Map<string, unknown>(), ipc: { current: null as unknown } }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipc = Object.assign(new Emitter(), { invoke: (...args: unknown[]) => Promise.resolve(args) });
  electronDouble.ipc.current = ipc;
  return {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electronDouble.exposed.set(key, value) },
    ipcRenderer: ipc,
  };
});

describe('createBridge', () => {
  it('invokes the api channel with the operation and its arguments', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const result = await bridge.call('project.open', { dir: '/tmp/study' });
    expect(result).toEqual({ ok: true, value: { echoed: 'project.open' } });
    expect(ipc.invocations).toEqual([['api', 'project.open', { dir: '/tmp/study' }]]);
  });

  it("passes the window's origin (client id, project shown) along when given", async () => {
    const ipc = new FakeIpcRenderer();
    await createBridge(ipc).call('coding.remove', { id: 'g1' }, { client: 'c-1', project: '/tmp/study' });
    expect(ipc.invocations).toEqual([['api', 'coding.remove', { id: 'g1' }, { client: 'c-1', project: '/tmp/study' }]]);
  });

  it('accepts every operation of the contract', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    for (const op of API_OPERATIONS) await bridge.call(op, {} as never);
    expect(ipc.invocations.map((c) => c[1])).toEqual([...API_OPERATIONS]);
  });

  it.each(['project.delete', 'constructor', '__proto__', 'toString', 'api', 'api-event', '', 7, null, undefined])('rejects %j without any IPC', async (op) => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    await expect(bridge.call(op as never, {} as never)).rejects.toThrow(TypeError);
    expect(ipc.invocations).toEqual([]);
  });

  it('gives listeners the event payload only, never the IPC event, until unsubscribed', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const received: unknown[][] = [];
    const stop = bridge.onEvent((...args: unknown[]) => received.push(args));
    const event: ApiEvent = { type: 'progress', task: 'import', done: 1, total: 3, label: 'case.md' };
    const ipcEvent = { sender: ipc, ports: [] };
    ipc.emit('api-event', ipcEvent, event);
    stop();
    ipc.emit('api-event', ipcEvent, event);
    expect(received).toEqual([[event]]);
    expect(ipc.listenerCount('api-event')).toBe(0);
  });

  it('refuses a non-function listener', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    expect(() => bridge.onEvent('alert(1)' as never)).toThrow(TypeError);
  });

  it('is frozen and has exactly call and onEvent', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});

describe('preload entry', () => {
  it('exposes exactly window.casecoder = { call, onEvent } and nothing of ipcRenderer', async () => {
    await import('../../../src/preload/index.js');
    expect([...electronDouble.exposed.keys()]).toEqual(['casecoder']);
    const api = electronDouble.exposed.get('casecoder') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'onEvent']);
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electronDouble.ipc.current);
    }
    const call = api['call'] as (op: string, args: unknown) => Promise<unknown>;
    await expect(call('app.info', {})).resolves.toEqual(['api', 'app.info', {}]);
    await expect(call('shell.openExternal', {})).rejects.toThrow(TypeError);
  });
});
