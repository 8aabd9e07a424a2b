import { beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Result } from '../../../src/core/model/result.js';
import type { AgreementResult } from '../../../src/core/agreement/types.js';
import type { RatingDisagreement } from '../../../src/core/matrix/consensus.js';
import type { MatrixView } from '../../../src/core/matrix/view.js';
import type { Case, Matrix, ProjectData, Rating, SourceContent } from '../../../src/core/model/types.js';
import type { ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import type { CellEvidence, MatrixExportResult } from '../../../src/shared/api.js';
import { createService, type Service } from '../../../src/main/service/service.js';
import { durableState } from '../store/helpers.js';

const S002 = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds', '002_3a38896384b8e93f.txt');
const COUNTRIES = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras', 'Indonesia', 'Israel', 'Japan', 'Kazakhstan', 'Malaysia', 'Mozambique', 'Nigeria', 'Oman', 'United Arab Emirates', 'Zimbabwe'];
const OUTCOMES: [codeId: string, heading: RegExp][] = [
  ['sd-legislation', /\n\n(Legislation( and other policy)?)\n\n/],
  ['sd-institution-building', /\n\n(Institution building)\n\n/],
  ['sd-norms-practices', /\n\n(The promotion and adoption of new norms and practices)\n\n/],
];

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
function error(r: Result<unknown>): { code: string; message: string } {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}
/** The durable state on disk: casecoder.json plus the journal (see durableState). */
const onDisk = (dir: string): ProjectData => durableState(dir);

/** The first paragraph after an outcome heading of a case text: [start, end) of canonical text. */
function paragraphAfter(text: string, heading: RegExp): [number, number] | null {
  const m = heading.exec(text);
  if (!m) return null;
  const start = m.index + m[0].length;
  const end = text.indexOf('\n\n', start);
  return [start, end < 0 ? text.length : end];
}

describe.skipIf(!existsSync(S002))('matrix service on seed 002', () => {
  let svc: Service;
  let dir: string;
  let cases: Case[];
  const call = async <T>(op: string, args: unknown): Promise<T> => value<T>(await svc.call(op, args));

  beforeEach(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-matrix-')), 'p');
    svc = createService({ appVersion: '9.9.9', transport: 'web' });
    await call<ProjectView>('project.create', { dir });
    cases = (await call<Mutation<Case[]>>('case.create', { names: COUNTRIES })).value;
    const imp = await call<Mutation<ImportReport>>('import.files', { paths: [S002], splitCases: true });
    expect(imp.value.files[0]?.documentIds).toHaveLength(15);
    return async () => svc.close();
  });

  const caseId = (name: string): string => cases.find((c) => c.name === name)!.id;
  const docOf = (name: string): string => onDisk(dir).documents.find((d) => d.caseId === caseId(name))!.id;

  /** Code the first paragraph after each outcome heading of three countries as the current coder. */
  async function codeOutcomes(countries: string[], sentenceOnly = false): Promise<number> {
    let n = 0;
    for (const name of countries) {
      const src = await call<SourceContent>('document.content', { id: docOf(name) });
      for (const [codeId, heading] of OUTCOMES) {
        const p = paragraphAfter(src.text, heading);
        if (!p) continue;
        const end = sentenceOnly ? Math.min(p[1], src.text.indexOf('. ', p[0]) + 1 || p[1]) : p[1];
        await call('coding.add', { documentId: docOf(name), codeId, start: p[0], end });
        n++;
      }
    }
    return n;
  }

  it('a new project has the default matrices on disk, A6 outcomes with the three outcome columns', async () => {
    const data = onDisk(dir);
    expect(data.matrices.map((m) => m.name)).toEqual(['A6 outcomes', 'Scorecard cycle']);
    expect(data.matrices[0]?.columns).toEqual(['sd-legislation', 'sd-institution-building', 'sd-norms-practices']);
    expect(data.matrices[0]?.scale).toEqual(['none', 'weak', 'moderate', 'strong']);
  });

  it('an older project without matrices gets them lazily from matrix.list (committed once, no undo step); read-only sessions only see them', async () => {
    await svc.close();
    const raw = onDisk(dir);
    writeFileSync(join(dir, 'casecoder.json'), JSON.stringify({ ...raw, matrices: [] }));
    svc = createService({ appVersion: 't', transport: 'web' });
    await call('project.open', { dir, readOnly: true });
    const ro = await call<Mutation<Matrix[]>>('matrix.list', {});
    expect(ro.value.map((m) => m.name)).toEqual(['A6 outcomes', 'Scorecard cycle']);
    expect(onDisk(dir).matrices).toEqual([]);
    await svc.close();
    svc = createService({ appVersion: 't', transport: 'web' });
    await call('project.open', { dir });
    const rw = await call<Mutation<Matrix[]>>('matrix.list', {});
    expect(rw.patch.changes.upsert.matrices?.map((m) => m.id)).toEqual(ro.value.map((m) => m.id));
    expect(rw.patch.canUndo).toBe(false);
    expect(onDisk(dir).matrices).toHaveLength(2);
  });

  it('rates as two coders, reports disagreements and ordinal alpha, adjudicates, adopts the agreed cells, and every step is one undo', async () => {
    const three = ['Argentina', 'Armenia', 'Chad'];
    await call('coder.use', { name: 'Ana' });
    expect(await codeOutcomes(three)).toBeGreaterThanOrEqual(6);
    const a6 = onDisk(dir).matrices[0]!;
    const ana: Record<string, string[]> = { Argentina: ['strong', 'moderate', 'weak'], Armenia: ['strong', 'strong', 'moderate'], Chad: ['weak', 'none', 'none'] };
    const ben: Record<string, string[]> = { Argentina: ['strong', 'weak', 'weak'], Armenia: ['moderate', 'strong', 'moderate'], Chad: ['weak', 'none', 'not applicable'] };
    const rate = async (who: Record<string, string[]>): Promise<void> => {
      for (const name of three) {
        for (const [j, codeId] of a6.columns.entries()) {
          const ev = await call<CellEvidence>('matrix.evidence', { matrixId: a6.id, caseId: caseId(name), codeId });
          await call<Mutation<Rating>>('rating.set', { matrixId: a6.id, caseId: caseId(name), codeId, value: who[name]![j], note: `${name} ${j}`, evidence: ev.suggested.map((e) => e.codingId) });
        }
      }
    };
    await rate(ana);
    const anaCell = await call<CellEvidence>('matrix.evidence', { matrixId: a6.id, caseId: caseId('Argentina'), codeId: 'sd-legislation' });
    expect(anaCell.rating?.value).toBe('strong');
    expect(anaCell.cited.length).toBeGreaterThan(0);
    expect(anaCell.cited[0]?.documentTitle).toBe('Argentina');
    expect(anaCell.columnPath).toBe('Outcomes/Legislation');

    // one undo step per rating, labelled with the cell
    const undone = await call<Mutation<string>>('history.undo', {});
    expect(undone.value).toBe('Rate Chad / Norms and practices: none');
    await call('history.redo', {});

    await call('coder.use', { name: 'Ben' });
    await codeOutcomes(three, true);
    await rate(ben);
    const dis = await call<RatingDisagreement[]>('rating.disagreements', { matrixId: a6.id });
    expect(dis.map((d) => `${cases.find((c) => c.id === d.caseId)?.name} ${d.codeId}`)).toEqual(['Argentina sd-institution-building', 'Armenia sd-legislation', 'Chad sd-norms-practices']);
    const alpha = await call<AgreementResult>('rating.agreement', { matrixId: a6.id });
    expect(alpha.level).toBe('ordinal');
    expect(alpha.value).not.toBeNull();
    expect(alpha.value!).toBeGreaterThan(0.5);
    expect(alpha.value!).toBeLessThan(1);
    // Gwet's AC2 over the same cells, with its interval: the figure the Matrices view shows beside alpha
    const ac2 = await call<AgreementResult>('rating.agreement', { matrixId: a6.id, coefficient: 'ac2' });
    expect(ac2.metric).not.toBe(alpha.metric);
    expect(ac2.units).toBe(alpha.units);
    expect(ac2.interval?.lower).toBeLessThanOrEqual(ac2.value!);
    expect(error(await svc.call('rating.agreement', { matrixId: a6.id, coefficient: 'kappa' })).code).toBe('usage');
    // The all-coders view carries every independent coder's value per cell; a one-coder view none of them
    const all = await call<MatrixView>('matrix.view', { matrix: a6.id, coder: 'all' });
    const argentina = three.indexOf('Argentina');
    expect(all.cells[argentina]![1]!.byCoder).toEqual([
      { coderId: onDisk(dir).coders.find((c) => c.name === 'Ana')!.id, coder: 'Ana', value: ana['Argentina']![1] },
      { coderId: onDisk(dir).coders.find((c) => c.name === 'Ben')!.id, coder: 'Ben', value: ben['Argentina']![1] },
    ]);
    expect((await call<MatrixView>('matrix.view', { matrix: a6.id })).cells.flat().every((c) => c.byCoder === undefined)).toBe(true);

    const adopted = await call<Mutation<{ adopted: number; consensusCoderId: string }>>('rating.adoptAgreed', { matrixId: a6.id });
    expect(adopted.value.adopted).toBe(6);
    expect(adopted.patch.changes.upsert.coders?.find((c) => c.consensus)?.name).toBe('Consensus');
    for (const d of dis) {
      const r = await call<Mutation<Rating>>('rating.adjudicate', { matrixId: a6.id, caseId: d.caseId, codeId: d.codeId, value: d.values[0]!.value });
      expect(r.value.provenance?.decision).toBe('accept-a');
      expect(r.value.provenance?.decidedBy).toBe(onDisk(dir).coders.find((c) => c.name === 'Ben')!.id);
    }
    const view = await call<MatrixView>('matrix.view', { matrix: 'a6 OUTCOMES', coder: 'consensus' });
    expect(view.rows.slice(0, 3).map((r) => r.name)).toEqual(three);
    expect(view.cells.slice(0, 3).map((r) => r.map((c) => c.label))).toEqual(three.map((n) => ana[n]));
    expect(view.rows).toHaveLength(15);
    const counts = await call<MatrixView>('matrix.view', { matrix: a6.id, coder: 'all', mode: 'counts' });
    expect(counts.cells[0]![0]!.passages).toBe(2);
    expect(counts.cells[0]![0]!.heat).toBe(1);
    expect(counts.cells[5]![0]!.label).toBe('0');

    // the consensus coder is only written through adjudication
    const consensusId = adopted.value.consensusCoderId;
    expect(error(await svc.call('rating.set', { matrixId: a6.id, caseId: caseId('Chad'), codeId: 'sd-legislation', coderId: consensusId, value: 'none' })).code).toBe('invalid');
  });

  it('rejects bad ratings with specific errors and changes nothing', async () => {
    const a6 = onDisk(dir).matrices[0]!;
    const args = { matrixId: a6.id, caseId: caseId('Chad'), codeId: 'sd-legislation', value: 'weak' };
    expect(error(await svc.call('rating.set', args)).message).toMatch(/Name yourself/);
    await call('coder.use', { name: 'Ana' });
    const before = readFileSync(join(dir, 'casecoder.json'), 'utf8');
    expect(error(await svc.call('rating.set', { ...args, value: 'huge' })).message).toMatch(/"huge" is not on the scale of "A6 outcomes" \(none, weak, moderate, strong, not applicable\)/);
    expect(error(await svc.call('rating.set', { ...args, codeId: 'sd-concerns' })).code).toBe('invalid');
    expect(error(await svc.call('rating.set', { ...args, evidence: ['nope'] })).code).toBe('not-found');
    expect(error(await svc.call('rating.set', { ...args, matrixId: 'mx-none' })).code).toBe('not-found');
    expect(readFileSync(join(dir, 'casecoder.json'), 'utf8')).toBe(before);
    const ok = await call<Mutation<Rating>>('rating.set', { ...args, value: 'WEAK' });
    expect(ok.value.value).toBe('weak');
  });

  it('creates, edits, rescales and deletes matrices, each one undo step; renamed labels carry their ratings', async () => {
    await call('coder.use', { name: 'Ana' });
    const m = await call<Mutation<Matrix>>('matrix.create', { name: 'Laws only', columns: ['sd-legislation'], rows: [caseId('Chad'), caseId('Oman')], scale: ['no', 'yes'], notApplicable: 'n/a' });
    expect(m.value.rows).toHaveLength(2);
    expect(error(await svc.call('matrix.create', { name: 'laws ONLY', columns: ['sd-legislation'] })).code).toBe('conflict');
    expect(error(await svc.call('matrix.create', { name: 'X', columns: ['no-such-code'] })).code).toBe('not-found');
    await call('rating.set', { matrixId: m.value.id, caseId: caseId('Chad'), codeId: 'sd-legislation', value: 'yes' });
    const scaled = await call<Mutation<{ matrix: Matrix; rewrittenRatings: number }>>('matrix.setScale', { matrixId: m.value.id, scale: ['absent', 'present'], renames: { no: 'absent', yes: 'present' } });
    expect(scaled.value.rewrittenRatings).toBe(1);
    expect(onDisk(dir).ratings[0]?.value).toBe('present');
    expect(error(await svc.call('matrix.setScale', { matrixId: m.value.id, scale: ['low', 'high'] })).code).toBe('conflict');
    const renamed = await call<Mutation<Matrix>>('matrix.update', { matrixId: m.value.id, name: 'Legislation', rows: [] });
    expect(renamed.value.rows).toEqual([]);
    const del = await call<Mutation<{ removedRatings: number }>>('matrix.delete', { matrixId: m.value.id });
    expect(del.value.removedRatings).toBe(1);
    expect(onDisk(dir).matrices.map((x) => x.name)).toEqual(['A6 outcomes', 'Scorecard cycle']);
    expect((await call<Mutation<string>>('history.undo', {})).value).toBe('Delete matrix “Legislation”');
    expect(onDisk(dir).ratings).toHaveLength(1);
    expect(onDisk(dir).matrices.map((x) => x.name)).toContain('Legislation');
  });

  it('exports to a path durably with the manifest sidecar, or as base64 for a download; counts and co-occurrence too', async () => {
    await call('coder.use', { name: 'Ana' });
    await codeOutcomes(['Argentina', 'Chad']);
    const a6 = onDisk(dir).matrices[0]!;
    await call('rating.set', { matrixId: a6.id, caseId: caseId('Chad'), codeId: 'sd-legislation', value: 'weak', note: 'Law of 2012' });
    const out = join(mkdtempSync(join(tmpdir(), 'cc-out-')), 'sub', 'a6.csv');
    const r = await call<MatrixExportResult>('matrix.export', { format: 'tidy', outPath: out });
    expect(r.path).toBe(out);
    expect(r.dataBase64).toBeNull();
    const tidy = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true });
    expect(tidy.errors).toEqual([]);
    expect(tidy.data).toHaveLength(15 * 3);
    expect(tidy.data.find((x) => x['case'] === 'Chad' && x['rating_label'] === 'weak')?.['note']).toBe('Law of 2012');
    const manifest = JSON.parse(readFileSync(out + '.manifest.json', 'utf8')) as { appVersion: string; matrix: { name: string } };
    expect(manifest.appVersion).toBe('9.9.9');
    expect(manifest.matrix.name).toBe('A6 outcomes');
    expect(r.sidecar?.path).toBe(out + '.manifest.json');

    const xlsx = await call<MatrixExportResult>('matrix.export', { format: 'xlsx', matrix: 'A6 outcomes', coder: 'Ana' });
    // one file-name scheme: project slug, what, coder or unit, date
    const today = new Date().toISOString().slice(0, 10);
    expect(xlsx.fileName).toBe(`p_a6-outcomes_ana_${today}.xlsx`);
    expect(r.fileName).toBe(`p_a6-outcomes_tidy_${today}.csv`);
    expect(r.sidecar?.fileName).toBe(`p_a6-outcomes_tidy_${today}.csv.manifest.json`);
    expect(Buffer.from(xlsx.dataBase64!, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.sidecar).toBeNull();
    const png = await call<MatrixExportResult>('matrix.export', { format: 'png', counts: true });
    expect(Buffer.from(png.dataBase64!, 'base64').subarray(1, 4).toString()).toBe('PNG');

    const cc = await call<MatrixExportResult>('matrix.exportCodeCase', { format: 'csv' });
    expect(cc.fileName).toBe(`p_codes-by-cases_counts_${today}.csv`);
    const rows = Papa.parse<string[]>(Buffer.from(cc.dataBase64!, 'base64').toString('utf8'), { skipEmptyLines: true }).data;
    expect(rows[0]).toContain('Argentina');
    expect(rows.find((x) => x[0] === 'Outcomes/Legislation')?.[1]).toBe('1');
    // a Concerns passage inside Chad's Legislation paragraph co-occurs with it under the paragraph rule
    const chad = await call<SourceContent>('document.content', { id: docOf('Chad') });
    const para = paragraphAfter(chad.text, OUTCOMES[0]![1])!;
    await call('coding.add', { documentId: docOf('Chad'), codeId: 'sd-concerns', start: para[0], end: para[0] + 20 });
    const co = await call<MatrixExportResult>('matrix.exportCoOccurrence', { format: 'md', rule: 'paragraph' });
    const md = Buffer.from(co.dataBase64!, 'base64').toString('utf8');
    expect(md).toMatch(/^\| Concerns \| 0 \| 0 \| 1 \| 0 \| 1 \|/m);
    expect(md).toMatch(/^\| Outcomes\/Legislation \| 0 \| 0 \| 1 \| 0 \| 2 \|/m);
    expect(error(await svc.call('matrix.export', { format: 'pdf' })).code).toBe('usage');
    expect(error(await svc.call('matrix.exportCoOccurrence', { format: 'md', rule: 'sentence' })).code).toBe('usage');
  });
});
