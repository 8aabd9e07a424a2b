import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { codePath } from '../../../src/core/codebook/paths.js';
import type { Result } from '../../../src/core/model/result.js';
import type { Code, Coding, ProjectData, SourceContent } from '../../../src/core/model/types.js';
import type { ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import type { RefiExportResult, RefiImportOutcome } from '../../../src/shared/api.js';
import { createService, type Service } from '../../../src/main/service/service.js';
import { fixturePath, qdeOf, validateAgainst } from '../refi/refi-test-kit.js';
import { durableState } from '../store/helpers.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');
const NVIVO_WIN = fixturePath('nvivo-win-12.6_oltas.qdpx');

/** Text of a case written on Windows: CRLF line ends, emoji (astral and ZWJ sequences), accents. */
const CRLF_TEXT = 'Legislation 🇺🇸 passed in 2014.\r\nThe ministry 👩🏽‍⚖️ set up a task force.\r\n\r\nNGOs welcomed the 𝒯ier 2 rating.\r\nRésumé: prosecutions fell 🙂 but a new law followed.\r\n';

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
/** The durable state on disk: casecoder.json plus the journal (see durableState). */
const onDisk = (dir: string): ProjectData => durableState(dir);

/** Every file under `dir` with the SHA-256 of its bytes (the project folder, byte for byte). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function newProject(svc: Service, coder = 'Ana'): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'cc-refi-svc-')), 'p');
  value<ProjectView>(await svc.call('project.create', { dir }));
  value(await svc.call('coder.use', { name: coder }));
  return dir;
}

/** Everything the round trip promises to keep, by names and texts (ids may differ). */
async function comparable(svc: Service, data: ProjectData) {
  const texts = new Map<string, string>();
  for (const d of data.documents) texts.set(d.id, value<SourceContent>(await svc.call('document.content', { id: d.id })).text);
  const docTitle = (id: string) => data.documents.find((d) => d.id === id)?.title;
  return {
    documents: data.documents.map((d) => ({ title: d.title, text: texts.get(d.id), hash: d.textHash, chars: d.chars, case: data.cases.find((c) => c.id === d.caseId)?.name ?? null })).sort((a, b) => a.title.localeCompare(b.title)),
    codebook: data.codebook
      .map((c) => ({ path: codePath(data.codebook, c.id), color: c.color, description: c.description, inclusion: c.inclusion, exclusion: c.exclusion, example: c.example, order: c.order }))
      .sort((a, b) => a.path.localeCompare(b.path)),
    cases: data.cases.map((c) => ({ name: c.name, attributes: c.attributes })).sort((a, b) => a.name.localeCompare(b.name)),
    attributeDefs: [...data.attributeDefs].sort((a, b) => a.name.localeCompare(b.name)),
    coders: data.coders.map((c) => c.name).sort(),
    codings: data.codings
      .map((c) => ({ doc: docTitle(c.documentId), code: codePath(data.codebook, c.codeId), coder: data.coders.find((x) => x.id === c.coderId)?.name, start: c.start, end: c.end, exact: c.exact, memo: c.memo }))
      .sort((a, b) => `${a.doc}|${a.start}|${a.end}|${a.code}|${a.coder}`.localeCompare(`${b.doc}|${b.start}|${b.end}|${b.code}|${b.coder}`)),
    memos: data.memos.map((m) => `${m.target.kind}:${m.text}`).sort(),
  };
}

