import { join } from 'node:path';
import { build } from 'vite';

/** The e2e suite drives the built renderer; build it from the current sources before the run. */
export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, '..', '..');
  await build({ configFile: join(root, 'vite.renderer.config.ts'), logLevel: 'warn' });
}
