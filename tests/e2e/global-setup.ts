import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

/** The e2e suite drives the built renderer; build it once when `npm test` has not already. */
export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, '..', '..');
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    await build({ configFile: join(root, 'vite.renderer.config.ts'), logLevel: 'warn' });
  }
}
