import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererOptions } from './vite.renderer.config';

/**
 * electron-vite config for the desktop app (`npm run build` = `electron-vite build --config electron.config.ts`).
 *
 * - main: the thin Electron entry, ESM (package.json says `"type": "module"`) → `out/main/index.js`
 *   (package.json `main`), and the import worker → `out/main/import-worker.js`. Runtime
 *   dependencies stay external and ship in node_modules.
 * - preload: one self-contained CommonJS file → `out/preload/index.cjs`. A sandboxed preload cannot
 *   be an ES module and cannot `require` anything but Electron's own modules, so everything of ours
 *   is bundled in.
 * - renderer: exactly the options of `vite.renderer.config.ts`, so browser mode and the desktop app
 *   run the identical UI from the identical `out/renderer`.
 *
 * Building needs no Electron binary; only running the result does.
 */
const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      // The import worker is its own entry: worker-pool.ts starts `import-worker.js` beside index.js.
      rolldownOptions: { input: { index: here('./src/main/electron/index.ts'), 'import-worker': here('./src/main/import/import-worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererOptions,
    build: { ...rendererOptions.build, rolldownOptions: { input: { index: here('./src/renderer/index.html') } } },
  },
});
