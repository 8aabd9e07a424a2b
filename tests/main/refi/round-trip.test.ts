import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { codePath } from '../../../src/core/codebook/paths.js';
import { createProject } from '../../../src/core/model/project.js';
import type { ProjectData, SourceContent } from '../../../src/core/model/types.js';
import { readRefiBytes, readRefiFile } from '../../../src/main/refi/read-refi-file.js';
import { writeQdc, writeQdpx } from '../../../src/main/refi/write-refi-file.js';
import { qdeOf, sampleProject, validateAgainst } from './refi-test-kit.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'cc-refi-'));
}

/** Everything the round trip promises to keep, keyed by names and texts rather than ids. */
function comparable(data: ProjectData, sources: readonly SourceContent[]) {
  const text = (id: string) => sources.find((s) => s.id === id)?.text;
  const docTitle = (id: string) => data.documents.find((d) => d.id === id)?.title;
  const caseName = (id: string | null) => data.cases.find((c) => c.id === id)?.name ?? null;
  const coder = (id: string) => data.coders.find((c) => c.id === id)?.name;
  return {
    documents: data.documents.map((d) => ({ title: d.title, text: text(d.id), hash: d.textHash, chars: d.chars, case: caseName(d.caseId) })).sort((a, b) => a.title.localeCompare(b.title)),
    codebook: data.codebook
      .map((c) => ({ path: codePath(data.codebook, c.id), color: c.color, description: c.description, inclusion: c.inclusion, exclusion: c.exclusion, example: c.example, order: c.order }))
      .sort((a, b) => a.path.localeCompare(b.path)),
    cases: data.cases.map((c) => ({ name: c.name, attributes: c.attributes })).sort((a, b) => a.name.localeCompare(b.name)),
    attributeDefs: data.attributeDefs,
    coders: data.coders.map((c) => c.name).sort(),
    codings: data.codings
      .map((c) => ({ doc: docTitle(c.documentId), code: codePath(data.codebook, c.codeId), coder: coder(c.coderId), start: c.start, end: c.end, exact: c.exact, prefix: c.prefix, suffix: c.suffix, memo: c.memo, created: c.created }))
      .sort((a, b) => `${a.doc}${a.start}${a.end}${a.code}${a.coder}`.localeCompare(`${b.doc}${b.start}${b.end}${b.code}${b.coder}`)),
  };
}

async function exportAndReimport(positions: 'codepoints' | 'utf16') {
  const { data, sources } = sampleProject();
  const out = await writeQdpx(data, sources, { positions });
  if (!out.ok) throw new Error(out.error.message);
  const file = path.join(tmp(), 'study.qdpx');
  writeFileSync(file, out.value.bytes);
  const refi = await readRefiFile(file);
  if (!refi.ok) throw new Error(refi.error.message);
  const applied = applyRefiImport(createProject('new', [], coreEnv), refi.value, { mode: 'new-project' }, coreEnv);
  if (!applied.ok) throw new Error(applied.error.message);
  return { data, sources, out: out.value, refi: refi.value, applied: applied.value };
}

