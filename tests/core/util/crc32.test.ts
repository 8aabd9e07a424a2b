import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, crc32Utf8 } from '../../../src/core/util/crc32.js';

describe('crc32', () => {
  it('gives the standard check value and zlib’s empty value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('crc32Utf8 equals crc32 of TextEncoder’s bytes, lone surrogates included (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('\ud800', '\udfff', 'é', '😀', 'a') })), (text) => {
        expect(crc32Utf8(text)).toBe(crc32(new TextEncoder().encode(text)));
      }),
      { numRuns: 100 },
    );
  });
});
