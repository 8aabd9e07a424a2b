import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { electronStatus } from '../../../scripts/electron-available.js';

const script = new URL('../../../scripts/electron-available.js', import.meta.url);

/** A temp folder holding a fake "binary" with the given mode. */
function fakeBinary(mode: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));
  const file = path.join(dir, 'electron');
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(file, mode);
  return file;
}

const desktop = { env: { DISPLAY: ':0' }, platform: 'linux' as const, uid: 1000 };

describe('electronStatus', () => {
  it('is usable with an executable binary and a display', () => {
    const binary = fakeBinary(0o755);
    expect(electronStatus({ ...desktop, resolveBinary: () => binary })).toEqual({
      available: true,
      binary,
      reason: `Electron binary at ${binary}`,
    });
  });

  it('reports the package’s own error when it has no binary', () => {
    const status = electronStatus({
      ...desktop,
      resolveBinary: () => {
        throw new Error('Electron failed to install correctly, please delete node_modules/electron\nand try again');
      },
    });
    expect(status).toEqual({
      available: false,
      binary: null,
      reason: 'Electron failed to install correctly, please delete node_modules/electron',
    });
  });

  it('refuses a path that does not exist, a folder, or a file that is not executable', () => {
    const missing = path.join(os.tmpdir(), 'cc-no-such-dir', 'electron');
    expect(electronStatus({ ...desktop, resolveBinary: () => missing }).reason).toBe(`the Electron binary ${missing} does not exist`);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));
    expect(electronStatus({ ...desktop, resolveBinary: () => folder }).available).toBe(false);
    const plain = fakeBinary(0o644);
    const status = electronStatus({ ...desktop, resolveBinary: () => plain });
    // root may execute any file with an x bit only; 0644 has none, so this holds for root too.
    expect(status).toEqual({ available: false, binary: plain, reason: `the Electron binary ${plain} is not executable` });
  });

  it('needs a display on Linux (X11 or Wayland), not elsewhere', () => {
    const binary = fakeBinary(0o755);
    const resolveBinary = () => binary;
    expect(electronStatus({ env: {}, platform: 'linux', uid: 1000, resolveBinary }).reason).toMatch(/no graphical display/);
    expect(electronStatus({ env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux', uid: 1000, resolveBinary }).available).toBe(true);
    expect(electronStatus({ env: {}, platform: 'darwin', uid: 501, resolveBinary }).available).toBe(true);
  });

  it('says why it will not run as root on Linux', () => {
    const binary = fakeBinary(0o755);
    const status = electronStatus({ ...desktop, uid: 0, resolveBinary: () => binary });
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/root/);
  });

  it('finds the real electron package here and tells the truth about its binary', () => {
    const status = electronStatus({ env: { ...process.env, DISPLAY: ':0' }, platform: 'linux', uid: 1000 });
    const pathTxt = new URL('../../../node_modules/electron/path.txt', import.meta.url);
    expect(status.available).toBe(fs.existsSync(pathTxt));
    if (!status.available) expect(status.reason).toMatch(/without its binary|does not exist|not executable/);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const binary = fakeBinary(0o755);
    const status = electronStatus({ env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: path.dirname(binary) }, platform: 'linux', uid: 1000 });
    expect(status).toMatchObject({ available: true, binary });
  });
});

describe('electron-available CLI', () => {
  it('prints one line and exits 1 when Electron cannot run, 0 when it can', () => {
    const missing = spawnSync(process.execPath, [script.pathname], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(os.tmpdir(), 'cc-none') },
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stdout.trim().split('\n')).toHaveLength(1);
    expect(missing.stdout).toMatch(/^Electron cannot run here: the Electron binary .* does not exist\.$/m);

    const binary = fakeBinary(0o755);
    const present = spawnSync(process.execPath, [script.pathname, '--json'], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.dirname(binary), DISPLAY: ':0' },
      encoding: 'utf8',
    });
    const json = JSON.parse(present.stdout) as { available: boolean; binary: string };
    expect(json.binary).toBe(binary);
    // As root on Linux it is truthfully unavailable; otherwise available.
    const root = process.platform === 'linux' && process.getuid?.() === 0;
    expect(json.available).toBe(!root);
    expect(present.status).toBe(root ? 1 : 0);
  });
});
