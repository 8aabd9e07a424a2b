import { create } from 'zustand';
import type { Node as PmNode } from 'prosemirror-model';
import type { DomainError, Result } from '../../../core/model/result.js';
import type { Id, ProjectData } from '../../../core/model/types.js';
import { readerSchema } from '../../../core/document/schema.js';
import { buildTextIndex, type TextIndex } from '../../../core/document/text-index.js';
import type { Mutation, ProjectPatch, ProjectView, RecentProject } from '../../../shared/api.js';
import { api } from '../lib/api.js';

/** A loaded document: its ProseMirror node and canonical-text index. */
export interface LoadedDocument {
  id: Id;
  doc: PmNode;
  index: TextIndex;
}

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
  recent: RecentProject[];
  activeDocId: Id | null;
  loaded: LoadedDocument | null;
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
  selectDocument(id: Id | null): Promise<void>;
  addCoding(codeId: Id, start: number, end: number): Promise<boolean>;
  removeCoding(id: Id): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  useCoder(name: string): Promise<void>;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
}

let toastSeq = 0;

/**
 * The renderer's mirror of the open project. The backend is the only writer: every change goes
 * through the API and comes back as a patch, which is applied here.
 */
export const useProject = create<ProjectState>((set, get) => {
  const fail = (e: DomainError): void => get().toast('error', e.message);

  const adopt = (v: ProjectView): void => {
    const { data, ...rest } = v;
    const first = data.documents[0]?.id ?? null;
    set({ view: rest, data, activeDocId: null, loaded: null });
    for (const m of v.messages) get().toast('info', m);
    if (first) void get().selectDocument(first);
  };

  const applyPatch = (p: ProjectPatch): void => {
    const { data, view } = get();
    if (!data || !view) return;
    // Events can repeat a patch the caller already applied (the menu's Undo in Electron): apply each revision once.
    if (p.revision <= view.revision && Object.keys(p.set).length > 0 && p.revision !== 0) return;
    const { revision, canUndo, canRedo, undoLabel, redoLabel } = p;
    set({ data: { ...data, ...p.set }, view: { ...view, revision, canUndo, canRedo, undoLabel, redoLabel } });
    const active = get().activeDocId;
    if (active && p.set.documents && !p.set.documents.some((d) => d.id === active)) void get().selectDocument(p.set.documents[0]?.id ?? null);
  };

  const mutation = async <T>(r: Promise<Result<Mutation<T>>>): Promise<T | undefined> => {
    const res = await r;
    if (!res.ok) {
      fail(res.error);
      return undefined;
    }
    applyPatch(res.value.patch);
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
    if (e.type === 'patch') applyPatch(e.patch);
  });

  return {
    booted: false,
    view: null,
    data: null,
    recent: [],
    activeDocId: null,
    loaded: null,
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
      const recent = await api.call('project.recent', {});
      set({ view: null, data: null, activeDocId: null, loaded: null, recent: recent.ok ? recent.value : [] });
    },
    async selectDocument(id) {
      set({ activeDocId: id, loaded: null });
      if (!id) return;
      const r = await api.call('document.content', { id });
      if (!r.ok) return fail(r.error);
      if (get().activeDocId !== id) return;
      const doc = readerSchema.nodeFromJSON(r.value.doc);
      set({ loaded: { id, doc, index: buildTextIndex(doc) } });
    },
    async addCoding(codeId, start, end) {
      const id = get().activeDocId;
      if (!id) return false;
      return (await mutation(api.call('coding.add', { documentId: id, codeId, start, end }))) !== undefined;
    },
    async removeCoding(id) {
      await mutation(api.call('coding.remove', { id }));
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
  const store = useProject.getState();
  if (!res.ok) {
    store.toast('error', res.error.message);
    return undefined;
  }
  const p = res.value.patch;
  if (store.data && store.view) {
    const { revision, canUndo, canRedo, undoLabel, redoLabel } = p;
    useProject.setState({ data: { ...store.data, ...p.set }, view: { ...store.view, revision, canUndo, canRedo, undoLabel, redoLabel } });
    const active = store.activeDocId;
    if (active && p.set.documents && !p.set.documents.some((d) => d.id === active)) void store.selectDocument(p.set.documents[0]?.id ?? null);
  }
  return res.value.value;
}
