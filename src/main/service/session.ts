import type { Id, ProjectData, SourceContent } from '../../core/model/types.js';
import { err, ok, type Result } from '../../core/model/result.js';
import { COLLECTION_KEYS, diffProjects, isEmptyChangeSet, keyOf, touchedCollections, type ChangeSet } from '../../core/ops/change-set.js';
import type { IndexedProject } from '../../core/ops/indexed-project.js';
import type { ProjectPatch, ProjectView } from '../../shared/api.js';
import type { ProjectStore } from '../store/project-store.js';

/** One undoable step: the change and its inverse (never whole states), the revision it made, its label. */
interface Step {
  label: string;
  forward: ChangeSet;
  inverse: ChangeSet;
  revision: number;
}

/** How many steps of history a session keeps per coder (a step costs the size of its change). */
export const HISTORY_LIMIT = 500;

/** What a mutation computes: the next state, its value, and immutable sources to write first. */
export interface Change<T> {
  data: ProjectData;
  value: T;
  sources?: SourceContent[];
}

/** What a hot-path mutation computes: the change set itself (no whole state), and its value. */
export interface DirectChange<T> {
  changes: ChangeSet;
  value: T;
  sources?: SourceContent[];
}

type MutationResult<T> = Result<{ value: T; patch: ProjectPatch }>;

const NO_CODER = '';

/**
 * An open project: the durable store, the coder this session codes as, and an undo/redo history
 * per coder, kept as change sets. Every mutation is committed durably (one journal entry) before it
 * is acknowledged. Undo is per coder: a coder's Undo only offers and undoes that coder's own steps,
 * and is refused when someone else changed the same items since.
 */
export class ProjectSession {
  private undoStacks = new Map<string, Step[]>();
  private redoStacks = new Map<string, Step[]>();
  /** Who last changed each item (`collection/key`) and at which revision; guards undo across coders. */
  private lastTouch = new Map<string, { revision: number; by: string }>();
  coderId: Id | null = null;

  constructor(
    readonly store: ProjectStore,
    readonly messages: string[],
  ) {}

  /** The current state as plain data (collections rebuilt only when changed). */
  get data(): ProjectData {
    return this.store.data;
  }

  /** The current state, id-indexed (O(1) lookups for hot paths). */
  get state(): IndexedProject {
    return this.store.state;
  }

  get revision(): number {
    return this.store.revision;
  }

  /** The refusal of a change to a read-only project, saying why (e.g. who holds the lock). */
  private readOnlyError(): Result<never> {
    const why = this.store.readOnlyReason;
    return err('read-only', `This project is open read-only${why ? ` (${why})` : ''}; changes are not saved`);
  }

  /** The view the UI loads on open. */
  view(): ProjectView {
    return { dir: this.store.dir, readOnly: this.store.readOnly, messages: this.messages, data: this.data, coderId: this.coderId, revision: this.revision, ...this.undoState() };
  }

  private stack(map: Map<string, Step[]>): Step[] {
    const key = this.coderId ?? NO_CODER;
    let s = map.get(key);
    if (!s) map.set(key, (s = []));
    return s;
  }

  /**
   * Apply a pure change computed as a whole new state, write its sources, commit durably, and
   * record it for undo. The change set is the difference of the states (cost: the changed
   * collections). `record: false` commits without an undo step (e.g. registering the session's coder).
   */
  async mutate<T>(label: string, compute: (data: ProjectData) => Result<Change<T>>, record = true): Promise<MutationResult<T>> {
    if (this.store.readOnly) return this.readOnlyError();
    const before = this.data;
    const r = compute(before);
    if (!r.ok) return r;
    const { data: after, value, sources } = r.value;
    const changes = after === before ? { upsert: {}, remove: {} } : diffProjects(before, after);
    return this.commit(label, { changes, value, ...(sources ? { sources } : {}) }, record, after);
  }

  /**
   * The hot path: commit a change set computed directly from the indexed state (coding add,
   * update, remove), so the cost does not depend on the project's size.
   */
  async change<T>(label: string, compute: (state: IndexedProject) => Result<DirectChange<T>>, record = true): Promise<MutationResult<T>> {
    if (this.store.readOnly) return this.readOnlyError();
    const release = this.takePipelineRelease();
    const r = compute(this.state);
    if (!r.ok) return r;
    return this.commit(label, r.value, record, undefined, release);
  }

  /**
   * Set by the service for an operation that may be pipelined: called once this operation's change
   * is applied in memory, so the service can start the next operation while this one's entry is
   * being made durable. Only the one-commit hot paths ({@link change}, undo, redo) take it.
   */
  pipelineRelease: (() => void) | null = null;

  private takePipelineRelease(): (() => void) | undefined {
    const r = this.pipelineRelease ?? undefined;
    this.pipelineRelease = null;
    return r;
  }

