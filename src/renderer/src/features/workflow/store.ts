import { useMemo } from 'react';
import type { Coding, Id } from '../../../../core/model/types.js';
import { ALL_CODERS, shownCoders, type CoderView } from '../../../../core/codings/visibility.js';
import { useProject } from '../../state/project-store.js';
import { createProjectStore } from '../../state/project-scope.js';

/** A request to show a passage in the reader (from retrieval, search or a stripe). */
export interface JumpTarget {
  documentId: Id;
  start: number;
  end: number;
  codingId?: Id;
  /** Bumped on every request so the same target can be asked for twice. */
  seq: number;
}

interface WorkflowState {
  coderView: CoderView;
  /** The coding the user selected (stripe click, hover card, retrieval); the inspector edits it. */
  selectedCodingId: Id | null;
  paletteOpen: boolean;
  findOpen: boolean;
  docMemoOpen: boolean;
  jump: JumpTarget | null;
  /** The code whose details are open in the codebook editor. */
  editingCodeId: Id | null;
  setCoderView(v: Partial<CoderView>): void;
  selectCoding(id: Id | null): void;
  setPalette(open: boolean): void;
  setFind(open: boolean): void;
  setDocMemo(open: boolean): void;
  editCode(id: Id | null): void;
  /** Open a passage in the reader: switch view and document, then select and scroll to it. */
  jumpTo(t: Omit<JumpTarget, 'seq'>): void;
}

const VIEW_KEY = 'casecoder-coder-view';

function loadView(): CoderView {
  try {
    const raw = localStorage.getItem(VIEW_KEY);
    if (!raw) return ALL_CODERS;
    const v = JSON.parse(raw) as Partial<CoderView>;
    return { mode: v.mode === 'mine' || v.mode === 'chosen' ? v.mode : 'all', chosen: Array.isArray(v.chosen) ? v.chosen.filter((x) => typeof x === 'string') : [], blind: v.blind === true };
  } catch {
    return ALL_CODERS;
  }
}

let jumpSeq = 0;

/** Reader and workflow UI state that is not project data: coder view, selection, open panels. */
export const useWorkflow = createProjectStore<WorkflowState>('workflow', (set, get) => ({
  coderView: loadView(),
  selectedCodingId: null,
  paletteOpen: false,
  findOpen: false,
  docMemoOpen: false,
  jump: null,
  editingCodeId: null,
  setCoderView(v) {
    const next = { ...get().coderView, ...v };
    try {
      localStorage.setItem(VIEW_KEY, JSON.stringify(next));
    } catch {
      // Private windows may refuse storage; the view still applies for this session.
    }
    set({ coderView: next });
  },
  selectCoding: (id) => set({ selectedCodingId: id }),
  setPalette: (open) => set({ paletteOpen: open }),
  setFind: (open) => set({ findOpen: open }),
  setDocMemo: (open) => set({ docMemoOpen: open }),
  editCode: (id) => set({ editingCodeId: id }),
  jumpTo(t) {
    const p = useProject.getState();
    set({ jump: { ...t, seq: ++jumpSeq }, selectedCodingId: t.codingId ?? null });
    p.setView('reader');
    if (p.activeDocId !== t.documentId) void p.selectDocument(t.documentId);
  },
}), { keep: ['coderView'] });

/**
 * Blind coding (independent double coding): true while the coder view is blind. Every view that
 * could show another coder's work (counts, stripes, passages, ratings, frequencies, agreement,
 * exports) asks this and shows only the session coder's own work, or nothing before they are named.
 */
export function useBlind(): boolean {
  return useWorkflow((s) => s.coderView.blind);
}

/** The coder ids the current view shows (null: everyone). */
export function useShownCoders(): Set<Id> | null {
  const view = useWorkflow((s) => s.coderView);
  const me = useProject((s) => s.view?.coderId ?? null);
  return useMemo(() => shownCoders(view, me), [view, me]);
}

/** Filter codings by the current coder view (memo-friendly: same array when all are shown). */
export function filterShown(codings: Coding[], shown: Set<Id> | null): Coding[] {
  return shown ? codings.filter((c) => shown.has(c.coderId)) : codings;
}
