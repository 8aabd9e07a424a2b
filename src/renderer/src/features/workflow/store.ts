import { useMemo } from 'react';
import type { Coding, Id } from '../../../../core/model/types.js';
import { ALL_CODERS, shownCoders, type CoderView } from '../../../../core/codings/visibility.js';
import { useProject } from '../../state/project-store.js';
import { createProjectStore } from '../../state/project-scope.js';

interface WorkflowState {
  coderView: CoderView;
  /** The code whose details are open in the codebook editor. */
  editingCodeId: Id | null;
  setCoderView(v: Partial<CoderView>): void;
  editCode(id: Id | null): void;
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

/** Workflow UI state that is not project data: the coder view and the code being edited (the reader's own state is in `reader/reader-store.ts`). */
export const useWorkflow = createProjectStore<WorkflowState>(
  'workflow',
  (set, get) => ({
    coderView: loadView(),
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
    editCode: (id) => set({ editingCodeId: id }),
  }),
  { keep: ['coderView'] },
);

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
