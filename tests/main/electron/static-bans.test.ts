import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Static checks of the whole source tree that keep the Electron shell honest: only the two entry
 * files touch `electron` at runtime, `shell.openExternal` has one guarded call site, nothing
 * loads `file://`, and no insecure webPreferences literal exists anywhere.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const src = path.join(repo, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Source without comments (block, JSDoc and line comments; `://` inside URLs is kept). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

const files = sourceFiles(src).map((file) => ({
  rel: path.relative(repo, file).split(path.sep).join('/'),
  text: stripComments(fs.readFileSync(file, 'utf8')),
}));

/** Value imports/requires of the electron module (type-only imports are fine: they vanish). */
function importsElectronAsValue(text: string): boolean {
  const importRe = /^\s*import\s+(?!type\s)[^;]*?from\s+['"]electron(\/[^'"]*)?['"]/gm;
  const bareRe = /^\s*import\s+['"]electron['"]/gm;
  const dynamicRe = /\b(require|import)\s*\(\s*['"]electron(\/[^'"]*)?['"]\s*\)/g;
  return importRe.test(text) || bareRe.test(text) || dynamicRe.test(text);
}

describe('static bans', () => {
  it('finds the source tree', () => {
    expect(files.some((f) => f.rel === 'src/main/electron/index.ts')).toBe(true);
    expect(files.some((f) => f.rel === 'src/preload/index.ts')).toBe(true);
  });

  it('imports electron as a value only in the two entry files', () => {
    const offenders = files.filter((f) => importsElectronAsValue(f.text)).map((f) => f.rel);
    expect(offenders.sort()).toEqual(['src/main/electron/index.ts', 'src/preload/index.ts']);
  });

  it('strips comments but keeps code and URLs', () => {
    expect(stripComments("/** `file://` */ const a = 'https://x'; // file://y\nb();")).toBe(" const a = 'https://x'; \nb();");
  });

  it('detects the import forms it bans (guard against a vacuous check)', () => {
    expect(importsElectronAsValue("import { app } from 'electron';")).toBe(true);
    expect(importsElectronAsValue('import electron from "electron";')).toBe(true);
    expect(importsElectronAsValue("const { shell } = require('electron');")).toBe(true);
    expect(importsElectronAsValue("await import('electron/main')")).toBe(true);
    expect(importsElectronAsValue("import type { WebPreferences } from 'electron';")).toBe(false);
  });

  it('calls shell.openExternal once, in the entry, behind the allowlist', () => {
    const sites = files.flatMap((f) => (f.text.match(/\bopenExternal\s*\(/g) ?? []).map(() => f.rel));
    expect(sites).toEqual(['src/main/electron/index.ts']);
    const entry = files.find((f) => f.rel === 'src/main/electron/index.ts')?.text ?? '';
    expect(entry).toMatch(/const url = safeExternalUrl\(raw\);\s*if \(url\) void shell\.openExternal\(url\);/);
  });

  it('never loads the renderer from file://', () => {
    const shell = files.filter((f) => f.rel.startsWith('src/main/electron/') || f.rel.startsWith('src/preload/'));
    for (const f of shell) {
      expect(f.text, f.rel).not.toMatch(/\bloadFile\s*\(/);
      expect(f.text, f.rel).not.toMatch(/['"`]file:\/\//);
    }
  });

  it.each([
    /nodeIntegration\s*:\s*true/,
    /nodeIntegrationInWorker\s*:\s*true/,
    /nodeIntegrationInSubFrames\s*:\s*true/,
    /contextIsolation\s*:\s*false/,
    /sandbox\s*:\s*false/,
    /webSecurity\s*:\s*false/,
    /allowRunningInsecureContent\s*:\s*true/,
    /experimentalFeatures\s*:\s*true/,
    /webviewTag\s*:\s*true/,
    /enableBlinkFeatures/,
    /unsafe-eval/,
  ])('has no %s anywhere in src', (pattern) => {
    expect(files.filter((f) => pattern.test(f.text)).map((f) => f.rel)).toEqual([]);
  });

  it('registers IPC handlers only in the entry, and only the guarded api channel', () => {
    const handles = files.flatMap((f) => [...f.text.matchAll(/ipcMain\.(handle|on|once|handleOnce)\s*\(\s*([^,]+),/g)].map((m) => `${f.rel}: ${m[1]} ${m[2]}`));
    expect(handles).toEqual(['src/main/electron/index.ts: handle API_CHANNEL']);
    const entry = files.find((f) => f.rel === 'src/main/electron/index.ts')?.text ?? '';
    expect(entry).toMatch(/ipcMain\.handle\(API_CHANNEL, createApiHandler\(service, origin\)\)/);
  });
});
