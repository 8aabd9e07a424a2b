import type { Node as PmNode } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import type { Id } from '../../../core/model/types.js';
import { readerSchema } from '../../../core/document/schema.js';
import { buildTextIndex, type TextIndex } from '../../../core/document/text-index.js';
import { api } from '../lib/api.js';
import { useProject } from '../state/project-store.js';
import { createProjectStore } from '../state/project-scope.js';

/** A loaded document: its ProseMirror node and canonical-text index. */
export interface LoadedDocument {
  id: Id;
  doc: PmNode;
  index: TextIndex;
}

/** A request to show a passage in the reader (from retrieval, search, evidence or a stripe). */
export interface JumpTarget {
  documentId: Id;
  start: number;
  end: number;
  codingId?: Id;
  /** Bumped on every request so the same target can be asked for twice. */
  seq: number;
}

/** The right-click menu: where it opens, the selection it codes and the codings under the pointer. */
export interface ReaderMenu {
  x: number;
  y: number;
  selection: { start: number; end: number } | null;
  codingIds: Id[];
}

/** Everything the reader shows besides project data: one store, reset with the project. */
export interface ReaderState {
  /** The document chosen in the document list. */
  activeDocId: Id | null;
  /** Its content, once fetched (null while loading). */
  loaded: LoadedDocument | null;
  /** The mounted ProseMirror view and the document it shows (set by the reader component). */
  mounted: { view: EditorView; loaded: LoadedDocument } | null;
  /** The coding the user selected (click, stripe, hover card, retrieval); the inspector edits it. */
  selectedCodingId: Id | null;
  paletteOpen: boolean;
  findOpen: boolean;
  docMemoOpen: boolean;
  shortcutsOpen: boolean;
  menu: ReaderMenu | null;
  jump: JumpTarget | null;
  selectDocument(id: Id | null): Promise<void>;
  selectCoding(id: Id | null): void;
  setPalette(open: boolean): void;
  setFind(open: boolean): void;
  setDocMemo(open: boolean): void;
  setShortcuts(open: boolean): void;
  openMenu(menu: ReaderMenu | null): void;
  /** Open a passage in the reader: switch view and document, then select and scroll to it. */
  jumpTo(t: Omit<JumpTarget, 'seq'>): void;
}

let jumpSeq = 0;

/** Parse a document's stored JSON into the reader's node and text index. */
export function loadDocument(id: Id, json: unknown): LoadedDocument {
  const doc = readerSchema.nodeFromJSON(json);
  return { id, doc, index: buildTextIndex(doc) };
}

/**
 * The reader's state. Features change it only through these actions, the commands
 * (`commands.ts`) and the functions of `index.ts`; nothing outside `reader/` touches ProseMirror.
 */
export const useReader = createProjectStore<ReaderState>('reader', (set, get) => ({
  activeDocId: null,
  loaded: null,
  mounted: null,
  selectedCodingId: null,
  paletteOpen: false,
  findOpen: false,
  docMemoOpen: false,
  shortcutsOpen: false,
  menu: null,
  jump: null,
  async selectDocument(id) {
    if (get().activeDocId === id && (get().loaded || id === null)) return;
    set({ activeDocId: id, loaded: null });
    if (!id) return;
    const r = await api.call('document.content', { id });
    if (!r.ok) return useProject.getState().toast('error', r.error.message);
    if (get().activeDocId !== id) return;
    set({ loaded: loadDocument(id, r.value.doc) });
  },
  selectCoding: (id) => set({ selectedCodingId: id }),
  setPalette: (open) => set({ paletteOpen: open, menu: null }),
  setFind: (open) => set({ findOpen: open }),
  setDocMemo: (open) => set({ docMemoOpen: open }),
  setShortcuts: (open) => set({ shortcutsOpen: open }),
  openMenu: (menu) => set({ menu }),
  jumpTo(t) {
    set({ jump: { ...t, seq: ++jumpSeq }, selectedCodingId: t.codingId ?? null });
    useProject.getState().setView('reader');
    void get().selectDocument(t.documentId);
  },
}));

/**
 * Resolves once the reader has document `id` mounted (at once when it has): the seam for features
 * that must act on the document after switching to it. No polling: a store subscription.
 */
export function whenMounted(id: Id): Promise<{ view: EditorView; loaded: LoadedDocument }> {
  const now = useReader.getState().mounted;
  if (now?.loaded.id === id) return Promise.resolve(now);
  return new Promise((resolve) => {
    const stop = useReader.subscribe((s) => {
      if (s.mounted?.loaded.id !== id) return;
      stop();
      resolve(s.mounted);
    });
  });
}

/**
 * Keep the active document valid as the project changes: a newly shown project opens its first
 * document; a deleted document gives way to the first remaining one.
 */
useProject.subscribe((s, prev) => {
  const docs = s.data?.documents;
  if (docs === prev.data?.documents) return;
  const reader = useReader.getState();
  if (!docs) {
    if (reader.activeDocId !== null) useReader.setState({ activeDocId: null, loaded: null });
    return;
  }
  if (reader.activeDocId !== null && docs.some((d) => d.id === reader.activeDocId)) return;
  void reader.selectDocument(docs[0]?.id ?? null);
});

// The reader benchmark (tests/bench/reader-probe.ts) times a no-op transaction on the mounted view.
(globalThis as { __casecoderReader?: { readonly view: EditorView | null } }).__casecoderReader = {
  get view() {
    return useReader.getState().mounted?.view ?? null;
  },
};
