/**
 * A small seeded pseudo-random generator so that bootstrap intervals are reproducible: the same
 * seed gives the same sequence on every platform. Algorithm: xoshiro128** (Blackman & Vigna 2018)
 * with its 128-bit state filled from the 32-bit seed by splitmix32. Not for cryptography.
 */

/** A generator of uniform numbers in [0, 1) with 32 bits of resolution. */
export type Random = () => number;

/** The 128-bit xoshiro128** state for a 32-bit seed, filled by splitmix32 (never all zero). */
function initialState(seed: number): [number, number, number, number] {
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s: [number, number, number, number] = [splitmix(), splitmix(), splitmix(), splitmix()];
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return s;
}

/** Create a xoshiro128** generator from a 32-bit integer seed (drawn 256 outputs at a time by {@link seededUint32s}). */
export function seededRandom(seed: number): Random {
  const fill = seededUint32s(seed);
  const buf = new Uint32Array(256);
  let at = buf.length;
  return () => {
    if (at === buf.length) {
      fill(buf);
      at = 0;
    }
    return (buf[at++] ?? 0) / 4294967296;
  };
}

/**
 * The same sequence as {@link seededRandom}, as raw 32-bit outputs written in bulk (output / 2³²
 * is the number `seededRandom` returns), for loops that draw millions of numbers.
 */
export function seededUint32s(seed: number): (out: Uint32Array) => void {
  const state = Int32Array.from(initialState(seed));
  return (out) => {
    // The state in locals for the loop (closure slots would box every update), stored back once.
    let a = state[0] ?? 0;
    let b = state[1] ?? 0;
    let c = state[2] ?? 0;
    let d = state[3] ?? 0;
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
      const t = (b << 9) >>> 0;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
  };
}

function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}
