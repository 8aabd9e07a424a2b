import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const repo = new URL('../../../', import.meta.url);
const pkg = JSON.parse(fs.readFileSync(new URL('package.json', repo), 'utf8')) as {
  main: string;
  build: Record<string, unknown> & {
    directories: { buildResources: string; output: string };
    electronFuses: Record<string, boolean>;
    linux: { target: string[]; icon: string; maintainer: string };
    win: { target: string[]; icon: string };
    mac: { target: string[]; icon: string };
  };
};
const build = pkg.build;
const require = createRequire(import.meta.url);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: URL): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(build, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...build, linux: { ...build.linux, nonsense: true } }, new DebugLogger(false))).rejects.toThrow(/configuration object/);
  });

  it('names the product and packages the built app plus unpacked resources', () => {
    expect(build['productName']).toBe('Casecoder');
    expect(build['appId']).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(build.directories).toEqual({ buildResources: 'build', output: 'dist' });
    expect(build['files']).toEqual(['out/**', 'resources/**']);
    expect(build['asarUnpack']).toEqual(['resources/**']);
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('targets AppImage and deb, nsis, and dmg', () => {
    expect(build.linux.target).toEqual(['AppImage', 'deb']);
    expect(build.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
    expect(build.win.target).toEqual(['nsis']);
    expect(build.mac.target).toEqual(['dmg']);
  });

  it('flips the fuses that let the app be driven from outside', () => {
    expect(build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });
});

describe('icons', () => {
  it('has the 1024 px master and the Linux size set, all square PNGs of the named size', () => {
    expect(pngSize(new URL('build/icon.png', repo))).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(new URL(`build/icons/${size}x${size}.png`, repo))).toEqual({ width: size, height: size });
    }
    expect(build.linux.icon).toBe('build/icons');
  });

  it('has a Windows .ico and a macOS .icns with their large sizes', () => {
    const ico = fs.readFileSync(new URL(build.win.icon, repo));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));

    const icns = fs.readFileSync(new URL(build.mac.icon, repo));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['ic08', 'ic09', 'ic10']));
  });

  it('keeps the SVG source of the mark', () => {
    const svg = fs.readFileSync(new URL('build/icon.svg', repo), 'utf8');
    expect(svg).toMatch(/^<svg[^>]+viewBox="0 0 1024 1024"/);
  });
});
