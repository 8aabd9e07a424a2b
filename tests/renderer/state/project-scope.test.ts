/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/core/agreement/index.js';

/**
 * Feature stores outlived their project: after closing project A and opening B, Compare showed A's
 * table with raw ids as headers and every Compare failed with "No coder with id …". Every feature
 * store is now a per-project store, reset in one place when a project closes or another opens.
 */

type Call = (op: string, args: unknown) => Promise<unknown>;
let handler: Call = async () => ({ ok: false, error: { code: 'io', message: 'no backend in this test' } });

// The preload bridge is the renderer's only boundary: stand in for it before the API client loads.
(window as unknown as { casecoder: unknown }).casecoder = { call: (op: string, args: unknown) => handler(op, args), onEvent: () => () => undefined };

let scope: typeof import('../../../src/renderer/src/state/project-scope.js');
let project: typeof import('../../../src/renderer/src/state/project-store.js');
let compare: typeof import('../../../src/renderer/src/features/compare/store.js');
let workflow: typeof import('../../../src/renderer/src/features/workflow/store.js');
let matrix: typeof import('../../../src/renderer/src/features/matrix/store.js');
let reader: typeof import('../../../src/renderer/src/reader/reader-store.js');
let featureModules: Record<string, Record<string, unknown>>;

beforeAll(async () => {
  scope = await import('../../../src/renderer/src/state/project-scope.js');
  project = await import('../../../src/renderer/src/state/project-store.js');
  compare = await import('../../../src/renderer/src/features/compare/store.js');
  workflow = await import('../../../src/renderer/src/features/workflow/store.js');
  matrix = await import('../../../src/renderer/src/features/matrix/store.js');
  reader = await import('../../../src/renderer/src/reader/reader-store.js');
  // Not eager: an eager glob is hoisted above the bridge stand-in.
  const loaders = import.meta.glob<Record<string, unknown>>('../../../src/renderer/src/features/**/*.ts');
  featureModules = Object.fromEntries(await Promise.all(Object.entries(loaders).map(async ([p, load]) => [p, await load()] as const)));
});

const aComparison = { unit: 'segment', coders: ['u_a1', 'u_a2'], documents: ['d_a'], codes: [], cells: [], perCode: [], perDocument: [] } as unknown as Comparison;

describe('per-project stores', () => {
  it('registers every zustand store that a feature module exports', () => {
    const stores: string[] = [];
    for (const [path, mod] of Object.entries(featureModules)) {
      for (const [name, value] of Object.entries(mod)) {
        const v = value as { getState?: unknown; setState?: unknown; subscribe?: unknown };
        if (typeof value !== 'function' || typeof v.getState !== 'function' || typeof v.setState !== 'function') continue;
        stores.push(name);
        expect(scope.isProjectStore(value), `${path}: ${name} must be made with createProjectStore`).toBe(true);
      }
    }
    expect(stores).toEqual(expect.arrayContaining(['useCompare', 'useMatrix', 'useWorkflow', 'useImport', 'useRefi']));
    expect(scope.projectStoreNames()).toEqual(expect.arrayContaining(['compare', 'matrix', 'workflow', 'import', 'refi', 'reader']));
  });

  it('returns each store to its initial state, keeping only the declared preferences', () => {
    compare.useCompare.getState().set({ coderIds: ['u_a1', 'u_a2'], browser: { documentId: 'd_a', coderA: 'u_a1', coderB: 'u_a2', codeIds: [] } });
    compare.useCompare.setState({ comparison: aComparison });
    reader.useReader.getState().selectCoding('g_1');
    reader.useReader.getState().setPalette(true);
    workflow.useWorkflow.getState().setCoderView({ blind: true });
    matrix.useMatrix.getState().openCell({ caseId: 'k1', codeId: 'c1' });
    matrix.useMatrix.getState().setMode('counts');
    scope.resetProjectStores();
    const c = compare.useCompare.getState();
    expect([c.coderIds, c.comparison, c.browser]).toEqual([[], null, null]);
    expect(typeof c.compute).toBe('function');
    expect(reader.useReader.getState().selectedCodingId).toBeNull();
    expect(reader.useReader.getState().paletteOpen).toBe(false);
    expect(workflow.useWorkflow.getState().coderView.blind).toBe(true);
    expect(matrix.useMatrix.getState().panel).toBeNull();
    expect(matrix.useMatrix.getState().mode).toBe('counts');
    workflow.useWorkflow.getState().setCoderView({ blind: false });
  });

  it('resets them when the project closes', async () => {
    handler = async (op) => (op === 'project.recent' ? { ok: true, value: [] } : { ok: true, value: null });
    compare.useCompare.getState().set({ coderIds: ['u_a1', 'u_a2'] });
    compare.useCompare.setState({ comparison: aComparison });
    await project.useProject.getState().closeProject();
    expect(compare.useCompare.getState().coderIds).toEqual([]);
    expect(compare.useCompare.getState().comparison).toBeNull();
  });

  it('drops a comparison that arrives after its project was closed', async () => {
    let answer: (v: unknown) => void = () => undefined;
    handler = async (op) => {
      if (op === 'agreement.compute') return new Promise((r) => (answer = r));
      return op === 'project.recent' ? { ok: true, value: [] } : { ok: true, value: null };
    };
    compare.useCompare.getState().set({ coderIds: ['u_a1', 'u_a2'] });
    const running = compare.useCompare.getState().compute();
    await new Promise((r) => setTimeout(r, 0));
    expect(compare.useCompare.getState().busy).toBe(true);
    await project.useProject.getState().closeProject();
    answer({ ok: true, value: aComparison });
    await running;
    expect(compare.useCompare.getState().comparison).toBeNull();
    expect(compare.useCompare.getState().busy).toBe(false);
  });
});
