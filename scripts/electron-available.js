#!/usr/bin/env node
// Can the Electron binary be used on this machine? `npm start` asks before launching the desktop
// app and falls back to browser mode with the one-line reason this gives. Tests that need Electron
// use it to skip (with the reason printed) instead of failing or silently passing.
//
//   node scripts/electron-available.js          one line; exit 0 when usable, 1 when not
//   node scripts/electron-available.js --json   {"available":…,"binary":…,"reason":…}
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The installed electron package folder, or null. */
function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * Ask the electron package for its binary path. The package writes `path.txt` only after its
 * binary was downloaded; without it (and without ELECTRON_OVERRIDE_DIST_PATH) we do not require
 * it at all, because newer versions would then try to download the binary from the network.
 */
function defaultResolveBinary(env) {
  const dir = electronPackageDir();
  if (!dir) throw new Error('the electron package is not installed');
  const pathFile = join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  // Same rule as the package's index.js, applied to the env we were given.
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
  if (executable === null) {
    throw new Error('the electron package was installed without its binary (the download was not allowed or not possible)');
  }
  const binary = require('electron');
  if (typeof binary !== 'string') throw new Error('the electron package did not return a binary path');
  return binary;
}

/**
 * Whether Electron can run here.
 * @param {{ env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, uid?: number | null, resolveBinary?: () => string }} [options]
 * @returns {{ available: boolean, binary: string | null, reason: string }}
 */
export function electronStatus(options = {}) {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const uid = options.uid !== undefined ? options.uid : typeof process.getuid === 'function' ? process.getuid() : null;
  const resolveBinary = options.resolveBinary ?? (() => defaultResolveBinary(env));

  let binary;
  try {
    binary = resolveBinary();
  } catch (e) {
    return { available: false, binary: null, reason: firstLine(e) };
  }
  try {
    if (!statSync(binary).isFile()) return { available: false, binary, reason: `the Electron binary ${binary} is not a file` };
    accessSync(binary, constants.X_OK);
  } catch (e) {
    const missing = e && typeof e === 'object' && 'code' in e && e.code === 'ENOENT';
    return { available: false, binary, reason: `the Electron binary ${binary} ${missing ? 'does not exist' : 'is not executable'}` };
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { available: false, binary, reason: 'no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  if (platform === 'linux' && uid === 0) {
    return { available: false, binary, reason: 'running as root, where Electron refuses to start with its sandbox on' };
  }
  return { available: true, binary, reason: `Electron binary at ${binary}` };
}

function firstLine(e) {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const status = electronStatus();
  if (process.argv.includes('--json')) console.log(JSON.stringify(status));
  else console.log(status.available ? `Electron can run here (${status.reason}).` : `Electron cannot run here: ${status.reason}.`);
  process.exit(status.available ? 0 : 1);
}
