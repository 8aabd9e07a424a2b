import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Coding, DocumentMeta, ProjectData } from '../../../src/core/model/types.js';
import { codebookFromTemplate } from '../../../src/core/codebook/template.js';
import { createProject, ensureCoder } from '../../../src/core/model/project.js';
import { makeAnchor } from '../../../src/core/codings/anchor.js';
import { sha256Hex } from '../../../src/core/util/hash.js';
import { ensureDefaultMatrices } from '../../../src/core/matrix/matrix-ops.js';
import { resolveRatingRefs, setRating } from '../../../src/core/matrix/ratings.js';
import { adjudicateRating, adoptAgreedRatings, ratingDisagreements } from '../../../src/core/matrix/consensus.js';
import { suggestEvidence } from '../../../src/core/matrix/evidence.js';
import { buildMatrixView } from '../../../src/core/matrix/view.js';
import { exportMatrix, EXPORT_FORMATS } from '../../../src/main/export/export-matrix.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

/**
 * The end-to-end path on real material: seed 002 cut into its country sections (by the
 * bare-line country headings), the outcome sections coded by two coders, the A6 matrix rated for
 * three countries by both, adjudicated, and exported in every format.
 */
const SEED = new URL('../../../../shared/seeds/002_3a38896384b8e93f.txt', import.meta.url);
const COUNTRIES: [name: string, heading: RegExp][] = [
  ['Argentina', /^Argentina$/m],
  ['Armenia', /^Armenia \(see also case discussion in book\)$/m],
  ['Chad', /^Chad$/m],
  ['Ecuador', /^Ecuador$/m],
];
const SECTIONS: [code: string, heading: RegExp][] = [
  ['sd-legislation', /^Legislation( and other policy)?$/m],
  ['sd-institution-building', /^Institution building$/m],
  ['sd-norms-practices', /^The promotion and adoption of new norms and practices$/m],
];

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function build(raw: string): ProjectData {
  const template = JSON.parse(readFileSync(new URL('../../../resources/codebooks/scorecard-diplomacy.json', import.meta.url), 'utf8')) as unknown;
  let data = createProject('Seed 002', must(codebookFromTemplate(template)), coreEnv);
  data = ensureCoder(data, 'Ana', coreEnv).data;
  data = ensureCoder(data, 'Ben', coreEnv).data;
  data = ensureCoder(data, 'Consensus', coreEnv, { consensus: true }).data;
  const [ana, ben] = data.coders;
  const documents: DocumentMeta[] = [];
  const codings: Coding[] = [];
  for (let i = 0; i < 3; i++) {
    const [name, heading] = COUNTRIES[i]!;
    const start = raw.search(heading);
    const end =
      start +
      raw
        .slice(start)
        .slice(1)
        .search(COUNTRIES[i + 1]![1]) +
      1;
    const text = raw.slice(start, end);
    const caseId = `k${i}`;
    data.cases.push({ id: caseId, name, attributes: {} });
    const docId = `d${i}`;
    documents.push({ id: docId, caseId, title: `${name} (Case Study Supplement)`, sourceFile: '002.txt', format: 'txt', textHash: sha256Hex(text), chars: text.length, importedAt: '2026-01-15T00:00:00Z', textVersion: 1 });
    for (const [codeId, sectionHeading] of SECTIONS) {
      const at = text.search(sectionHeading);
      if (at < 0) continue;
      // the first paragraph after the section heading; Ana codes it whole, Ben its first sentence
      const paraStart = text.indexOf('\n\n', at) + 2;
      const paraEnd = text.indexOf('\n\n', paraStart);
      const sentenceEnd = text.indexOf('. ', paraStart) + 1;
      for (const [coder, e] of [
        [ana!, paraEnd],
        [ben!, sentenceEnd],
      ] as const) {
        const a = makeAnchor(text, paraStart, e);
        if (!a) continue;
        codings.push({ id: `c${codings.length}`, documentId: docId, codeId, coderId: coder.id, ...a, memo: '', created: '2026-01-15T00:00:00Z', updated: '2026-01-15T00:00:00Z' });
      }
    }
  }
  return ensureDefaultMatrices({ ...data, documents, codings });
}

