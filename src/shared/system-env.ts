import type { CoreEnv } from '../core/model/ids.js';

/**
 * The env the service gives core (see `CoreEnv`): random ids from the Web Crypto global (present
 * in Node 20+, browsers and Electron) and the wall clock.
 */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new random id: 12 base-36 characters (about 62 bits), optionally prefixed (`c_`, `d_` …). */
export function randomId(prefix = ''): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % 36];
  return out;
}

/** Random ids and the wall clock. */
export const SYSTEM_ENV: CoreEnv = { newId: randomId, now: () => new Date().toISOString() };
