import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codebookFromTemplate } from '../../../src/core/codebook/template.js';
import { codePath } from '../../../src/core/codebook/paths.js';
import { addCoding } from '../../../src/core/codings/commands.js';
import { createProject, ensureCoder } from '../../../src/core/model/project.js';
import type { Code, ProjectData } from '../../../src/core/model/types.js';
import { codingKey, mergeWork, reanchor, type IncomingWork, type MergeReport } from '../../../src/core/merge/index.js';
import { sha256Hex } from '../../../src/core/util/hash.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const seed = readFileSync(new URL('../../../../shared/seeds/000_b19cde1f6a69a6f8.txt', import.meta.url), 'utf8').replace(/\r\n/g, '\n');
const seed3 = readFileSync(new URL('../../../../shared/seeds/003_3526632470e2ad38.txt', import.meta.url), 'utf8').replace(/\r\n/g, '\n');
const template = JSON.parse(readFileSync(new URL('../../../resources/codebooks/scorecard-diplomacy.json', import.meta.url), 'utf8')) as unknown;

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function base(docId = 'd_ecuador'): ProjectData {
  const p = createProject('Study', unwrap(codebookFromTemplate(template)), coreEnv);
  return { ...p, documents: [{ id: docId, caseId: null, title: 'Ecuador', sourceFile: 'ecuador.txt', format: 'txt', textHash: sha256Hex(seed), chars: seed.length, importedAt: '2025-01-01T00:00:00Z', textVersion: 1 }] };
}

function code(data: ProjectData, path: string): Code {
  const c = data.codebook.find((k) => codePath(data.codebook, k.id) === path);
  if (!c) throw new Error(`no ${path}`);
  return c;
}

/** Code the phrase `phrase` (its n-th occurrence) as coder `coder`. */
function codePhrase(data: ProjectData, coder: string, codeRef: string, phrase: string, docId = 'd_ecuador', extend = 0): ProjectData {
  const withCoder = ensureCoder(data, coder, coreEnv);
  const start = seed.indexOf(phrase);
  if (start < 0) throw new Error(`phrase not in seed: ${phrase}`);
  const c = data.codebook.find((k) => k.id === codeRef) ?? code(data, codeRef);
  return unwrap(addCoding(withCoder.data, seed, { documentId: docId, codeId: c.id, coderId: withCoder.coder.id, start, end: start + phrase.length + extend }, coreEnv)).data;
}

const asWork = (d: ProjectData): IncomingWork => ({ coders: d.coders, codebook: d.codebook, documents: d.documents, codings: d.codings });
const texts = (d: ProjectData) => new Map(d.documents.map((x) => [x.id, x.textHash === sha256Hex(seed) ? seed : seed3]));
let n = 0;
const opts = () => ({ id: `r${++n}`, at: '2025-02-01T00:00:00Z', source: { kind: 'project' as const, name: 'other' } });

function merge(into: ProjectData, from: ProjectData): { data: ProjectData; report: MergeReport } {
  return unwrap(mergeWork(into, asWork(from), texts(into), opts(), coreEnv));
}

/** Codings as comparable facts: document text, code identity, coder name, span. */
function facts(d: ProjectData, codeKey: (c: Code) => string): string[] {
  const hash = new Map(d.documents.map((x) => [x.id, x.textHash]));
  return d.codings
    .map((g) => {
      const c = d.codebook.find((k) => k.id === g.codeId) as Code;
      const coder = d.coders.find((u) => u.id === g.coderId)?.name;
      return `${hash.get(g.documentId)}|${codeKey(c)}|${coder}|${g.start}|${g.end}|${g.exact === seed.slice(g.start, g.end)}`;
    })
    .sort();
}

