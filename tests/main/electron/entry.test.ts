import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProjectPatch } from '../../../src/shared/api.js';

/**
 * The real Electron entry (`src/main/electron/index.ts`) wired to the real backend service, with
 * only the `electron` module replaced by a recording double (its binary is not available here).
 * This checks the wiring the pure-policy tests cannot: that each decision is actually attached to
 * the right event, that IPC reaches the service only through the guard, and that the menu acts.
 */
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const appListeners = new Map<string, Listener[]>();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const state = {
    appListeners,
    markReady,
    ready,
    quitCalls: 0,
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    menu: null as unknown,
    windows: [] as Array<{ options: Record<string, unknown>; loaded: string[]; contents: EventEmitter & Record<string, unknown> }>,
    opened: [] as string[],
    messages: [] as unknown[],
    dialogAnswer: { canceled: true, filePaths: [] as string[] },
  };
  return state;
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const emitApp = (event: string, ...args: unknown[]) => (fake.appListeners.get(event) ?? []).forEach((l) => l(...args));
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    on: (event: string, listener: (...args: unknown[]) => unknown) => {
      fake.appListeners.set(event, [...(fake.appListeners.get(event) ?? []), listener]);
      return app;
    },
    whenReady: () => fake.ready,
    getVersion: () => '9.9.9-test',
    quit: () => void fake.quitCalls++,
  };
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    webContents: EventEmitter & Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const contents = Object.assign(new Emitter(), {
        sent: [] as unknown[][],
        reloads: 0,
        windowOpenHandler: null as null | ((d: { url: string }) => unknown),
        setWindowOpenHandler(handler: (d: { url: string }) => unknown) {
          this.windowOpenHandler = handler;
        },
        send(...args: unknown[]) {
          this.sent.push(args);
        },
        reload() {
          this.reloads++;
        },
        isDestroyed: () => false,
      });
      this.webContents = contents as unknown as EventEmitter & Record<string, unknown>;
      const record = { options, loaded: [] as string[], contents: this.webContents };
      fake.windows.push(record);
      BrowserWindow.all.push(this);
      emitApp('web-contents-created', {}, contents);
    }
    loadURL(url: string) {
      fake.windows.at(-1)?.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
  }
  return {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.schemes.push(...schemes),
      handle: (scheme: string, handler: (r: Request) => Promise<Response>) => fake.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...a: unknown[]) => unknown) => (fake.permissionRequest = h),
        setPermissionCheckHandler: (h: (...a: unknown[]) => unknown) => (fake.permissionCheck = h),
        setDevicePermissionHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
    },
    ipcMain: { handle: (channel: string, listener: (...a: unknown[]) => unknown) => fake.ipcHandlers.set(channel, listener) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => (fake.menu = menu) },
    dialog: {
      showOpenDialog: async () => fake.dialogAnswer,
      showMessageBox: async (_win: unknown, options: unknown) => (fake.messages.push(options), { response: 0 }),
    },
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
  };
});

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));
const appFrame = { url: 'app://casecoder/index.html', parent: null };
let savedHome: string | undefined;

/** Poll until an asynchronous menu action has had its effect (no timing is asserted). */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 20 });

beforeAll(async () => {
  savedHome = process.env['CASECODER_HOME'];
  process.env['CASECODER_HOME'] = home;
  delete process.env['ELECTRON_RENDERER_URL'];
  await import('../../../src/main/electron/index.js');
  fake.markReady();
  await eventually(() => expect(fake.windows).toHaveLength(1));
});

afterAll(() => {
  if (savedHome === undefined) delete process.env['CASECODER_HOME'];
  else process.env['CASECODER_HOME'] = savedHome;
});

function window0() {
  const w = fake.windows[0];
  expect(w).toBeDefined();
  return w as NonNullable<typeof w>;
}

