import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_CONCURRENT_HASHES, DEFAULT_SCRYPT, MAX_PASSWORD_LENGTH, parseHash, passwordProblem, PasswordHasher } from '../../../../src/main/team/auth/passwords.js';
import { createTeamAuth } from '../../../../src/main/team/auth/index.js';

/** A low cost, set explicitly: only tests use it. */
const FAST = { logN: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('production defaults are the OWASP scrypt minimum, capped below the libuv pool', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ logN: 17, r: 8, p: 1 });
    expect(DEFAULT_MAX_CONCURRENT_HASHES).toBeLessThan(4);
    // A server built without an explicit cost hashes at the default: its hasher proves it.
    const fakePool = { query: async () => ({ rows: [] }) } as never;
    const auth = await createTeamAuth({ pool: fakePool, projectId: 'p', allowedOrigins: ['http://127.0.0.1:1'] });
    expect(auth.runtime.hasher.params).toEqual(DEFAULT_SCRYPT);
  });

  it('hashes at the production cost with the raised memory limit (Node refuses 2^17 by default)', async () => {
    const hasher = new PasswordHasher();
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hasher.verify('correct horse battery staple', stored)).toEqual({ ok: true, needsRehash: false });
  }, 30_000);

  it('writes a self-describing string, verifies, and refuses a wrong or malformed one', async () => {
    const h = new PasswordHasher(FAST);
    const a = await h.hash('a long enough password');
    const b = await h.hash('a long enough password');
    expect(a).not.toBe(b); // fresh salt each time
    expect(parseHash(a)?.params).toEqual(FAST);
    expect((await h.verify('a long enough password', a)).ok).toBe(true);
    expect((await h.verify('a long enough passwore', a)).ok).toBe(false);
    expect((await h.verify('a long enough password', 'plain text')).ok).toBe(false);
    expect((await h.verify('a long enough password', a.replace('ln=10', 'ln=11'))).ok).toBe(false);
  });

  it('asks for a rehash when the stored parameters are older than today’s', async () => {
    const old = await new PasswordHasher({ logN: 9, r: 8, p: 1 }).hash('passphrase one two');
    const now = new PasswordHasher(FAST);
    expect(await now.verify('passphrase one two', old)).toEqual({ ok: true, needsRehash: true });
    expect(await now.verify('wrong passphrase!!', old)).toEqual({ ok: false, needsRehash: false });
  });

  it('accepts long passphrases and Unicode, normalised, and refuses short or huge ones', async () => {
    const h = new PasswordHasher(FAST);
    const long = 'x'.repeat(200);
    expect(passwordProblem(long)).toBeNull();
    expect((await h.verify(long, await h.hash(long))).ok).toBe(true);
    const composed = 'café au lait 2026';
    const decomposed = 'cafe\u0301 au lait 2026';
    expect((await h.verify(decomposed, await h.hash(composed))).ok).toBe(true);
    expect(passwordProblem('short')).toMatch(/at least 10 characters \(this one has 5\)/);
    expect(passwordProblem('y'.repeat(MAX_PASSWORD_LENGTH + 1))).toMatch(/at most 1024/);
  });

  it('never runs more hashes at once than its cap', async () => {
    const h = new PasswordHasher({ logN: 12, r: 8, p: 1 }, 2);
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, h.active)), 1);
    await Promise.all(Array.from({ length: 8 }, (_, i) => h.hash(`password number ${i}`)));
    clearInterval(timer);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2);
    expect(h.active).toBe(0);
  });

  it('spends a real hash on unknown accounts (the dummy check)', async () => {
    const h = new PasswordHasher({ logN: 12, r: 8, p: 1 }, 1);
    await h.verifyDummy('warm up the dummy hash');
    let seen = 0;
    const timer = setInterval(() => (seen = Math.max(seen, h.active)), 1);
    await h.verifyDummy('whatever was typed');
    clearInterval(timer);
    expect(seen).toBe(1);
  });
});
