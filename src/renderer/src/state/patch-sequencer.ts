import type { ProjectPatch } from '../../../shared/api.js';

/** What to do with the patches offered so far. */
export type SequencerStep =
  /** Apply these patches, in this order (each one's `base` is the revision the previous one reached). */
  | { kind: 'apply'; patches: ProjectPatch[] }
  /** Nothing to apply now: a duplicate, or a patch held until the ones before it arrive. */
  | { kind: 'wait' }
  /** Revisions are missing and did not arrive in time: reload the project view. */
  | { kind: 'gap' };

/**
 * Orders the patches a window receives — from its own calls' results and from the event stream
 * that carries everyone's — into one chain of revisions. A patch is applied iff its `base` is the
 * revision the window has; one at or below that revision was applied already (every patch reaches
 * a window at least twice: its result and its event); one ahead of it is held, since the patches
 * between are usually still on their way (a call's result can overtake the event stream). Held
 * patches that wait longer than `patienceMs` mean revisions were lost: the caller reloads.
 */
export class PatchSequencer {
  private held = new Map<number, ProjectPatch>();
  private heldSince: number | null = null;

  constructor(readonly patienceMs = 1500) {}

  /** Offer a patch received at `now` (ms) while the window is at `local`; says what to apply. */
  offer(patch: ProjectPatch, local: number, now: number): SequencerStep {
    if (patch.revision <= local) return { kind: 'wait' };
    // A patch that changed nothing (a call that only read) at a revision this window has not
    // reached yet: nothing to apply, and the revisions up to it arrive on their own.
    if (patch.base === patch.revision) return { kind: 'wait' };
    // A folded patch (revisions hidden from this viewer folded in) applies anywhere in its range.
    if (patch.folded && patch.base < local) return { kind: 'apply', patches: this.chain({ ...patch, base: local }) };
    // A patch that starts before this window's revision but ends after it belongs to another history.
    if (patch.base < local) return { kind: 'gap' };
    if (patch.base > local) {
      this.held.set(patch.base, patch);
      if (this.heldSince === null) this.heldSince = now;
      return this.overdue(now) ? { kind: 'gap' } : { kind: 'wait' };
    }
    return { kind: 'apply', patches: this.chain(patch) };
  }

  /** Check held patches at `now` (a timer calls this): a gap when they waited too long. */
  check(now: number): SequencerStep {
    return this.overdue(now) ? { kind: 'gap' } : { kind: 'wait' };
  }

  /** True while patches are held (the caller sets a timer to {@link check}). */
  get waiting(): boolean {
    return this.held.size > 0;
  }

  /** Forget everything held (after a reload, or when another project is shown). */
  reset(): void {
    this.held.clear();
    this.heldSince = null;
  }

  /**
   * After a reload to `local`, the held patches that continue from it, in order; the rest are
   * dropped (the reload already holds them).
   */
  resume(local: number): ProjectPatch[] {
    for (const base of [...this.held.keys()]) if (base < local) this.held.delete(base);
    const first = this.held.get(local);
    if (!first) {
      this.reset();
      return [];
    }
    return this.chain(first);
  }

  private chain(first: ProjectPatch): ProjectPatch[] {
    const out = [first];
    this.held.delete(first.base);
    for (let next = this.held.get(first.revision); next; next = this.held.get(next.revision)) {
      out.push(next);
      this.held.delete(next.base);
    }
    const top = out[out.length - 1] as ProjectPatch;
    for (const base of [...this.held.keys()]) if (base < top.revision) this.held.delete(base);
    this.heldSince = this.held.size ? this.heldSince : null;
    return out;
  }

  private overdue(now: number): boolean {
    return this.heldSince !== null && now - this.heldSince >= this.patienceMs;
  }
}
