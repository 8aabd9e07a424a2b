import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCoding, removeCoding } from '../../../src/core/codings/commands.js';
import { updateCoding } from '../../../src/core/codings/edit.js';
import type { CoreEnv } from '../../../src/core/model/ids.js';
import type { Coding, ProjectData } from '../../../src/core/model/types.js';
import { applyChangeSet, type ChangeSet } from '../../../src/core/ops/change-set.js';
import { addCodingChange, removeCodingChange, updateCodingChange } from '../../../src/core/ops/coding-changes.js';
import { IndexedProject } from '../../../src/core/ops/indexed-project.js';
import { FIXTURE_TEXT, fixtureCoding, fixtureProject } from '../persistence/fixtures.js';

const DOCS = ['d_doc1', 'd_doc2'];
const CODERS = ['u_ana', 'u_ben'];
const CODES = ['c_direct', 'c_out', 'c_leg'];

/** A project with two documents and two coders, so codings spread over 12 index keys. */
function base(): ProjectData {
  const d = fixtureProject(0);
  return {
    ...d,
    coders: [...d.coders, { id: 'u_ben', name: 'Ben' }],
    documents: [...d.documents, { ...d.documents[0]!, id: 'd_doc2', title: 'Second' }],
  };
}

const coding = (k: number, doc: number, coder: number, code: number): Coding => ({ ...fixtureCoding(k), documentId: DOCS[doc]!, coderId: CODERS[coder]!, codeId: CODES[code]! });

// A change set on codings: upserts of new or existing ids (moving them between document, coder
// and code, or only changing the memo) and removals, possibly of ids that do not exist.
const codingUpsert = fc.record({ k: fc.integer({ min: 1, max: 12 }), doc: fc.nat(1), coder: fc.nat(1), code: fc.nat(2), memo: fc.boolean() });
const changeSet = fc.record({ upsert: fc.array(codingUpsert, { maxLength: 5 }), remove: fc.array(fc.integer({ min: 1, max: 14 }), { maxLength: 3 }) }).map(({ upsert, remove }): ChangeSet => ({
  upsert: upsert.length > 0 ? { codings: upsert.map((u) => ({ ...coding(u.k, u.doc, u.coder, u.code), memo: u.memo ? 'm' : '' })) } : {},
  remove: remove.length > 0 ? { codings: remove.map((k) => `k_${k}`) } : {},
}));

/** Every key of the index as `doc/coder/code → ids` (ids sorted: a coding moved into a key comes last there). */
function indexOf(state: IndexedProject): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const doc of DOCS)
    for (const coder of CODERS)
      for (const code of CODES) {
        const found = state.codingsWith(doc, coder, code);
        for (const c of found) expect(state.get('codings', c.id)).toBe(c);
        if (found.length > 0) out[`${doc}/${coder}/${code}`] = found.map((c) => c.id).sort();
      }
  return out;
}

const env = (): CoreEnv => {
  let n = 0;
  return { now: () => '2026-02-02T00:00:00.000Z', newId: (prefix) => `${prefix}new${++n}` };
};

