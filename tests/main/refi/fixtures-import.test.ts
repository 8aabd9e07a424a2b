import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRefiFile } from '../../../src/main/refi/read-refi-file.js';
import { onWordBoundary } from '../../../src/core/refi/positions.js';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { createProject } from '../../../src/core/model/project.js';
import { FIXTURES, fixturePath, qdeOf, validateAgainst } from './refi-test-kit.js';
import { readRefiBytes } from '../../../src/main/refi/read-refi-file.js';
import { writeQdpx } from '../../../src/main/refi/write-refi-file.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

async function load(name: string) {
  const r = await readRefiFile(fixturePath(name));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

describe('REFI-QDA fixtures from other programs', () => {
  const files = readdirSync(FIXTURES).filter((f) => /\.(qdpx|qde|qdc)$/i.test(f));

  it('finds the fixture files', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s imports and applies to a new project', async (name) => {
    const refi = await load(name);
    const applied = applyRefiImport(createProject('x', [], coreEnv), refi, { mode: 'new-project' }, coreEnv);
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(applied.value.data.codebook.length).toBe(refi.codes.length);
    expect(applied.value.data.documents.length).toBe(refi.documents.length);
    expect(applied.value.data.codings.length).toBe(refi.codings.length);
    // The stored canonical text is exactly the text of the stored document, so offsets stay valid.
    for (const src of applied.value.sources) expect(buildTextIndex(readerSchema.nodeFromJSON(src.doc)).text).toBe(src.text);
    for (const c of applied.value.data.codings) expect(applied.value.sources.find((s) => s.id === c.documentId)?.text.slice(c.start, c.end)).toBe(c.exact);
  });

  it('reports a missing file as not found', async () => {
    const r = await readRefiFile(fixturePath('no-such-file.qdpx'));
    expect(r.ok ? 'ok' : r.error.code).toBe('not-found');
  });

  it.each(['nvivo-win-12.6_oltas.qdpx', 'qc-1.3.2_demo.qdpx'])('%s: re-exported, it validates and re-imports with the same quotes', async (name) => {
    const refi = await load(name);
    const first = applyRefiImport(createProject('x', [], coreEnv), refi, { mode: 'new-project' }, coreEnv);
    if (!first.ok) throw new Error(first.error.message);
    for (const positions of ['codepoints', 'utf16'] as const) {
      const out = await writeQdpx(first.value.data, first.value.sources, { positions });
      if (!out.ok) throw new Error(out.error.message);
      expect((await validateAgainst(qdeOf(out.value.bytes), 'Project.xsd')).errors).toEqual([]);
      const back = await readRefiBytes(out.value.bytes);
      if (!back.ok) throw new Error(back.error.message);
      const quotes = (xs: { exact: string; start: number; end: number }[]) => xs.map((c) => `${c.start}:${c.end}:${c.exact}`).sort();
      expect(quotes(back.value.codings)).toEqual(quotes(refi.codings));
      expect(back.value.report.positions.every((p) => p.choice.unit === positions || p.evidence === 'not-needed')).toBe(true);
    }
  });

  it('NVivo Windows 12.6: 1 source, 60 codes, 97 codings, read as UTF-16 units with CRLF counted twice', async () => {
    const refi = await load('nvivo-win-12.6_oltas.qdpx');
    expect(refi.documents).toHaveLength(1);
    expect(refi.codes).toHaveLength(60);
    expect(refi.codings).toHaveLength(97);
    expect(refi.coders.map((c) => c.name).sort()).toEqual(['Gergo', 'floriansipos']);
    expect(refi.report.positions[0]).toMatchObject({ choice: { unit: 'utf16', crlfAs: 2 }, evidence: 'word-boundaries', fit: 97, total: 97 });
    expect(refi.report.notImported).toEqual([]);
    const text = refi.documents[0]?.text ?? '';
    expect(text.includes('\r')).toBe(false);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    for (const c of refi.codings) {
      expect(text.slice(c.start, c.end)).toBe(c.exact);
      expect(onWordBoundary(text, c.start), `start of ${JSON.stringify(c.exact.slice(0, 40))}`).toBe(true);
      expect(onWordBoundary(text, c.end), `end of ${JSON.stringify(c.exact.slice(-40))}`).toBe(true);
    }
    // Reading the same file as code points, or with CRLF as one, breaks words: the check above can fail.
    const others = refi.report.positions[0]?.candidates.filter((c) => c.choice.unit !== 'utf16' || c.choice.crlfAs !== 2) ?? [];
    expect(others).toHaveLength(3);
    for (const o of others) expect(o.fit).toBeLessThan(70); // measured: 12, 60 and 2 of 97
  });

  it('NVivo Windows 12.6: codes keep their tree and descriptions', async () => {
    const refi = await load('nvivo-win-12.6_oltas.qdpx');
    const root = refi.codes.find((c) => c.name.startsWith('1. Perceived Susceptibility'));
    expect(root?.parentGuid).toBeNull();
    expect(root?.description).toContain('Rosenstock, 1974');
    expect(refi.codes.filter((c) => c.parentGuid === root?.guid).map((c) => c.name)).toEqual(['alacsony fogékonyság', 'csoportszintű fogékonyság', 'teljes tagadás']);
  });

  it('ATLAS.ti specification example: every supported element imports and the rest is reported', async () => {
    const refi = await load('atlasti-mac-8.4_refi-spec-example2.qde');
    expect(refi.format).toBe('qde');
    expect(refi.coders.map((c) => c.name)).toEqual(['ATLAS.ti', 'Friedrich Markgraf', 'Sebastian Petrausch']);
    expect(refi.codes).toHaveLength(14);
    const cornflakes = refi.codes.find((c) => c.name === 'cornflakes');
    expect(cornflakes).toMatchObject({ color: '#dc0000', description: 'breakfast cereal made by Kellogg’s' });
    expect(refi.codes.find((c) => c.name === '"rushed"')).toBeDefined();
    expect(refi.memos.map((m) => m.text)).toEqual([
      'My favorite Coke ad\n\nThis version is much better than the new Director’s cut',
      'Research Plan\n\nday to day log about this amazing project\n\nThis is a great project by a dynamic team of researcher-developers.',
    ]);
    const kinds = new Map<string, number>();
    for (const s of refi.report.notImported) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({ document: 6, picture: 1, pdf: 2, audio: 1, video: 2, set: 16, graph: 1 });
    expect(refi.report.notes).toEqual([
      'Code "Coke::full-fat Coke" (an ATLAS.ti "Group::Code" name) was placed under "Coke".',
      'Code "Coke::diet Coke" (an ATLAS.ti "Group::Code" name) was placed under "Coke".',
      'Note "My favorite Coke ad" is attached to 238965cb-e557-405d-b4f0-6f824b2f4570, which was not imported; it became a project memo.',
    ]);
    // ATLAS.ti 8 writes grouped codes flat ("Coke::diet Coke") beside the group's own code: rebuilt as a tree.
    const coke = refi.codes.find((c) => c.name === 'Coke');
    expect(refi.codes.filter((c) => c.parentGuid === coke?.guid).map((c) => c.name)).toEqual(['full-fat Coke', 'diet Coke']);
    expect(refi.codes.findIndex((c) => c === coke)).toBeLessThan(refi.codes.findIndex((c) => c.name === 'diet Coke'));
    const docs = refi.report.notImported.filter((s) => s.kind === 'document');
    expect(docs.every((d) => d.reason.includes('without the archive'))).toBe(true);
    expect(docs.find((d) => d.name === 'Simon.docx')?.reason).toContain('3 selection(s) were not imported');
    expect(refi.report.notImported.find((s) => s.kind === 'video' && s.name === '1960s Coca Cola commercial.mp4')?.reason).toContain('2 text representation(s)/transcript(s)');
  });

  it('NVivo Mac 15: 262 nested codes; the two sources whose text is only in an empty DOCX are reported', async () => {
    const refi = await load('nvivo-mac-15.0_codes-only_nvivo_project.qdpx');
    expect(refi.codes).toHaveLength(262);
    expect(refi.codes.filter((c) => c.parentGuid === null).length).toBeGreaterThan(1);
    expect(refi.documents).toHaveLength(0);
    const docs = refi.report.notImported.filter((s) => s.kind === 'document');
    expect(docs).toHaveLength(2);
    for (const d of docs) expect(d.reason).toMatch(/plain-text file is empty.*DOCX/);
  });

  it('qc 1.3.2: paths without a scheme, several codings per selection, no XML declaration', async () => {
    const refi = await load('qc-1.3.2_demo.qdpx');
    expect(refi.documents.map((d) => d.title)).toEqual(['board_2017.txt', 'admin-1.txt']);
    expect(refi.codings).toHaveLength(205);
    expect(refi.codes).toHaveLength(262);
    for (const c of refi.codings) expect(refi.documents.find((d) => d.guid === c.documentGuid)?.text.slice(c.start, c.end)).toBe(c.exact);
  });

  it('ATLAS.ti Windows 23: blank project and codes-only project', async () => {
    const blank = await load('atlasti-win-23.2.3_blank.qdpx');
    expect(blank.coders).toHaveLength(2);
    expect(blank.codes).toHaveLength(0);
    const codes = await load('atlasti-win-23.2.3_codes-only.qdpx');
    expect(codes.codes.map((c) => [c.name, c.parentGuid === null])).toEqual([
      ['Commits', true],
      ['2022-05-10T02:05:59Z 19e4dce', false],
      ['2022-02-11T10:39:25Z cdbfd92', false],
    ]);
    expect(codes.codes[1]?.guid).toBe('2d2466f0-d77f-4f8c-bdf9-628966b6b74d');
  });
});
