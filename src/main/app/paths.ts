import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Folder for app state (recent projects, the demo project): `$CASECODER_HOME`, else the XDG config dir. */
export function appHome(): string {
  const env = process.env['CASECODER_HOME'];
  if (env) return resolve(env);
  const xdg = process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(xdg, 'casecoder');
}

/** The repository (or unpacked app) root: the nearest ancestor holding `resources/codebooks`. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'resources', 'codebooks'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** The shipped `resources/` folder. */
export function resourcesDir(): string {
  return join(appRoot(), 'resources');
}

/** The built renderer (browser mode serves it). */
export function rendererDir(): string {
  return join(appRoot(), 'out', 'renderer');
}
