#!/usr/bin/env node
// `npm start`: install what is missing, build, and launch Casecoder: the desktop app where the
// Electron binary is available, otherwise (with one line saying so) the same UI in browser mode
// on the built-in demo project. `npm run web` (= this script with --web) goes to browser mode directly.
// Only Node built-ins are used before dependencies are known to be installed.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('Installing dependencies (first run)…');
  run(npm, [existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install']);
}

let electron = { available: false, reason: 'browser mode was asked for' };
if (!forceWeb) {
  const { electronStatus } = await import('./electron-available.js');
  electron = electronStatus();
}

if (electron.available) {
  run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--config', 'electron.config.ts']);
  const child = spawn(electron.binary, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!forceWeb) console.log(`Electron is not available here (${electron.reason}); opening Casecoder in your browser instead.`);
  run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  const child = spawn(process.execPath, [join(root, 'bin', 'casecoder.js'), 'web', ...passThrough], { cwd: root, stdio: 'inherit' });
  const stop = () => child.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
