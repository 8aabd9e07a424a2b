import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import config from '../../../electron.config.js';
import { rendererOptions } from '../../../vite.renderer.config.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
const entry = fs.readFileSync(path.join(repo, 'src/main/electron/index.ts'), 'utf8');

type Section = { build?: { outDir?: string; rolldownOptions?: { input?: Record<string, string>; output?: { format?: string; entryFileNames?: string } } } };
const sections = config as unknown as { main: Section; preload: Section; renderer: Section & { root?: string; plugins?: unknown[] } };

describe('electron.config.ts', () => {
  it('builds main from the Electron entry to the file package.json names as main', () => {
    const main = sections.main.build;
    expect(main?.rolldownOptions?.input).toEqual({ index: path.join(repo, 'src/main/electron/index.ts'), 'import-worker': path.join(repo, 'src/main/import/import-worker.ts') });
    expect(path.relative(repo, path.join(main?.outDir ?? '', 'index.js'))).toBe(pkg.main);
  });

  it('builds the preload as one CommonJS file at the path the entry loads', () => {
    const preload = sections.preload.build;
    expect(preload?.rolldownOptions?.input).toEqual({ index: path.join(repo, 'src/preload/index.ts') });
    expect(preload?.rolldownOptions?.output).toEqual({ format: 'cjs', entryFileNames: '[name].cjs' });
    expect(path.relative(repo, preload?.outDir ?? '')).toBe('out/preload');
    expect(entry).toContain("new URL('../preload/index.cjs', import.meta.url)");
  });

  it('reuses the browser-mode renderer options, so both transports run the same UI from out/renderer', () => {
    const renderer = sections.renderer;
    expect(renderer.root).toBe(rendererOptions.root);
    expect(renderer.plugins).toBe(rendererOptions.plugins);
    expect(renderer.build?.outDir).toBe(rendererOptions.build.outDir);
    expect(path.relative(repo, renderer.build?.outDir ?? '')).toBe('out/renderer');
    expect(renderer.build?.rolldownOptions?.input).toEqual({ index: path.join(repo, 'src/renderer/index.html') });
    expect(entry).toContain("new URL('../renderer/', import.meta.url)");
  });

  it('is what npm run build uses', () => {
    expect(pkg.scripts['build']).toMatch(/electron-vite(\.js)? build --config electron\.config\.ts$/);
  });
});

describe('preload bundle', () => {
  it('runs in a sandbox-like scope that offers nothing but electron, and exposes only the bridge', async () => {
    const output = (await build({
      configFile: false,
      logLevel: 'silent',
      root: repo,
      build: {
        write: false,
        minify: false,
        lib: { entry: path.join(repo, 'src/preload/index.ts'), formats: ['cjs'], fileName: 'index' },
        rolldownOptions: { external: ['electron'] },
      },
    })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
    expect(chunks).toHaveLength(1);

    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: Record<string, unknown>) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, value: null })),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const requested: string[] = [];
    const sandboxRequire = (id: string): unknown => {
      requested.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext((chunks[0] as Rolldown.OutputChunk).code, { require: sandboxRequire, module, exports: module.exports });

    expect(requested).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['casecoder']);
    const bridge = exposed.get('casecoder') as { call(op: string, args: unknown): Promise<unknown> };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    await bridge.call('project.current', {});
    expect(invoked).toEqual([['api', 'project.current', {}]]);
    await expect(bridge.call('fs.readFile', {})).rejects.toThrow(/Unknown Casecoder operation/);
  });
});
