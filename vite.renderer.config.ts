import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * Renderer build for browser mode (`out/renderer`). electron.config.ts reuses these options for the
 * desktop build, so both transports run the identical UI.
 */
export const rendererOptions = {
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
};

export default defineConfig(rendererOptions);
