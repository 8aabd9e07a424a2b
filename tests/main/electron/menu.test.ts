import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../src/main/electron/menu.js';

function recordingActions() {
  const log: string[] = [];
  const actions: MenuActions = {
    newProject: () => log.push('newProject'),
    openProject: () => log.push('openProject'),
    undo: () => log.push('undo'),
    redo: () => log.push('redo'),
  };
  return { actions, log };
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  expect(Array.isArray(item?.submenu)).toBe(true);
  return item?.submenu as MenuItemConstructorOptions[];
}

function byId(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = items.find((i) => i.id === id);
  expect(found, id).toBeDefined();
  return found as MenuItemConstructorOptions;
}

/** Invoke an item's click as Electron would (the arguments are unused by our items). */
function click(item: MenuItemConstructorOptions): void {
  (item.click as unknown as () => void)();
}

describe('buildMenuTemplate', () => {
  it('has File, Edit and View on Linux and Windows', () => {
    const { actions } = recordingActions();
    for (const platform of ['linux', 'win32'] as const) {
      const menu = buildMenuTemplate(actions, { platform, dev: false });
      expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View']);
    }
  });

  it('File creates and opens projects through the actions, and quits', () => {
    const { actions, log } = recordingActions();
    const file = submenu(buildMenuTemplate(actions, { platform: 'linux', dev: false })[0]);
    const create = byId(file, 'project-new');
    const open = byId(file, 'project-open');
    expect(create.label).toBe('New Project…');
    expect(open.label).toBe('Open Project…');
    click(create);
    click(open);
    expect(log).toEqual(['newProject', 'openProject']);
    expect(file.some((i) => i.role === 'quit')).toBe(true);
  });

  it('Edit undoes and redoes project history, with shortcuts shown but left to the renderer', () => {
    const { actions, log } = recordingActions();
    const edit = submenu(buildMenuTemplate(actions, { platform: 'linux', dev: false })[1]);
    const undo = byId(edit, 'history-undo');
    const redo = byId(edit, 'history-redo');
    expect(undo.accelerator).toBe('CmdOrCtrl+Z');
    expect(redo.accelerator).toBe('Shift+CmdOrCtrl+Z');
    expect(undo.registerAccelerator).toBe(false);
    expect(redo.registerAccelerator).toBe(false);
    click(undo);
    click(redo);
    click(undo);
    expect(log).toEqual(['undo', 'redo', 'undo']);
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('uses Ctrl+Y for redo on Windows', () => {
    const { actions } = recordingActions();
    const edit = submenu(buildMenuTemplate(actions, { platform: 'win32', dev: false })[1]);
    expect(byId(edit, 'history-redo').accelerator).toBe('Ctrl+Y');
  });

  it('follows macOS conventions: app menu first, Close in File, a Window menu', () => {
    const { actions } = recordingActions();
    const menu = buildMenuTemplate(actions, { platform: 'darwin', dev: false });
    expect(menu[0]?.role).toBe('appMenu');
    expect(menu.at(-1)?.role).toBe('windowMenu');
    const file = submenu(menu[1]);
    expect(file.some((i) => i.role === 'close')).toBe(true);
    expect(file.some((i) => i.role === 'quit')).toBe(false);
  });

  it('offers reload and DevTools only in dev', () => {
    const { actions } = recordingActions();
    const roles = (dev: boolean) => submenu(buildMenuTemplate(actions, { platform: 'linux', dev })[2]).map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(true)).toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
  });
});
