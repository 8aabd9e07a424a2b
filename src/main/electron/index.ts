/**
 * The Electron entry: a thin shell that wires the pure decisions of `policy.ts`/`app-origin.ts`
 * to Electron's events and forwards the API contract over one IPC channel to the backend service.
 * This file and `src/preload/` are the only modules that import `electron` as a value; nothing
 * here decides anything that is not tested elsewhere.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpName } from '../../shared/api.js';
import { resourcesDir } from '../app/paths.js';
import { createService } from '../service/service.js';
import { desktopPolicy } from '../service/path-policy.js';
import { APP_ENTRY_URL, APP_SCHEME, PACKAGED_ORIGIN, appOriginFor, appResponseHeaders, resolveAppRequest } from './app-origin.js';
import { API_CHANNEL, createApiHandler, forwardEvents } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { contentSecurityPolicy, navigationDecision, permissionDecision, safeExternalUrl, secureWebPreferences, windowOpenDecision } from './policy.js';

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const origin = appOriginFor(devServerUrl);
const dev = origin !== PACKAGED_ORIGIN;
const csp = contentSecurityPolicy(dev ? { devServer: origin } : {});
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
// Window/taskbar icon on Linux and Windows (installers carry their own from build/); optional.
const windowIcon = join(resourcesDir(), 'icon.png');

// Must run before `ready`: the built renderer is served from app://casecoder/, never file://.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  void app.whenReady().then(start);
}

/** The only call of `shell.openExternal`: re-checks the URL against the allowlist. */
function openExternalSafely(raw: string | null): void {
  const url = safeExternalUrl(raw);
  if (url) void shell.openExternal(url);
}

/** Apply navigation, window-open and webview policy to every webContents ever created. */
function hardenContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    openExternalSafely(decision.openExternal);
    return { action: decision.action };
  });
  contents.on('will-frame-navigate', (event) => {
    const decision = navigationDecision(event.url, origin, event.isMainFrame);
    if (decision.allow) return;
    event.preventDefault();
    openExternalSafely(decision.openExternal);
  });
  // Belt and braces for the main frame; external opening happens once, above.
  contents.on('will-navigate', (event) => {
    if (!navigationDecision(event.url, origin, true).allow) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!navigationDecision(event.url, origin, event.isMainFrame).allow) event.preventDefault();
  });
}

function start(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  ses.setDevicePermissionHandler(() => false);

  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), { headers: appResponseHeaders(file, csp) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  if (dev) {
    // The dev server sends no CSP of its own; add ours (relaxed only for HMR) to what it serves.
    ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }));
  }

  // The renderer never names a path: project folders come from native dialogs (granted here),
  // imports are uploads and exports downloads (see path-policy.ts).
  const service = createService({
    appVersion: app.getVersion(),
    transport: 'electron',
    paths: desktopPolicy(),
    chooseFolder: (purpose) => (purpose === 'create' ? pickFolder('New project: choose an empty folder', 'Create project here', true) : pickFolder('Open a Casecoder project folder', 'Open project', false)),
  });
  ipcMain.handle(API_CHANNEL, createApiHandler(service, origin));
  forwardEvents(service, () => BrowserWindow.getAllWindows().map((w) => w.webContents));

  /**
   * Run an operation the menu asked for; errors are shown. Changes reach every window as service
   * events (a patch after Undo/Redo); after opening or creating a project the window reloads, as
   * every other window follows the `project` event.
   */
  const runFromMenu = async (op: OpName, args: Record<string, unknown>, after: 'reload' | 'none' = 'none'): Promise<void> => {
    const result = await service.call(op, args);
    const win = mainWindow;
    if (!win || win.isDestroyed()) return;
    if (!result.ok) await dialog.showMessageBox(win, { type: 'error', message: result.error.message, buttons: ['OK'] });
    // The renderer asks `project.current` when it loads, so a reload shows the new project.
    else if (after === 'reload') win.webContents.reload();
  };
  async function pickFolder(title: string, buttonLabel: string, create: boolean): Promise<string | null> {
    if (!mainWindow) return null;
    const picked = await dialog.showOpenDialog(mainWindow, {
      title,
      buttonLabel,
      properties: create ? ['openDirectory', 'createDirectory', 'promptToCreate'] : ['openDirectory'],
    });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  }

  const newProject = async (): Promise<void> => {
    const dir = await pickFolder('New project: choose an empty folder', 'Create project here', true);
    if (!dir) return;
    service.grantFolder(dir);
    await runFromMenu('project.create', { dir }, 'reload');
  };
  const openProject = async (): Promise<void> => {
    const dir = await pickFolder('Open a Casecoder project folder', 'Open project', false);
    if (!dir) return;
    service.grantFolder(dir);
    await runFromMenu('project.open', { dir }, 'reload');
  };
  const menu = buildMenuTemplate(
    {
      newProject: () => void newProject(),
      openProject: () => void openProject(),
      undo: () => void runFromMenu('history.undo', {}),
      redo: () => void runFromMenu('history.redo', {}),
    },
    { platform: process.platform, dev },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));

  let closing = false;
  app.on('before-quit', (event) => {
    // Every acknowledged change is already on disk; this only releases the project lock.
    if (closing) return;
    closing = true;
    event.preventDefault();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000));
    void Promise.race([service.close(), timeout]).finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  createWindow();
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1320,
    height: 860,
    minWidth: 820,
    minHeight: 560,
    show: false,
    title: 'Casecoder',
    backgroundColor: '#f6f5f1',
    ...(process.platform !== 'darwin' && existsSync(windowIcon) ? { icon: windowIcon } : {}),
    webPreferences: secureWebPreferences(preloadPath, { devTools: dev }),
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(dev && devServerUrl ? devServerUrl : APP_ENTRY_URL);
}
