/**
 * Issue 11, item 8: "All coders" counts of codings count a passage two coders coded as 2. Distinct
 * passages merge overlapping codings (whoever made them) and count the stretch once.
 */
import { describe, expect, it } from 'vitest';
import { codeCaseCounts, distinctPassageCount, mergeIntervals, unionLength } from '../../../src/core/matrix/counts.js';
import { frequencyByDocument } from '../../../src/core/retrieval/frequency.js';
import type { Coding, ProjectData } from '../../../src/core/model/types.js';

function coding(id: string, coderId: string, codeId: string, documentId: string, start: number, end: number): Coding {
  return { id, documentId, codeId, coderId, start, end, exact: '', prefix: '', suffix: '', memo: '', created: '', updated: '' };
}

const data = {
  project: { id: 'p', name: 'P', created: '', codebookVersion: 1 },
  coders: [
    { id: 'A', name: 'Ana' },
    { id: 'B', name: 'Ben' },
  ],
  codebook: [{ id: 'k', name: 'Code', parentId: null, color: '#123456', description: '', shortcut: null, order: 0 }],
  cases: [{ id: 'c', name: 'Ecuador', attributes: {} }],
  documents: [{ id: 'd', caseId: 'c', title: 'Doc', sourceFile: 'd.txt', format: 'text', textHash: '', chars: 1000, importedAt: '', textVersion: 1 }],
  codings: [
    coding('1', 'A', 'k', 'd', 0, 100), // the same passage, coded by both
    coding('2', 'B', 'k', 'd', 10, 110),
    coding('3', 'A', 'k', 'd', 500, 520), // Ana only
    coding('4', 'B', 'k', 'd', 520, 530), // touches Ana's end: a separate passage
  ],
} as unknown as ProjectData;

describe('distinct passages', () => {
  it('merges overlapping intervals but keeps touching ones apart', () => {
    expect(
      mergeIntervals([
        [0, 100],
        [10, 110],
        [500, 520],
        [520, 530],
      ]),
    ).toEqual({ length: 140, stretches: 3 });
    expect(mergeIntervals([])).toEqual({ length: 0, stretches: 0 });
    expect(
      unionLength([
        [0, 5],
        [5, 9],
        [2, 3],
      ]),
    ).toBe(9);
  });

  it('counts a passage coded by two coders once, where codings count it twice', () => {
    expect(distinctPassageCount(data.codings)).toBe(3);
    const r = codeCaseCounts(data);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.counts[0]).toEqual([4]);
    expect(r.value.distinct[0]).toEqual([3]);
    const one = codeCaseCounts(data, { coderIds: ['A'] });
    if (!one.ok) throw new Error();
    expect(one.value.distinct[0]).toEqual([2]);
    const byDoc = frequencyByDocument(data);
    if (!byDoc.ok) throw new Error();
    expect(byDoc.value.distinct[0]).toEqual([3]);
    const twin = frequencyByDocument({ ...data, documents: [...data.documents, { ...data.documents[0]!, id: 'd_second', caseId: null }] } as ProjectData);
    if (!twin.ok) throw new Error();
    expect(twin.value.cases.map((c) => c.name)).toEqual(['Doc [d]', 'Doc [d_second]']);
  });
});
