import { describe, expect, it } from 'vitest';
import type { ProjectPatch } from '../../../src/shared/api.js';
import { PatchSequencer } from '../../../src/renderer/src/state/patch-sequencer.js';

const patch = (base: number, revision = base + 1): ProjectPatch => ({
  revision,
  base,
  changes: { upsert: {}, remove: { codings: [`g${revision}`] } },
  canUndo: true,
  canRedo: false,
  undoLabel: 'Add coding',
  redoLabel: null,
});
const revisions = (step: ReturnType<PatchSequencer['offer']>): number[] => (step.kind === 'apply' ? step.patches.map((p) => p.revision) : []);

describe('PatchSequencer', () => {
  it('applies a patch whose base is the local revision', () => {
    expect(revisions(new PatchSequencer().offer(patch(4), 4, 0))).toEqual([5]);
  });

  it('ignores a patch already applied (its result and its event both arrive)', () => {
    const s = new PatchSequencer();
    expect(s.offer(patch(4), 5, 0)).toEqual({ kind: 'wait' });
    expect(s.offer(patch(3), 5, 0)).toEqual({ kind: 'wait' });
    expect(s.waiting).toBe(false);
  });

  it('holds a patch that overtook the ones before it and releases the chain when they arrive', () => {
    const s = new PatchSequencer();
    expect(s.offer(patch(6), 4, 0)).toEqual({ kind: 'wait' });
    expect(s.offer(patch(5), 4, 10)).toEqual({ kind: 'wait' });
    expect(s.waiting).toBe(true);
    expect(revisions(s.offer(patch(4), 4, 20))).toEqual([5, 6, 7]);
    expect(s.waiting).toBe(false);
  });

  it('reports a gap when held patches wait longer than its patience', () => {
    const s = new PatchSequencer(100);
    expect(s.offer(patch(6), 4, 0)).toEqual({ kind: 'wait' });
    expect(s.check(99)).toEqual({ kind: 'wait' });
    expect(s.check(100)).toEqual({ kind: 'gap' });
    expect(s.offer(patch(7), 4, 150)).toEqual({ kind: 'gap' });
  });

  it('reports a gap at once for a patch from another history (starts before, ends after the local revision)', () => {
    expect(new PatchSequencer().offer(patch(3, 6), 4, 0)).toEqual({ kind: 'gap' });
  });

  it('applies a folded patch (revisions hidden from a blind viewer folded in) from anywhere in its range, and chains what it overtook', () => {
    const folded = { ...patch(3, 8), folded: true as const };
    // After a reload at 6 (the hidden revisions 4–7 changed nothing this window sees).
    expect(revisions(new PatchSequencer().offer(folded, 6, 0))).toEqual([8]);
    expect(revisions(new PatchSequencer().offer(folded, 3, 0))).toEqual([8]);
    // Ahead of the window: held like any patch until the revisions before its base arrive.
    expect(new PatchSequencer().offer({ ...patch(5, 8), folded: true }, 3, 0)).toEqual({ kind: 'wait' });
    // The own call's result (base 7) overtook the folded event that ends at its revision.
    const s = new PatchSequencer();
    expect(s.offer(patch(7), 3, 0)).toEqual({ kind: 'wait' });
    expect(revisions(s.offer(folded, 3, 10))).toEqual([8]);
    expect(s.waiting).toBe(false);
    // Not folded, the same range is still another history.
    expect(new PatchSequencer().offer(patch(3, 8), 6, 0)).toEqual({ kind: 'gap' });
  });

  it('ignores a no-change patch at a revision the window has not reached (a read by a lagging window)', () => {
    const s = new PatchSequencer(100);
    expect(s.offer(patch(9, 9), 4, 0)).toEqual({ kind: 'wait' });
    expect(s.waiting).toBe(false);
    expect(s.check(1000)).toEqual({ kind: 'wait' });
  });

  it('after a reload, resumes with the held patches that continue from it and drops the rest', () => {
    const s = new PatchSequencer();
    s.offer(patch(6), 4, 0);
    s.offer(patch(8), 4, 0);
    s.offer(patch(9), 4, 0);
    expect(s.resume(8).map((p) => p.revision)).toEqual([9, 10]);
    expect(s.waiting).toBe(false);
    s.offer(patch(12), 10, 0);
    expect(s.resume(20)).toEqual([]);
    expect(s.waiting).toBe(false);
  });
});
