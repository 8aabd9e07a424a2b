import type { MenuItemConstructorOptions } from 'electron';

/** What the application menu can ask the shell to do. */
export interface MenuActions {
  newProject(): void;
  openProject(): void;
  undo(): void;
  redo(): void;
}

/** Options that change the menu's shape. */
export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Show the developer items (reload, DevTools). */
  dev: boolean;
}

/**
 * The application menu as plain data (`Menu.buildFromTemplate` turns it into a menu).
 *
 * Undo and Redo act on the project's history (`history.undo`/`history.redo`), not on a text
 * field. Their shortcuts are shown but, on Linux and Windows, not registered with the system
 * (`registerAccelerator: false`): the renderer handles Ctrl+Z itself — as it must in browser
 * mode anyway — so a keystroke never undoes twice and text inputs keep their own undo. Cut, copy,
 * paste and select-all keep their native roles (macOS needs them in a menu for the shortcuts to
 * work at all).
 */
export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'project-new', label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
      { id: 'project-open', label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { id: 'history-undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => actions.undo() },
      {
        id: 'history-redo',
        label: 'Redo',
        accelerator: options.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z',
        registerAccelerator: false,
        click: () => actions.redo(),
      },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(options.dev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const menus: MenuItemConstructorOptions[] = [file, edit, view];
  if (mac) {
    menus.unshift({ role: 'appMenu' });
    menus.push({ role: 'windowMenu' });
  }
  return menus;
}
