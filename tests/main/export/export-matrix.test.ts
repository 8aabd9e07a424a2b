import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportCoOccurrence, exportCodeCaseMatrix, exportMatrix, EXPORT_FORMATS, type ExportFile } from '../../../src/main/export/export-matrix.js';
import { buildMatrixView } from '../../../src/core/matrix/view.js';
import { TEXTS } from '../../core/matrix/fixture-project.js';
import { adjudicatedProject, STAMP } from '../../core/export/export-fixture.js';

const data = adjudicatedProject();
const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-'));

async function file(opts: Partial<Parameters<typeof exportMatrix>[2]> & { format: (typeof EXPORT_FORMATS)[number] }): Promise<{ f: ExportFile; p: string }> {
  const r = await exportMatrix(data, 'A6 outcomes', { coder: 'consensus', ...STAMP, ...opts });
  if (!r.ok) throw new Error(r.error.message);
  const p = path.join(dir, `a6-${opts.coder ?? 'consensus'}${opts.counts ? '-counts' : ''}.${r.value.ext}`);
  writeFileSync(p, r.value.bytes);
  if (r.value.sidecar) writeFileSync(p + r.value.sidecar.suffix, r.value.sidecar.bytes);
  return { f: r.value, p };
}

describe('exportMatrix', () => {
  it.each(EXPORT_FORMATS)('writes %s with a mime type and extension', async (format) => {
    const { f } = await file({ format });
    expect(f.bytes.length).toBeGreaterThan(100);
    expect(f.mime).toMatch(/\//);
  });

  it('XLSX read back with exceljs holds the same ratings, the evidence, the agreement and the manifest', async () => {
    const { p } = await file({ format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ratings', 'Counts', 'Ratings by coder', 'Evidence', 'Agreement', 'Manifest']);
    const ws = wb.getWorksheet('Ratings')!;
    const grid = [2, 3, 4].map((r) => [1, 2, 3, 4].map((c) => ws.getRow(r).getCell(c).value ?? ''));
    expect(grid).toEqual([
      ['Argentina', 'strong', 'moderate', 'weak'],
      ['Armenia', 'strong', 'moderate', 'moderate'],
      ['Chad', 'none', 'not applicable', ''],
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const strong = ws.getRow(2).getCell(2);
    expect((strong.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF1D4E8F');
    expect(JSON.stringify(strong.note)).toContain('Law 26.364');
    const tidy = wb.getWorksheet('Ratings by coder')!;
    expect(tidy.rowCount).toBe(1 + 27);
    const ev = wb.getWorksheet('Evidence')!;
    const pages = ev.getColumn(6).values.slice(2);
    expect(pages).toContain(11);
    expect(pages).toContain(12);
    const counts = wb.getWorksheet('Counts')!;
    // the consensus coder coded nothing itself: its counts are the independent coders' passages
    const pooled = buildMatrixView(data, data.matrices.find((m) => m.name === 'A6 outcomes')!.id, { coder: 'all', mode: 'counts' });
    expect(pooled.ok && pooled.value.cells[0]![0]!.passages).toBeGreaterThan(0);
    expect(counts.getRow(2).getCell(2).value).toBe(pooled.ok && pooled.value.cells[0]![0]!.passages);
    const manifest = wb.getWorksheet('Manifest')!;
    expect(String(manifest.getColumn(2).values.find((v) => typeof v === 'string' && v.startsWith('{')))).toContain('"codebook"');
  });

  it('DOCX is a valid package whose document.xml holds the table and whose footnotes cite evidence', async () => {
    const { f } = await file({ format: 'docx' });
    const zip = unzipSync(f.bytes);
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/footnotes.xml']));
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['w:tr', 'w:tc', 'w:p', 'w:r', 'w:footnote'].includes(name) });
    const doc = parser.parse(strFromU8(zip['word/document.xml']!)) as { 'w:document': { 'w:body': { 'w:tbl': { 'w:tr': { 'w:tc': { 'w:p': { 'w:r': { 'w:t'?: unknown; 'w:footnoteReference'?: unknown }[] }[] }[] }[] } } } };
    const rows = doc['w:document']['w:body']['w:tbl']['w:tr'];
    const textOf = (tc: { 'w:p': { 'w:r': { 'w:t'?: unknown }[] }[] }): string =>
      tc['w:p'].flatMap((p) => p['w:r'] ?? []).map((r) => (typeof r['w:t'] === 'object' ? String((r['w:t'] as Record<string, unknown>)['#text']) : String(r['w:t'] ?? ''))).join('');
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => textOf(r['w:tc'][0]!))).toEqual(['Case', 'Argentina', 'Armenia', 'Chad']);
    expect(textOf(rows[1]!['w:tc'][1]!)).toBe('strong');
    const refs = rows.flatMap((r) => r['w:tc'].flatMap((tc) => tc['w:p'].flatMap((p) => p['w:r'] ?? []))).filter((r) => r['w:footnoteReference'] !== undefined);
    expect(refs).toHaveLength(5);
    const notes = strFromU8(zip['word/footnotes.xml']!);
    expect(notes).toContain('Argentina case study, p. 11');
    expect(notes).toContain('&amp; &quot;Tier 2&quot; &lt;mattered&gt;');
  });

  it('PNG is a real image with the manifest in an iTXt chunk', async () => {
    const { f } = await file({ format: 'png' });
    expect([...f.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(f.bytes.buffer, f.bytes.byteOffset);
    expect(view.getUint32(16)).toBeGreaterThan(500); // width at 2×
    expect(Buffer.from(f.bytes).includes(Buffer.from('iTXtcasecoder-manifest'))).toBe(true);
  });

  it('tidy CSV file parses into one row per case × column × coder, with a manifest sidecar', async () => {
    const { p } = await file({ format: 'tidy', coder: 'all' });
    const parsed = Papa.parse<Record<string, string>>(readFileSync(p, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(27);
    const manifest = JSON.parse(readFileSync(p + '.manifest.json', 'utf8')) as { matrix: { name: string }; appVersion: string };
    expect(manifest).toMatchObject({ appVersion: '0.1.0-test', matrix: { name: 'A6 outcomes' } });
  });

  it('counts export puts counts first in the workbook', async () => {
    const { p } = await file({ format: 'xlsx', counts: true, coder: 'all' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p);
    expect(wb.worksheets[0]?.name).toBe('Counts');
    expect(wb.worksheets[0]?.getRow(2).getCell(2).value).toBe(2);
  });

  it.each([
    [{ format: 'pdf' }, 'usage'],
    [{ coder: 'Zed', format: 'csv' }, 'not-found'],
    [{ coder: undefined, format: 'csv', matrix: 'Scorecard cycle' }, 'invalid'],
  ])('returns a typed error for %j', async (o, code) => {
    const { matrix, ...opts } = o as { matrix?: string; format: string; coder?: string };
    const r = await exportMatrix(data, matrix ?? 'A6 outcomes', { ...STAMP, ...(opts as object), format: opts.format as 'csv' });
    expect(!r.ok && r.error.code).toBe(code);
  });

  it('returns not-found for an unknown matrix', async () => {
    const r = await exportMatrix(data, 'nope', { ...STAMP, format: 'xlsx', coder: 'Ana' });
    expect(!r.ok && r.error.code).toBe('not-found');
  });
});

describe('count matrix and co-occurrence exports', () => {
  it('code-by-case counts export as XLSX and DOCX', async () => {
    const x = await exportCodeCaseMatrix(data, { ...STAMP, format: 'xlsx' });
    expect(x.ok).toBe(true);
    if (!x.ok) return;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.value.bytes) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Code', 'Argentina', 'Armenia', 'Chad']);
    const d = await exportCodeCaseMatrix(data, { ...STAMP, format: 'docx' });
    expect(d.ok && strFromU8(unzipSync(d.value.bytes)['word/document.xml']!)).toContain('Outcomes/Legislation');
  });

  it('co-occurrence exports as PNG and says when texts are missing', async () => {
    const png = await exportCoOccurrence(data, { ...STAMP, format: 'png', rule: 'paragraph', texts: new Map(Object.entries(TEXTS)) });
    expect(png.ok && png.value.ext).toBe('png');
    const bad = await exportCoOccurrence(data, { ...STAMP, format: 'png', rule: 'paragraph' });
    expect(!bad.ok && bad.error.code).toBe('invalid');
  });
});