describe('Electron entry wiring', () => {
  it('registers app:// as a secure standard scheme before ready', () => {
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
  });

  it('opens one window with the hardened preferences on app://casecoder/index.html', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = window0().options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs['preload'])).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(window0().loaded).toEqual(['app://casecoder/index.html']);
  });

  it('answers API calls from the app window through the real service, and refuses others', async () => {
    const handler = fake.ipcHandlers.get('api');
    expect([...fake.ipcHandlers.keys()]).toEqual(['api']);
    const info = await handler?.({ senderFrame: appFrame }, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9-test', transport: 'electron' } });
    const foreign = await handler?.({ senderFrame: { url: 'https://example.org/', parent: null } }, 'app.info', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const unknown = await handler?.({ senderFrame: appFrame }, 'fs.rm', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'usage' } });
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    fake.permissionRequest?.({}, 'media', (granted: boolean) => answers.push(granted), {});
    fake.permissionRequest?.({}, 'notifications', (granted: boolean) => answers.push(granted), {});
    expect(answers).toEqual([false, false]);
    expect(fake.permissionCheck?.(null, 'clipboard-read', 'app://casecoder', {})).toBe(false);
  });

  it('stops navigation away from the app and opens only vetted links outside', () => {
    const contents = window0().contents;
    const navigate = (channel: string, url: string, isMainFrame = true) => {
      let prevented = false;
      contents.emit(channel, { url, isMainFrame, preventDefault: () => (prevented = true) });
      return prevented;
    };
    fake.opened.length = 0;
    expect(navigate('will-frame-navigate', 'https://example.org/report')).toBe(true);
    expect(navigate('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-frame-navigate', 'app://casecoder/index.html', false)).toBe(true);
    expect(navigate('will-frame-navigate', 'app://casecoder/index.html')).toBe(false);
    expect(navigate('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(navigate('will-redirect', 'https://example.org/')).toBe(true);
    expect(fake.opened).toEqual(['https://example.org/report']);

    const open = contents['windowOpenHandler'] as (d: { url: string }) => unknown;
    expect(open({ url: 'mailto:a@example.org' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://example.org/report', 'mailto:a@example.org']);

    let webviewPrevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, {});
    expect(webviewPrevented).toBe(true);
  });

  it('refuses app:// requests that climb out of the renderer folder or name another host', async () => {
    const handle = fake.protocolHandlers.get('app');
    const outside = await handle?.(new Request('app://casecoder/..%2f..%2fpackage.json'));
    expect(outside?.status).toBe(404);
    const foreign = await handle?.(new Request('app://evil/index.html'));
    expect(foreign?.status).toBe(404);
  });

  it('File › New Project… creates the project in the chosen folder and reloads the window', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));
    fake.dialogAnswer = { canceled: false, filePaths: [dir] };
    const file = (fake.menu as MenuItemConstructorOptions[])[0]?.submenu as MenuItemConstructorOptions[];
    (file.find((i) => i.id === 'project-new')?.click as unknown as () => void)();
    await eventually(() => expect(window0().contents['reloads']).toBe(1));
    expect(fs.existsSync(path.join(dir, 'casecoder.json'))).toBe(true);
    const current = await fake.ipcHandlers.get('api')?.({ senderFrame: appFrame }, 'project.current', {});
    expect(current).toMatchObject({ ok: true, value: { dir } });
  });

  it('File › Open Project… on a folder that is not a project shows the error and does not reload', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));
    fake.dialogAnswer = { canceled: false, filePaths: [dir] };
    fake.messages.length = 0;
    const file = (fake.menu as MenuItemConstructorOptions[])[0]?.submenu as MenuItemConstructorOptions[];
    (file.find((i) => i.id === 'project-open')?.click as unknown as () => void)();
    await eventually(() => expect(fake.messages).toHaveLength(1));
    expect(fake.messages).toEqual([expect.objectContaining({ type: 'error', message: expect.stringContaining('not a Casecoder project') })]);
    expect(window0().contents['reloads']).toBe(1);
  });

  it('Edit › Undo runs history.undo and pushes the resulting patch to the window', async () => {
    const handler = fake.ipcHandlers.get('api') as (...a: unknown[]) => Promise<{ ok: boolean; value: never }>;
    const call = async <T>(op: string, args: unknown): Promise<T> => {
      const r = await handler({ senderFrame: appFrame }, op, args);
      expect(r, op).toMatchObject({ ok: true });
      return r.value as T;
    };
    const source = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-')), 'island.md');
    fs.writeFileSync(source, '# Island\n\nThe minister promised a new law within the year.\n');
    await call('coder.use', { name: 'Tester' });
    // The renderer never names a path: imports arrive as uploads (import.files by path is refused).
    const refused = await handler({ senderFrame: appFrame }, 'import.files', { paths: [source] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'usage' } });
    const upload = { name: 'island.md', dataBase64: fs.readFileSync(source).toString('base64') };
    const imported = await call<{ value: { files: Array<{ documentIds: string[] }> } }>('import.upload', { files: [upload] });
    const documentId = imported.value.files[0]?.documentIds[0];
    const view = await call<{ data: { codebook: Array<{ id: string }> } }>('project.current', {});
    const codeId = view.data.codebook[0]?.id;
    const added = await call<{ value: { id: string } }>('coding.add', { documentId, codeId, start: 0, end: 12 });

    const sent = window0().contents['sent'] as unknown[][];
    sent.length = 0;
    const edit = (fake.menu as MenuItemConstructorOptions[])[1]?.submenu as MenuItemConstructorOptions[];
    (edit.find((i) => i.id === 'history-undo')?.click as unknown as () => void)();
    const patchesSent = () => sent.filter(([channel, e]) => channel === 'api-event' && (e as { type: string }).type === 'patch');
    await eventually(() => expect(patchesSent()).toHaveLength(1));
    const patches = patchesSent();
    const patch = (patches[0]?.[1] as { patch: ProjectPatch }).patch;
    expect(patch.canRedo).toBe(true);
    // The undo patch removes the coding (and brings nothing else back).
    expect(patch.changes.remove.codings).toEqual([added.value.id]);
    expect(patch.changes.upsert.codings ?? []).toEqual([]);
  });

  it('on quit, releases the project (closing the service) once, then lets the quit go on', async () => {
    const beforeQuit = fake.appListeners.get('before-quit') ?? [];
    expect(beforeQuit).toHaveLength(1);
    const lock = path.join(String(((await fake.ipcHandlers.get('api')?.({ senderFrame: appFrame }, 'project.current', {})) as { value: { dir: string } }).value.dir), '.lock');
    expect(fs.existsSync(lock)).toBe(true);
    let prevented = 0;
    beforeQuit[0]?.({ preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
    await eventually(() => expect(fake.quitCalls).toBe(1));
    expect(fs.existsSync(lock)).toBe(false);
    beforeQuit[0]?.({ preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
  });
});