describe('.qdpx round trip', () => {
  it('emoji, CRLF-origin text and overlapping codings come back identical (code points)', async () => {
    const r = await exportAndReimport('codepoints');
    expect(r.out.skipped).toEqual([]);
    expect(comparable(r.applied.data, r.applied.sources)).toEqual(comparable(r.data, r.sources));
    expect(r.applied.data.project.name).toBe('Scorecard study');
    expect(r.refi.report.notImported).toEqual([]);
    for (const p of r.refi.report.positions) expect(p.choice.unit).toBe('codepoints');
    // the sample has overlapping codings: the test would catch a shift
    const [a, b] = r.applied.data.codings.filter((c) => c.documentId === r.applied.data.documents[0]?.id && c.exact.includes('ministry'));
    expect(a && b && a.start < b.end && b.start < a.end).toBe(true);
  });

  it('UTF-16 positions (for NVivo) also round-trip, detected from the selection names', async () => {
    const r = await exportAndReimport('utf16');
    expect(comparable(r.applied.data, r.applied.sources)).toEqual(comparable(r.data, r.sources));
    const emojiDoc = r.refi.report.positions.find((p) => p.title === 'Case text 1.txt');
    expect(emojiDoc).toMatchObject({ choice: { unit: 'utf16' }, evidence: 'names' });
  });

  it('memos come back on the same targets', async () => {
    const r = await exportAndReimport('codepoints');
    const d = r.applied.data;
    const where = (t: ProjectData['memos'][number]['target']): string => {
      if (t.kind === 'code') return codePath(d.codebook, t.id);
      if (t.kind === 'case') return d.cases.find((c) => c.id === t.id)?.name ?? '?';
      if (t.kind === 'document') return d.documents.find((x) => x.id === t.id)?.title ?? '?';
      return '';
    };
    const describe = (m: ProjectData['memos'][number]) => `${m.target.kind}:${where(m.target)}:${m.text}`;
    const original = r.data.memos.length;
    expect(d.memos.map(describe).sort()).toEqual(
      ['project::Project memo\n\nwith two paragraphs', 'code:Outcomes/Legislation:Only enacted laws', 'case:France:France: check the 2016 report', 'document:Case text 1.txt:Translated by the ministry'].sort(),
    );
    expect(original).toBe(4);
  });

  it('the exported project validates against Project.xsd, in both position units', async () => {
    for (const positions of ['codepoints', 'utf16'] as const) {
      const { data, sources } = sampleProject();
      const out = await writeQdpx(data, sources, { positions });
      if (!out.ok) throw new Error(out.error.message);
      const v = await validateAgainst(qdeOf(out.value.bytes), 'Project.xsd');
      expect(v.errors).toEqual([]);
      expect(v.valid).toBe(true);
    }
  });

  it('writes project.qde and a flat lowercase sources/ folder of UTF-8 text without BOM, LF only', async () => {
    const { data, sources } = sampleProject();
    const out = await writeQdpx(data, sources);
    if (!out.ok) throw new Error(out.error.message);
    const files = unzipSync(out.value.bytes);
    const names = Object.keys(files).sort();
    expect(names[0]).toBe('project.qde');
    expect(names.slice(1).every((n) => /^sources\/[0-9a-f-]{36}\.txt$/.test(n))).toBe(true);
    for (const n of names.slice(1)) {
      const bytes = files[n] as Uint8Array;
      expect(bytes[0]).not.toBe(0xef);
      expect(strFromU8(bytes).includes('\r')).toBe(false);
    }
    // code points: "Legislation 🇺🇸 passed in 2014." is 30 code points but 32 UTF-16 units
    expect(qdeOf(out.value.bytes)).toMatch(/name="Legislation 🇺🇸 passed in 2014\." startPosition="0" endPosition="30"/);
  });

  it('exporting the same project twice gives the same bytes', async () => {
    const { data, sources } = sampleProject();
    const a = await writeQdpx(data, sources);
    const b = await writeQdpx(data, sources);
    expect(a.ok && b.ok && Buffer.from(a.value.bytes).equals(Buffer.from(b.value.bytes))).toBe(true);
  });

  it('importing the round-tripped file into the original project adds nothing (GUIDs map back to ids)', async () => {
    const r = await exportAndReimport('codepoints');
    const again = applyRefiImport(r.data, r.refi, { mode: 'merge' }, coreEnv);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.report.added).toEqual({ coders: 0, codes: 0, attributeDefs: 0, cases: 0, documents: 0, codings: 0, memos: 0, matrices: 0, ratings: 0 });
    expect(again.value.sources).toEqual([]);
    expect(again.value.data.codings).toEqual(r.data.codings);
  });

  it('a re-export of the imported project keeps the GUIDs of the first export', async () => {
    const r = await exportAndReimport('codepoints');
    const second = await writeQdpx(r.applied.data, r.applied.sources);
    if (!second.ok) throw new Error(second.error.message);
    const guids = (xml: string) => [...xml.matchAll(/guid="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(guids(qdeOf(second.value.bytes))).toEqual(guids(qdeOf(r.out.bytes)));
  });

  it('refuses to export a document whose content is missing', async () => {
    const { data, sources } = sampleProject();
    const out = await writeQdpx(data, sources.slice(1));
    expect(out.ok ? 'ok' : out.error.code).toBe('not-found');
  });

  it('leaves orphaned codings out and says so', async () => {
    const { data, sources } = sampleProject();
    const first = data.codings[0];
    if (first) first.exact = 'not the text';
    const out = await writeQdpx(data, sources);
    expect(out.ok && out.value.skipped.length === 1 && out.value.skipped[0]?.includes('orphaned')).toBe(true);
  });
});

describe('.qdc codebook', () => {
  it('validates against Codebook.xsd and imports back into the same tree', async () => {
    const { data } = sampleProject();
    const xml = writeQdc(data);
    if (!xml.ok) throw new Error(xml.error.message);
    const v = await validateAgainst(xml.value, 'Codebook.xsd');
    expect(v.errors).toEqual([]);
    const file = path.join(tmp(), 'codes.qdc');
    writeFileSync(file, xml.value);
    expect(readFileSync(file)[0]).toBe(0x3c);
    const refi = await readRefiFile(file);
    if (!refi.ok) throw new Error(refi.error.message);
    expect(refi.value.format).toBe('qdc');
    const applied = applyRefiImport(createProject('codes', [], coreEnv), refi.value, { mode: 'new-project' }, coreEnv);
    if (!applied.ok) throw new Error(applied.error.message);
    expect(comparable(applied.value.data, []).codebook).toEqual(comparable(data, []).codebook);
  });

  it('refuses an empty codebook', () => {
    const r = writeQdc(createProject('empty', [], coreEnv));
    expect(r.ok ? 'ok' : r.error.code).toBe('invalid');
  });
});

describe("merging another coder's .qdpx", () => {
  it("brings in only the other coder's new work: no duplicate documents, codes or codings", async () => {
    const alice = sampleProject();
    const sent = await writeQdpx(alice.data, alice.sources);
    if (!sent.ok) throw new Error(sent.error.message);

    // Carol opens Alice's file as a new project, adds a code and codes with it.
    const carolRead = await readRefiBytes(sent.value.bytes);
    if (!carolRead.ok) throw new Error(carolRead.error.message);
    const carolApplied = applyRefiImport(createProject('Carol', [], coreEnv), carolRead.value, { mode: 'new-project' }, coreEnv);
    if (!carolApplied.ok) throw new Error(carolApplied.error.message);
    const carol = structuredClone(carolApplied.value.data);
    const carolSources = carolApplied.value.sources;
    carol.coders.push({ id: 'u_carol', name: 'Carol' });
    const outcomes = carol.codebook.find((c) => c.name === 'Outcomes');
    carol.codebook.push({ id: 'k_norms', name: 'Norms', parentId: outcomes?.id ?? null, color: '#777777', description: '', inclusion: '', exclusion: '', example: '', shortcut: null, order: 5 });
    const doc = carol.documents.find((d) => d.title === 'Case text 2.txt');
    const text = carolSources.find((s) => s.id === doc?.id)?.text ?? '';
    const start = text.indexOf('prosecutions fell');
    carol.codings.push({
      id: 'g_carol',
      documentId: doc?.id ?? '',
      codeId: 'k_norms',
      coderId: 'u_carol',
      start,
      end: start + 17,
      exact: 'prosecutions fell',
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(start + 17, start + 49),
      memo: 'Carol',
      created: '2026-05-01T00:00:00.000Z',
      updated: '2026-05-01T00:00:00.000Z',
    });
    const back = await writeQdpx(carol, carolSources);
    if (!back.ok) throw new Error(back.error.message);

    // Alice merges Carol's file.
    const merged = await readRefiBytes(back.value.bytes);
    if (!merged.ok) throw new Error(merged.error.message);
    const result = applyRefiImport(alice.data, merged.value, { mode: 'merge', now: '2026-05-02T00:00:00.000Z' }, coreEnv);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.report.added).toEqual({ coders: 1, codes: 1, attributeDefs: 0, cases: 0, documents: 0, codings: 1, memos: 0, matrices: 0, ratings: 0 });
    expect(result.value.sources).toEqual([]);
    const added = result.value.data.codings.find((c) => c.memo === 'Carol');
    expect(added).toMatchObject({ documentId: 'd_doc1', exact: 'prosecutions fell', coderId: result.value.data.coders.find((c) => c.name === 'Carol')?.id });
    expect(codePath(result.value.data.codebook, added?.codeId ?? '')).toBe('Outcomes/Norms');
  });
});