  private async commit<T>(label: string, c: DirectChange<T>, record: boolean, next?: ProjectData, release?: () => void): Promise<MutationResult<T>> {
    const base = this.revision;
    if (isEmptyChangeSet(c.changes)) return ok({ value: c.value, patch: this.patch(base, c.changes) });
    for (const s of c.sources ?? []) {
      const w = await this.store.writeSource(s);
      if (!w.ok) return w;
    }
    let patch: ProjectPatch | null = null;
    // History and the patch are settled when the change is applied, before it is durable: with
    // pipelining the next operation starts from here (its undo must see this step).
    const onApplied = (revision: number, inverse: ChangeSet): void => {
      this.touch(c.changes, revision);
      if (record) {
        const undo = this.stack(this.undoStacks);
        undo.push({ label, forward: c.changes, inverse, revision });
        if (undo.length > HISTORY_LIMIT) undo.shift();
        this.stack(this.redoStacks).length = 0;
      }
      patch = this.patch(base, c.changes);
      release?.();
    };
    const done = await this.store.commitChanges({ by: this.coderId, label, changes: c.changes, ...(next ? { next } : {}), onApplied });
    if (!done.ok) return done;
    return ok({ value: c.value, patch: patch as unknown as ProjectPatch });
  }

  private touch(cs: ChangeSet, revision: number): void {
    const by = this.coderId ?? NO_CODER;
    for (const k of touchedCollections(cs)) {
      for (const item of (cs.upsert[k] ?? []) as unknown[]) this.lastTouch.set(`${k}/${keyOf(k, item)}`, { revision, by });
      for (const id of cs.remove[k] ?? []) this.lastTouch.set(`${k}/${id}`, { revision, by });
    }
  }

  /** The first item of `cs` someone else changed after `revision`, as "who", or null. */
  private changedByOthers(cs: ChangeSet, revision: number): string | null {
    const me = this.coderId ?? NO_CODER;
    for (const k of COLLECTION_KEYS) {
      const keys = [...((cs.upsert[k] ?? []) as unknown[]).map((x) => keyOf(k, x)), ...(cs.remove[k] ?? [])];
      for (const key of keys) {
        const t = this.lastTouch.get(`${k}/${key}`);
        if (t && t.revision > revision && t.by !== me) return this.state.get('coders', t.by)?.name ?? 'another coder';
      }
    }
    return null;
  }

  /** Undo this coder's latest step; returns its label, or null when there is nothing to undo. */
  async undo(): Promise<MutationResult<string | null>> {
    return this.travel('undo');
  }

  /** Redo this coder's latest undone step. */
  async redo(): Promise<MutationResult<string | null>> {
    return this.travel('redo');
  }

  private async travel(dir: 'undo' | 'redo'): Promise<MutationResult<string | null>> {
    if (this.store.readOnly) return this.readOnlyError();
    const release = this.takePipelineRelease();
    const from = this.stack(dir === 'undo' ? this.undoStacks : this.redoStacks);
    const to = this.stack(dir === 'undo' ? this.redoStacks : this.undoStacks);
    const step = from[from.length - 1];
    const base = this.revision;
    if (!step) return ok({ value: null, patch: this.patch(base, { upsert: {}, remove: {} }) });
    const apply = dir === 'undo' ? step.inverse : step.forward;
    const who = this.changedByOthers(apply, step.revision);
    if (who) return err('conflict', `Cannot ${dir} “${step.label}”: ${who} changed the same items since. Make the change by hand instead.`);
    let patch: ProjectPatch | null = null;
    const onApplied = (revision: number, inverse: ChangeSet): void => {
      this.touch(apply, revision);
      from.pop();
      // The other direction is the inverse just computed against the current state.
      to.push(dir === 'undo' ? { label: step.label, forward: inverse, inverse: step.inverse, revision } : { label: step.label, forward: step.forward, inverse, revision });
      patch = this.patch(base, apply);
      release?.();
    };
    const done = await this.store.commitChanges({ by: this.coderId, label: `${dir === 'undo' ? 'Undo' : 'Redo'} ${step.label}`, changes: apply, onApplied });
    if (!done.ok) return done;
    return ok({ value: step.label, patch: patch as unknown as ProjectPatch });
  }

  private undoState(): Pick<ProjectPatch, 'canUndo' | 'canRedo' | 'undoLabel' | 'redoLabel'> {
    const u = this.undoStacks.get(this.coderId ?? NO_CODER)?.at(-1);
    const r = this.redoStacks.get(this.coderId ?? NO_CODER)?.at(-1);
    return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
  }

  private patch(base: number, changes: ChangeSet): ProjectPatch {
    return { revision: this.revision, base, changes, ...this.undoState() };
  }
}
