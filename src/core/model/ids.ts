/**
 * Identifier generation. Uses the Web Crypto global (present in Node 20+, browsers and Electron),
 * which is a language-level global rather than a Node or DOM import, so core stays portable.
 */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new random id: 12 base-36 characters (about 62 bits), optionally prefixed (`c_`, `d_` …). */
export function newId(prefix = ''): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % 36];
  return out;
}

/** Current time as an ISO-8601 string. */
export function now(): string {
  return new Date().toISOString();
}
