/**
 * Finding 3 (Medium): formula injection in the agreement report CSV and in the reliability CSV's
 * header of coder names. Every CSV and XLSX writer must pass text through the one guard
 * (`guardFormula`); this file enumerates the writers, statically and by running each one on names
 * that start a formula, and fails on any that bypasses the guard.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createService } from '../../src/main/service/service.js';
import { reliabilityCsv } from '../../src/core/agreement/index.js';
import { freshAppHome, must, temp } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EVIL = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3'];
const formula = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

/** Modules that write CSV or XLSX, found by what they contain (a writer added later is found too). */
const WRITER_PATTERN = /toCsv\(|csvField|\.join\(','\)|writeBuffer\(|ExcelJS\.Workbook\(|Papa\.unparse|unparse\(/;
/** Modules that only read CSV/XLSX (attribute tables): they must never start writing. */
const READERS = ['src/main/import/attributes.ts'];
/** Each known writer and how it reaches the guard. */
const KNOWN: Record<string, RegExp> = {
  'src/core/export/escape.ts': /export function guardFormula/,
  'src/core/export/csv.ts': /toCsv/,
  'src/core/retrieval/passages.ts': /toCsv/,
  'src/core/agreement/report.ts': /csvField/,
  'src/core/agreement/parse-data.ts': /guardFormula|csvField/,
  'src/main/export/xlsx.ts': /guardedXlsxBytes/,
  'src/main/export/xlsx-guard.ts': /guardFormula/,
};

describe('finding 3: one formula guard for every CSV and XLSX writer', () => {
  it('every module that writes CSV or XLSX is known and reaches the guard', () => {
    const writers = files(join(ROOT, 'src'))
      .filter((f) => WRITER_PATTERN.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => !f.startsWith('src/renderer/')) // the renderer only saves text the backend or core made
      .filter((f) => !READERS.includes(f));
    for (const r of READERS) expect(readFileSync(join(ROOT, r), 'utf8'), r).not.toMatch(/writeBuffer\(|unparse\(|toCsv\(/);
    for (const w of writers) {
      const how = KNOWN[w];
      expect(how, `${w} writes CSV/XLSX but is not in the list of guarded writers`).toBeDefined();
      expect(readFileSync(join(ROOT, w), 'utf8'), w).toMatch(how!);
    }
  });

  it('no writer lets a formula through: agreement report, reliability data, matrix CSV/tidy/XLSX, passages', async () => {
    freshAppHome();
    const svc = createService({ appVersion: 'test', transport: 'cli' });
    must(await svc.call('project.create', { dir: join(temp(), 'p'), name: EVIL[0]! }));
    const coders: string[] = [];
    for (const name of EVIL.slice(0, 2)) {
      coders.push((must(await svc.call('coder.use', { name })) as { value: string }).value);
    }
    const text = 'The minister promised a new law within the year.\n';
    const up = must(await svc.call('import.upload', { caseName: EVIL[2]!, files: [{ name: 'a.md', dataBase64: Buffer.from(text).toString('base64') }] })) as { value: { files: { documentIds: string[] }[] } };
    const doc = up.value.files[0]!.documentIds[0]!;
    const code = (must(await svc.call('code.create', { name: EVIL[3]! })) as { value: { id: string } }).value.id;
    for (const coderId of coders) {
      svc.context.session!.coderId = coderId;
      must(await svc.call('coding.add', { documentId: doc, codeId: code, start: 4, end: 12 }));
    }
    const csvs: [string, string][] = [];
    const report = must(await svc.call('agreement.report', { coderIds: coders, unit: 'segment', format: 'csv' })) as { text: string };
    csvs.push(['agreement.report', report.text]);
    const cmp = must(await svc.call('agreement.compute', { coderIds: coders, unit: 'segment', withData: true })) as { pooled: { data: Parameters<typeof reliabilityCsv>[0] } };
    csvs.push(['reliabilityCsv', reliabilityCsv({ ...cmp.pooled.data, coders: EVIL.slice(0, 2) })]);
    for (const format of ['csv', 'tidy'] as const) {
      const m = must(await svc.call('matrix.exportCodeCase', { format })) as { dataBase64: string };
      csvs.push([`matrix.exportCodeCase ${format}`, Buffer.from(m.dataBase64, 'base64').toString('utf8')]);
    }
    csvs.push(['retrieval.export', (must(await svc.call('retrieval.export', { format: 'csv' })) as { text: string }).text]);
    for (const [what, text] of csvs) {
      const cells = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.flat();
      expect(
        cells.some((c) => EVIL.some((e) => c === `'${e}`)),
        `${what} should hold a hostile name, guarded`,
      ).toBe(true);
      for (const c of cells) expect(formula(c), `${what}: ${c}`).toBe(false);
    }
    for (const op of ['matrix.exportCodeCase', 'matrix.exportCoOccurrence'] as const) {
      const x = must(await svc.call(op, op === 'matrix.exportCodeCase' ? { format: 'xlsx' } : { format: 'xlsx', rule: 'overlap' })) as { dataBase64: string };
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as never);
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (typeof cell.value === 'string') expect(formula(cell.value), `${op} xlsx: ${cell.value}`).toBe(false);
          }),
        ),
      );
    }
    await svc.close();
  });
});
