/**
 * A small seeded pseudo-random generator so that bootstrap intervals are reproducible: the same
 * seed gives the same sequence on every platform. Algorithm: xoshiro128** (Blackman & Vigna 2018)
 * with its 128-bit state filled from the 32-bit seed by splitmix32. Not for cryptography.
 */

/** A generator of uniform numbers in [0, 1) with 32 bits of resolution. */
export type Random = () => number;

/** Create a xoshiro128** generator from a 32-bit integer seed. */
export function seededRandom(seed: number): Random {
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}
