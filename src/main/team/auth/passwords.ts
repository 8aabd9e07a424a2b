/**
 * Password hashing for team-server accounts: scrypt from `node:crypto`, stored as a
 * self-describing PHC-style string `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (unpadded base64), so
 * the parameters can be raised later and old hashes upgraded at the next successful login.
 *
 * Why these parameters: OWASP's Password Storage Cheat Sheet (2026 edition) asks for scrypt
 * N=2^17, r=8, p=1 at minimum (128 MiB per hash). Node's default `maxmem` (32 MiB) refuses that,
 * so it is raised to 256 MiB. Measured on a 2-core machine, one such hash takes ~0.7 s; an
 * unthrottled burst of logins would occupy every libuv thread (shared with fs and dns) and hold
 * 128 MiB each, so at most {@link DEFAULT_MAX_CONCURRENT_HASHES} hashes run at once and the rest
 * queue. Argon2id is not used: `crypto.argon2` exists only from Node 24.7, and we run Node 20.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: N = 2^logN, block size r, parallelism p. */
export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

/** Production defaults (OWASP minimum for scrypt). Lower only in tests, and only explicitly. */
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = Object.freeze({ logN: 17, r: 8, p: 1 });
/** Hashes running at once: below the libuv pool's 4 threads, and 2 × 128 MiB of memory at most. */
export const DEFAULT_MAX_CONCURRENT_HASHES = 2;
/** Shortest password accepted for a new account (OWASP: 8 with a second factor, we have none: 10). */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted: long passphrases (≥ 64 characters) are welcome; a cap stops a 10 MB body being hashed. */
export const MAX_PASSWORD_LENGTH = 1024;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Why a password cannot be set, or null when it can. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters (this one has ${length}).`;
  if (length > MAX_PASSWORD_LENGTH) return `A password may have at most ${MAX_PASSWORD_LENGTH} characters (this one has ${length}).`;
  return null;
}

/** Memory scrypt needs for these parameters, with headroom (Node refuses when 128·N·r exceeds `maxmem`). */
function maxmemFor(params: ScryptParams): number {
  return Math.max(32 * 1024 * 1024, 2 * 128 * 2 ** params.logN * params.r);
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** params.logN, r: params.r, p: params.p, maxmem: maxmemFor(params) };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

/** A stored hash parsed, or null when it is not one of ours. */
export function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const m = PHC.exec(stored);
  if (!m) return null;
  return { params: { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
}

/** The result of checking a password against a stored hash. */
export interface Verification {
  ok: boolean;
  /** True when the password was right but was hashed with other parameters than today's. */
  needsRehash: boolean;
}

/** Hashes and verifies passwords with a fixed cost, never more than `maxConcurrent` at once. */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private dummy: Promise<string> | null = null;

  constructor(
    readonly params: Readonly<ScryptParams> = DEFAULT_SCRYPT,
    readonly maxConcurrent = DEFAULT_MAX_CONCURRENT_HASHES,
  ) {
    if (!Number.isInteger(params.logN) || params.logN < 1 || params.logN > 24) throw new Error(`scrypt logN must be an integer in 1..24, got ${params.logN}`);
    if (maxConcurrent < 1) throw new Error('maxConcurrent must be at least 1');
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Hashes currently running (tests use it to prove the cap). */
  get active(): number {
    return this.running;
  }

  /** A new PHC-style hash of `password` with this hasher's parameters and a fresh salt. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await this.limited(() => derive(password, salt, this.params));
    const { logN, r, p } = this.params;
    return `$scrypt$ln=${logN},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
  }

  /** Checks `password` against `stored` in constant time; an unparsable hash never verifies. */
  async verify(password: string, stored: string): Promise<Verification> {
    const parsed = parseHash(stored);
    if (!parsed) {
      await this.verifyDummy(password);
      return { ok: false, needsRehash: false };
    }
    const key = await this.limited(() => derive(password, parsed.salt, parsed.params));
    const ok = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
    const { logN, r, p } = parsed.params;
    const same = logN === this.params.logN && r === this.params.r && p === this.params.p;
    return { ok, needsRehash: ok && !same };
  }

  /** Spends the same work as a real check (unknown login): equal timing for unknown and wrong. */
  async verifyDummy(password: string): Promise<void> {
    this.dummy ??= this.hash('casecoder dummy password, never valid');
    const stored = await this.dummy;
    const parsed = parseHash(stored)!;
    await this.limited(() => derive(password, parsed.salt, parsed.params));
  }
}
