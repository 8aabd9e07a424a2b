import type { Id, ProjectData, SourceContent } from '../../core/model/types.js';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectPatch, ProjectView } from '../../shared/api.js';
import type { ProjectStore } from '../store/project-store.js';

/** One undoable step: the state before and after, and a label for menus ("Undo Add coding"). */
interface Step {
  label: string;
  before: ProjectData;
  after: ProjectData;
}

/** How many steps of history a session keeps (states share structure, so a step costs little). */
export const HISTORY_LIMIT = 500;

/** What a mutation computes: the next state, its value, and immutable sources to write first. */
export interface Change<T> {
  data: ProjectData;
  value: T;
  sources?: SourceContent[];
}

/**
 * An open project: the durable store, the coder this session codes as, and a linear undo/redo
 * history of whole-state snapshots (cheap thanks to structural sharing). Every mutation is
 * committed durably before it is acknowledged.
 */
export class ProjectSession {
  private undoStack: Step[] = [];
  private redoStack: Step[] = [];
  private revision = 0;
  coderId: Id | null = null;

  constructor(
    readonly store: ProjectStore,
    readonly messages: string[],
  ) {}

  get data(): ProjectData {
    return this.store.data;
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

  /**
   * Apply a pure change, write its sources, commit durably, and record it for undo.
   * `record: false` commits without an undo step (e.g. registering the session's coder).
   */
  async mutate<T>(label: string, compute: (data: ProjectData) => Result<Change<T>>, record = true): Promise<Result<{ value: T; patch: ProjectPatch }>> {
    if (this.store.readOnly) return this.readOnlyError();
    const before = this.data;
    const r = compute(before);
    if (!r.ok) return r;
    const { data: after, value, sources } = r.value;
    if (after === before) return ok({ value, patch: this.patch(before, after) });
    for (const s of sources ?? []) {
      const w = await this.store.writeSource(s);
      if (!w.ok) return w;
    }
    const c = await this.store.commit(after);
    if (!c.ok) return c;
    if (record) {
      this.undoStack.push({ label, before, after });
      if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
      this.redoStack = [];
    }
    return ok({ value, patch: this.patch(before, after) });
  }

  /** Undo the latest step; returns its label, or null when there is nothing to undo. */
  async undo(): Promise<Result<{ value: string | null; patch: ProjectPatch }>> {
    return this.travel(this.undoStack, this.redoStack, 'before');
  }

  /** Redo the latest undone step. */
  async redo(): Promise<Result<{ value: string | null; patch: ProjectPatch }>> {
    return this.travel(this.redoStack, this.undoStack, 'after');
  }

  private async travel(from: Step[], to: Step[], side: 'before' | 'after'): Promise<Result<{ value: string | null; patch: ProjectPatch }>> {
    if (this.store.readOnly) return this.readOnlyError();
    const step = from[from.length - 1];
    if (!step) return ok({ value: null, patch: this.patch(this.data, this.data) });
    const current = this.data;
    const target = step[side];
    const c = await this.store.commit(target);
    if (!c.ok) return c;
    from.pop();
    to.push(step);
    return ok({ value: step.label, patch: this.patch(current, target) });
  }

  private undoState(): Pick<ProjectPatch, 'canUndo' | 'canRedo' | 'undoLabel' | 'redoLabel'> {
    const u = this.undoStack[this.undoStack.length - 1];
    const r = this.redoStack[this.redoStack.length - 1];
    return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
  }

  /** The top-level collections that differ by reference between two states. */
  private patch(before: ProjectData, after: ProjectData): ProjectPatch {
    if (before !== after) this.revision++;
    const set: Partial<ProjectData> = {};
    for (const key of Object.keys(after) as (keyof ProjectData)[]) {
      if (before[key] !== after[key]) (set as Record<string, unknown>)[key] = after[key];
    }
    return { revision: this.revision, set, ...this.undoState() };
  }
}
