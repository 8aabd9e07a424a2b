import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readAttributeFile } from '../../../src/main/import/attributes.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));

describe('attribute tables from files', () => {
  it('reads CSV with quotes and a BOM, keyed by the "case" column', async () => {
    const p = path.join(dir, 'a.csv');
    fs.writeFileSync(p, '\uFEFFRegion,case,GDP\r\n"Andes, north",Ecuador,"4,461.13"\r\nSahel,Chad,\r\n');
    const r = await readAttributeFile(p);
    expect(r).toEqual({
      ok: true,
      value: [
        { caseName: 'Ecuador', values: { Region: 'Andes, north', GDP: '4,461.13' } },
        { caseName: 'Chad', values: { Region: 'Sahel', GDP: '' } },
      ],
    });
  });

  it('reads the first worksheet of an XLSX written by exceljs, dates as YYYY-MM-DD', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Cases');
    ws.addRow(['Country', 'Tier', 'First report']);
    ws.addRow(['Oman', 2, new Date(Date.UTC(2005, 5, 3))]);
    const p = path.join(dir, 'a.xlsx');
    await wb.xlsx.writeFile(p);
    const r = await readAttributeFile(p);
    expect(r).toEqual({ ok: true, value: [{ caseName: 'Oman', values: { Tier: '2', 'First report': '2005-06-03' } }] });
  });

  it('gives typed errors for other files', async () => {
    const p = path.join(dir, 'a.json');
    fs.writeFileSync(p, '{}');
    expect(await readAttributeFile(p)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, 'not a zip');
    expect(await readAttributeFile(bad)).toMatchObject({ ok: false, error: { code: 'corrupt' } });
  });
});
