import { describe, expect, it } from 'vitest';
import { findDanglingReferences } from '../../../src/core/persistence/references.js';
import { clone, fixtureProject } from './fixtures.js';

describe('findDanglingReferences', () => {
  it('finds nothing in a consistent project', () => {
    expect(findDanglingReferences(fixtureProject(5))).toEqual([]);
  });

  it('counts each kind of dangling reference and names the first', () => {
    const d = clone(fixtureProject(5));
    d.codings[1]!.codeId = 'c_gone';
    d.codings[3]!.codeId = 'c_gone2';
    d.documents[0]!.caseId = 'k_gone';
    d.ratings[0]!.matrixId = 'm_gone';
    expect(findDanglingReferences(d)).toEqual(['1 documents belong to a missing case (first: d_doc1 → k_gone)', '2 codings refer to a missing code (first: k_2 → c_gone)', '1 ratings refer to a missing matrix (first: r_1 → m_gone)']);
  });
});
