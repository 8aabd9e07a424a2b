import { describe, expect, it } from 'vitest';
import { findRating, resolveRatingRefs, setRating, MAX_NOTE_CHARS } from '../../../src/core/matrix/ratings.js';
import { AT, baseProject } from './fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const cell = { matrixId: 'mx-a6-outcomes', caseId: 'k-arg', codeId: 'sd-legislation', coderId: 'u-ana' };

describe('setRating', () => {
  it('stores a rating with the canonical label, note and evidence, and replaces it on a second call', () => {
    const first = setRating(baseProject(), { ...cell, value: ' STRONG ', note: ' Law passed. ', evidence: ['c1', 'c1'], at: AT }, coreEnv);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.rating).toMatchObject({ value: 'strong', note: 'Law passed.', evidence: ['c1'], updated: AT });
    const second = setRating(first.value.data, { ...cell, value: 'moderate' }, coreEnv);
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.value.data.ratings).toHaveLength(1);
    expect(second.value.rating.id).toBe(first.value.rating.id);
    // note and evidence are kept when not given
    expect(second.value.rating).toMatchObject({ value: 'moderate', note: 'Law passed.', evidence: ['c1'] });
    const cleared = setRating(second.value.data, { ...cell, value: null, evidence: [] }, coreEnv);
    expect(cleared.ok && findRating(cleared.value.data, cell.matrixId, cell.caseId, cell.codeId, cell.coderId)).toMatchObject({ value: null, evidence: [] });
  });

  it('accepts the not-applicable label', () => {
    const r = setRating(baseProject(), { ...cell, value: 'Not Applicable' }, coreEnv);
    expect(r.ok && r.value.rating.value).toBe('not applicable');
  });

  it('accepts evidence coded with a descendant of a parent column', () => {
    const data = baseProject();
    const m = { ...data.matrices[0]!, id: 'mx-parent', name: 'Parent', columns: ['sd-outcomes'] };
    const r = setRating({ ...data, matrices: [...data.matrices, m] }, { ...cell, matrixId: 'mx-parent', codeId: 'sd-outcomes', value: 'weak', evidence: ['c1'] }, coreEnv);
    expect(r.ok).toBe(true);
  });

  it.each([
    [{ matrixId: 'nope' }, 'not-found', /No matrix/],
    [{ caseId: 'nope' }, 'not-found', /No case/],
    [{ codeId: 'sd-concerns' }, 'invalid', /not a column/],
    [{ coderId: 'nope' }, 'not-found', /No coder/],
    [{ value: 'huge' }, 'invalid', /not on the scale.*none, weak, moderate, strong, not applicable/],
    [{ value: 3 }, 'invalid', /scale label or null/],
    [{ note: 'x'.repeat(MAX_NOTE_CHARS + 1) }, 'too-large', /note/],
    [{ evidence: ['missing'] }, 'not-found', /does not exist/],
    [{ evidence: ['c3'] }, 'invalid', /not coded with the column's code/],
    [{ evidence: ['c5'] }, 'invalid', /not in a document of this case/],
    [{ evidence: 'c1' }, 'invalid', /list of coding ids/],
  ])('rejects %j', (patch, code, message) => {
    const r = setRating(baseProject(), { ...cell, value: 'weak', ...(patch as object) } as Parameters<typeof setRating>[1], coreEnv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(message);
  });

  it('rejects a case that exists but is not a row of a matrix with explicit rows', () => {
    const data = baseProject();
    const m = { ...data.matrices[0]!, rows: ['k-arm'] };
    const r = setRating({ ...data, matrices: [m] }, { ...cell, value: 'weak' }, coreEnv);
    expect(!r.ok && r.error.message).toMatch(/not a row/);
  });
});

describe('resolveRatingRefs', () => {
  it('resolves names and code paths as the CLI passes them', () => {
    const r = resolveRatingRefs(baseProject(), { matrix: 'a6 OUTCOMES', case: 'argentina', column: 'Outcomes/Legislation', coder: 'ana' });
    expect(r.ok && r.value).toEqual(cell);
  });
  it.each([
    [{ matrix: 'X' }, /No matrix "X" \(have: A6 outcomes, Scorecard cycle\)/],
    [{ case: 'Peru' }, /No case/],
    [{ column: 'Outcomes/Nothing' }, /No code/],
    [{ column: 'Concerns' }, /not a column/],
    [{ coder: 'Zed' }, /No coder/],
  ])('names the missing %j', (patch, message) => {
    const r = resolveRatingRefs(baseProject(), { matrix: 'A6 outcomes', case: 'Argentina', column: 'Outcomes/Legislation', coder: 'Ana', ...patch });
    expect(!r.ok && r.error.message).toMatch(message);
  });
});
