import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Coding, Matrix, ProjectData, Rating } from '../../src/core/model/types.js';
import { codebookFromTemplate } from '../../src/core/codebook/template.js';
import { buildMatrixView } from '../../src/core/matrix/view.js';
import { exportMatrix } from '../../src/main/export/export-matrix.js';
import { medianMs, result, type BenchResult } from './harness.js';

const CASES = 15;
const CODINGS = 20_000;
const DOC_CHARS = 200_000;
const COLUMNS = ['sd-direct-diplomacy', 'sd-indirect-pressure', 'sd-concerns', 'sd-legislation', 'sd-institution-building', 'sd-norms-practices', 'sd-conditioning-factors'];
const CODERS = ['u-a', 'u-b', 'u-c'];
const SCALE = ['none', 'weak', 'moderate', 'strong'];

/** Deterministic LCG so every run measures the same project. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** 15 cases × 7 columns, 20,000 codings by two coders, every cell rated by both and the consensus with three evidence passages each. */
export function synthetic(): ProjectData {
  const rnd = lcg(42);
  const template = JSON.parse(readFileSync(new URL('../../resources/codebooks/scorecard-diplomacy.json', import.meta.url), 'utf8')) as unknown;
  const cb = codebookFromTemplate(template);
  if (!cb.ok) throw new Error(cb.error.message);
  const at = '2026-01-15T10:00:00.000Z';
  const cases = Array.from({ length: CASES }, (_, i) => ({ id: `k${i}`, name: `Country ${String.fromCharCode(65 + i)}`, attributes: {} }));
  const documents = cases.map((c, i) => ({
    id: `d${i}`,
    caseId: c.id,
    title: `${c.name} case study`,
    sourceFile: `d${i}.txt`,
    format: 'txt' as const,
    textHash: '0'.repeat(64),
    chars: DOC_CHARS,
    importedAt: at,
    textVersion: 1,
    pages: Array.from({ length: 50 }, (_, p) => ({ page: p + 1, offset: p * (DOC_CHARS / 50) })),
  }));
  const codings: Coding[] = [];
  for (let i = 0; i < CODINGS; i++) {
    const start = Math.floor(rnd() * (DOC_CHARS - 400));
    const end = start + 20 + Math.floor(rnd() * 380);
    const exact = `passage ${i} `.repeat(4);
    codings.push({ id: `c${i}`, documentId: `d${i % CASES}`, codeId: COLUMNS[Math.floor(rnd() * COLUMNS.length)] as string, coderId: CODERS[i % 2] as string, start, end, exact, prefix: '', suffix: '', memo: '', created: at, updated: at });
  }
  const matrix: Matrix = { id: 'mx', name: 'Bench matrix', columns: COLUMNS, rows: [], scale: SCALE, notApplicable: 'not applicable' };
  const ratings: Rating[] = [];
  const byCell = new Map<string, string[]>();
  for (const c of codings) {
    const k = `${c.documentId.slice(1)}|${c.codeId}`;
    const list = byCell.get(k) ?? [];
    if (list.length < 3) list.push(c.id);
    byCell.set(k, list);
  }
  for (const [ci] of cases.entries()) {
    for (const col of COLUMNS) {
      for (const coder of CODERS) {
        ratings.push({
          id: `r${ratings.length}`,
          matrixId: 'mx',
          caseId: `k${ci}`,
          codeId: col,
          coderId: coder,
          value: SCALE[Math.floor(rnd() * 4)] as string,
          note: `Judgement for ${col} in case ${ci}.`,
          evidence: byCell.get(`${ci}|${col}`) ?? [],
          updated: at,
        });
      }
    }
  }
  return {
    format: 'casecoder',
    schemaVersion: 1,
    project: { id: 'p', name: 'Bench', created: at, codebookVersion: 1 },
    coders: [
      { id: 'u-a', name: 'A' },
      { id: 'u-b', name: 'B' },
      { id: 'u-c', name: 'Consensus', consensus: true },
    ],
    codebook: cb.value,
    attributeDefs: [],
    cases,
    documents,
    codings,
    matrices: [matrix],
    ratings,
    memos: [],
  };
}

/**
 * matrix.xlsx_ms: build the matrix (view, counts, tidy rows, evidence, agreement) from 20,000
 * codings and write the six-sheet XLSX, against exceljs writing a workbook of the same 15 × 7
 * rating numbers with no formatting (the bare serialisation of the numbers).
 * matrix.view_ms: the matrix view in counts mode against one pass over the codings.
 */
export default async function run(): Promise<BenchResult[]> {
  const data = synthetic();
  const opts = { coder: 'consensus', format: 'xlsx' as const, appVersion: 'bench', date: '2026-01-15' };
  const probe = await exportMatrix(data, 'mx', opts);
  if (!probe.ok) throw new Error(probe.error.message);
  const full = await medianMs(async () => {
    const r = await exportMatrix(data, 'mx', opts);
    if (!r.ok) throw new Error(r.error.message);
  }, 7);
  const numbers = Array.from({ length: CASES }, (_, i) => COLUMNS.map((_, j) => (i * 7 + j) % 4));
  const bare = await medianMs(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ratings');
    for (const row of numbers) ws.addRow(row);
    await wb.xlsx.writeBuffer();
  }, 7);
  const view = await medianMs(() => buildMatrixView(data, 'mx', { coder: 'all', mode: 'counts' }), 9);
  let sink = 0;
  const pass = await medianMs(() => {
    for (const c of data.codings) sink += c.end - c.start + c.codeId.length;
  }, 9);
  void sink;
  return [
    result('matrix.xlsx_ms', full, 'ms', 'exceljs workbook of the bare 15×7 numbers', bare, `${CODINGS} codings, ${probe.value.bytes.length} bytes; budget 500 ms`),
    result('matrix.view_ms', view, 'ms', 'one pass over the 20,000 codings', pass),
  ];
}
