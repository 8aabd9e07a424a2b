import { describe, expect, it } from 'vitest';
import { createMatrix, deleteMatrix, ensureDefaultMatrices, findMatrix, pickMatrix, pruneMatrixReferences, renameScaleLabel, reorderScale, setScale, updateMatrix } from '../../../src/core/matrix/matrix-ops.js';
import { buildMatrixView } from '../../../src/core/matrix/view.js';
import { baseProject, ratedProject } from './fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

describe('matrix create/edit/delete', () => {
  it('creates a matrix with the default scale and finds it by name', () => {
    const r = createMatrix(baseProject(), { name: '  Custom   one ', columns: ['sd-concerns'] }, coreEnv);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.matrix.name).toBe('Custom one');
    expect(r.value.matrix.scale).toEqual(['none', 'weak', 'moderate', 'strong']);
    expect(findMatrix(r.value.data, 'custom ONE')?.id).toBe(r.value.matrix.id);
  });

  it.each([
    [{ name: '', columns: ['sd-concerns'] }, 'invalid'],
    [{ name: 'A6 outcomes', columns: ['sd-concerns'] }, 'conflict'],
    [{ name: 'X', columns: [] }, 'invalid'],
    [{ name: 'X', columns: ['nope'] }, 'not-found'],
    [{ name: 'X', columns: ['sd-concerns', 'sd-concerns'] }, 'invalid'],
    [{ name: 'X', columns: ['sd-concerns'], rows: ['k-none'] }, 'not-found'],
    [{ name: 'X', columns: ['sd-concerns'], scale: ['only'] }, 'invalid'],
    [{ name: 'X', columns: ['sd-concerns'], scale: ['low', 'LOW'] }, 'invalid'],
    [{ name: 'X', columns: ['sd-concerns'], scale: ['low', 'high'], notApplicable: 'High' }, 'invalid'],
  ])('rejects %j with %s', (input, code) => {
    const r = createMatrix(baseProject(), input, coreEnv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('updates rows and columns and keeps ratings of removed columns', () => {
    const data = ratedProject();
    const r = updateMatrix(data, 'mx-a6-outcomes', { columns: ['sd-legislation'], rows: ['k-chad', 'k-arg'] }, coreEnv);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.data.ratings.length).toBe(data.ratings.length);
    const v = buildMatrixView(r.value.data, 'mx-a6-outcomes', { coder: 'u-ana', mode: 'ratings' });
    expect(v.ok && v.value.rows.map((x) => x.name)).toEqual(['Chad', 'Argentina']);
    expect(v.ok && v.value.cells.map((row) => row.map((c) => c.label))).toEqual([['none'], ['strong']]);
  });

  it('deletes a matrix with its ratings', () => {
    const data = ratedProject();
    const r = deleteMatrix(data, 'mx-a6-outcomes');
    expect(r.ok && r.value.removedRatings).toBe(17);
    expect(r.ok && r.value.data.ratings.length).toBe(0);
    expect(deleteMatrix(data, 'missing').ok).toBe(false);
  });

  it('adds missing default matrices once', () => {
    const data = { ...baseProject(), matrices: [] };
    const once = ensureDefaultMatrices(data);
    expect(once.matrices.map((m) => m.name)).toEqual(['A6 outcomes', 'Scorecard cycle']);
    expect(ensureDefaultMatrices(once)).toBe(once);
  });
});

describe('scale edits keep the meaning of ratings', () => {
  it('renaming a label rewrites the ratings that hold it', () => {
    const r = renameScaleLabel(ratedProject(), 'mx-a6-outcomes', 'strong', 'Strong effect');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.matrix.scale).toEqual(['none', 'weak', 'moderate', 'Strong effect']);
    expect(r.value.rewrittenRatings).toBe(5);
    expect(r.value.data.ratings.filter((x) => x.value === 'Strong effect')).toHaveLength(5);
    expect(r.value.data.ratings.some((x) => x.value === 'strong')).toBe(false);
  });

  it('renaming the not-applicable label rewrites those ratings too', () => {
    const r = renameScaleLabel(ratedProject(), 'mx-a6-outcomes', 'not applicable', 'n/a');
    expect(r.ok && r.value.matrix.notApplicable).toBe('n/a');
    expect(r.ok && r.value.data.ratings.filter((x) => x.value === 'n/a').length).toBe(1);
  });

  it('reordering changes which label is high but no rating changes', () => {
    const data = ratedProject();
    const r = reorderScale(data, 'mx-a6-outcomes', ['strong', 'moderate', 'weak', 'none']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rewrittenRatings).toBe(0);
    expect(r.value.data.ratings.map((x) => x.value)).toEqual(data.ratings.map((x) => x.value));
    const v = buildMatrixView(r.value.data, 'mx-a6-outcomes', { coder: 'u-ana', mode: 'ratings' });
    expect(v.ok && v.value.cells[0]?.[0]?.scaleIndex).toBe(0);
    expect(reorderScale(data, 'mx-a6-outcomes', ['strong', 'weak', 'none']).ok).toBe(false);
  });

  it('refuses to drop a label still in use, and accepts it once it is mapped', () => {
    const data = ratedProject();
    const dropped = setScale(data, 'mx-a6-outcomes', { scale: ['none', 'some', 'strong'] });
    expect(!dropped.ok && dropped.error.code).toBe('conflict');
    const mapped = setScale(data, 'mx-a6-outcomes', { scale: ['none', 'some', 'strong'], renames: { weak: 'some', moderate: 'some' } });
    expect(mapped.ok && mapped.value.rewrittenRatings).toBe(7);
    const bad = setScale(data, 'mx-a6-outcomes', { scale: ['none', 'strong'], renames: { weak: 'absent' } });
    expect(!bad.ok && bad.error.code).toBe('invalid');
  });
});