describe('IndexedProject.codingsWith', () => {
  it('after any sequence of change sets equals the index rebuilt from the resulting project', () => {
    fc.assert(
      fc.property(fc.array(changeSet, { maxLength: 8 }), fc.boolean(), (sets, readFirst) => {
        const state = IndexedProject.from(base());
        // The index is built on first read: kept by every apply after it, or built after them all.
        if (readFirst) expect(state.codingsWith('d_doc1', 'u_ana', 'c_direct')).toEqual([]);
        let plain = base();
        for (const cs of sets) {
          state.apply(cs);
          plain = applyChangeSet(plain, cs);
          if (readFirst) expect(indexOf(state)).toEqual(indexOf(IndexedProject.from(state.toData())));
        }
        expect(indexOf(state)).toEqual(indexOf(IndexedProject.from(state.toData())));
        expect(state.toData().codings).toEqual(plain.codings);
        // And the rebuilt index is exactly the filter of the codings list, in its order.
        const rebuilt = IndexedProject.from(plain);
        for (const doc of DOCS)
          for (const coder of CODERS)
            for (const code of CODES) {
              expect(rebuilt.codingsWith(doc, coder, code)).toEqual(plain.codings.filter((c) => c.documentId === doc && c.coderId === coder && c.codeId === code));
            }
      }),
      { numRuns: 300 },
    );
  });

  it('returns nothing for a key with no codings, and ids that would collide when joined stay apart', () => {
    const d = base();
    const state = IndexedProject.from({ ...d, codings: [{ ...fixtureCoding(1), documentId: 'a\u0000b', coderId: 'c' }] });
    expect(state.codingsWith('a', 'b\u0000c', 'c_direct')).toEqual([]);
    expect(state.codingsWith('a\u0000b', 'c', 'c_direct').map((c) => c.id)).toEqual(['k_1']);
    expect(state.codingsWith('d_doc1', 'u_ana', 'c_out')).toEqual([]);
  });
});

describe('coding changes read through the index', () => {
  it('add, update and remove give the same coding and outcome as the commands on the whole project', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), doc: fc.nat(1), coder: fc.nat(1), code: fc.nat(2), start: fc.nat(40), len: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('update' as const), k: fc.integer({ min: 1, max: 12 }), code: fc.option(fc.nat(2), { nil: undefined }), start: fc.option(fc.nat(40), { nil: undefined }) }),
      fc.record({ kind: fc.constant('remove' as const), k: fc.integer({ min: 1, max: 12 }) }),
    );
    fc.assert(
      fc.property(fc.array(changeSet, { maxLength: 4 }), fc.array(op, { minLength: 1, maxLength: 10 }), (sets, ops) => {
        const state = IndexedProject.from(base());
        for (const cs of sets) state.apply(cs);
        const text = FIXTURE_TEXT;
        for (const o of ops) {
          const whole = state.toData();
          const [e1, e2] = [env(), env()];
          if (o.kind === 'add') {
            const c = { documentId: DOCS[o.doc]!, coderId: CODERS[o.coder]!, codeId: CODES[o.code]!, start: o.start, end: o.start + o.len };
            const viaIndex = addCodingChange(state, text, c, e1);
            const viaAll = addCoding(whole, text, c, e2);
            expect(viaIndex.ok).toBe(viaAll.ok);
            if (!viaIndex.ok || !viaAll.ok) continue;
            expect(viaIndex.value.value).toEqual(viaAll.value.coding);
            expect(viaIndex.value.changes.upsert.codings?.length ?? 0).toBe(viaAll.value.data === whole ? 0 : 1);
            state.apply(viaIndex.value.changes);
          } else if (o.kind === 'update') {
            const patch = { ...(o.code !== undefined ? { codeId: CODES[o.code]! } : {}), ...(o.start !== undefined ? { start: o.start, end: o.start + 5 } : {}) };
            const viaIndex = updateCodingChange(state, text, `k_${o.k}`, patch, e1);
            const viaAll = updateCoding(whole, text, `k_${o.k}`, patch, e2);
            expect(viaIndex.ok ? 'ok' : viaIndex.error.code).toBe(viaAll.ok ? 'ok' : viaAll.error.code);
            if (!viaIndex.ok || !viaAll.ok) continue;
            expect(viaIndex.value.value).toEqual(viaAll.value.coding);
            state.apply(viaIndex.value.changes);
          } else {
            const viaIndex = removeCodingChange(state, `k_${o.k}`);
            const viaAll = removeCoding(whole, `k_${o.k}`);
            expect(viaIndex.ok).toBe(viaAll.ok);
            if (!viaIndex.ok) continue;
            state.apply(viaIndex.value.changes);
          }
          expect(indexOf(state)).toEqual(indexOf(IndexedProject.from(state.toData())));
        }
      }),
      { numRuns: 200 },
    );
  });
});
