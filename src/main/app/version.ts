import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from './paths.js';

/** The app version from package.json. */
export const APP_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
