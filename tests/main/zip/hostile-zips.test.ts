import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/model/result.js';
import { importDocx } from '../../../src/main/import/docx.js';
import { parseAttributeXlsx } from '../../../src/main/import/attributes.js';
import { readRefiBytes } from '../../../src/main/refi/read-refi-file.js';
import { makeDocx } from '../../fixtures/import/make-docx.js';
import { centralRecords, patchEntry } from '../refi/zip-surgery.js';

/**
 * DOCX, XLSX and QDPX go through the one bounded zip reader (`src/main/zip/safe-zip.ts`): the same
 * hostile archives — zip slip, a zip bomb, size headers that lie either way, a bad CRC — are
 * refused through each importer's own entry point, with the reader's specific message, and each
 * clean archive still opens (the checks do not simply fail everything).
 */

const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Users><User guid="11111111-1111-4111-8111-111111111111" name="A"/></Users></Project>`;

async function xlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cases');
  ws.addRow(['Country', 'Tier']);
  for (let i = 0; i < 200; i++) ws.addRow([`Country ${i}`, i % 4]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface Format {
  name: string;
  clean: () => Promise<Uint8Array>;
  /** An entry the importer must read (a lie about it cannot go unnoticed). */
  main: string;
  read: (bytes: Uint8Array) => Promise<Result<unknown>>;
}

const FORMATS: Format[] = [
  { name: 'DOCX', clean: makeDocx, main: 'word/document.xml', read: (b) => importDocx(b) },
  { name: 'XLSX', clean: xlsx, main: 'xl/worksheets/sheet1.xml', read: (b) => parseAttributeXlsx(b) },
  { name: 'QDPX', clean: async () => zipSync({ 'project.qde': strToU8(QDE) }), main: 'project.qde', read: (b) => readRefiBytes(b) },
];

/** The archive re-zipped (deflated) with extra entries. */
function withEntries(bytes: Uint8Array, extra: Record<string, Uint8Array>): Uint8Array {
  return zipSync({ ...unzipSync(bytes), ...extra }, { level: 9 });
}

/** A copy with the CRC-32 of `name` in the central directory changed. */
function flipCrc(bytes: Uint8Array, name: string): Uint8Array {
  const out = bytes.slice();
  const rec = centralRecords(out).find((r) => r.name === name);
  if (!rec) throw new Error(`no entry ${name}`);
  const v = new DataView(out.buffer);
  v.setUint32(rec.at + 16, (v.getUint32(rec.at + 16, true) ^ 0x5a5a5a5a) >>> 0, true);
  return out;
}

async function refusal(f: Format, bytes: Uint8Array): Promise<{ code: string; message: string }> {
  const r = await f.read(bytes);
  if (r.ok) throw new Error(`${f.name}: a hostile archive was accepted`);
  return { code: r.error.code, message: r.error.message };
}

describe.each(FORMATS)('hostile $name archives go through the one zip reader', (f) => {
  it('opens the clean archive', async () => {
    const r = await f.read(await f.clean());
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });

  it.each(['../evil.xml', 'word/../../evil.xml', '/etc/evil.xml', 'C:/evil.xml', 'a\\..\\evil.xml'])('refuses a zip-slip entry name (%s)', async (name) => {
    const e = await refusal(f, withEntries(await f.clean(), { [name]: strToU8('pwned') }));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/^Unsafe entry name in the archive/);
  });

  it('refuses a zip bomb (50 MB of zeros in a few kB) by its ratio, before inflating', async () => {
    const bomb = withEntries(await f.clean(), { 'customXml/bomb.xml': new Uint8Array(50 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const e = await refusal(f, bomb);
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/customXml\/bomb\.xml would expand \d+-fold.*zip bomb/);
  });

  it('catches a size header that declares less than the entry holds, while inflating', async () => {
    const e = await refusal(f, patchEntry(await f.clean(), f.main, { size: 10 }));
    expect(e.code).toBe('corrupt');
    expect(e.message).toBe(`Entry ${f.main} inflates past its declared size (10 bytes): its header lies`);
  });

  it('refuses a size header that declares 2 GB, before inflating', async () => {
    const e = await refusal(f, patchEntry(await f.clean(), f.main, { size: 2 ** 31 }));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(new RegExp(`^Entry ${f.main.replace(/[/.]/g, '\\$&')} declares 2147483648 bytes`));
  });

  it('refuses an entry whose CRC-32 does not match', async () => {
    const e = await refusal(f, flipCrc(await f.clean(), f.main));
    expect(e.code).toBe('corrupt');
    expect(e.message).toBe(`Entry ${f.main} fails its CRC-32 check`);
  });
});