describe('mergeWork: two coders code copies of the same project independently', () => {
  // The shared starting point: a project both coders copied (same document and code ids).
  const start = codePhrase(base(), 'Lead', 'Direct diplomacy', 'Scorecard diplomacy meetings to discuss TIP were frequent');

  // Ana codes her copy: an identical coding to Ben's, an overlapping one, and a new code.
  let ana = codePhrase(start, 'Ana', 'Direct diplomacy', 'Scorecard diplomacy meetings to discuss TIP were frequent');
  ana = codePhrase(ana, 'Ana', 'Outcomes/Legislation', 'President Alfredo Palacio');
  ana = { ...ana, codebook: [...ana.codebook, { ...code(ana, 'Concerns'), id: 'k_ana_new', name: 'Shelters', parentId: code(ana, 'Concerns').id, shortcut: null, order: 9 }] };
  ana = codePhrase(ana, 'Ana', 'k_ana_new', 'Alfredo Palacio');

  // Ben codes his: the same identical coding (same coder name on both sides? no: his own), an overlap, and renames a code.
  let ben = codePhrase(start, 'Ben', 'Direct diplomacy', 'Scorecard diplomacy meetings to discuss TIP were frequent');
  ben = codePhrase(ben, 'Ben', 'Outcomes/Legislation', 'President Alfredo Palacio', 'd_ecuador', 1);
  ben = codePhrase(ben, 'Ben', 'Outcomes/Legislation', 'A key figure was the minister of government');
  const legislation = code(ben, 'Outcomes/Legislation');
  ben = { ...ben, codebook: ben.codebook.map((c) => (c.id === legislation.id ? { ...c, name: 'Laws passed' } : c)) };
  // Ana also coded as "Ben" once on her machine (the same coding from both sides must collapse).
  ana = codePhrase(ana, 'Ben', 'Outcomes/Legislation', 'A key figure was the minister of government');

  const templateIds = new Set(unwrap(codebookFromTemplate(template)).map((c) => c.id));
  const key = (d: ProjectData) => (c: Code) => (templateIds.has(c.id) ? c.id : codePath(d.codebook, c.id));

  it('merging in either order gives the same codings, and nothing is lost', () => {
    const ab = merge(ana, ben);
    const ba = merge(ben, ana);
    expect(facts(ab.data, key(ab.data))).toEqual(facts(ba.data, key(ba.data)));
    // No coding lost: every coding of either side is in the result (as a fact).
    const all = new Set([...facts(ana, key(ana)), ...facts(ben, key(ben))]);
    expect(new Set(facts(ab.data, key(ab.data)))).toEqual(all);
    // Lead's coding (in both copies) and Ben's coding made on both machines collapse to one each.
    expect(ab.report.matched.codings).toBe(2);
    expect(ab.data.codings).toHaveLength(all.size);
    expect(ab.report.keptAside.codings).toEqual([]);
    // All quotes still match their offsets.
    expect(ab.data.codings.every((g) => seed.slice(g.start, g.end) === g.exact)).toBe(true);
  });

  it('a code renamed by one coder stays one code (same id), reported as a rename; new codes are added', () => {
    const ab = merge(ana, ben);
    expect(ab.data.codebook.filter((c) => c.id === legislation.id)).toHaveLength(1);
    expect(ab.report.renamedCodes).toEqual([{ id: legislation.id, here: 'Outcomes/Legislation', there: 'Outcomes/Laws passed' }]);
    const ba = merge(ben, ana);
    expect(ba.report.renamedCodes).toEqual([{ id: legislation.id, here: 'Outcomes/Laws passed', there: 'Outcomes/Legislation' }]);
    expect(codePath(ba.data.codebook, 'k_ana_new')).toBe('Concerns/Shelters');
    expect(ba.report.added.codes).toBe(1);
    expect(ba.data.project.codebookVersion).toBe(ben.project.codebookVersion + 1);
    // Overlapping codings of the same code by Ana and Ben are both kept.
    const legis = ba.data.codings.filter((g) => g.codeId === legislation.id && g.exact.startsWith('President'));
    expect(legis.map((g) => g.exact).sort()).toEqual(['President Alfredo Palacio', 'President Alfredo Palacio.'].sort());
  });

  it('merging twice adds nothing and returns the same object', () => {
    const once = merge(ana, ben);
    const twice = merge(once.data, ben);
    expect(twice.data).toBe(once.data);
    expect(twice.report.added).toEqual({ coders: 0, codes: 0, documents: 0, codings: 0 });
    const back = merge(once.data, ana);
    expect(back.data).toBe(once.data);
  });

  it('matches documents by text hash and codes by path when ids differ (independent projects)', () => {
    // Ben started his own project: other document id, codebook ids differ for a code he created.
    let other = base('d_other_id');
    other = { ...other, codebook: [...other.codebook, { ...code(other, 'Concerns'), id: 'k_ben_shelters', name: 'shelters', parentId: code(other, 'Concerns').id, shortcut: null }] };
    other = codePhrase(other, 'Ben', 'k_ben_shelters', 'Alfredo Palacio', 'd_other_id');
    const r = merge(ana, other);
    expect(r.report.matched.documents).toBe(1);
    expect(r.report.added.codes).toBe(0);
    const added = r.data.codings.find((g) => g.coderId !== ana.coders.find((u) => u.name === 'Ana')?.id && g.exact === 'Alfredo Palacio');
    expect(added).toMatchObject({ documentId: 'd_ecuador', codeId: 'k_ana_new' });
  });

  it('keeps aside codings of documents not in the project and quotes that are not in the text', () => {
    let other = base();
    other = { ...other, documents: [...other.documents, { id: 'd_ven', caseId: null, title: 'Venezuela', sourceFile: 'v.txt', format: 'txt', textHash: sha256Hex(seed3), chars: seed3.length, importedAt: '', textVersion: 1 }] };
    other = ensureCoder(other, 'Cleo', coreEnv).data;
    const cleo = other.coders.find((u) => u.name === 'Cleo')?.id as string;
    const mk = (id: string, documentId: string, exact: string, startAt: number) => ({
      id,
      documentId,
      codeId: code(other, 'Concerns').id,
      coderId: cleo,
      start: startAt,
      end: startAt + exact.length,
      exact,
      prefix: '',
      suffix: '',
      memo: '',
      created: '',
      updated: '',
    });
    const moved = seed.indexOf('Alfredo Palacio');
    other = {
      ...other,
      codings: [mk('g_ven', 'd_ven', seed3.slice(10, 40), 10), mk('g_gone', 'd_ecuador', 'words that are nowhere in the seed', 5), mk('g_moved', 'd_ecuador', 'Alfredo Palacio', moved + 7)],
    };
    const r = merge(ana, other);
    expect(r.report.keptAsideReasons.map((k) => [k.codingId, k.reason]).sort()).toEqual([
      ['g_gone', 'quote-not-found'],
      ['g_ven', 'document-not-in-project'],
    ]);
    expect(r.report.missingDocuments).toEqual([{ title: 'Venezuela', textHash: sha256Hex(seed3), chars: seed3.length, codings: 1 }]);
    expect(r.report.keptAside.coders.map((u) => u.name)).toEqual(['Cleo']);
    expect(r.report.keptAside.codebook.map((c) => c.id)).toEqual([code(other, 'Concerns').id]);
    // The moved quote was re-anchored by its text.
    expect(r.data.codings.find((g) => g.id === 'g_moved')).toMatchObject({ start: moved, end: moved + 15 });
    // Retrying the kept-aside work once the document is in the project brings the coding in.
    const withVen = { ...r.data, documents: [...r.data.documents, { ...other.documents[1]!, id: 'd_ven_here' }] };
    const retry = unwrap(mergeWork(withVen, r.report.keptAside, new Map([...texts(withVen), ['d_ven_here', seed3]]), opts(), coreEnv));
    expect(retry.report.added.codings).toBe(1);
    expect(retry.report.keptAsideReasons.map((k) => k.codingId)).toEqual(['g_gone']);
  });

  it('needs the text of matched documents', () => {
    const r = mergeWork(ana, asWork(ben), new Map(), opts(), coreEnv);
    expect(r.ok).toBe(false);
  });

  it('codingKey separates every field', () => {
    expect(codingKey({ documentId: 'a', codeId: 'b', coderId: 'c', start: 1, end: 2 })).not.toBe(codingKey({ documentId: 'a', codeId: 'b', coderId: 'c', start: 12, end: 2 }));
  });
});

describe('reanchor', () => {
  it('prefers the occurrence whose context matches, then the nearest', () => {
    const text = 'the cat sat. a cat ran. the cat sat.';
    expect(reanchor(text, 'cat', 'a ', ' ran', 0)).toEqual({ start: 15, end: 18 });
    expect(reanchor(text, 'cat', '', '', 30)).toEqual({ start: 28, end: 31 });
    expect(reanchor(text, 'dog', '', '', 0)).toBeNull();
    expect(reanchor(text, '', '', '', 0)).toBeNull();
  });
});
