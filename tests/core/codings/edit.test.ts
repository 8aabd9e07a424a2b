import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/model/result.js';
import { addCodings, codeInVivo, inVivoName, updateCoding } from '../../../src/core/codings/edit.js';
import { visibleCodings } from '../../../src/core/codings/visibility.js';
import { assignLanes } from '../../../src/core/codings/lanes.js';
import { codePath } from '../../../src/core/codebook/paths.js';
import { baseProject, TEXTS } from '../matrix/fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const ARG = TEXTS['d-arg'] as string;

describe('coding edits', () => {
  it('adjusts boundaries (trimmed, re-anchored), changes the code and the memo', () => {
    const p = baseProject();
    const c1 = p.codings.find((g) => g.id === 'c1');
    if (!c1) throw new Error('fixture');
    const r = must(updateCoding(p, ARG, 'c1', { start: c1.start - 1, end: c1.end + 1, codeId: 'sd-concerns', memo: 'wider' }, coreEnv));
    expect(r.coding.start).toBe(c1.start); // the space before is trimmed
    expect(r.coding.exact).toBe(ARG.slice(r.coding.start, r.coding.end));
    expect(r.coding.end).toBe(c1.end + 1);
    expect(r.coding).toMatchObject({ codeId: 'sd-concerns', memo: 'wider', id: 'c1' });
    expect(r.data.codings).toHaveLength(p.codings.length);
    expect(updateCoding(p, ARG, 'c1', { start: 5, end: 5 }, coreEnv)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(updateCoding(p, ARG, 'c1', { codeId: 'nope' }, coreEnv)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(updateCoding(p, ARG, 'nope', {}, coreEnv)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(must(updateCoding(p, ARG, 'c1', { memo: '' }, coreEnv)).data).toBe(p);
  });

  it('codes a batch in one change without duplicating existing codings', () => {
    const p = baseProject();
    const c4 = p.codings.find((g) => g.id === 'c4');
    if (!c4) throw new Error('fixture');
    const texts = new Map(Object.entries(TEXTS));
    const r = must(
      addCodings(
        p,
        texts,
        [
          { documentId: 'd-arg', codeId: c4.codeId, coderId: c4.coderId, start: c4.start, end: c4.end },
          { documentId: 'd-arg', codeId: 'sd-concerns', coderId: 'u-ana', start: 0, end: 7 },
          { documentId: 'd-arg', codeId: 'sd-concerns', coderId: 'u-ana', start: 0, end: 8 },
        ],
        coreEnv,
      ),
    );
    expect(r.existing).toBe(2);
    expect(r.added).toHaveLength(1);
    expect(r.data.codings).toHaveLength(p.codings.length + 1);
    expect(addCodings(p, texts, [{ documentId: 'd-arg', codeId: 'sd-concerns', coderId: 'u-ana', start: 3, end: 3 }], coreEnv).ok).toBe(false);
  });

  it('in-vivo coding names a new code after the selection and codes it in one change', () => {
    const p = baseProject();
    const s = ARG.indexOf('prosecutors');
    const r = must(codeInVivo(p, ARG, { documentId: 'd-arg', coderId: 'u-ana', start: s - 1, end: s + "prosecutors' unit".length, parentId: 'sd-institution-building' }, coreEnv));
    expect(r.code.name).toBe("prosecutors' unit");
    expect(codePath(r.data.codebook, r.code.id)).toBe("Outcomes/Institution building/prosecutors' unit");
    expect(r.coding.codeId).toBe(r.code.id);
    expect(r.data.project.codebookVersion).toBe(p.project.codebookVersion + 1);
    expect(codeInVivo(p, ARG, { documentId: 'd-arg', coderId: 'u-ana', start: 7, end: 9 }, coreEnv)).toMatchObject({ ok: false });
    expect(inVivoName('a/b\n\nc')).toBe('a-b c');
    expect(inVivoName('word '.repeat(30)).endsWith('…')).toBe(true);
    expect(inVivoName('word '.repeat(30)).length).toBeLessThanOrEqual(61);
  });
});

describe('coder views and lanes', () => {
  it('blind mode shows only the current coder, whatever the mode', () => {
    const p = baseProject();
    const all = visibleCodings(p.codings, { mode: 'all', chosen: [], blind: false }, 'u-ana');
    expect(all).toBe(p.codings);
    const blind = visibleCodings(p.codings, { mode: 'all', chosen: ['u-ben'], blind: true }, 'u-ana');
    expect(blind.length).toBeGreaterThan(0);
    expect(blind.every((g) => g.coderId === 'u-ana')).toBe(true);
    expect(visibleCodings(p.codings, { mode: 'mine', chosen: [], blind: true }, null)).toHaveLength(0);
    const chosen = visibleCodings(p.codings, { mode: 'chosen', chosen: ['u-ben'], blind: false }, 'u-ana');
    expect(chosen.every((g) => g.coderId === 'u-ben')).toBe(true);
  });

  it('assigns overlapping spans to distinct lanes and reuses freed lanes', () => {
    const lanes = assignLanes([
      { id: 'a', start: 0, end: 10 },
      { id: 'b', start: 2, end: 5 },
      { id: 'c', start: 6, end: 12 },
      { id: 'd', start: 12, end: 20 },
      { id: 'e', start: 3, end: 3 },
    ]);
    const lane = new Map(lanes.map((l) => [l.id, l.lane]));
    expect(lane.get('a')).toBe(0);
    expect(lane.get('b')).toBe(1);
    expect(lane.get('c')).toBe(1);
    expect(lane.get('d')).toBe(0);
    expect(lane.has('e')).toBe(false);
    for (const x of lanes) for (const y of lanes) if (x.id !== y.id && x.lane === y.lane) expect(x.end <= y.start || y.end <= x.start).toBe(true);
  });
});

describe('word steps', () => {
  it('moves to the next and previous word boundary and clamps at the ends', async () => {
    const { wordStep } = await import('../../../src/core/codings/edit.js');
    const t = 'The ambassador  met him';
    expect(wordStep(t, 0, 1)).toBe(3);
    expect(wordStep(t, 3, 1)).toBe(14);
    expect(wordStep(t, 14, 1)).toBe(19);
    expect(wordStep(t, 19, -1)).toBe(16);
    expect(wordStep(t, 16, -1)).toBe(4);
    expect(wordStep(t, 0, -1)).toBe(0);
    expect(wordStep(t, t.length, 1)).toBe(t.length);
  });
});
