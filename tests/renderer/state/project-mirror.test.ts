import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Coding, ProjectData } from '../../../src/core/model/types.js';
import { distinctPassageCount } from '../../../src/core/matrix/counts.js';
import { applyChangeSet, type ChangeSet } from '../../../src/core/ops/change-set.js';
import { codingsOfDocument, countsFor, distinctPassages, ProjectMirror, totalFor, type CodingIndex } from '../../../src/renderer/src/state/project-mirror.js';
import { diffCodingLists } from '../../../src/renderer/src/reader/coding-diff.js';
import { fixtureCoding, fixtureProject } from '../../core/persistence/fixtures.js';

const DOCS = ['d_doc1', 'd_doc2', 'd_doc3'];
const CODES = ['c_direct', 'c_out', 'c_leg'];
const CODERS = ['u_ana', 'u_ben'];

const coding = (k: number, doc: number, code: number, coder: number, start = k % 40): Coding => ({
  ...fixtureCoding(k),
  documentId: DOCS[doc % DOCS.length] as string,
  codeId: CODES[code % CODES.length] as string,
  coderId: CODERS[coder % CODERS.length] as string,
  start,
  end: start + 3 + (k % 5),
});

function project(n: number): ProjectData {
  const d = fixtureProject(0);
  return { ...d, codings: Array.from({ length: n }, (_, k) => coding(k, k, k * 7, k * 3)) };
}

/** The indexes computed from scratch from a codings list: what the mirror must always equal. */
function expected(codings: readonly Coding[]) {
  const byDocument = new Map<string, Coding[]>();
  const perCode = new Map<string, Map<string, number>>();
  const perDocument = new Map<string, Map<string, number>>();
  const inc = (m: Map<string, Map<string, number>>, a: string, b: string): void => {
    const inner = m.get(a) ?? new Map<string, number>();
    m.set(a, inner);
    inner.set(b, (inner.get(b) ?? 0) + 1);
  };
  for (const c of codings) {
    byDocument.set(c.documentId, [...(byDocument.get(c.documentId) ?? []), c]);
    inc(perCode, c.coderId, c.codeId);
    inc(perDocument, c.coderId, c.documentId);
  }
  return { byDocument, perCode, perDocument };
}

const plain = (m: ReadonlyMap<string, ReadonlyMap<string, number>>): Record<string, Record<string, number>> =>
  Object.fromEntries([...m].map(([k, v]) => [k, Object.fromEntries([...v].filter(([, n]) => n > 0))] as const).filter(([, v]) => Object.keys(v).length > 0));

function expectIndexOf(index: CodingIndex, codings: readonly Coding[]): void {
  const want = expected(codings);
  expect(Object.fromEntries(index.byDocument)).toEqual(Object.fromEntries(want.byDocument));
  expect(plain(index.perCode)).toEqual(plain(want.perCode));
  expect(plain(index.perDocument)).toEqual(plain(want.perDocument));
}

// A change of codings: remove some, change some in place (recode, move to another document), add new ones.
const change = fc.record({
  remove: fc.array(fc.nat(30), { maxLength: 4 }),
  recode: fc.array(fc.record({ k: fc.nat(30), code: fc.nat(5), doc: fc.nat(5) }), { maxLength: 3 }),
  add: fc.array(fc.record({ k: fc.integer({ min: 100, max: 140 }), doc: fc.nat(5), code: fc.nat(5), coder: fc.nat(5) }), { maxLength: 3 }),
});

describe('ProjectMirror', () => {
  it('keeps its data equal to applyChangeSet and its indexes equal to indexes built from scratch', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 8 }), (changes) => {
        let data = project(30);
        const mirror = new ProjectMirror(data);
        expect(mirror.data).toBe(data);
        expectIndexOf(mirror.index, data.codings);
        for (const ch of changes) {
          const present = new Map(data.codings.map((c) => [c.id, c]));
          const upsert: Coding[] = [];
          for (const r of ch.recode) {
            const c = present.get(`k_${r.k}`);
            if (c) upsert.push({ ...c, codeId: CODES[r.code % 3] as string, ...(r.doc === 4 ? { documentId: DOCS[(DOCS.indexOf(c.documentId) + 1) % 3] as string } : {}) });
          }
          for (const a of ch.add) upsert.push(coding(a.k, a.doc, a.code, a.coder));
          const cs: ChangeSet = { upsert: { codings: upsert }, remove: { codings: ch.remove.map((k) => `k_${k}`) } };
          const before = mirror.index;
          data = applyChangeSet(data, cs);
          mirror.apply(cs);
          expect(mirror.data.codings).toEqual(data.codings);
          expectIndexOf(mirror.index, data.codings);
          // Untouched documents keep their arrays (views compare by reference).
          const touched = new Set([...upsert.map((c) => c.documentId), ...ch.remove.map((k) => present.get(`k_${k}`)?.documentId), ...upsert.map((c) => present.get(c.id)?.documentId)]);
          for (const d of DOCS) if (!touched.has(d)) expect(mirror.index.byDocument.get(d)).toBe(before.byDocument.get(d));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('leaves other collections to the project and shares them until they change', () => {
    const data = project(5);
    const mirror = new ProjectMirror(data);
    const index = mirror.index;
    mirror.apply({ upsert: {}, remove: {}, project: { name: 'Renamed' } });
    expect(mirror.data.project.name).toBe('Renamed');
    expect(mirror.data.codings).toBe(data.codings);
    expect(mirror.index).toBe(index);
  });

  it('answers counts for a coder view, the total and distinct passages as the whole list does', () => {
    const data = project(30);
    const mirror = new ProjectMirror(data);
    const ben = new Set(['u_ben']);
    const bens = data.codings.filter((c) => c.coderId === 'u_ben');
    expect(totalFor(mirror.index, null)).toBe(30);
    expect(totalFor(mirror.index, ben)).toBe(bens.length);
    expect(countsFor(mirror.index.perCode, ben).get('c_out')).toBe(bens.filter((c) => c.codeId === 'c_out').length);
    expect(distinctPassages(mirror.index.byDocument, null)).toBe(distinctPassageCount(data.codings));
    expect(distinctPassages(mirror.index.byDocument, ben)).toBe(distinctPassageCount(bens));
    expect(codingsOfDocument(mirror.index, 'd_none')).toEqual([]);
    expect(codingsOfDocument(mirror.index, null)).toEqual([]);
  });
});

describe('diffCodingLists', () => {
  const a = coding(1, 0, 0, 0);
  const b = coding(2, 0, 0, 0);
  const c = coding(3, 0, 0, 0);
  it('finds one appended or one removed coding', () => {
    expect(diffCodingLists([a, b], [a, b, c])).toEqual({ added: [c], removed: [], changed: false });
    expect(diffCodingLists([a, b, c], [a, c])).toEqual({ added: [], removed: [b], changed: false });
  });
  it('reports a coding changed in place', () => {
    expect(diffCodingLists([a, b], [a, { ...b, codeId: 'c_out' }]).changed).toBe(true);
  });
  it('reports an insertion before the end as several changes, never as one wrong one', () => {
    const d = diffCodingLists([a, b], [c, a, b]);
    expect(d.added.length + d.removed.length).toBeGreaterThan(1);
  });
});
