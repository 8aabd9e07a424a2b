import { describe, expect, it } from 'vitest';
import { createProject } from '../../../src/core/model/project.js';
import type { DocumentMeta, ProjectData, Rating } from '../../../src/core/model/types.js';
import { assignDocument, createCase, deleteCase, ensureCases, findCase, mergeCases, renameCase } from '../../../src/core/cases/cases.js';
import { applyAttributeTable, defineAttribute, inferAttributeType, isIsoDate, parseAttributeValue, setCaseAttribute } from '../../../src/core/cases/attributes.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

function unwrapOk<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function doc(id: string, caseId: string | null): DocumentMeta {
  return { id, caseId, title: id, sourceFile: `${id}.txt`, format: 'txt', textHash: 'h', chars: 1, importedAt: '2024-01-01T00:00:00Z', textVersion: 1 };
}

function rating(id: string, caseId: string, codeId: string): Rating {
  return { id, matrixId: 'm', caseId, codeId, coderId: 'u', value: 'high', note: '', evidence: [], updated: '' };
}

function project(): { data: ProjectData; a: string; b: string } {
  let data = createProject('t', [], coreEnv);
  const r = unwrapOk(ensureCases(data, ['Ecuador', 'Ecuador (2)'], coreEnv));
  data = r.data;
  const [a, b] = r.cases.map((c) => c.id) as [string, string];
  data = { ...data, documents: [doc('d1', a), doc('d2', b), doc('d3', b)], ratings: [rating('r1', a, 'c1'), rating('r2', b, 'c1'), rating('r3', b, 'c2')] };
  data = { ...data, matrices: [{ id: 'm', name: 'M', columns: [], rows: [a, b], scale: [], notApplicable: 'n/a' }] };
  return { data, a, b };
}

describe('cases', () => {
  it('creates unique names and renames', () => {
    const { data, a } = project();
    expect(createCase(data, ' ecuador ', coreEnv)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(createCase(data, '   ', coreEnv)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const renamed = unwrapOk(renameCase(data, a, 'Ecuador 2004'));
    expect(findCase(renamed, 'ECUADOR 2004')?.id).toBe(a);
    expect(renameCase(data, a, 'Ecuador (2)')).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('merges: documents, ratings and matrix rows move; attribute conflicts and clashing ratings are reported', () => {
    const p = project();
    const { a, b } = p;
    let data = p.data;
    data = unwrapOk(defineAttribute(data, 'Region', 'text'));
    data = unwrapOk(defineAttribute(data, 'Tier', 'number'));
    data = unwrapOk(setCaseAttribute(data, a, 'Region', 'Andes'));
    data = unwrapOk(setCaseAttribute(data, b, 'Region', 'Coast'));
    data = unwrapOk(setCaseAttribute(data, b, 'Tier', '3'));
    const { data: merged, report } = unwrapOk(mergeCases(data, b, a));
    expect(merged.cases.map((c) => c.id)).toEqual([a]);
    expect(merged.documents.every((d) => d.caseId === a)).toBe(true);
    expect(merged.documents).toHaveLength(3);
    expect(report.movedDocuments).toBe(2);
    expect(report.conflicts).toEqual([{ attribute: 'Region', kept: 'Andes', dropped: 'Coast' }]);
    expect(merged.cases[0]!.attributes).toEqual({ Region: 'Andes', Tier: 3 });
    expect(report.droppedRatings).toEqual(['r2']);
    expect(merged.ratings.map((r) => [r.id, r.caseId])).toEqual([
      ['r1', a],
      ['r3', a],
    ]);
    expect(merged.matrices[0]!.rows).toEqual([a]);
    expect(data.cases).toHaveLength(2); // input untouched
  });

  it('refuses to delete a case with documents unless asked to detach them; documents survive', () => {
    const { data, b } = project();
    expect(deleteCase(data, b)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const r = unwrapOk(deleteCase(data, b, 'detach'));
    expect(r.detachedDocuments).toBe(2);
    expect(r.removedRatings).toBe(2);
    expect(r.data.documents).toHaveLength(3);
    expect(r.data.documents.filter((d) => d.caseId === null).map((d) => d.id)).toEqual(['d2', 'd3']);
    expect(assignDocument(r.data, 'd2', 'nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('typed attributes', () => {
  it('validates values by type', () => {
    expect(parseAttributeValue('number', '1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseAttributeValue('number', '12abc').ok).toBe(false);
    expect(parseAttributeValue('date', '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseAttributeValue('date', '2023-02-29').ok).toBe(false);
    expect(parseAttributeValue('boolean', 'Yes')).toEqual({ ok: true, value: true });
    expect(parseAttributeValue('boolean', 'maybe').ok).toBe(false);
    expect(parseAttributeValue('text', '')).toEqual({ ok: true, value: null });
    expect(isIsoDate('2000-02-29') && !isIsoDate('1900-02-29')).toBe(true);
    expect(inferAttributeType(['1', '2.5', ''])).toBe('number');
    expect(inferAttributeType(['2001-01-01'])).toBe('date');
    expect(inferAttributeType(['yes', 'no'])).toBe('boolean');
    expect(inferAttributeType(['Tier 2'])).toBe('text');
  });

  it('refuses a type change that existing values do not fit, and unknown attributes', () => {
    const p = project();
    const { a } = p;
    let data = p.data;
    data = unwrapOk(defineAttribute(data, 'Tier', 'text'));
    data = unwrapOk(setCaseAttribute(data, a, 'Tier', 'Watch list'));
    expect(defineAttribute(data, 'Tier', 'number')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(setCaseAttribute(data, a, 'Nope', 'x')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('applies an attribute table keyed by case name, reporting unmatched rows and bad cells', () => {
    const { data, a } = project();
    const { data: d, report } = unwrapOk(
      applyAttributeTable(data, [
        { caseName: 'ecuador', values: { GDP: '4,461.13', 'First TIP report': '2004-06-14' } },
        { caseName: 'Peru', values: { GDP: '6000' } },
        { caseName: 'Ecuador (2)', values: { GDP: '', 'First TIP report': '2004-06-14' } },
      ]),
    );
    expect(report.unmatched).toEqual([{ row: 2, caseName: 'Peru' }]);
    expect(report.newAttributes).toEqual([
      { name: 'GDP', type: 'number' },
      { name: 'First TIP report', type: 'date' },
    ]);
    expect(d.cases.find((c) => c.id === a)!.attributes).toEqual({ GDP: 4461.13, 'First TIP report': '2004-06-14' });
    expect(report.updatedCases).toBe(2);
  });
});
