import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import { faithfulTextToDoc, normalizeNewlines } from '../../../src/core/document/plain-text.js';

describe('faithfulTextToDoc', () => {
  it('keeps the canonical text equal to the source text, newline runs included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '😀', 'é') }), (raw) => {
        const doc = readerSchema.nodeFromJSON(faithfulTextToDoc(raw));
        expect(buildTextIndex(doc).text).toBe(normalizeNewlines(raw));
      }),
      { numRuns: 1000 },
    );
  });
});