describe('pickMatrix', () => {
  it('finds a named matrix, defaults to A6 outcomes, and names the choices otherwise', () => {
    const data = baseProject();
    expect(pickMatrix(data, 'scorecard cycle').ok && pickMatrix(data, 'scorecard cycle')).toMatchObject({ value: { name: 'Scorecard cycle' } });
    expect(pickMatrix(data)).toMatchObject({ ok: true, value: { name: 'A6 outcomes' } });
    expect(pickMatrix(data, 'x')).toMatchObject({ ok: false, error: { code: 'not-found', message: 'No matrix "x" (have: A6 outcomes, Scorecard cycle)' } });
    const other = { ...data, matrices: data.matrices.map((m) => ({ ...m, name: m.name + ' v2' })) };
    expect(pickMatrix(other)).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(pickMatrix({ ...data, matrices: [] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(pickMatrix({ ...data, matrices: other.matrices.slice(1) })).toMatchObject({ ok: true, value: { name: 'Scorecard cycle v2' } });
  });
});

describe('pruneMatrixReferences', () => {
  it('drops deleted codes and cases from matrices and keeps the ratings', () => {
    const data = ratedProject();
    const withRows = { ...data, matrices: data.matrices.map((m) => ({ ...m, rows: ['k-arg', 'k-chad'] })) };
    const gone = { ...withRows, codebook: withRows.codebook.filter((c) => c.id !== 'sd-institution-building'), cases: withRows.cases.filter((c) => c.id !== 'k-chad') };
    const pruned = pruneMatrixReferences(gone);
    expect(pruned.matrices[0]).toMatchObject({ columns: ['sd-legislation', 'sd-norms-practices'], rows: ['k-arg'] });
    expect(pruned.ratings).toBe(gone.ratings);
    expect(updateMatrix(pruned, 'mx-a6-outcomes', { name: 'A6' }, coreEnv).ok).toBe(true);
    expect(pruneMatrixReferences(pruned)).toBe(pruned);
  });
});
