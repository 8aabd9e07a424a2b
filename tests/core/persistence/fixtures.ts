import type { Code, Coding, ProjectData, SourceContent } from '../../../src/core/model/types.js';
import { SCHEMA_VERSION } from '../../../src/core/model/types.js';
import { sha256Hex } from '../../../src/core/util/hash.js';

/** Fixed text of the fixture document (written for these tests). */
export const FIXTURE_TEXT = 'The ministry met the embassy twice.\n\nA new law followed in the spring.';

/** A content file for the fixture document. */
export function fixtureSource(id = 'd_doc1', text = FIXTURE_TEXT): SourceContent {
  const paragraphs = text.split('\n\n').map((p) => ({ type: 'paragraph', content: p ? [{ type: 'text', text: p }] : [] }));
  return { id, textVersion: 1, doc: { type: 'doc', content: paragraphs }, text, textHash: sha256Hex(text) };
}

/** The k-th fixture coding (deterministic id `k_<k>`). */
export function fixtureCoding(k: number): Coding {
  const start = k % 30;
  return {
    id: `k_${k}`,
    documentId: 'd_doc1',
    codeId: 'c_direct',
    coderId: 'u_ana',
    start,
    end: start + 5,
    exact: FIXTURE_TEXT.slice(start, start + 5),
    prefix: FIXTURE_TEXT.slice(Math.max(0, start - 32), start),
    suffix: FIXTURE_TEXT.slice(start + 5, start + 37),
    memo: k % 7 === 0 ? `memo for passage ${k}` : '',
    created: '2026-01-01T00:00:00.000Z',
    updated: '2026-01-01T00:00:00.000Z',
  };
}

const code = (id: string, name: string, parentId: string | null, order: number): Code => ({
  id,
  name,
  parentId,
  color: '#336699',
  description: `${name} (fixture)`,
  inclusion: '',
  exclusion: '',
  example: '',
  shortcut: null,
  order,
});

/** A valid, self-consistent project with one document and `codings` codings `k_1 … k_n`. */
export function fixtureProject(codings = 3): ProjectData {
  return {
    format: 'casecoder',
    schemaVersion: SCHEMA_VERSION,
    project: { id: 'p_fixture', name: 'Fixture study', created: '2026-01-01T00:00:00.000Z', codebookVersion: 1 },
    coders: [{ id: 'u_ana', name: 'Ana' }],
    codebook: [code('c_direct', 'Direct diplomacy', null, 0), code('c_out', 'Outcomes', null, 1), code('c_leg', 'Legislation', 'c_out', 0)],
    attributeDefs: [{ name: 'region', type: 'text' }],
    cases: [{ id: 'k_case', name: 'Ruritania', attributes: { region: 'Europe', tier: 2, watch: false, since: null } }],
    documents: [
      {
        id: 'd_doc1',
        caseId: 'k_case',
        title: 'Ruritania report',
        sourceFile: 'ruritania.txt',
        format: 'txt',
        textHash: sha256Hex(FIXTURE_TEXT),
        chars: FIXTURE_TEXT.length,
        importedAt: '2026-01-01T00:00:00.000Z',
        textVersion: 1,
      },
    ],
    codings: Array.from({ length: codings }, (_, i) => fixtureCoding(i + 1)),
    matrices: [{ id: 'm_1', name: 'Outcomes', columns: ['c_leg'], rows: [], scale: ['none', 'some', 'strong'], notApplicable: 'n/a' }],
    ratings: [{ id: 'r_1', matrixId: 'm_1', caseId: 'k_case', codeId: 'c_leg', coderId: 'u_ana', value: 'some', note: '', evidence: ['k_1'], updated: '2026-01-01T00:00:00.000Z' }],
    memos: [{ id: 'n_1', target: { kind: 'project' }, coderId: null, text: 'Study memo', updated: '2026-01-01T00:00:00.000Z' }],
  };
}

/** Deep copy through JSON (the fixture is plain data). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
