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
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ratings', 'Counts', 'Legend', 'Ratings by coder', 'Evidence', 'Agreement', 'Manifest']);
    const ws = wb.getWorksheet('Ratings')!;
    // a title row, then the header, then the cases
    expect(ws.getRow(1).getCell(1).value).toBe('Table 1. A6 outcomes: consensus ratings (adjudicated by Consensus), 3 cases × 3 columns.');
    expect(ws.getRow(2).values).toEqual([undefined, 'Case', 'Legislation', 'Institution building', 'Norms and practices']);
    const grid = [3, 4, 5].map((r) => [1, 2, 3, 4].map((c) => ws.getRow(r).getCell(c).value ?? ''));
    expect(grid).toEqual([
      ['Argentina', 'strong', 'moderate', 'weak'],
      ['Armenia', 'strong', 'moderate', 'moderate'],
      ['Chad', 'none', 'not applicable', ''],
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 1 });
    // prints one page wide, as many pages tall as it needs, the header repeated
    for (const sheet of wb.worksheets) expect(sheet.pageSetup, sheet.name).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe('2:2');
    // the notes under the table, lettered, with their evidence
    const below = ws.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(below.find((v) => v.startsWith('Note. Ratings on an ordinal scale'))).toMatch(/Krippendorff’s α \(ordinal\) = 0\.663, 95% CI \[/);
    expect(below.find((v) => v.startsWith('a  Argentina, Legislation.'))).toContain('Argentina case study, p. 11: “Law 26.364, which criminalised');
    const legend = wb.getWorksheet('Legend')!;
    expect(legend.getColumn(1).values.slice(2, 7)).toEqual(['none', 'weak', 'moderate', 'strong', 'not applicable']);
    const strong = ws.getRow(3).getCell(2);
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
    expect(counts.getRow(3).getCell(2).value).toBe(pooled.ok && pooled.value.cells[0]![0]!.passages);
    const manifest = wb.getWorksheet('Manifest')!;
    expect(String(manifest.getColumn(2).values.find((v) => typeof v === 'string' && v.startsWith('{')))).toContain('"codebook"');
  });

  it('DOCX: a "Table N" caption with a SEQ field, the table with lettered markers, notes and evidence under it, the manifest only in the properties', async () => {
    const { f } = await file({ format: 'docx' });
    const zip = unzipSync(f.bytes);
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'docProps/custom.xml']));
    const xml = strFromU8(zip['word/document.xml']!);
    expect(xml).not.toContain('w:footnoteReference'); // notes under the table, not page footnotes
    expect(xml).toMatch(/<w:fldSimple w:instr="SEQ Table \\\* ARABIC"><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t[^>]*>1<\/w:t><\/w:r><\/w:fldSimple>/);
    expect(xml).toContain('<w:pStyle w:val="Caption"/>');
    const parser = new XMLParser({ ignoreAttributes: false, trimValues: false, isArray: (name) => ['w:tr', 'w:tc', 'w:p', 'w:r'].includes(name) });
    type Run = { 'w:t'?: unknown; 'w:rPr'?: { 'w:vertAlign'?: { '@_w:val': string } } };
    type Para = { 'w:r'?: Run[] };
    const body = (parser.parse(xml) as { 'w:document': { 'w:body': { 'w:tbl': { 'w:tr': { 'w:tc': { 'w:p': Para[] }[] }[] }; 'w:p': Para[] } } })['w:document']['w:body'];
    const rows = body['w:tbl']['w:tr'];
    const runText = (r: Run): string => (typeof r['w:t'] === 'object' ? String((r['w:t'] as Record<string, unknown>)['#text']) : String(r['w:t'] ?? ''));
    const textOf = (ps: Para[]): string =>
      ps
        .flatMap((p) => p['w:r'] ?? [])
        .map(runText)
        .join('');
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => textOf(r['w:tc'][0]!['w:p']))).toEqual(['Case', 'Argentina', 'Armenia', 'Chad']);
    const argLeg = rows[1]!['w:tc'][1]!['w:p'][0]!['w:r']!;
    expect(argLeg.map(runText)).toEqual(['strong', 'a']);
    expect(argLeg[1]!['w:rPr']?.['w:vertAlign']?.['@_w:val']).toBe('superscript');
    const after = body['w:p'].map((p) => textOf([p]));
    expect(after.find((t) => t.startsWith('Note. '))).toMatch(/Agreement between Ana and Ben: Krippendorff’s α \(ordinal\) = 0\.663, 95% CI/);
    expect(after.find((t) => t.startsWith('a '))).toBe(
      'a Argentina, Legislation. Law 26.364 (2008) followed direct US pressure; 50% of cases cite it & "Tier 2" <mattered>. Law 26.364 cites the report. Evidence: Argentina case study, p. 11: “Law 26.364, which criminalised trafficking & forced labour; 50% of prosecutions now cite it.”',
    );
    expect(xml).not.toMatch(/SHA-256|Generated by/);
    const custom = strFromU8(zip['docProps/custom.xml']!);
    expect(custom).toContain('Casecoder 05 Codebook');
    expect(custom).toMatch(/SHA-256 [0-9a-f]{64}/);
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
    expect(wb.worksheets[0]?.getRow(3).getCell(2).value).toBe(2);
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
    expect(ws.getRow(1).getCell(1).value).toBe('Table 1. Number of coded passages of each code (subcodes included) in each case.');
    expect(ws.getRow(2).values).toEqual([undefined, 'Code', 'Argentina', 'Armenia', 'Chad']);
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
