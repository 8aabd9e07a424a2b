import type { Comparison, ComparisonFigures, ComparisonUnit } from '../../../../core/agreement/index.js';
import type { Id } from '../../../../core/model/types.js';
import type { AgreementRequest } from '../../../../shared/api.js';
import { api } from '../../lib/api.js';
import { useProject } from '../../state/project-store.js';
import { DEFAULT_COMPARE_UNIT } from './unit-preference.js';
import { createProjectStore, projectGeneration } from '../../state/project-scope.js';

/** Which figure's table is open in the detail panel. */
export interface FigureDetail {
  title: string;
  figure: ComparisonFigures;
}

/** The disagreement browser's subject: one document, two coders, the codes looked at. */
export interface BrowserTarget {
  documentId: Id;
  coderA: Id;
  coderB: Id;
  codeIds: Id[];
}

interface CompareState {
  coderIds: Id[];
  /** Null = all codes / all documents. */
  codeIds: Id[] | null;
  documentIds: Id[] | null;
  unit: ComparisonUnit;
  threshold: number;
  comparison: Comparison | null;
  busy: boolean;
  detail: FigureDetail | null;
  browser: BrowserTarget | null;
  set(p: Partial<Pick<CompareState, 'coderIds' | 'codeIds' | 'documentIds' | 'unit' | 'threshold' | 'detail' | 'browser'>>): void;
  request(): AgreementRequest;
  compute(): Promise<void>;
}

/** State of the Compare view (selection, last comparison, open detail and browser). */
export const useCompare = createProjectStore<CompareState>('compare', (set, get) => ({
  coderIds: [],
  codeIds: null,
  documentIds: null,
  unit: DEFAULT_COMPARE_UNIT,
  threshold: 0.9,
  comparison: null,
  busy: false,
  detail: null,
  browser: null,
  set: (p) => set(p),
  request() {
    const s = get();
    return {
      coderIds: s.coderIds,
      unit: s.unit,
      ...(s.codeIds ? { codeIds: s.codeIds } : {}),
      ...(s.documentIds ? { documentIds: s.documentIds } : {}),
      ...(s.unit === 'segment' ? { overlapThreshold: s.threshold } : {}),
      bootstrap: { samples: 1000, seed: 1 },
    };
  },
  async compute() {
    const req = get().request();
    if (req.coderIds.length < 2) return set({ comparison: null });
    set({ busy: true });
    const gen = projectGeneration();
    const r = await api.call('agreement.compute', req);
    // The project was closed or switched meanwhile: this answer belongs to the old one.
    if (gen !== projectGeneration()) return;
    set({ busy: false });
    if (!r.ok) {
      useProject.getState().toast('error', r.error.message);
      return set({ comparison: null });
    }
    set({ comparison: r.value, detail: null });
  },
}));
