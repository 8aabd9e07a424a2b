import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importBytes, type ImportedDocument } from '../../../src/main/import/import-file.js';
import type { Result } from '../../../src/core/model/result.js';
import type { SourceFormat } from '../../../src/core/model/types.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { makeDocx } from '../../fixtures/import/make-docx.js';
import { makePdf } from '../../fixtures/import/make-pdf.js';

const ERROR_CODES = new Set(['invalid', 'unsupported', 'too-large', 'corrupt']);

/** Every outcome is a schema-valid document or a typed error; nothing throws. */
function assertWellFormed(r: Result<ImportedDocument[]>): void {
  if (r.ok) {
    expect(r.value.length).toBeGreaterThan(0);
    for (const d of r.value) readerSchema.nodeFromJSON(d.doc).check();
  } else expect(ERROR_CODES.has(r.error.code), r.error.message).toBe(true);
}

/** Random bytes, or a fixture with a few bytes overwritten, cut short or spliced. */
function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    fc.tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat()).map(([edits, cut]) => {
      const copy = base.slice(0, Math.max(1, base.length - (cut % 64 === 0 ? cut % base.length : 0)));
      for (const [at, v] of edits) copy[at % copy.length] = v;
      return copy;
    }),
  );
}

const MD_SAMPLE = new TextEncoder().encode('Title: T\n\n## Background\n\nText *em* **strong**[^1] <sup>2</sup> <div class="x">d</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- item\n\n[^1]: note\n');
const HTML_SAMPLE = new TextEncoder().encode('<html><head><title>t</title></head><body><h1>H</h1><p>a <a href="https://x.org">l</a><sup><a href="#footnote-1">[1]</a></sup></p><ol><li id="footnote-1"><p>n</p></li></ol><table><tr><td>c</td></tr></table></body></html>');
const TXT_SAMPLE = new TextEncoder().encode('  Summary\nSome wrapped\nline of text.\n\n• bullet\n\ncontinued\nArgentina (see also)\n');

async function fuzz(format: SourceFormat, base: Uint8Array, runs: number, extra: object = {}): Promise<void> {
  await fc.assert(
    fc.asyncProperty(mutated(base), async (bytes) => {
      assertWellFormed(await importBytes(bytes, `f.${format}`, { format, ...extra }));
    }),
    { numRuns: runs, seed: 20240601 },
  );
}

describe('importer fuzzing (random bytes and mutated fixtures)', () => {
  it('Markdown: 1,000 runs', async () => fuzz('md', MD_SAMPLE, 1000));
  it('plain text with reflow and splitting: 1,000 runs', async () => fuzz('txt', TXT_SAMPLE, 1000, { reflow: true, splitCases: ['Argentina'] }));
  it('HTML: 1,000 runs', async () => fuzz('html', HTML_SAMPLE, 1000));
  it('DOCX: 1,000 runs', async () => fuzz('docx', await makeDocx(), 1000, { timeoutMs: 5000 }));
  it('PDF: 1,000 runs', async () => fuzz('pdf', makePdf([['Summary', 'Text line one', 'two'], ['Background', '• b']]), 1000, { timeoutMs: 5000 }));
  it('format detection on random bytes: 1,000 runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.constantFrom('x.txt', 'x.md', 'x', 'x.htm', 'x.bin'), async (bytes, name) => {
        const r = await importBytes(bytes, name);
        if (r.ok) for (const d of r.value) readerSchema.nodeFromJSON(d.doc).check();
        else expect(ERROR_CODES.has(r.error.code)).toBe(true);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
