import { describe, expect, it } from 'vitest';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { faithfulTextToDoc } from '../../../src/core/document/plain-text.js';
import { createProject } from '../../../src/core/model/project.js';
import type { Code, ProjectData } from '../../../src/core/model/types.js';
import { TEXT_VERSION } from '../../../src/core/model/types.js';
import { sha256Hex } from '../../../src/core/util/hash.js';
import type { RefiImport } from '../../../src/core/refi/types.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const TEXT = 'The ministry opened a shelter. Prosecutions doubled.';
const code = (id: string, name: string, parentId: string | null): Code => ({ id, name, parentId, color: '#123456', description: 'ours', inclusion: '', exclusion: '', example: '', shortcut: null, order: 0 });

/** Our project: coder Alice, codes Outcomes/Legislation, one document, one case with a region. */
function ours(): ProjectData {
  const p = createProject('Ours', [code('k_out', 'Outcomes', null), code('k_leg', 'Legislation', 'k_out')], coreEnv);
  return {
    ...p,
    coders: [{ id: 'u_alice', name: 'Alice' }],
    attributeDefs: [{ name: 'region', type: 'text' }],
    cases: [{ id: 'c_r', name: 'Ruritania', attributes: { region: 'Europe' } }],
    documents: [{ id: 'd_1', caseId: null, title: 'Report', sourceFile: 'r.md', format: 'md', textHash: sha256Hex(TEXT), chars: TEXT.length, importedAt: '2026-01-01T00:00:00Z', textVersion: TEXT_VERSION }],
    codings: [{ id: 'g_a', documentId: 'd_1', codeId: 'k_leg', coderId: 'u_alice', start: 4, end: 12, exact: 'ministry', prefix: 'The ', suffix: ' opened', memo: '', created: 'x', updated: 'x' }],
  };
}

/** Bob's file: same codes under other GUIDs (one new child), same text, his codings. */
function bobsFile(): RefiImport {
  return {
    format: 'qdpx',
    projectName: 'Bob',
    origin: 'Casecoder',
    coders: [
      { guid: 'b0b', name: 'Bob' },
      { guid: 'a11ce', name: 'alice' },
    ],
    codes: [
      { guid: 'g-out', parentGuid: null, name: 'outcomes', color: '#ff0000', description: 'theirs', inclusion: '', exclusion: '', example: '', codable: true },
      { guid: 'g-leg', parentGuid: 'g-out', name: 'Legislation', color: null, description: '', inclusion: '', exclusion: '', example: '', codable: true },
      { guid: 'g-norm', parentGuid: 'g-out', name: 'Norms', color: null, description: 'new', inclusion: '', exclusion: '', example: '', codable: true },
    ],
    attributeDefs: [
      { name: 'region', type: 'number' },
      { name: 'tier', type: 'number' },
    ],
    cases: [{ guid: 'case-r', name: 'ruritania', attributes: { region: 'Asia', tier: 2 } }],
    documents: [{ guid: 'doc', title: 'Bob copy', caseGuid: 'case-r', text: TEXT, doc: faithfulTextToDoc(TEXT), textFrom: 'file' }],
    codings: [
      { guid: 'c1', documentGuid: 'doc', codeGuid: 'g-leg', coderGuid: 'a11ce', start: 4, end: 12, exact: 'ministry', memo: '', created: null },
      { guid: 'c2', documentGuid: 'doc', codeGuid: 'g-norm', coderGuid: 'b0b', start: 31, end: 52, exact: 'Prosecutions doubled.', memo: 'B', created: '2026-03-01T00:00:00Z' },
    ],
    memos: [{ guid: 'n1', target: { kind: 'code', guid: 'g-norm' }, coderGuid: 'b0b', text: 'Norm memo', created: null }],
    extension: null,
    report: { positions: [], attribution: { rule: '', users: [], differing: 0 }, notImported: [], notes: [] },
  };
}

