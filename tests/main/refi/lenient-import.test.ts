import { describe, expect, it } from 'vitest';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { guidKey } from '../../../src/core/refi/guid.js';
import { createProject } from '../../../src/core/model/project.js';
import { readRefiBytes } from '../../../src/main/refi/read-refi-file.js';
import { G, INLINE2, lenientQdpx } from './lenient-fixture.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

async function lenient() {
  const r = await readRefiBytes(lenientQdpx());
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('lenient .qdpx import', () => {
  it('reads a prefixed 0:4 namespace, any .qde name, Sources/ capitalised, braced upper-case GUIDs', async () => {
    const refi = await lenient();
    expect(refi.projectName).toBe('Lenient study');
    expect(refi.coders).toEqual([
      { guid: guidKey(G.userA), name: 'Ana' },
      { guid: G.userB, name: 'BB' },
    ]);
    expect(refi.codes.map((c) => [c.name, c.color, c.codable, c.parentGuid])).toEqual([
      ['Themes', null, false, null],
      ['Pressure', '#ff00aa', true, guidKey(G.folder)],
      ['Reform', '#00ff00', true, guidKey(G.folder)],
    ]);
    expect(refi.report.notes.some((n) => n.includes('"Themes" is not codable'))).toBe(true);
  });

  it('strips the BOM, normalises CRLF and places code-point positions that count CRLF as one (names confirm)', async () => {
    const refi = await lenient();
    const doc = refi.documents.find((d) => d.guid === guidKey(G.src1));
    expect(doc?.text).toBe('The minister 👩🏽‍⚖️ said:\n"Tier 2 is unfair."\n\nParliament passed the 𝒯IP law in 2015.');
    const pos = refi.report.positions.find((p) => p.documentGuid === guidKey(G.src1));
    expect(pos).toMatchObject({ choice: { unit: 'codepoints', crlfAs: 1 }, evidence: 'names' });
    const quotes = refi.codings.filter((c) => c.documentGuid === guidKey(G.src1)).map((c) => c.exact);
    expect(quotes).toEqual(['"Tier 2 is unfair."', '"Tier 2 is unfair."', 'Parliament passed the 𝒯IP law']);
  });

  it('takes coders from the selection, then the coding, and puts selection descriptions and linked notes in the memo', async () => {
    const refi = await lenient();
    const onQuote = refi.codings.filter((c) => c.exact === '"Tier 2 is unfair."');
    // The selection names user B; its second coding names user A: the selection's user wins.
    expect(onQuote.map((c) => [c.codeGuid, c.coderGuid])).toEqual([
      [guidKey(G.codeX), G.userB],
      [guidKey(G.codeY), G.userB],
    ]);
    expect(refi.report.attribution.differing).toBe(1);
    // A selection without a user falls back to its coding's user.
    expect(refi.codings.find((c) => c.exact === 'Parliament passed the 𝒯IP law')?.coderGuid).toBe(guidKey(G.userA));
    for (const c of onQuote) expect(c.memo).toBe('strong words\n\nOn the quote\n\nSaid twice.');
  });

  it('reads inline PlainTextContent, whole-source codings and annotations', async () => {
    const refi = await lenient();
    const doc = refi.documents.find((d) => d.guid === G.src2);
    expect(doc).toMatchObject({ text: INLINE2, textFrom: 'inline' });
    const whole = refi.codings.find((c) => c.documentGuid === G.src2);
    expect(whole).toMatchObject({ start: 0, end: INLINE2.length, codeGuid: guidKey(G.codeX), coderGuid: G.userB });
    expect(refi.memos.find((m) => m.target.kind === 'document')?.text).toBe('Annotation on "prosecutions": check numbers');
  });

  it('turns cases, typed variables and source variables into cases with typed attributes', async () => {
    const refi = await lenient();
    expect(refi.attributeDefs).toEqual([
      { name: 'region', type: 'text' },
      { name: 'tier', type: 'number' },
      { name: 'watchlist', type: 'boolean' },
      { name: 'visited', type: 'date' },
      { name: 'interviews', type: 'number' },
      { name: 'exported', type: 'date' },
    ]);
    expect(refi.cases).toEqual([
      { guid: G.case1, name: 'Ruritania', attributes: { region: 'Europe', tier: 2.5, watchlist: true, visited: '2016-03-01', exported: '2016-03-01T10:00:00Z' } },
      { guid: G.caseNameless, name: 'inline note source', attributes: { interviews: 3, region: 'Asia' } },
    ]);
    expect(refi.documents.map((d) => d.caseGuid)).toEqual([G.case1, G.caseNameless]);
  });

  it('turns notes into memos on codes, the project and cases', async () => {
    const refi = await lenient();
    const byKind = (k: string) => refi.memos.filter((m) => m.target.kind === k).map((m) => m.text);
    expect(byKind('code')).toEqual(['About pressure\n\nPressure means public ranking.']);
    expect(byKind('project').sort()).toEqual(['Field notes\n\nVisited the ministry.\nMet two officials.', 'Loose note.']);
    expect(byKind('case')).toEqual(['A small kingdom']);
  });

  it('lists everything it did not import, with reasons', async () => {
    const refi = await lenient();
    const line = (kind: string, guid: string) => refi.report.notImported.find((s) => s.kind === kind && s.guid === guidKey(guid))?.reason;
    expect(line('selection', G.selOut)).toMatch(/out of range/);
    expect(line('coding', G.selDangling.replace('eeee', 'ffff'))).toMatch(/not in the codebook/);
    expect(line('document', G.srcAbs)).toMatch(/absolute path .* reported, not read/);
    expect(line('document', G.srcRel)).toMatch(/relative path/);
    expect(line('document', G.srcGone)).toMatch(/archive has no file/);
    expect(line('picture', '66666666-0000-4000-8000-000000000001')).toMatch(/PictureSource is not supported/);
    expect(line('set', G.set)).toMatch(/1 member/);
    expect(line('graph', G.graph)).toBeDefined();
    expect(line('case', G.case1)).toMatch(/1 code reference/);
    expect(refi.report.notImported.find((s) => s.kind === 'variable')?.reason).toMatch(/"twelve" is not a valid Integer/);
  });

  it('applies to a new project, and merging the same file again adds nothing', async () => {
    const refi = await lenient();
    const first = applyRefiImport(createProject('p', [], coreEnv), refi, { mode: 'new-project', now: '2026-02-01T00:00:00.000Z' }, coreEnv);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.report.added).toEqual({ coders: 2, codes: 3, attributeDefs: 6, cases: 2, documents: 2, codings: 4, memos: 5, matrices: 0, ratings: 0 });
    expect(first.value.sources.map((s) => s.text)).toEqual(refi.documents.map((d) => d.text));
    const second = applyRefiImport(first.value.data, refi, { mode: 'merge' }, coreEnv);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.report.added).toEqual({ coders: 0, codes: 0, attributeDefs: 0, cases: 0, documents: 0, codings: 0, memos: 0, matrices: 0, ratings: 0 });
    expect(second.value.data).toEqual({ ...first.value.data, project: { ...first.value.data.project } });
    expect(second.value.sources).toEqual([]);
  });

  it('strict mode refuses the whole file and leaves the project unchanged', async () => {
    const refi = await lenient();
    const project = createProject('p', [], coreEnv);
    const before = JSON.stringify(project);
    const r = applyRefiImport(project, refi, { mode: 'new-project', strict: true }, coreEnv);
    expect(r.ok ? 'ok' : r.error.code).toBe('invalid');
    expect(r.ok ? '' : r.error.message).toMatch(/could not be imported/);
    expect(JSON.stringify(project)).toBe(before);
  });
});
