import { describe, expect, it } from 'vitest';
import { mergeLayers } from '../../../src/core/merge/merge-layers.js';
import { fixedEnv } from '../../../src/core/model/ids.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import { A, B, CASE1, DOC1, teamProject } from '../../main/team/auth/fixture.js';

const env = fixedEnv();

/** The same project with different coder ids (as another copy that added its coders itself). */
function otherCopy(p: ProjectData): ProjectData {
  const renamed = (id: string) => (id === A ? 'u_other_a' : id === B ? 'u_other_b' : id);
  return {
    ...p,
    coders: p.coders.map((c) => ({ ...c, id: renamed(c.id) })),
    codings: p.codings.map((c) => ({ ...c, coderId: renamed(c.coderId) })),
    ratings: p.ratings.map((r) => ({ ...r, coderId: renamed(r.coderId) })),
    memos: p.memos.map((m) => ({ ...m, coderId: m.coderId === null ? null : renamed(m.coderId) })),
  };
}

describe('mergeLayers', () => {
  it('adds what is new, takes the newer version of the same rating or memo, and is idempotent', () => {
    const here = { ...teamProject(), ratings: [], memos: teamProject().memos.slice(0, 1) };
    const there = otherCopy(teamProject());
    there.ratings = there.ratings.map((r, i) => (i === 0 ? { ...r, value: 'much', updated: '2030-01-01T00:00:00.000Z', evidence: ['c_a1'] } : r));
    const first = mergeLayers(here, there, env);
    expect(first.report.added.ratings).toBe(teamProject().ratings.length);
    expect(first.report.keptAside).toEqual([]);
    // Coders matched by name: the ratings land on this copy's coders.
    expect(new Set(first.data.ratings.map((r) => r.coderId))).toEqual(new Set([A, B]));
    expect(first.data.ratings.find((r) => r.coderId === A && r.caseId === CASE1)).toMatchObject({ value: 'much', evidence: ['c_a1'] });
    const again = mergeLayers(first.data, there, env);
    expect(again.data).toBe(first.data);
    expect(again.report.matched.ratings).toBe(teamProject().ratings.length);
    // An older incoming version never overwrites a newer one here.
    const older = { ...there, ratings: there.ratings.map((r) => ({ ...r, value: 'none', updated: '2000-01-01T00:00:00.000Z' })) };
    expect(mergeLayers(first.data, older, env).data).toBe(first.data);
    // A newer memo text wins, keeping this copy's id.
    const memo = first.data.memos[0]!;
    const rewritten = { ...there, memos: there.memos.map((m) => (m.id === memo.id ? { ...m, text: 'newer', updated: '2031-01-01T00:00:00.000Z' } : m)) };
    const r = mergeLayers(first.data, rewritten, env);
    expect(r.report.updated.memos).toBe(1);
    expect(r.data.memos.find((m) => m.id === memo.id)?.text).toBe('newer');
  });

  it('lists what cannot be placed (and evidence it cannot find) instead of dropping it silently', () => {
    const here = { ...teamProject(), ratings: [], memos: [], matrices: [] };
    const there = otherCopy(teamProject());
    there.memos = [...there.memos, { id: 'mm_gone', target: { kind: 'document', id: 'd_gone' }, coderId: null, text: 'x', updated: 't' }];
    there.documents = [...there.documents, { ...there.documents[0]!, id: 'd_gone', textHash: 'other' }];
    there.ratings = there.ratings.map((r) => ({ ...r, evidence: ['c_nowhere'] }));
    const r = mergeLayers(here, there, env);
    expect(r.report.keptAside.filter((k) => k.kind === 'rating')).toHaveLength(teamProject().ratings.length);
    expect(r.report.keptAside.find((k) => k.id === 'mm_gone')?.reason).toMatch(/document is not in this project/);
    expect(r.data.memos.some((m) => m.target.kind === 'document' && m.target.id === DOC1)).toBe(true);
    const withMatrix = mergeLayers({ ...here, matrices: teamProject().matrices }, there, env);
    expect(withMatrix.report.notes.join('\n')).toMatch(/cites coding c_nowhere/);
  });
});
