import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { unzipSync, strFromU8 } from 'fflate';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { faithfulTextToDoc } from '../../../src/core/document/plain-text.js';
import { makeAnchor } from '../../../src/core/codings/anchor.js';
import { createProject } from '../../../src/core/model/project.js';
import type { Code, ProjectData, SourceContent } from '../../../src/core/model/types.js';
import { TEXT_VERSION } from '../../../src/core/model/types.js';
import { sha256Hex } from '../../../src/core/util/hash.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

/** The shared REFI-QDA fixtures (read-only, outside the repo). */
export const FIXTURES = new URL('../../../../shared/fixtures/refi/', import.meta.url);

export function fixturePath(name: string): string {
  return new URL(name, FIXTURES).pathname;
}

/** Validate XML against one of the official schemas with libxml2 (WASM). */
export async function validateAgainst(xml: string, schema: 'Project.xsd' | 'Codebook.xsd'): Promise<{ valid: boolean; errors: string[] }> {
  const xsd = readFileSync(new URL(`schema/${schema}`, FIXTURES), 'utf8');
  const r = await validateXML({ xml: [{ fileName: 'file.xml', contents: xml }], schema: [{ fileName: schema, contents: xsd }] });
  return { valid: r.valid, errors: r.errors.map((e) => e.rawMessage) };
}

/** The project XML inside a .qdpx. */
export function qdeOf(bytes: Uint8Array): string {
  const files = unzipSync(bytes);
  const qde = files['project.qde'];
  if (!qde) throw new Error('no project.qde');
  return strFromU8(qde);
}

const code = (id: string, name: string, parentId: string | null, order: number, extra: Partial<Code> = {}): Code => ({
  id,
  name,
  parentId,
  color: '#aa3311',
  description: '',
  inclusion: '',
  exclusion: '',
  example: '',
  shortcut: null,
  order,
  ...extra,
});

/** Source texts of the sample project: emoji and other astral characters, CRLF origin, accents. */
export const SAMPLE_RAW_TEXTS = [
  'Legislation 🇺🇸 passed in 2014.\r\nThe ministry 👩🏽‍⚖️ set up a task force.\r\n\r\nNGOs welcomed the 𝒯ier 2 rating.',
  'Résumé: the government promised reform 🙂 but\nprosecutions fell.\n\n\nA new law followed.',
];

/**
 * A Casecoder project exercising everything the round trip must keep: a two-level codebook with
 * notes, typed case attributes, two coders, documents made the faithful way from CRLF text with
 * emoji, overlapping codings (one with a memo), and memos on the project, a code, a case and a
 * document.
 */
export function sampleProject(): { data: ProjectData; sources: SourceContent[] } {
  const codebook = [
    code('k_outcomes', 'Outcomes', null, 0, { description: 'What changed', inclusion: 'Observable changes', exclusion: 'Promises', example: 'A new law' }),
    code('k_legis', 'Legislation', 'k_outcomes', 0, { color: '#1f77b4' }),
    code('k_inst', 'Institution building', 'k_outcomes', 1),
    code('k_concern', 'Concerns & "doubts" <x>', null, 1, { description: 'Line one\nline two' }),
  ];
  let data = createProject('Scorecard study', codebook, coreEnv);
  data = {
    ...data,
    coders: [
      { id: 'u_alice', name: 'Alice' },
      { id: 'u_bob', name: 'Bob' },
    ],
    attributeDefs: [
      { name: 'region', type: 'text' },
      { name: 'tier', type: 'number' },
      { name: 'watchlist', type: 'boolean' },
      { name: 'report date', type: 'date' },
    ],
    cases: [
      { id: 'c_usa', name: 'United States', attributes: { region: 'Americas', tier: 1, watchlist: false, 'report date': '2014-06-20' } },
      { id: 'c_fra', name: 'France', attributes: { region: 'Europe', tier: 1.5, watchlist: true } },
    ],
  };
  const sources: SourceContent[] = [];
  SAMPLE_RAW_TEXTS.forEach((raw, i) => {
    const doc = faithfulTextToDoc(raw);
    const text = buildTextIndex(readerSchema.nodeFromJSON(doc)).text;
    const id = `d_doc${i}`;
    const textHash = sha256Hex(text);
    sources.push({ id, textVersion: TEXT_VERSION, doc, text, textHash });
    data.documents.push({
      id,
      caseId: i === 0 ? 'c_usa' : 'c_fra',
      title: `Case text ${i + 1}.txt`,
      sourceFile: `case${i + 1}.txt`,
      format: 'txt',
      textHash,
      chars: text.length,
      importedAt: '2026-01-01T10:00:00.000Z',
      textVersion: TEXT_VERSION,
    });
  });
  const addCoding = (id: string, doc: number, codeId: string, coderId: string, exactStart: string, exactEnd: string, memo = ''): void => {
    const text = sources[doc]?.text ?? '';
    const start = text.indexOf(exactStart);
    const end = text.indexOf(exactEnd, start) + exactEnd.length;
    const a = makeAnchor(text, start, end);
    if (!a || start < 0) throw new Error(`sample coding ${id} not found`);
    data.codings.push({ id, documentId: `d_doc${doc}`, codeId, coderId, ...a, memo, created: '2026-01-02T10:00:00.000Z', updated: '2026-01-02T11:00:00.000Z' });
  };
  addCoding('g_1', 0, 'k_legis', 'u_alice', 'Legislation', '2014.');
  addCoding('g_2', 0, 'k_inst', 'u_alice', 'The ministry', 'task force.', 'emoji 👩🏽‍⚖️ inside');
  addCoding('g_3', 0, 'k_inst', 'u_bob', 'ministry', 'NGOs welcomed');
  addCoding('g_4', 0, 'k_concern', 'u_bob', '𝒯ier', 'rating.');
  addCoding('g_5', 1, 'k_outcomes', 'u_alice', 'Résumé', 'reform 🙂');
  addCoding('g_6', 1, 'k_legis', 'u_bob', 'A new law', 'followed.');
  data.memos.push(
    { id: 'm_proj', target: { kind: 'project' }, coderId: 'u_alice', text: 'Project memo\n\nwith two paragraphs', updated: '2026-01-03T10:00:00.000Z' },
    { id: 'm_code', target: { kind: 'code', id: 'k_legis' }, coderId: 'u_bob', text: 'Only enacted laws', updated: '2026-01-03T10:00:00.000Z' },
    { id: 'm_case', target: { kind: 'case', id: 'c_fra' }, coderId: null, text: 'France: check the 2016 report', updated: '2026-01-03T10:00:00.000Z' },
    { id: 'm_doc', target: { kind: 'document', id: 'd_doc0' }, coderId: 'u_alice', text: 'Translated by the ministry', updated: '2026-01-03T10:00:00.000Z' },
  );
  return { data, sources };
}
