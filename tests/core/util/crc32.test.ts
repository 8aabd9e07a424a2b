import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, crc32Utf8 } from '../../../src/core/util/crc32.js';

/** Any UTF-16 text: BMP code units (lone surrogates included) and astral characters. */
const text = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('crc32', () => {
  it('gives the standard check value and zlib’s empty value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('crc32Utf8 equals crc32 of TextEncoder’s bytes, lone surrogates included (property)', () => {
    fc.assert(
      fc.property(text, (text) => {
        expect(crc32Utf8(text)).toBe(crc32(new TextEncoder().encode(text)));
      }),
      { numRuns: 300 },
    );
  });
});
