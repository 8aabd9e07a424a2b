import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { importBytes } from '../../../src/main/import/import-file.js';
import { DEFAULT_ZIP_LIMITS, readZipEntries } from '../../../src/main/zip/safe-zip.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import { makeDocx } from '../../fixtures/import/make-docx.js';
import { makePdf } from '../../fixtures/import/make-pdf.js';

function types(doc: unknown): string[] {
  const out: string[] = [];
  readerSchema.nodeFromJSON(doc).descendants((n) => {
    out.push(n.type.name);
    return true;
  });
  return out;
}

describe('DOCX import', () => {
  it('keeps headings, lists, a table, emphasis and footnotes, and drops a javascript: link', async () => {
    const r = await importBytes(await makeDocx(), 'case.docx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [d] = r.value;
    expect(d!.format).toBe('docx');
    expect(d!.title).toBe('Ecuador case study');
    const node = readerSchema.nodeFromJSON(d!.doc);
    node.check();
    const idx = buildTextIndex(node);
    expect(idx.headings.map((h) => [h.level, h.text])).toEqual([
      [1, 'Ecuador case study'],
      [2, 'Background'],
      [2, 'Outcomes'],
    ]);
    const t = types(d!.doc);
    for (const k of ['bullet_list', 'ordered_list', 'table', 'table_cell', 'footnotes', 'footnote', 'footnote_ref']) expect(t).toContain(k);
    expect(idx.text).toContain('Ecuador is a source country and a destination.[1] The first report placed it on Tier 3.[2]');
    expect(idx.text).toContain('Cable 05QUITO179, embassy report.');
    const json = JSON.stringify(d!.doc);
    expect(json).toContain('"strong"');
    expect(json).toContain('"em"');
    expect(json).toContain('https://example.org/report');
    expect(json).not.toContain('javascript:');
  });

  it('refuses a zip bomb before inflating it', async () => {
    const zeros = new Uint8Array(50 * 1024 * 1024);
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = await importBytes(bomb, 'bomb.docx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('too-large');
  });

  it('refuses archives with too many entries and too much declared content', () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 50; i++) many[`f${i}.xml`] = strToU8('x');
    const r = readZipEntries(zipSync(many), { ...DEFAULT_ZIP_LIMITS, maxEntries: 10, maxTotalBytes: 1e9 });
    expect(!r.ok && r.error.code).toBe('too-large');
    const big = readZipEntries(zipSync({ a: new Uint8Array(4096) }, { level: 0 }), { ...DEFAULT_ZIP_LIMITS, maxEntries: 10, maxTotalBytes: 1000 });
    expect(!big.ok && big.error.code).toBe('too-large');
  });

  it('reports a truncated DOCX and a zip that is not a Word document', async () => {
    const bytes = await makeDocx();
    const cut = await importBytes(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.docx');
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(['corrupt', 'invalid']).toContain(cut.error.code);
    const other = await importBytes(zipSync({ 'readme.txt': strToU8('hello') }), 'other.docx');
    expect(!other.ok && other.error.code).toBe('invalid');
  });
});

describe('PDF import', () => {
  const pdf = makePdf(
    [
      ['Summary', '', 'The embassy raised trafficking in every', 'meeting with the minister.', '', '• Training for judges', '• A shelter in Quito'],
      ['Background', 'Ecuador was placed on Tier 3 in 2004.'],
    ],
    'Hand-made PDF',
  );

  it('extracts text with page markers, paragraphs, bullets and section headings', async () => {
    const r = await importBytes(pdf, 'report.pdf');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [d] = r.value;
    expect(d!.format).toBe('pdf');
    expect(d!.title).toBe('Hand-made PDF');
    const idx = buildTextIndex(readerSchema.nodeFromJSON(d!.doc));
    expect(idx.pages.map((p) => p.page)).toEqual([1, 2]);
    expect(idx.text.slice(idx.pages[1]!.offset).startsWith('Background')).toBe(true);
    expect(idx.headings.map((h) => h.text)).toEqual(['Summary', 'Background']);
    expect(idx.text).toContain('The embassy raised trafficking in every meeting with the minister.');
    expect(types(d!.doc).filter((t) => t === 'list_item')).toHaveLength(2);
  });

  it('reports a truncated PDF and garbage behind a PDF header as errors', async () => {
    const cut = await importBytes(pdf.subarray(0, 200), 'cut.pdf');
    expect(cut.ok).toBe(false);
    const junk = await importBytes(new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...new Uint8Array(300).fill(7)]), 'junk.pdf');
    expect(junk.ok).toBe(false);
    if (!junk.ok) expect(['corrupt', 'invalid']).toContain(junk.error.code);
  });
});
