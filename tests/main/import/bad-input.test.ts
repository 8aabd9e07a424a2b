import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../../../src/main/import/import-file.js';
import { canonicalText } from '../../fixtures/import/seeds.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));
function file(name: string, bytes: Uint8Array | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

describe('importFile on bad input', () => {
  it('gives specific errors for missing, empty, directory, unknown extension, binary and oversize files', async () => {
    expect(await importFile(path.join(dir, 'nope.txt'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await importFile(file('empty.txt', ''))).toMatchObject({ ok: false, error: { code: 'invalid', message: 'empty.txt is empty.' } });
    expect(await importFile(dir)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await importFile(file('data.xyz', 'hello'))).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await importFile(file('bin.txt', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2])))).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await importFile(file('blank.txt', '\n\n   \n'))).toMatchObject({ ok: false, error: { code: 'invalid', message: 'The file contains no text.' } });
    const big = file('big.txt', 'x'.repeat(5000));
    expect(await importFile(big, { maxBytes: 1000 })).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('checks the size cap on stat, before reading: a sparse 3 GB file is refused at once', async () => {
    const p = path.join(dir, 'huge.txt');
    const fd = fs.openSync(p, 'w');
    fs.ftruncateSync(fd, 3 * 1024 ** 3);
    fs.closeSync(fd);
    const r = await importFile(p);
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
    fs.rmSync(p);
  });

  it('reads invalid UTF-8 as windows-1252 with a warning, UTF-16 with BOM, and CRLF', async () => {
    const latin = await importFile(file('latin.txt', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a])));
    expect(latin.ok && latin.value[0]!.encoding).toBe('windows-1252');
    expect(latin.ok && canonicalText(latin.value[0]!.doc)).toBe('Café');
    expect(latin.ok && latin.value[0]!.warnings.join()).toMatch(/Windows-1252/);
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Quito\r\n\r\nGuayaquil', 'utf16le')]);
    const r = await importFile(file('u16.txt', u16));
    expect(r.ok && r.value[0]!.encoding).toBe('utf-16le');
    expect(r.ok && canonicalText(r.value[0]!.doc)).toBe('Quito\n\nGuayaquil');
  });

  it('detects a PDF hiding behind a .txt name by its magic bytes', async () => {
    const r = await importFile(file('fake.txt', '%PDF-1.4\nnot really'));
    expect(r).toMatchObject({ ok: false, error: { code: 'corrupt' } });
  });
});
