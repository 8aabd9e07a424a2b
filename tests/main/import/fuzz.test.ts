import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { importBytes, type ImportedDocument } from '../../../src/main/import/import-file.js';
import type { Result } from '../../../src/core/model/result.js';
import type { SourceFormat } from '../../../src/core/model/types.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { makeDocx } from '../../fixtures/import/make-docx.js';
import { makePdf } from '../../fixtures/import/make-pdf.js';
import { deepNesting, footnoteFlood, lyingZip } from '../../fixtures/import/hostile.js';
import { createService, type Service } from '../../../src/main/service/service.js';
import { configureImportPool } from '../../../src/main/import/worker-pool.js';

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
const HTML_SAMPLE = new TextEncoder().encode(
  '<html><head><title>t</title></head><body><h1>H</h1><p>a <a href="https://x.org">l</a><sup><a href="#footnote-1">[1]</a></sup></p><ol><li id="footnote-1"><p>n</p></li></ol><table><tr><td>c</td></tr></table></body></html>',
);
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
  it('PDF: 1,000 runs', async () =>
    fuzz(
      'pdf',
      makePdf([
        ['Summary', 'Text line one', 'two'],
        ['Background', '• b'],
      ]),
      1000,
      { timeoutMs: 5000 },
    ));
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

/**
 * The pathological inputs of issue 14, generated with varying sizes and shapes, imported through the
 * service (import workers with a 2 s time limit): each ends within its limit with a typed error
 * naming the file, and the project stays byte-identical (no commit, no backup).
 */
describe('importer fuzzing: pathological inputs through the service', () => {
  const LIMIT_MS = 2000;
  let svc: Service;
  let dir: string;
  let files: string;
  beforeAll(async () => {
    await configureImportPool({ size: 2, limits: { timeMs: LIMIT_MS, heapMb: 512 } });
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-fuzz-')), 'p');
    files = mkdtempSync(join(tmpdir(), 'cc-fuzz-files-'));
    svc = createService({ appVersion: 't', transport: 'cli' });
    const created = await svc.call('project.create', { dir });
    expect(created.ok).toBe(true);
  });
  afterAll(async () => {
    await svc.close();
    await configureImportPool({});
  });

  const snapshot = (): string => readFileSync(join(dir, 'casecoder.json'), 'utf8') + (existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')).join(',') : '');

  async function refused(name: string, bytes: Uint8Array | string, message: RegExp): Promise<void> {
    const path = join(files, name);
    writeFileSync(path, bytes);
    const before = snapshot();
    const t = Date.now();
    const r = await svc.call('import.files', { paths: [path] });
    // Within the limit, plus the commit of an empty step and a worker restart on a loaded machine.
    expect(Date.now() - t).toBeLessThan(LIMIT_MS + 15_000);
    expect(r.ok).toBe(true);
    const outcome = r.ok ? (r.value as { value: { files: { status: string; reason?: string }[] } }).value.files[0] : undefined;
    expect(outcome?.status).toBe('failed');
    expect(outcome?.reason).toMatch(message);
    expect(snapshot()).toBe(before);
  }

  it('emphasis runs (*a*a…, _a_a…, up to 64 KB)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('*a', '_a', '*a ', '**a'), fc.double({ min: 0, max: 1, noNaN: true }), async (unit, share) => {
        // 4,001 to 64 KB worth of units: past 4,000 markers a paragraph is refused before parsing.
        const max = Math.floor((64 * 1024) / unit.length);
        const units = 4001 + Math.floor(share * (max - 4001));
        await refused('emphasis.md', unit.repeat(units), /emphasis markers \(\* or _\); at most 4000/);
      }),
      { numRuns: 4, seed: 14 },
    );
  });

  it('deep nesting (lists, quotes, both; up to 5,000 levels)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 150, max: 5000 }), fc.constantFrom('list', 'quote', 'mixed'), async (levels, kind) => {
        const text = kind === 'list' ? deepNesting(levels) : kind === 'quote' ? `${'>'.repeat(levels)} deep\n` : Array.from({ length: levels }, (_, i) => `${'> '.repeat(i)}- x`).join('\n');
        await refused('deep.md', text, /levels deep .*at most 100 levels/);
      }),
      { numRuns: 4, seed: 15 },
    );
  });

  it('footnote floods (100,000–200,000 notes) stop at the time limit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100_000, max: 200_000 }), async (n) => {
        await refused('flood.md', footnoteFlood(n), /^flood\.md took longer than 2 s to import and was stopped/);
      }),
      { numRuns: 2, seed: 16 },
    );
  });

  it('lying zip headers (DOCX of 0.5–10 MB declaring 100-byte parts)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 512 * 1024, max: 10 * 1024 * 1024 }), async (bytes) => {
        await refused('lies.docx', lyingZip(bytes), /inflates past its declared size \(100 bytes\): its header lies/);
      }),
      { numRuns: 3, seed: 17 },
    );
  });
});
