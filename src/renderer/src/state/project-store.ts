import { create } from 'zustand';
import type { DomainError, Result } from '../../../core/model/result.js';
import type { ProjectData } from '../../../core/model/types.js';
import type { Mutation, ProjectPatch, ProjectView, RecentProject } from '../../../shared/api.js';
import { api } from '../lib/api.js';
import { PatchSequencer } from './patch-sequencer.js';
import { ProjectMirror, type CodingIndex } from './project-mirror.js';
import { resetProjectStores } from './project-scope.js';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface Progress {
  task: string;
  done: number;
  total: number;
  label: string;
}

interface ProjectState {
  booted: boolean;
  view: Omit<ProjectView, 'data'> | null;
  data: ProjectData | null;
  /** Indexes of `data.codings` (by document, counts by coder), kept up to date from each change set. */
  codings: CodingIndex | null;
  recent: RecentProject[];
  toasts: Toast[];
  progress: Progress | null;
  /** The main view shown (see app/views.tsx). */
  activeView: string;
  setView(id: string): void;

  boot(): Promise<void>;
  /** A folder whose casecoder.json is missing but whose backups can restore it (from the last open). */
  restorable: { dir: string; message: string } | null;
  openProject(dir: string, opts?: { restore?: boolean }): Promise<boolean>;
  /** Desktop app: open or create a project in a folder chosen in the main process's native dialog. */
  chooseProject(purpose: 'open' | 'create', name?: string): Promise<boolean>;
  createProject(dir: string, name: string): Promise<boolean>;
  openDemo(): Promise<boolean>;
  closeProject(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  useCoder(name: string): Promise<void>;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
}

let toastSeq = 0;

/** The store's applier, set when the store is created (feature stores reach it through {@link applyMutation}). */
let patchReceiver: (p: ProjectPatch, undoState: boolean) => void = () => undefined;

/**
 * The renderer's mirror of the open project. The backend is the only writer: every change goes
 * through the API and comes back as a patch (a change set from one revision to the next), which
 * {@link receivePatch} applies — the one place the mirror changes. Patches arrive twice (a call's
 * result, and the event stream that carries everyone's changes to every window); each revision is
 * applied once, in order, and a gap reloads the project view. When another window opens, creates
 * or closes a project, this one follows.
 */
export const useProject = create<ProjectState>((set, get) => {
  const fail = (e: DomainError): void => get().toast('error', e.message);
  const sequencer = new PatchSequencer();
  /** `data` with its indexes; replaced when a project view is adopted, changed only by applyInOrder. */
  let mirror: ProjectMirror | null = null;
  let gapTimer: ReturnType<typeof setTimeout> | null = null;
  /** Patches received while the view reloads: offered again once it is in. */
  let reloading: { p: ProjectPatch; undoState: boolean }[] | null = null;

  /** Show `v`; `keepPlace` keeps the open document when it still exists (a reload of the same project). */
  const adopt = (v: ProjectView, keepPlace = false): void => {
    const { data, ...rest } = v;
    if (!keepPlace) {
      sequencer.reset();
      resetProjectStores();
    }
    api.showing(v.dir);
    mirror = new ProjectMirror(data);
    // The reader follows `data.documents` (reader/reader-store.ts): it keeps its document when it still exists.
    set({ view: rest, data, codings: mirror.index });
    if (!keepPlace) for (const m of v.messages) get().toast('info', m);
  };

  const showNone = async (): Promise<void> => {
    sequencer.reset();
    resetProjectStores();
    api.showing(null);
    mirror = null;
    const recent = await api.call('project.recent', {});
    set({ view: null, data: null, codings: null, recent: recent.ok ? recent.value : [] });
  };

  /** Apply patches that continue the mirror's revision (the sequencer has ordered them). */
  const applyInOrder = (patches: ProjectPatch[], undoState: boolean): void => {
    const { data, view } = get();
    if (!data || !view || !mirror || patches.length === 0) return;
    for (const p of patches) mirror.apply(p.changes);
    const next = mirror.data;
    const last = patches[patches.length - 1] as ProjectPatch;
    const flags = undoState ? { canUndo: last.canUndo, canRedo: last.canRedo, undoLabel: last.undoLabel, redoLabel: last.redoLabel } : {};
    set({ data: next, codings: mirror.index, view: { ...view, revision: last.revision, ...flags } });
  };

  /** Reload the project view from the backend (after a gap, or to follow another window); one at a time. */
  let inflight: Promise<void> | null = null;
  const reload = (): Promise<void> => {
    inflight ??= reloadNow().finally(() => {
      inflight = null;
    });
    return inflight;
  };
  const reloadNow = async (): Promise<void> => {
    reloading = [];
    if (gapTimer) clearTimeout(gapTimer);
    gapTimer = null;
    try {
      const cur = await api.call('project.current', {});
      if (!cur.ok) return fail(cur.error);
      const before = get().view?.dir ?? null;
      if (cur.value && cur.value.dir === before) {
        adopt(cur.value, true);
        applyInOrder(sequencer.resume(cur.value.revision), true);
      } else if (cur.value) adopt(cur.value);
      else await showNone();
    } finally {
      const queued = reloading ?? [];
      reloading = null;
      for (const q of queued) receivePatch(q.p, q.undoState);
    }
  };

  /**
   * The one applier: offer a patch of the shown project (from a call's result or an event) to the
   * sequencer and apply what it releases. `undoState`: the patch's undo flags are this window's
   * (its own call, or a change by the same coder).
   */
  const receivePatch = (p: ProjectPatch, undoState: boolean): void => {
    // For the reader benchmarks: what follows is the renderer's share of a change.
    performance.mark('patch:received');
    if (reloading) {
      reloading.push({ p, undoState });
      return;
    }
    const view = get().view;
    if (!view) return;
    if (undoState && p.revision >= view.revision && p.base === p.revision) {
      // A call that changed nothing (Undo with nothing left) still reports the undo state.
      set({ view: { ...view, canUndo: p.canUndo, canRedo: p.canRedo, undoLabel: p.undoLabel, redoLabel: p.redoLabel } });
      return;
    }
    const step = sequencer.offer(p, view.revision, Date.now());
    if (step.kind === 'apply') applyInOrder(step.patches, undoState);
    else if (step.kind === 'gap') void reload();
    if (sequencer.waiting && !gapTimer) {
      gapTimer = setTimeout(() => {
        gapTimer = null;
        if (sequencer.check(Date.now()).kind === 'gap') void reload();
      }, sequencer.patienceMs);
    }
  };
  patchReceiver = receivePatch;

  /** Another window switched projects: follow it, and say so. */
  const follow = async (dir: string | null): Promise<void> => {
    const before = get().view?.dir ?? null;
    // A reload under way may have read the project before the switch: wait for it, then read again.
    if (inflight) await inflight;
    // Patches held so far belong to the session before the switch.
    sequencer.reset();
    await reload();
    const now = get().view;
    if (dir === null && before !== null) get().toast('info', 'Another window closed the project');
    else if (now && now.dir !== before) get().toast('info', `Another window opened “${get().data?.project.name ?? now.dir}”; this window follows it`);
  };

  const mutation = async <T>(r: Promise<Result<Mutation<T>>>): Promise<T | undefined> => {
    const res = await r;
    // For the reader benchmarks: the response is in; what follows is the renderer's share.
    performance.mark('mutation:response');
    if (!res.ok) {
      fail(res.error);
      return undefined;
    }
    receivePatch(res.value.patch, true);
    return res.value.value;
  };

  const viewCall = async (r: Promise<Result<ProjectView>>): Promise<boolean> => {
    const res = await r;
    if (!res.ok) {
      fail(res.error);
      return false;
    }
    adopt(res.value);
    return true;
  };

  api.onEvent((e) => {
    if (e.type === 'progress') set({ progress: e.done >= e.total && e.label === 'Saving' ? null : e });
    const view = get().view;
    if (e.type === 'patch' && view && e.dir === view.dir) receivePatch(e.patch, e.author.client === api.clientId || (e.author.coderId !== null && e.author.coderId === view.coderId));
    if (e.type === 'project' && e.author.client !== api.clientId) void follow(e.dir);
  });

  return {
    booted: false,
    view: null,
    data: null,
    codings: null,
    recent: [],
    toasts: [],
    progress: null,
    activeView: 'reader',
    setView: (id) => set({ activeView: id }),

    async boot() {
      const [cur, recent] = await Promise.all([api.call('project.current', {}), api.call('project.recent', {})]);
      if (recent.ok) set({ recent: recent.value });
      if (cur.ok && cur.value) adopt(cur.value);
      else if (cur.ok && recent.ok && recent.value.length === 0) await get().openDemo();
      set({ booted: true });
    },
    restorable: null,
    async openProject(dir, opts) {
      set({ restorable: null });
      const res = await api.call('project.open', { dir, ...(opts?.restore ? { restore: true } : {}) });
      const details = res.ok ? null : (res.error.details as { restorable?: boolean } | undefined);
      if (!res.ok && details?.restorable) set({ restorable: { dir, message: res.error.message } });
      return viewCall(Promise.resolve(res));
    },
    async chooseProject(purpose, name) {
      const res = await api.call('project.choose', { purpose, ...(name ? { name } : {}) });
      if (res.ok && res.value === null) return false;
      return viewCall(Promise.resolve(res.ok ? { ok: true, value: res.value as ProjectView } : res));
    },
    createProject: (dir, name) => viewCall(api.call('project.create', { dir, ...(name ? { name } : {}) })),
    openDemo: () => viewCall(api.call('project.openDemo', {})),
    async closeProject() {
      await api.call('project.close', {});
      await showNone();
    },
    async undo() {
      const label = await mutation(api.call('history.undo', {}));
      if (label) get().toast('info', `Undid: ${label}`);
    },
    async redo() {
      const label = await mutation(api.call('history.redo', {}));
      if (label) get().toast('info', `Redid: ${label}`);
    },
    async useCoder(name) {
      const id = await mutation(api.call('coder.use', { name }));
      const v = get().view;
      if (id && v) set({ view: { ...v, coderId: id } });
    },
    toast(kind, text) {
      const id = ++toastSeq;
      set({ toasts: [...get().toasts, { id, kind, text }] });
      setTimeout(() => get().dismiss(id), kind === 'error' ? 8000 : 4000);
    },
    dismiss(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
  };
});

/**
 * For feature stores: await a mutating call, apply its patch to the mirror (as the store's own
 * actions do) or toast its error; returns the mutation's value, or undefined on error.
 */
export async function applyMutation<T>(r: Promise<Result<Mutation<T>>>): Promise<T | undefined> {
  const res = await r;
  // For the reader benchmarks: the response is in; what follows is the renderer's share.
  performance.mark('mutation:response');
  if (!res.ok) {
    useProject.getState().toast('error', res.error.message);
    return undefined;
  }
  patchReceiver(res.value.patch, true);
  return res.value.value;
}