describe('refi service operations', () => {
  let svc: Service;
  let dir: string;
  beforeEach(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    svc = createService({ appVersion: 't', transport: 'web' });
    dir = await newProject(svc);
    return async () => svc.close();
  });

  it('imports the NVivo Windows project as one undo step: 1 source, 60 codes, 97 codings with exact quotes, after a backup', async () => {
    const before = readFileSync(join(dir, 'casecoder.json'));
    const codesBefore = onDisk(dir).codebook.length;
    const m = value<Mutation<RefiImportOutcome>>(await svc.call('refi.import', { path: NVIVO_WIN }));
    const o = m.value;
    expect(o).toMatchObject({ fileName: 'nvivo-win-12.6_oltas.qdpx', format: 'qdpx' });
    expect(o.added).toMatchObject({ documents: 1, codes: 60, codings: 97 });
    expect(o.documentIds).toHaveLength(1);
    expect(o.positions).toHaveLength(1);
    expect(o.positions[0]).toMatchObject({ unit: 'utf16', crlfAs: 2 });
    expect(o.lines[0]).toMatch(/^Imported from nvivo-win-12\.6_oltas\.qdpx \(made by NVivo/);
    expect(o.lines.some((l) => /UTF-16 code units, a line break \(CRLF\) counted as 2/.test(l))).toBe(true);
    expect(o.backupPath && readdirSync(join(dir, 'backups')).some((f) => o.backupPath?.endsWith(f))).toBe(true);

    const data = onDisk(dir);
    expect(data.documents).toHaveLength(1);
    expect(data.codebook).toHaveLength(codesBefore + 60);
    expect(data.codings).toHaveLength(97);
    const text = value<SourceContent>(await svc.call('document.content', { id: o.documentIds[0] as string })).text;
    for (const c of data.codings) expect(text.slice(c.start, c.end)).toBe(c.exact);
    expect(m.patch.changes.upsert.codings).toHaveLength(97);
    expect(m.patch.undoLabel).toBe('Import nvivo-win-12.6_oltas.qdpx');

    const undone = value<Mutation<string>>(await svc.call('history.undo', {}));
    expect(undone.value).toBe('Import nvivo-win-12.6_oltas.qdpx');
    expect(undone.patch.canUndo).toBe(false);
    expect(readFileSync(join(dir, 'casecoder.json')).equals(before)).toBe(true);
    value(await svc.call('history.redo', {}));
    expect(onDisk(dir).codings).toHaveLength(97);
  });

  it.each([
    ['atlasti-win-23.2.3_blank.qdpx', { coders: 2 }],
    ['atlasti-win-23.2.3_codes-only.qdpx', { codes: 3 }],
    ['atlasti-mac-8.4_refi-spec-example2.qde', { codes: 14, documents: 0 }],
    ['nvivo-mac-15.0_codes-only_nvivo_project.qdpx', { codes: 262, documents: 0 }],
    ['qc-1.3.2_demo.qdpx', { documents: 2, codings: 205 }],
  ])('imports the fixture %s through the service as one step', async (name, added) => {
    const m = value<Mutation<RefiImportOutcome>>(await svc.call('refi.import', { path: fixturePath(name) }));
    expect(m.value.added).toMatchObject(added);
    expect(m.patch.undoLabel).toBe(`Import ${name}`);
    const data = onDisk(dir);
    for (const id of m.value.documentIds) {
      const text = value<SourceContent>(await svc.call('document.content', { id })).text;
      for (const c of data.codings.filter((g) => g.documentId === id)) expect(text.slice(c.start, c.end)).toBe(c.exact);
    }
  });

  it('importing the same file again adds nothing and records no step', async () => {
    value(await svc.call('refi.import', { path: NVIVO_WIN }));
    const after = snapshot(dir);
    const again = value<Mutation<RefiImportOutcome>>(await svc.call('refi.import', { path: NVIVO_WIN }));
    expect(again.value.added).toMatchObject({ documents: 0, codes: 0, codings: 0 });
    expect(again.value.matched).toMatchObject({ documents: 1, codes: 60, codings: 97 });
    expect(again.value.backupPath).toBeNull();
    expect(snapshot(dir)).toEqual(after);
    expect(value<Mutation<string>>(await svc.call('history.undo', {})).value).toBe('Import nvivo-win-12.6_oltas.qdpx');
  });

  it('imports an upload under its own name and leaves no temp file behind', async () => {
    const dataBase64 = readFileSync(NVIVO_WIN).toString('base64');
    const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('casecoder-refi-')).length;
    const before = leftovers();
    const m = value<Mutation<RefiImportOutcome>>(await svc.call('refi.importUpload', { name: '../../evil/oltas.qdpx', dataBase64 }));
    expect(m.value.fileName).toBe('.._.._evil_oltas.qdpx');
    expect(m.value.added).toMatchObject({ documents: 1, codes: 60, codings: 97 });
    expect(leftovers()).toBe(before);
    const empty = await svc.call('refi.importUpload', { name: 'x.qdpx', dataBase64: '' });
    expect(empty.ok ? 'ok' : empty.error.code).toBe('invalid');
  });

  it.each([
    ['a zip-slip entry name', () => zipSync({ 'project.qde': strToU8('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'), '../evil.txt': strToU8('pwned') }), /Unsafe entry name/],
    ['a DOCTYPE with entities', () => strToU8('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>'), /DOCTYPE/i],
    ['a zip bomb', () => zipSync({ 'project.qde': new Uint8Array(30 * 1024 * 1024) }, { level: 9 }), /expand .*-fold.*zip bomb/],
    ['bytes that are neither ZIP nor XML', () => new Uint8Array([1, 2, 3, 4, 5]), /neither|not/i],
  ])('a hostile file (%s) leaves the project byte-identical', async (_label, make, message) => {
    value(await svc.call('refi.import', { path: NVIVO_WIN }));
    const before = snapshot(dir);
    const file = join(mkdtempSync(join(tmpdir(), 'cc-hostile-')), 'hostile.qdpx');
    writeFileSync(file, make());
    const r = await svc.call('refi.import', { path: file });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
    expect(snapshot(dir)).toEqual(before);
    expect(value<Mutation<string>>(await svc.call('history.undo', {})).value).toBe('Import nvivo-win-12.6_oltas.qdpx');
  });

  it('strict mode refuses a file with dangling references before any backup; lenient mode imports what is sound', async () => {
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="test">
<Users><User guid="11111111-1111-4111-8111-111111111111" name="Zoe"/></Users>
<CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222222" name="Pressure" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="33333333-3333-4333-8333-333333333333" name="doc"><PlainTextContent>The embassy pressed the ministry hard.</PlainTextContent>
<PlainTextSelection guid="44444444-4444-4444-8444-444444444444" startPosition="4" endPosition="11"><Coding guid="55555555-5555-4555-8555-555555555555" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/></Coding></PlainTextSelection>
<PlainTextSelection guid="66666666-6666-4666-8666-666666666666" startPosition="12" endPosition="19"><Coding guid="77777777-7777-4777-8777-777777777777" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="99999999-9999-4999-8999-999999999999"/></Coding></PlainTextSelection>
<PlainTextSelection guid="88888888-8888-4888-8888-888888888888" startPosition="30" endPosition="900"><Coding guid="aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`;
    const file = join(mkdtempSync(join(tmpdir(), 'cc-dangling-')), 'dangling.qdpx');
    writeFileSync(file, zipSync({ 'project.qde': strToU8(qde) }));
    const before = snapshot(dir);
    const strict = await svc.call('refi.import', { path: file, strict: true });
    expect(strict.ok ? 'ok' : strict.error.code).toBe('invalid');
    expect(snapshot(dir)).toEqual(before);

    const lenient = value<Mutation<RefiImportOutcome>>(await svc.call('refi.import', { path: file }));
    expect(lenient.value.added).toMatchObject({ documents: 1, codes: 1, codings: 1 });
    expect(onDisk(dir).codings.map((c) => c.exact)).toEqual(['embassy']);
    expect(lenient.value.notImported.length).toBeGreaterThanOrEqual(2);
    expect(lenient.value.lines.some((l) => l.startsWith('Not imported:'))).toBe(true);
  });

  it('refuses to import into a read-only project, but exports from one', async () => {
    value(await svc.call('refi.import', { path: NVIVO_WIN }));
    await svc.call('project.close', {});
    value(await svc.call('project.open', { dir, readOnly: true }));
    const r = await svc.call('refi.import', { path: NVIVO_WIN });
    expect(r.ok ? 'ok' : r.error.code).toBe('read-only');
    const out = value<RefiExportResult>(await svc.call('refi.export', { format: 'qdpx', positions: 'utf16' }));
    expect(out).toMatchObject({ path: null, positions: 'utf16', counts: { documents: 1, codings: 97 } });
    const files = unzipSync(Buffer.from(out.dataBase64 ?? '', 'base64'));
    expect(Object.keys(files).filter((n) => n.startsWith('sources/'))).toHaveLength(1);
    expect((await validateAgainst(strFromU8(files['project.qde'] as Uint8Array), 'Project.xsd')).errors).toEqual([]);
  });

  it('checks its arguments', async () => {
    for (const args of [{ format: 'docx' }, { format: 'qdpx', positions: 'bytes' }, { format: 'qdc', outPath: '' }]) {
      const r = await svc.call('refi.export', args);
      expect(r.ok ? 'ok' : r.error.code).toBe('usage');
    }
    const missing = await svc.call('refi.import', { path: join(tmpdir(), 'no-such-file.qdpx') });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not-found');
    const target = join(mkdtempSync(join(tmpdir(), 'cc-out-')), 'no-such-dir', 'x.qdc');
    const io = await svc.call('refi.export', { format: 'qdc', outPath: target });
    expect(io.ok ? 'ok' : io.error.code).toBe('io');
  });

  it('round trip: a project built through the service → .qdpx (XSD-valid) → a new project gives identical documents, codebook, cases and codings', async () => {
    const crlf = join(mkdtempSync(join(tmpdir(), 'cc-src-')), 'Windows notes.txt');
    writeFileSync(crlf, CRLF_TEXT);
    const imp = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [crlf], caseName: 'United States' }));
    value(await svc.call('import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt')], caseName: 'Ecuador' }));
    const docA = imp.value.files[0]?.documentIds[0] as string;
    const ecuador = onDisk(dir).documents.find((d) => d.id !== docA)?.id as string;
    value(await svc.call('case.setAttributes', { caseName: 'United States', values: { region: 'Americas', tier: 1, watchlist: false, reported: '2014-06-20' } }));
    value(await svc.call('case.setAttributes', { caseName: 'Ecuador', values: { region: 'Americas', tier: 2 } }));
    const parent = value<Mutation<Code>>(await svc.call('code.create', { name: 'Tier moves', description: 'Changes of tier\nacross years', inclusion: 'Official tier only' })).value;
    const child = value<Mutation<Code>>(await svc.call('code.create', { name: 'Downgrade & "watch list" <2>', parentId: parent.id, color: '#d55e00' })).value;

    const textA = value<SourceContent>(await svc.call('document.content', { id: docA })).text;
    const textE = value<SourceContent>(await svc.call('document.content', { id: ecuador })).text;
    const span = (t: string, from: string, to: string): [number, number] => {
      const s = t.indexOf(from);
      return [s, t.indexOf(to, s) + to.length];
    };
    const code = async (doc: string, text: string, codeId: string, from: string, to: string, memo?: string) => {
      const [start, end] = span(text, from, to);
      return value<Mutation<Coding>>(await svc.call('coding.add', { documentId: doc, codeId, start, end, ...(memo ? { memo } : {}) })).value;
    };
    await code(docA, textA, 'sd-legislation', 'Legislation', '2014.');
    await code(docA, textA, child.id, 'The ministry', 'task force.', 'emoji 👩🏽‍⚖️ in a memo');
    await code(docA, textA, parent.id, '𝒯ier', 'law followed.');
    await code(ecuador, textE, 'sd-direct-diplomacy', 'Scorecard diplomacy meetings', 'Alfredo Palacio.');
    value(await svc.call('coder.use', { name: 'Bob' }));
    await code(docA, textA, child.id, 'ministry', 'NGOs welcomed'); // overlaps Ana's coding
    await code(ecuador, textE, 'sd-direct-diplomacy', 'meetings were typically', 'President');
    value(await svc.call('memo.set', { target: { kind: 'code', id: parent.id }, text: 'Only official tiers' }));
    value(await svc.call('memo.set', { target: { kind: 'project' }, text: 'Project memo\n\nin two paragraphs' }));

    const out = join(mkdtempSync(join(tmpdir(), 'cc-out-')), 'study.qdpx');
    const exported = value<RefiExportResult>(await svc.call('refi.export', { format: 'qdpx', outPath: out }));
    expect(exported).toMatchObject({ path: out, positions: 'codepoints', dataBase64: null, skipped: [], counts: { documents: 2, codings: 6 } });
    expect(readdirSync(join(out, '..'))).toEqual(['study.qdpx']);
    const bytes = new Uint8Array(readFileSync(out));
    expect(exported.bytes).toBe(bytes.length);
    expect((await validateAgainst(qdeOf(bytes), 'Project.xsd')).errors).toEqual([]);
    const original = await comparable(svc, onDisk(dir));
    expect(original.codings).toHaveLength(6);

    await svc.call('project.close', {});
    const dirB = await newProject(svc, 'Carla');
    const m = value<Mutation<RefiImportOutcome>>(await svc.call('refi.import', { path: out }));
    expect(m.value.notImported).toEqual([]);
    expect(m.value.positions.every((p) => p.unit === 'codepoints')).toBe(true);
    const copy = await comparable(svc, onDisk(dirB));
    expect({ ...copy, coders: copy.coders.filter((c) => c !== 'Carla') }).toEqual(original);
  });

  it('exports the codebook as a .qdc valid against Codebook.xsd that another project imports identically', async () => {
    const parent = value<Mutation<Code>>(await svc.call('code.create', { name: 'Extra', description: 'With "quotes" & <angles>' })).value;
    value(await svc.call('code.create', { name: 'Nested', parentId: parent.id }));
    const out = value<RefiExportResult>(await svc.call('refi.export', { format: 'qdc' }));
    expect(out).toMatchObject({ fileName: `${onDisk(dir).project.name}.qdc`, positions: null, path: null });
    const xml = Buffer.from(out.dataBase64 ?? '', 'base64').toString('utf8');
    expect((await validateAgainst(xml, 'Codebook.xsd')).errors).toEqual([]);
    const paths = (d: ProjectData) => d.codebook.map((c) => `${codePath(d.codebook, c.id)}|${c.color}|${c.description}`).sort();
    const original = paths(onDisk(dir));

    const file = join(mkdtempSync(join(tmpdir(), 'cc-qdc-')), 'codebook.qdc');
    writeFileSync(file, xml);
    await svc.call('project.close', {});
    const dirB = await newProject(svc);
    const m = value<Mutation<RefiImportOutcome>>(await svc.call('refi.import', { path: file }));
    expect(m.value).toMatchObject({ format: 'qdc', added: { codes: 2, documents: 0 } });
    expect(paths(onDisk(dirB))).toEqual(original);
  });
});
