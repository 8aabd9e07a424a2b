import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Coding, ProjectData } from '../../../src/core/model/types.js';
import { applyChangeSet, composeChangeSets, diffProjects, emptyChangeSet, invertChangeSet, isEmptyChangeSet, ORDER_FREE, type ChangeSet, type CollectionKey } from '../../../src/core/ops/change-set.js';
import { fixtureCoding, fixtureProject } from '../persistence/fixtures.js';

const base = (): ProjectData => fixtureProject(6);
const code = (id: string, name = id) => ({ id, name, parentId: null, color: '#112233', description: '', inclusion: '', exclusion: '', example: '', shortcut: null, order: 0 });

/** Compare two states; collections in ORDER_FREE are compared as sets of items. */
function normal(d: ProjectData): unknown {
  const out: Record<string, unknown> = { ...d };
  for (const k of ORDER_FREE) out[k] = [...(d[k] as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

describe('applyChangeSet', () => {
  it('replaces in place, appends new items, removes keeping the order of the rest, and shares untouched collections', () => {
    const d = base();
    const changed: Coding = { ...fixtureCoding(2), memo: 'changed' };
    const added = fixtureCoding(99);
    const next = applyChangeSet(d, { upsert: { codings: [changed, added] }, remove: { codings: ['k_4'] }, project: { name: 'Renamed' } });
    expect(next.codings.map((c) => c.id)).toEqual(['k_1', 'k_2', 'k_3', 'k_5', 'k_6', 'k_99']);
    expect(next.codings[1]?.memo).toBe('changed');
    expect(next.project).toEqual({ ...d.project, name: 'Renamed' });
    expect(next.codebook).toBe(d.codebook);
    expect(d.codings).toHaveLength(6);
    expect(applyChangeSet(d, emptyChangeSet())).toBe(d);
  });

  it('keys attribute definitions by name', () => {
    const d = base();
    const next = applyChangeSet(d, {
      upsert: {
        attributeDefs: [
          { name: 'region', type: 'number' },
          { name: 'size', type: 'number' },
        ],
      },
      remove: {},
    });
    expect(next.attributeDefs).toEqual([
      { name: 'region', type: 'number' },
      { name: 'size', type: 'number' },
    ]);
    expect(applyChangeSet(next, { upsert: {}, remove: { attributeDefs: ['region'] } }).attributeDefs).toEqual([{ name: 'size', type: 'number' }]);
  });
});

// Random edits of the codebook (ordered) and codings (order-free): remove, change, add, reorder.
const edit = fc.record({
  removeCodes: fc.subarray(['c_direct', 'c_out', 'c_leg']),
  renameCodes: fc.subarray(['c_direct', 'c_out', 'c_leg']),
  addCodes: fc.array(fc.constantFrom('n1', 'n2', 'n3'), { maxLength: 3 }),
  insertAt: fc.nat(4),
  reverse: fc.boolean(),
  removeCodings: fc.subarray(['k_1', 'k_2', 'k_3', 'k_4', 'k_5', 'k_6']),
  memoCodings: fc.subarray(['k_1', 'k_2', 'k_3', 'k_4', 'k_5', 'k_6']),
  addCodings: fc.array(fc.integer({ min: 100, max: 110 }), { maxLength: 4 }),
  rename: fc.option(fc.string(), { nil: undefined }),
});

function edited(
  d: ProjectData,
  e: { removeCodes: string[]; renameCodes: string[]; addCodes: string[]; insertAt: number; reverse: boolean; removeCodings: string[]; memoCodings: string[]; addCodings: number[]; rename: string | undefined },
): ProjectData {
  let codebook = d.codebook.filter((c) => !e.removeCodes.includes(c.id)).map((c) => (e.renameCodes.includes(c.id) ? { ...c, name: `${c.name}!` } : c));
  const fresh = [...new Set(e.addCodes)].filter((id) => !d.codebook.some((c) => c.id === id)).map((id) => code(id));
  codebook = [...codebook.slice(0, e.insertAt), ...fresh, ...codebook.slice(e.insertAt)];
  if (e.reverse) codebook.reverse();
  const codings = [
    ...d.codings.filter((c) => !e.removeCodings.includes(c.id)).map((c) => (e.memoCodings.includes(c.id) ? { ...c, memo: 'm' } : c)),
    ...[...new Set(e.addCodings)].filter((k) => !d.codings.some((c) => c.id === `k_${k}`)).map(fixtureCoding),
  ];
  return { ...d, codebook, codings, project: e.rename === undefined ? d.project : { ...d.project, name: e.rename } };
}

describe('diffProjects and invertChangeSet', () => {
  it('diff then apply reproduces the new state exactly; the inverse takes it back (order-free collections as sets)', () => {
    fc.assert(
      fc.property(edit, edit, (e1, e2) => {
        const before = base();
        const after = edited(before, e1);
        const cs = diffProjects(before, after);
        expect(applyChangeSet(before, cs)).toEqual(after);
        const inv = invertChangeSet(before, cs);
        expect(normal(applyChangeSet(after, inv))).toEqual(normal(before));
        // The inverse of the inverse (redo) gives the edited state back.
        const redo = invertChangeSet(after, inv);
        expect(normal(applyChangeSet(applyChangeSet(after, inv), redo))).toEqual(normal(after));
        // Composition of two steps equals applying them in turn (up to order of order-free items).
        const later = edited(after, e2);
        const cs2 = diffProjects(after, later);
        const both = applyChangeSet(before, composeChangeSets(cs, cs2));
        expect(normal({ ...both, codebook: [] })).toEqual(normal({ ...later, codebook: [] }));
        expect(new Set(both.codebook.map((c) => JSON.stringify(c)))).toEqual(new Set(later.codebook.map((c) => JSON.stringify(c))));
      }),
      { numRuns: 300 },
    );
  });

  it('a removal in an order-free collection inverts to one small upsert, not the tail', () => {
    const d = { ...base(), codings: Array.from({ length: 1000 }, (_, i) => fixtureCoding(i + 1)) };
    const cs: ChangeSet = { upsert: {}, remove: { codings: ['k_1'] } };
    expect(invertChangeSet(d, cs)).toEqual({ upsert: { codings: [d.codings[0]] }, remove: {} });
    const cb: ChangeSet = { upsert: {}, remove: { codebook: ['c_direct'] } };
    const inv = invertChangeSet(d, cb);
    expect(applyChangeSet(applyChangeSet(d, cb), inv).codebook).toEqual(d.codebook);
  });

  it('a diff of unchanged states is empty, and only changed items are upserted', () => {
    const d = base();
    expect(isEmptyChangeSet(diffProjects(d, { ...d, codings: [...d.codings] }))).toBe(true);
    const cs = diffProjects(d, { ...d, codings: d.codings.map((c) => (c.id === 'k_3' ? { ...c, memo: 'x' } : c)) });
    expect(cs.upsert.codings?.map((c) => c.id)).toEqual(['k_3']);
    expect(Object.keys(cs.upsert) as CollectionKey[]).toEqual(['codings']);
  });
});
