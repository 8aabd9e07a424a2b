import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMatrixEdits, editMatrix, listEdits, matrixEditsBetween, type MatrixShape } from '../../../src/core/matrix/matrix-edits.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import { baseProject } from './fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

/** Apply list edits the way the matrix edits do: removals, then placements in front of a successor. */
function replay(base: string[], edits: ReturnType<typeof listEdits>): string[] {
  let out = base.filter((x) => !edits.remove.includes(x));
  for (const p of edits.place) {
    out = out.filter((x) => x !== p.item);
    const i = p.before === null ? -1 : out.indexOf(p.before);
    if (i < 0) out.push(p.item);
    else out.splice(i, 0, p.item);
  }
  return out;
}

const shape: MatrixShape = { name: 'A6', columns: ['c1', 'c2', 'c3'], rows: [], scale: ['none', 'weak', 'strong'], notApplicable: 'n/a' };

describe('listEdits', () => {
  it('takes any list to any other (distinct items), moving no item that is already in order', () => {
    const items = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { maxLength: 8 });
    fc.assert(
      fc.property(items, items, (base, draft) => {
        const edits = listEdits(base, draft);
        expect(replay(base, edits)).toEqual(draft);
        const kept = draft.filter((x) => base.includes(x));
        expect(edits.place.filter((p) => !p.added).length).toBeLessThanOrEqual(Math.max(0, kept.length - 1));
      }),
    );
  });

  it('moves one item with one edit', () => {
    expect(listEdits(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'b']).place).toEqual([{ item: 'b', before: null, added: false }]);
  });
});

describe('matrix edits', () => {
  const draftOf = (s: MatrixShape) => ({ ...s, scale: s.scale.map((l) => ({ orig: l, label: l })) });

  it('sends only what the editor changed', () => {
    const draft = draftOf(shape);
    draft.columns = ['c1', 'c3'];
    expect(matrixEditsBetween(shape, draft)).toEqual([{ kind: 'removeColumn', codeId: 'c2' }]);
    const renamed = draftOf(shape);
    renamed.name = 'Outcomes';
    expect(matrixEditsBetween(shape, renamed)).toEqual([{ kind: 'rename', name: 'Outcomes' }]);
  });

  it("keeps another window's column when one window renames and the other adds a column", () => {
    const mine = draftOf(shape);
    mine.name = 'Outcomes';
    const theirs = draftOf(shape);
    theirs.columns = [...shape.columns, 'c4'];
    const afterTheirs = applyMatrixEdits(shape, matrixEditsBetween(shape, theirs));
    if (!afterTheirs.ok) throw new Error(afterTheirs.error.message);
    const afterMine = applyMatrixEdits(afterTheirs.value.shape, matrixEditsBetween(shape, mine));
    if (!afterMine.ok) throw new Error(afterMine.error.message);
    expect(afterMine.value.shape).toMatchObject({ name: 'Outcomes', columns: ['c1', 'c2', 'c3', 'c4'] });
  });

  it('renames, reorders, adds and removes scale labels, and reports the renames ratings follow', () => {
    const draft = {
      ...draftOf(shape),
      scale: [
        { orig: 'strong', label: 'high' },
        { orig: 'none', label: 'none' },
        { orig: null, label: 'mid' },
      ],
      notApplicable: 'does not apply',
    };
    const r = applyMatrixEdits(shape, matrixEditsBetween(shape, draft));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.shape.scale).toEqual(['high', 'none', 'mid']);
    expect(r.value.shape.notApplicable).toBe('does not apply');
    expect(r.value.renames).toEqual({ strong: 'high', 'n/a': 'does not apply' });
  });

  it('refuses to rename a label another window already changed, and an unknown edit', () => {
    const r = applyMatrixEdits({ ...shape, scale: ['none', 'low', 'strong'] }, [{ kind: 'renameLabel', from: 'weak', to: 'minor' }]);
    expect(r.ok ? null : r.error.code).toBe('conflict');
    const bad = applyMatrixEdits(shape, [{ kind: 'explode' } as never]);
    expect(bad.ok ? null : bad.error.code).toBe('invalid');
  });

  it('edits a stored matrix: validates the result and rewrites ratings of renamed labels', () => {
    const base = baseProject();
    const data: ProjectData = {
      ...base,
      matrices: [{ id: 'm1', ...shape, columns: ['sd-legislation', 'sd-concerns', 'sd-outcomes'] }],
      ratings: [{ id: 'r1', matrixId: 'm1', caseId: 'k-arg', codeId: 'sd-legislation', coderId: 'u-ana', value: 'weak', note: '', evidence: [], updated: '2026-01-01T00:00:00.000Z' }],
    };
    const r = editMatrix(
      data,
      'm1',
      [
        { kind: 'renameLabel', from: 'weak', to: 'some' },
        { kind: 'moveColumn', codeId: 'sd-outcomes', before: 'sd-legislation' },
      ],
      coreEnv,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.matrix.columns).toEqual(['sd-outcomes', 'sd-legislation', 'sd-concerns']);
    expect(r.value.data.ratings[0]?.value).toBe('some');
    expect(r.value.rewrittenRatings).toBe(1);
    const unknown = editMatrix(data, 'm1', [{ kind: 'addColumn', codeId: 'nope', before: null }], coreEnv);
    expect(unknown.ok ? null : unknown.error.code).toBe('not-found');
  });
});
