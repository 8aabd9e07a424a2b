import type { Comparison, ComparisonFigures, ComparisonUnit, ConfidenceInterval, WeightedReliabilityData } from '../../../../core/agreement/index.js';
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

/** The bootstrap behind the view's alpha intervals (and its reports): 1,000 seeded replicates. */
export const BOOTSTRAP = { samples: 1000, seed: 1 } as const;

/**
 * Up to this many codings in the project, the intervals follow the point estimates by themselves;
 * beyond, they wait for the user's click. The service resamples one figure at a time, and coding
 * waits behind it: at 10,000 codings a figure takes a second or two, at 200,000 the pooled one
 * alone takes about a minute (docs/ARCHITECTURE.md, "Compare on large projects").
 */
export const AUTO_INTERVALS_MAX_CODINGS = 10_000;

/** Progress of the intervals being computed: figures done of all. */
export interface IntervalProgress {
  done: number;
  total: number;
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
  /** The alpha intervals being computed, figure by figure; null when none is running. */
  intervals: IntervalProgress | null;
  detail: FigureDetail | null;
  browser: BrowserTarget | null;
  set(p: Partial<Pick<CompareState, 'coderIds' | 'codeIds' | 'documentIds' | 'unit' | 'threshold' | 'detail' | 'browser'>>): void;
  /** What the chosen coders, codes, documents and unit ask of `agreement.compute`: point estimates, without each figure's reliability data. */
  request(): AgreementRequest;
  /** The point estimates; then the intervals, by themselves on small projects ({@link AUTO_INTERVALS_MAX_CODINGS}). */
  compute(): Promise<void>;
  /** Bootstrap the alpha intervals of the comparison shown: each code's, then the pooled one, one request each. */
  computeIntervals(): Promise<void>;
  /** Stop computing intervals after the figure under way (those computed stay). */
  stopIntervals(): void;
  /** The reliability data behind one figure of the comparison shown, asked for when needed (it can be large). */
  figureData(figure: ComparisonFigures): Promise<WeightedReliabilityData | null>;
}

/** Bumped by every new comparison and by Stop: an interval run that sees another value stops. */
let intervalRun = 0;

/** `figure` with its alpha's interval set. */
function withInterval(figure: ComparisonFigures, interval: ConfidenceInterval): ComparisonFigures {
  return { ...figure, alpha: { ...figure.alpha, interval } };
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
  intervals: null,
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
      withData: false,
    };
  },
  async compute() {
    const req = get().request();
    intervalRun++;
    set({ intervals: null });
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
    if ((useProject.getState().data?.codings.length ?? 0) <= AUTO_INTERVALS_MAX_CODINGS) await get().computeIntervals();
  },
  async computeIntervals() {
    const shown = get().comparison;
    if (!shown) return;
    const run = ++intervalRun;
    const gen = projectGeneration();
    const req = { ...get().request(), bootstrap: BOOTSTRAP };
    // A figure without an alpha has no interval to draw; the pooled one comes last (it resamples everything).
    const todo = [...shown.perCode, shown.pooled].filter((f) => f.alpha.value !== null && !f.alpha.interval);
    set({ intervals: { done: 0, total: todo.length } });
    for (const [i, f] of todo.entries()) {
      const r = await api.call('agreement.interval', { ...req, codeId: f.codeId });
      if (run !== intervalRun || gen !== projectGeneration() || get().comparison === null) return;
      if (!r.ok) {
        useProject.getState().toast('error', r.error.message);
        return set({ intervals: null });
      }
      const interval = r.value.interval;
      if (interval) {
        const c = get().comparison as Comparison;
        const pooled = r.value.codeId === null;
        const detail = get().detail;
        const hit = (x: ComparisonFigures): boolean => x.documentId === null && x.codeId === r.value.codeId;
        set({
          comparison: { ...c, pooled: pooled ? withInterval(c.pooled, interval) : c.pooled, perCode: c.perCode.map((x) => (hit(x) ? withInterval(x, interval) : x)) },
          ...(detail && hit(detail.figure) ? { detail: { ...detail, figure: withInterval(detail.figure, interval) } } : {}),
        });
      }
      set({ intervals: i + 1 < todo.length ? { done: i + 1, total: todo.length } : null });
    }
  },
  stopIntervals() {
    intervalRun++;
    set({ intervals: null });
  },
  async figureData(figure) {
    const base = get().request();
    const req: AgreementRequest = {
      ...base,
      ...(figure.codeId !== null ? { codeIds: [figure.codeId] } : {}),
      ...(figure.documentId !== null ? { documentIds: [figure.documentId] } : {}),
      withTables: false,
      withData: true,
    };
    const r = await api.call('agreement.compute', req);
    if (!r.ok) {
      useProject.getState().toast('error', r.error.message);
      return null;
    }
    // Restricted to the figure's code and document, the figure is the pooled one of that comparison.
    const c = r.value;
    const f = figure.codeId !== null && figure.documentId !== null ? c.cells[0] : figure.codeId !== null ? c.perCode[0] : figure.documentId !== null ? c.perDocument[0] : c.pooled;
    return f?.data ?? null;
  },
}));
