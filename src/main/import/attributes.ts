import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import type { Result } from '../../core/model/result.js';
import { err, ok } from '../../core/model/result.js';
import type { AttributeRow } from '../../core/cases/attributes.js';
import { decodeText } from '../../core/import/decode.js';
import { DEFAULT_ZIP_LIMITS, readZipEntries } from '../zip/safe-zip.js';

/** Attribute tables are small; refuse anything over this before reading it. */
export const MAX_ATTRIBUTE_FILE_BYTES = 20 * 1024 * 1024;

const CASE_HEADERS = new Set(['case', 'case name', 'name', 'country']);

/** Rows from a header row and data rows: the case column is `case`/`name`/`country`, else the first. */
export function rowsFromTable(table: readonly (readonly string[])[]): Result<AttributeRow[]> {
  const [header, ...body] = table;
  if (!header || header.length === 0) return err('invalid', 'The table has no header row.');
  const names = header.map((h) => h.trim());
  let key = names.findIndex((h) => CASE_HEADERS.has(h.toLowerCase()));
  if (key < 0) key = 0;
  const rows: AttributeRow[] = [];
  for (const cells of body) {
    if (cells.every((c) => !c.trim())) continue;
    const values = new Map<string, string>();
    names.forEach((n, i) => {
      if (i !== key && n) values.set(n, cells[i] ?? '');
    });
    rows.push({ caseName: (cells[key] ?? '').trim(), values: Object.fromEntries(values) });
  }
  return ok(rows);
}

/** Parse CSV text (any delimiter papaparse detects, quoted cells, a BOM) into attribute rows. */
export function parseAttributeCsv(text: string): Result<AttributeRow[]> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  if (parsed.data.length === 0) return err('invalid', 'The CSV file has no rows.');
  return rowsFromTable(parsed.data.map((r) => r.map((c) => String(c))));
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

/** Parse the first worksheet of an XLSX file (zip bounds checked first) into attribute rows. */
export async function parseAttributeXlsx(bytes: Uint8Array): Promise<Result<AttributeRow[]>> {
  const zip = readZipEntries(bytes, { ...DEFAULT_ZIP_LIMITS, maxEntries: 1000, maxTotalBytes: 100 * 1024 * 1024 });
  if (!zip.ok) return zip;
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) return err('invalid', 'The workbook has no worksheet.');
    const table: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      table.push(Array.from(cells, (c) => c ?? ''));
    });
    return rowsFromTable(table);
  } catch (e) {
    return err('corrupt', `The workbook could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** Read an attribute table from a `.csv` or `.xlsx` file (size checked on stat). */
export async function readAttributeFile(file: string): Promise<Result<AttributeRow[]>> {
  try {
    const st = await stat(file);
    if (st.size > MAX_ATTRIBUTE_FILE_BYTES) return err('too-large', `${path.basename(file)} is too large for an attribute table.`);
    const bytes = new Uint8Array(await readFile(file));
    const ext = path.extname(file).toLowerCase();
    if (ext === '.xlsx') return await parseAttributeXlsx(bytes);
    if (ext === '.csv' || ext === '.tsv' || ext === '.txt') {
      const text = decodeText(bytes);
      return text.ok ? parseAttributeCsv(text.value.text) : text;
    }
    return err('unsupported', 'Attribute tables must be .csv or .xlsx files.');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? err('not-found', `No such file: ${file}`) : err('io', `Cannot read ${file}: ${code ?? String(e)}`);
  }
}
