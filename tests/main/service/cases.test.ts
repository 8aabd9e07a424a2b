import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Result } from '../../../src/core/model/result.js';
import type { Case, ProjectData } from '../../../src/core/model/types.js';
import type { ApiEvent, ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import { createService, type Service } from '../../../src/main/service/service.js';
import { durableState } from '../store/helpers.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');
const SEED = (n: string): string => join(SEEDS, n);
const S000 = SEED('000_b19cde1f6a69a6f8.txt');
const S002 = SEED('002_3a38896384b8e93f.txt');
const S003 = SEED('003_3526632470e2ad38.txt');
export const COUNTRIES = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras', 'Indonesia', 'Israel', 'Japan', 'Kazakhstan', 'Malaysia', 'Mozambique', 'Nigeria', 'Oman', 'United Arab Emirates', 'Zimbabwe'];

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

describe('cases service', () => {
  let svc: Service;
  let dir: string;
  beforeEach(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-cases-')), 'p');
    svc = createService({ appVersion: 't', transport: 'web' });
    value<ProjectView>(await svc.call('project.create', { dir }));
    return async () => svc.close();
  });

  const create = async (...names: string[]): Promise<Case[]> => value<Mutation<Case[]>>(await svc.call('case.create', { names })).value;

  it('creates, renames, merges and deletes cases, each one undo step, durable on disk', async () => {
    const [a, b] = await create('Equador', 'Ecuador (ILO)');
    expect(onDisk(dir).cases.map((c) => c.name)).toEqual(['Equador', 'Ecuador (ILO)']);
    const renamed = value<Mutation<Case>>(await svc.call('case.rename', { caseId: a?.id, name: 'Ecuador' }));
    expect(renamed.value.name).toBe('Ecuador');
    expect(renamed.patch.undoLabel).toBe('Rename case Equador to Ecuador');
    expect(error(await svc.call('case.rename', { caseId: b?.id, name: 'ecuador' })).code).toBe('conflict');

    const imp = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [S003], caseName: 'Ecuador (ILO)' }));
    expect(imp.value.files[0]?.cases).toEqual(['Ecuador (ILO)']);
    value(await svc.call('case.setAttributes', { caseName: 'Ecuador (ILO)', values: { region: 'Latin America' } }));
    const merged = value<Mutation<{ movedDocuments: number }>>(await svc.call('case.merge', { sourceId: b?.id, targetId: a?.id }));
    expect(merged.value.movedDocuments).toBe(1);
    let disk = onDisk(dir);
    expect(disk.cases.map((c) => c.name)).toEqual(['Ecuador']);
    expect(disk.cases[0]?.attributes).toEqual({ region: 'Latin America' });
    expect(disk.documents[0]?.caseId).toBe(a?.id);

    value(await svc.call('history.undo', {}));
    disk = onDisk(dir);
    expect(disk.cases).toHaveLength(2);
    expect(disk.documents[0]?.caseId).toBe(b?.id);
    value(await svc.call('history.redo', {}));

    const refused = error(await svc.call('case.delete', { caseId: a?.id, mode: 'refuse' }));
    expect(refused.message).toMatch(/1 document/);
    const del = value<Mutation<{ detachedDocuments: number; message: string }>>(await svc.call('case.delete', { caseId: a?.id }));
    expect(del.value.detachedDocuments).toBe(1);
    expect(del.value.message).toBe('Deleted case Ecuador. 1 document kept, now without a case.');
    disk = onDisk(dir);
    expect(disk.cases).toHaveLength(0);
    expect(disk.documents).toHaveLength(1);
    expect(disk.documents[0]?.caseId).toBeNull();
    const undo = value<Mutation<string>>(await svc.call('history.undo', {}));
    expect(undo.value).toBe('Delete case Ecuador');
    expect(onDisk(dir).documents[0]?.caseId).toBe(a?.id);
  });

  it('assigns documents to a case and detaches them; a no-op assignment records no step', async () => {
    const [chad] = await create('Chad');
    const imp = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [S000, S003] }));
    const ids = imp.value.files.flatMap((f) => f.documentIds);
    const m = value<Mutation<number>>(await svc.call('case.assignDocuments', { documentIds: ids, caseId: chad?.id }));
    expect(m.value).toBe(2);
    expect(m.patch.undoLabel).toBe('Assign 2 documents to Chad');
    expect(onDisk(dir).documents.every((d) => d.caseId === chad?.id)).toBe(true);
    const again = value<Mutation<number>>(await svc.call('case.assignDocuments', { documentIds: ids, caseId: chad?.id }));
    expect(again.value).toBe(0);
    expect(again.patch.undoLabel).toBe('Assign 2 documents to Chad');
    value(await svc.call('case.assignDocuments', { documentIds: [ids[0]], caseId: null }));
    expect(onDisk(dir).documents.map((d) => d.caseId)).toEqual([null, chad?.id]);
    expect(error(await svc.call('case.assignDocuments', { documentIds: ['nope'], caseId: chad?.id })).code).toBe('not-found');
    expect(error(await svc.call('case.assignDocuments', { documentIds: ids, caseId: 'k_missing' })).code).toBe('not-found');
  });

  it('sets typed attributes: undeclared keys get an inferred type, bad values fail naming the attribute and change nothing', async () => {
    await create('Chad', 'Oman');
    const m = value<Mutation<Case>>(await svc.call('case.setAttributes', { caseName: 'chad', values: { population: '17,179,740', ratified: 'yes', since: '2005-03-01', region: 'Sahel' } }));
    expect(m.value.attributes).toEqual({ population: 17179740, ratified: true, since: '2005-03-01', region: 'Sahel' });
    expect(onDisk(dir).attributeDefs).toEqual([
      { name: 'population', type: 'number' },
      { name: 'ratified', type: 'boolean' },
      { name: 'since', type: 'date' },
      { name: 'region', type: 'text' },
    ]);
    const before = readFileSync(join(dir, 'casecoder.json'));
    const bad = error(await svc.call('case.setAttributes', { caseName: 'Oman', values: { region: 'Gulf', population: 'many' } }));
    expect(bad.message).toBe('Oman: population: "many" is not a number.');
    expect(error(await svc.call('case.setAttributes', { caseName: 'Oman', values: { since: '2005-02-30' } })).message).toMatch(/not a date/);
    expect(readFileSync(join(dir, 'casecoder.json')).equals(before)).toBe(true);
    expect(error(await svc.call('case.setAttributes', { caseName: 'Atlantis', values: { region: 'x' } })).code).toBe('not-found');

    const def = value<Mutation<{ name: string; type: string }>>(await svc.call('case.defineAttribute', { name: 'tier2006', type: 'number' }));
    expect(def.value).toEqual({ name: 'tier2006', type: 'number' });
    expect(error(await svc.call('case.defineAttribute', { name: 'region', type: 'number' })).message).toMatch(/Cannot make "region" a number/);
    value(await svc.call('case.renameAttribute', { name: 'region', newName: 'Region' }));
    expect(onDisk(dir).cases[0]?.attributes['Region']).toBe('Sahel');
    const removed = value<Mutation<number>>(await svc.call('case.removeAttribute', { name: 'ratified' }));
    expect(removed.value).toBe(1);
    expect(onDisk(dir).attributeDefs.map((d) => d.name)).not.toContain('ratified');
    value(await svc.call('history.undo', {}));
    expect(onDisk(dir).cases[0]?.attributes['ratified']).toBe(true);
  });

  it('imports attributes from CSV (path) and XLSX (upload), reporting unmatched rows and bad cells', async () => {
    await create('Chad', 'Oman', 'Japan');
    const tmp = mkdtempSync(join(tmpdir(), 'cc-attr-'));
    const csv = join(tmp, 'attrs.csv');
    writeFileSync(csv, 'country,tier_2008,gdp\nChad,3,1.5\nOman,2,"12,000"\nAtlantis,1,3\nJapan,two,4\n');
    // Declared as a number, so "two" is a bad cell (undeclared columns get an inferred type).
    value(await svc.call('case.defineAttribute', { name: 'tier_2008', type: 'number' }));
    const r = value<Mutation<{ updatedCases: number; unmatched: { row: number; caseName: string }[]; invalid: { row: number; column: string; message: string }[] }>>(await svc.call('case.importAttributes', { path: csv }));
    expect(r.value.unmatched).toEqual([{ row: 3, caseName: 'Atlantis' }]);
    expect(r.value.invalid).toEqual([{ row: 4, column: 'tier_2008', message: 'tier_2008: "two" is not a number.' }]);
    expect(r.value.updatedCases).toBe(3);
    expect(r.patch.undoLabel).toBe('Import attributes from attrs.csv');
    expect(onDisk(dir).cases.find((c) => c.name === 'Oman')?.attributes).toEqual({ tier_2008: 2, gdp: 12000 });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('cases');
    ws.addRow(['Case', 'ratified']);
    ws.addRow(['japan', 'no']);
    ws.addRow(['Narnia', 'yes']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const x = value<Mutation<{ updatedCases: number; unmatched: { caseName: string }[] }>>(await svc.call('case.importAttributes', { file: { name: '../../evil.xlsx', dataBase64: bytes.toString('base64') } }));
    expect(x.value.updatedCases).toBe(1);
    expect(x.value.unmatched.map((u) => u.caseName)).toEqual(['Narnia']);
    expect(onDisk(dir).cases.find((c) => c.name === 'Japan')?.attributes['ratified']).toBe(false);
    expect(error(await svc.call('case.importAttributes', { file: { name: 'x.exe', dataBase64: 'AAAA' } })).code).toBe('unsupported');
  });

  it('splits seed 002 by the 15 known cases into 15 documents, each assigned to its country, with progress events', async () => {
    await create(...COUNTRIES);
    const events: ApiEvent[] = [];
    const off = svc.onEvent((e) => events.push(e));
    const m = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [S002], splitCases: true, format: 'md' }));
    off();
    expect(m.value.files[0]?.status).toBe('imported');
    expect(m.value.files[0]?.documentIds).toHaveLength(15);
    expect([...(m.value.files[0]?.cases ?? [])].sort()).toEqual([...COUNTRIES].sort());
    const disk = onDisk(dir);
    expect(disk.cases).toHaveLength(15);
    for (const d of disk.documents) expect(d.title === disk.cases.find((c) => c.id === d.caseId)?.name || d.title === `${disk.cases.find((c) => c.id === d.caseId)?.name} (see also case discussion in book)`).toBe(true);
    expect(events.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? [e.done, e.total] : []))).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('reports a note about the whole file once, not once per split part', async () => {
    await create(...COUNTRIES);
    const m = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [S002], splitCases: true }));
    const warnings = m.value.files[0]?.warnings ?? [];
    expect(warnings.filter((w) => w.startsWith('The text before the first case'))).toHaveLength(1);
    expect(new Set(warnings).size).toBe(warnings.length);
  });

  it('passes the heading list and keep-preamble through the import request', async () => {
    await create(...COUNTRIES);
    const m = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [S002], splitCases: true, keepPreamble: true, headings: ['Summary', 'Concerns'] }));
    expect(m.value.files[0]?.documentIds).toHaveLength(16);
    const docs = onDisk(dir).documents;
    const argentina = docs.find((d) => d.title === 'Argentina');
    const content = JSON.parse(readFileSync(join(dir, 'sources', `${argentina?.id}.json`), 'utf8')) as { doc: { content: { type: string; content?: { text?: string }[] }[] } };
    const headings = content.doc.content.filter((b) => b.type === 'heading').map((b) => b.content?.map((t) => t.text).join(''));
    expect(headings).toContain('Summary');
    expect(headings).toContain('Concerns');
    expect(headings).not.toContain('Background');
  });
});
