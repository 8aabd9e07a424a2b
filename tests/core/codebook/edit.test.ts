import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../src/core/model/types.js';
import type { Result } from '../../../src/core/model/result.js';
import { createCode, deleteCode, deleteImpact, mergeCodes, moveCode, updateCode } from '../../../src/core/codebook/edit.js';
import { childrenOf, codePath, flattenTree } from '../../../src/core/codebook/paths.js';
import { baseProject, codingOf } from '../matrix/fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('codebook editing', () => {
  it('creates a sub-code at the end of its siblings with an unused palette colour and bumps the codebook version', () => {
    const p = baseProject();
    const { data, code } = must(createCode(p, { name: '  Shelters  for victims ', parentId: 'sd-institution-building' }, coreEnv));
    expect(code.name).toBe('Shelters for victims');
    expect(codePath(data.codebook, code.id)).toBe('Outcomes/Institution building/Shelters for victims');
    expect(data.project.codebookVersion).toBe(p.project.codebookVersion + 1);
    expect(code.color).toMatch(/^#[0-9a-f]{6}$/);
    const second = must(createCode(data, { name: 'Hotline', parentId: 'sd-institution-building' }, coreEnv));
    expect(second.code.color).not.toBe(code.color);
    expect(childrenOf(second.data.codebook, 'sd-institution-building').map((c) => c.name)).toEqual(['Shelters for victims', 'Hotline']);
  });

  it('refuses empty names, path separators, sibling clashes and unknown parents with specific errors', () => {
    const p = baseProject();
    expect(createCode(p, { name: '   ' }, coreEnv)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(createCode(p, { name: 'a/b' }, coreEnv)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(createCode(p, { name: 'legislation', parentId: 'sd-outcomes' }, coreEnv)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(createCode(p, { name: 'X', parentId: 'nope' }, coreEnv)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(createCode(p, { name: 'X', color: 'red' }, coreEnv)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // The same name elsewhere in the tree is fine.
    expect(createCode(p, { name: 'Legislation' }, coreEnv).ok).toBe(true);
  });

  it('renames, recolours and moves a shortcut key to the code that claims it', () => {
    const p = baseProject();
    const holder = p.codebook.find((c) => c.shortcut === '2');
    expect(holder).toBeDefined();
    const r = must(updateCode(p, 'sd-concerns', { name: 'Reputational concerns', color: '#AA0000', shortcut: '2' }));
    expect(r.code).toMatchObject({ name: 'Reputational concerns', color: '#aa0000', shortcut: '2' });
    expect(r.data.codebook.filter((c) => c.shortcut === '2').map((c) => c.id)).toEqual(['sd-concerns']);
    expect(r.data.project.codebookVersion).toBe(p.project.codebookVersion + 1);
    expect(updateCode(p, 'sd-concerns', { shortcut: '0' })).toMatchObject({ ok: false });
    // No change, no version bump, same object.
    expect(must(updateCode(p, 'sd-concerns', { name: 'Concerns' })).data).toBe(p);
  });

  it('moves a code under another and reorders siblings; refuses a cycle', () => {
    const p = baseProject();
    const moved = must(moveCode(p, 'sd-concerns', 'sd-outcomes', 0));
    expect(childrenOf(moved.data.codebook, 'sd-outcomes')[0]?.id).toBe('sd-concerns');
    expect(childrenOf(moved.data.codebook, 'sd-outcomes').map((c) => c.order)).toEqual(childrenOf(moved.data.codebook, 'sd-outcomes').map((_, i) => i));
    expect(flattenTree(moved.data.codebook)).toHaveLength(p.codebook.length);
    expect(moveCode(p, 'sd-outcomes', 'sd-legislation', 0)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // Move up among roots: the last root to the first place.
    const roots = childrenOf(p.codebook, null);
    const last = roots[roots.length - 1]?.id as string;
    const up = must(moveCode(p, last, null, 0));
    expect(childrenOf(up.data.codebook, null)[0]?.id).toBe(last);
  });

  it('merges two codes: codings move, duplicates collapse (memos kept), sub-codes and matrix columns follow', () => {
    let p: ProjectData = baseProject();
    // Ben codes exactly c5's span with Concerns as well as Legislation: a duplicate after merging Concerns → Legislation.
    const dup = { ...codingOf('x1', 'd-arm', 'The criminal code was amended in 2006', 'sd-concerns', 'u-ana'), memo: 'check date' };
    p = { ...p, codings: [...p.codings, dup] };
    const sub = must(createCode(p, { name: 'Reputation', parentId: 'sd-concerns' }, coreEnv));
    p = sub.data;
    const concerns = p.codings.filter((g) => g.codeId === 'sd-concerns').length;
    const r = must(mergeCodes(p, 'sd-concerns', 'sd-legislation'));
    expect(r.collapsed).toBe(1);
    expect(r.moved).toBe(concerns - 1);
    expect(r.data.codebook.some((c) => c.id === 'sd-concerns')).toBe(false);
    expect(r.data.codings.some((g) => g.codeId === 'sd-concerns')).toBe(false);
    expect(r.data.codings).toHaveLength(p.codings.length - 1);
    expect(r.data.codings.find((g) => g.id === 'c5')?.memo).toBe('check date');
    expect(codePath(r.data.codebook, sub.code.id)).toBe('Outcomes/Legislation/Reputation');
    for (const m of r.data.matrices) expect(m.columns).not.toContain('sd-concerns');
    expect(mergeCodes(p, 'sd-outcomes', 'sd-legislation')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(mergeCodes(p, 'sd-legislation', 'sd-legislation')).toMatchObject({ ok: false });
  });

  it('deletes a code with its sub-codes and codings, reporting the numbers first', () => {
    const p = baseProject();
    const impact = deleteImpact(p, 'sd-outcomes');
    const under = p.codings.filter((g) => ['sd-outcomes', 'sd-legislation', 'sd-institution-building', 'sd-norms-practices'].includes(g.codeId)).length;
    expect(impact.codings).toBe(under);
    expect(impact.codes).toBe(4);
    const r = must(deleteCode(p, 'sd-outcomes'));
    expect(r.codings).toBe(under);
    expect(r.data.codings).toHaveLength(p.codings.length - under);
    expect(r.data.codebook).toHaveLength(p.codebook.length - 4);
    for (const m of r.data.matrices) expect(m.columns.every((c) => r.data.codebook.some((k) => k.id === c))).toBe(true);
    expect(deleteCode(p, 'nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('new code colours', () => {
  it('prefer a palette colour no code uses yet', async () => {
    const { nextColor } = await import('../../../src/core/codebook/edit.js');
    const p = baseProject();
    const used = new Set(p.codebook.map((c) => c.color.toLowerCase()));
    expect(used.has(nextColor(p.codebook, 'sd-outcomes'))).toBe(false);
  });
});