describe('seed 002 end to end: code, rate as two coders, adjudicate, export', () => {
  it.skipIf(!existsSync(SEED))('produces every format with the ratings intact', async () => {
    let data = build(readFileSync(SEED, 'utf8'));
    expect(data.cases.map((c) => c.name)).toEqual(['Argentina', 'Armenia', 'Chad']);
    const judgements: Record<string, Record<string, [string, string, string]>> = {
      Ana: { Argentina: ['strong', 'moderate', 'weak'], Armenia: ['strong', 'strong', 'moderate'], Chad: ['weak', 'none', 'none'] },
      Ben: { Argentina: ['strong', 'weak', 'weak'], Armenia: ['moderate', 'strong', 'moderate'], Chad: ['weak', 'none', 'not applicable'] },
    };
    const columns = ['Outcomes/Legislation', 'Outcomes/Institution building', 'Outcomes/Norms and practices'];
    for (const [coder, byCase] of Object.entries(judgements)) {
      for (const [caseName, values] of Object.entries(byCase)) {
        values.forEach((value, j) => {
          const ids = must(resolveRatingRefs(data, { matrix: 'A6 outcomes', case: caseName, column: columns[j]!, coder }));
          const evidence = suggestEvidence(data, ids.caseId, ids.codeId, [ids.coderId]).map((e) => e.codingId);
          data = must(setRating(data, { ...ids, value, note: `${coder} on ${caseName}`, evidence }, coreEnv)).data;
        });
      }
    }
    const [ana, ben, con] = data.coders.map((c) => c.id);
    const m = data.matrices.find((x) => x.name === 'A6 outcomes')!;
    const dis = must(ratingDisagreements(data, m.id, [ana!, ben!]));
    expect(dis).toHaveLength(3);
    data = must(adoptAgreedRatings(data, { matrixId: m.id, consensusCoderId: con!, fromCoderIds: [ana!, ben!] }, coreEnv)).data;
    for (const d of dis) data = must(adjudicateRating(data, { matrixId: m.id, caseId: d.caseId, codeId: d.codeId, consensusCoderId: con!, fromCoderIds: [ana!, ben!], value: d.values[0]!.value }, coreEnv)).data;
    const view = must(buildMatrixView(data, m.id, { coder: 'consensus', mode: 'ratings' }));
    expect(view.cells.map((r) => r.map((c) => c.label))).toEqual([
      ['strong', 'moderate', 'weak'],
      ['strong', 'strong', 'moderate'],
      ['weak', 'none', 'none'],
    ]);
    expect(view.cells[0]![0]!.evidence[0]?.quote).toMatch(/\S/);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-'));
    const stamp = { appVersion: '0.1.0', date: '2026-01-15' };
    for (const format of EXPORT_FORMATS) {
      const r = await exportMatrix(data, 'A6 outcomes', { coder: format === 'tidy' ? 'all' : 'consensus', format, ...stamp });
      writeFileSync(path.join(dir, `a6.${format === 'tidy' ? 'tidy.csv' : must(r).ext}`), must(r).bytes);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'a6.xlsx'));
    const ws = wb.getWorksheet('Ratings')!;
    expect([3, 4, 5].map((r) => [2, 3, 4].map((c) => ws.getRow(r).getCell(c).value))).toEqual(view.cells.map((r) => r.map((c) => c.label)));
    const docXml = strFromU8(unzipSync(readFileSync(path.join(dir, 'a6.docx')))['word/document.xml']!);
    expect(docXml).toContain('<w:tbl>');
    expect(docXml.match(/<w:tr>/g)).toHaveLength(4);
    const tex = readFileSync(path.join(dir, 'a6.tex'), 'utf8');
    const body = tex
      .slice(tex.indexOf('\\midrule'), tex.indexOf('\\bottomrule'))
      .split('\n')
      .filter((l) => l.endsWith('\\\\'));
    expect(body.map((l) => l.split(' & ')[0])).toEqual(['Argentina', 'Armenia', 'Chad']);
    const tidy = Papa.parse<Record<string, string>>(readFileSync(path.join(dir, 'a6.tidy.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    expect(tidy.errors).toEqual([]);
    expect(tidy.data).toHaveLength(3 * 3 * 3);
    expect(tidy.data.filter((r) => r.coder === 'Ben' && r.rating_label === 'not applicable')).toHaveLength(1);
  });
});