describe('applyRefiImport (merge)', () => {
  it('matches coders by name, codes by path, cases by name and documents by text hash', () => {
    const r = applyRefiImport(ours(), bobsFile(), { mode: 'merge', now: '2026-04-01T00:00:00Z' }, coreEnv);
    if (!r.ok) throw new Error(r.error.message);
    const { data, report, sources } = r.value;
    expect(report.added).toEqual({ coders: 1, codes: 1, attributeDefs: 1, cases: 0, documents: 0, codings: 1, memos: 1, matrices: 0, ratings: 0 });
    expect(report.matched).toEqual({ coders: 1, codes: 2, attributeDefs: 1, cases: 1, documents: 1, codings: 1, memos: 0, matrices: 0, ratings: 0 });
    expect(sources).toEqual([]);
    expect(data.coders.map((c) => c.name)).toEqual(['Alice', 'Bob']);
    const norms = data.codebook.find((c) => c.name === 'Norms');
    expect(norms).toMatchObject({ parentId: 'k_out', description: 'new', order: 1 });
    expect(data.codebook.find((c) => c.id === 'k_out')).toMatchObject({ description: 'ours', color: '#123456' });
    expect(data.codings.find((c) => c.exact === 'Prosecutions doubled.')).toMatchObject({ documentId: 'd_1', codeId: norms?.id, memo: 'B', prefix: 'The ministry opened a shelter. ' });
    expect(data.documents[0]?.caseId).toBe('c_r');
    expect(data.cases[0]?.attributes).toEqual({ region: 'Europe', tier: 2 });
    expect(report.notes.some((n) => n.includes('"region" is text in the project and number in the file'))).toBe(true);
    expect(report.notes.some((n) => n.includes('"region" is "Europe" in the project and "Asia" in the file'))).toBe(true);
    expect(data.project.codebookVersion).toBe(2);
    expect(data.project.name).toBe('Ours');
  });

  it('is idempotent: the second merge adds nothing and returns equal data', () => {
    const once = applyRefiImport(ours(), bobsFile(), { mode: 'merge', now: 't' }, coreEnv);
    if (!once.ok) throw new Error(once.error.message);
    const twice = applyRefiImport(once.value.data, bobsFile(), { mode: 'merge', now: 't' }, coreEnv);
    if (!twice.ok) throw new Error(twice.error.message);
    expect(Object.values(twice.value.report.added).every((n) => n === 0)).toBe(true);
    expect(twice.value.data).toEqual({ ...once.value.data, project: { ...once.value.data.project } });
  });

  it('does not mutate its input', () => {
    const data = ours();
    const before = structuredClone(data);
    applyRefiImport(data, bobsFile(), { mode: 'merge' }, coreEnv);
    expect(data).toEqual(before);
  });

  it('refuses new-project mode on a project that already has documents', () => {
    const r = applyRefiImport(ours(), bobsFile(), { mode: 'new-project' }, coreEnv);
    expect(r.ok ? 'ok' : r.error.code).toBe('conflict');
  });

  it('new documents get content files whose hash matches their metadata', () => {
    const file = bobsFile();
    const r = applyRefiImport(createProject('New', [], coreEnv), file, { mode: 'new-project', now: 't' }, coreEnv);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.data.project.name).toBe('Bob');
    const [doc] = r.value.data.documents;
    const [src] = r.value.sources;
    expect(src).toMatchObject({ id: doc?.id, text: TEXT, textHash: doc?.textHash, textVersion: TEXT_VERSION });
    expect(doc?.id).toMatch(/^d_[0-9a-f]{32}$/);
    expect(r.value.data.codings).toHaveLength(2);
  });

  it('skips codings whose code, document or coder did not come through, and says so', () => {
    const file = bobsFile();
    file.codings.push({ guid: 'c3', documentGuid: 'missing-doc', codeGuid: 'g-leg', coderGuid: 'b0b', start: 0, end: 3, exact: 'The', memo: '', created: null });
    const r = applyRefiImport(ours(), file, { mode: 'merge' }, coreEnv);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.report.skipped).toEqual([{ kind: 'coding', guid: 'c3', name: 'The', reason: 'its document, code or coder was not imported' }]);
  });
});
