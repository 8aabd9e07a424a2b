import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { buildMatrixView, type MatrixView } from '../../../../src/core/matrix/view.js';
import { MatrixGrid, MatrixLegend } from '../../../../src/renderer/src/features/matrix/MatrixGrid.js';
import type { CellRef } from '../../../../src/renderer/src/features/matrix/store.js';
import { createProject, ensureCoder } from '../../../../src/core/model/project.js';
import { createMatrix } from '../../../../src/core/matrix/matrix-ops.js';
import { setRating } from '../../../../src/core/matrix/ratings.js';
import type { Code, ProjectData } from '../../../../src/core/model/types.js';
import { fixedEnv } from '../../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const code = (id: string, name: string): Code => ({ id, name, parentId: null, color: '#0072B2', description: '', inclusion: '', exclusion: '', example: '' }) as Code;

/** Two cases × two codes, rated by Ana and Ben (they differ on one cell), one passage coded. */
function project(): { data: ProjectData; ana: string } {
  let data = createProject('Grid', [code('c-law', 'Legislation'), code('c-norms', 'Norms')], coreEnv);
  data.cases = [
    { id: 'k1', name: 'Chad', attributes: {} },
    { id: 'k2', name: 'Oman', attributes: {} },
  ];
  data.documents = [{ id: 'd1', caseId: 'k1', title: 'Chad', sourceFile: 'chad.txt', format: 'txt', textHash: 'x', chars: 100, importedAt: '2026-01-01T00:00:00Z', textVersion: 1 }];
  const a = ensureCoder(data, 'Ana', coreEnv);
  const b = ensureCoder(a.data, 'Ben', coreEnv);
  data = b.data;
  data.codings = [{ id: 'g1', documentId: 'd1', codeId: 'c-law', coderId: a.coder.id, start: 0, end: 10, exact: 'Chad passe', prefix: '', suffix: '', memo: '', created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z' }];
  const m = createMatrix(data, { id: 'mx', name: 'A6', columns: ['c-law', 'c-norms'] }, coreEnv);
  if (!m.ok) throw new Error(m.error.message);
  data = m.value.data;
  for (const [coder, values] of [
    [a.coder.id, ['strong', 'weak']],
    [b.coder.id, ['moderate', 'weak']],
  ] as const) {
    values.forEach((value, j) => {
      const r = setRating(data, { matrixId: 'mx', caseId: 'k1', codeId: j === 0 ? 'c-law' : 'c-norms', coderId: coder, value, note: j === 0 ? 'Law of 2012' : '' }, coreEnv);
      if (!r.ok) throw new Error(r.error.message);
      data = r.value.data;
    });
  }
  return { data, ana: a.coder.id };
}

function view(mode: 'ratings' | 'counts' | 'coverage'): MatrixView {
  const { data, ana } = project();
  const r = buildMatrixView(data, 'mx', { coder: ana, mode });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

let root: Root | null = null;
let host: HTMLElement | null = null;
function render(el: React.JSX.Element): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(el));
  return host;
}
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

const key = (el: Element, k: string): void => {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
};

describe('MatrixGrid', () => {
  it('prints every cell’s label over its colour, flags disagreements in words, and keeps one cell in the tab order', () => {
    const v = view('ratings');
    const el = render(<MatrixGrid view={v} allValues={null} selected={null} onOpen={() => undefined} />);
    const cells = [...el.querySelectorAll<HTMLElement>('td[role="gridcell"]')];
    expect(cells).toHaveLength(v.rows.length * v.columns.length);
    const first = v.cells[0]![0]!;
    expect(cells[0]!.querySelector('.mx-label')?.textContent).toBe(first.label);
    expect(cells[0]!.style.background).not.toBe('');
    const flagged = cells.filter((c) => c.classList.contains('disagree'));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.dataset['column']).toBe('Legislation');
    expect(cells[0]!.querySelector('.mx-note')?.textContent).toBe('Law of 2012');
    expect(cells[0]!.querySelector('.mx-sub')?.textContent).toMatch(/^1 passage/);
    for (const c of flagged) expect(c.textContent).toMatch(/≠ differ/);
    expect(cells.filter((c) => c.tabIndex === 0)).toHaveLength(1);
  });

  it('keeps the same width and column widths in the ratings, counts and coverage views', () => {
    const widths = (['ratings', 'counts', 'coverage'] as const).map((mode) => {
      const el = render(<MatrixGrid view={view(mode)} allValues={null} selected={null} onOpen={() => undefined} />);
      const table = el.querySelector('table')!;
      const out = [table.style.width, ...[...table.querySelectorAll('col')].map((c) => c.style.width)].join(' ');
      act(() => root?.unmount());
      host?.remove();
      return out;
    });
    expect(widths[0]).toBe('510px 190px 160px 160px');
    expect(new Set(widths).size).toBe(1);
  });

  it('moves with the arrow keys, opens with Enter and rates with digits (0 = not applicable, Delete clears)', () => {
    const v = view('ratings');
    const opened: CellRef[] = [];
    const rated: [CellRef, string | null][] = [];
    const el = render(<MatrixGrid view={v} allValues={null} selected={null} onOpen={(c) => opened.push(c)} onRate={(c, val) => rated.push([c, val])} />);
    const at = (i: number, j: number): HTMLElement => el.querySelector<HTMLElement>(`[data-cell="${i}-${j}"]`)!;
    at(0, 0).focus();
    key(at(0, 0), 'ArrowRight');
    expect(document.activeElement).toBe(at(0, 1));
    key(at(0, 1), 'ArrowDown');
    expect(document.activeElement).toBe(at(1, 1));
    expect(at(1, 1).tabIndex).toBe(0);
    key(at(1, 1), 'Enter');
    expect(opened).toEqual([{ caseId: v.rows[1]!.caseId, codeId: v.columns[1]!.codeId }]);
    key(at(1, 1), '2');
    key(at(1, 1), '0');
    key(at(1, 1), 'Delete');
    expect(rated.map(([, val]) => val)).toEqual([v.matrix.scale[1], v.matrix.notApplicable, null]);
  });

  it('with a cell’s panel open, the panel follows the keyboard focus: one cell, one ring', () => {
    const v = view('ratings');
    const opened: CellRef[] = [];
    let selected: CellRef = { caseId: v.rows[0]!.caseId, codeId: v.columns[0]!.codeId };
    const el = render(<MatrixGrid view={v} allValues={null} selected={selected} onOpen={(c) => opened.push(c)} />);
    const at = (i: number, j: number): HTMLElement => el.querySelector<HTMLElement>(`[data-cell="${i}-${j}"]`)!;
    at(0, 0).focus();
    key(at(0, 0), 'ArrowRight');
    expect(opened).toEqual([{ caseId: v.rows[0]!.caseId, codeId: v.columns[1]!.codeId }]);
    selected = opened[0]!;
    act(() => root!.render(<MatrixGrid view={v} allValues={null} selected={selected} onOpen={(c) => opened.push(c)} />));
    expect(document.activeElement).toBe(at(0, 1));
    expect(el.querySelectorAll('td[aria-selected="true"]')).toHaveLength(1);
    expect(el.querySelector('td[aria-selected="true"]')).toBe(at(0, 1));
    // At the edge nothing moves and nothing else opens.
    key(at(0, 1), 'ArrowRight');
    expect(opened).toHaveLength(1);
  });

  it('without onRate (someone else’s ratings) digits do nothing, and the legend names every colour', () => {
    const v = view('counts');
    const el = render(
      <>
        <MatrixGrid view={v} allValues={null} selected={null} onOpen={() => undefined} />
        <MatrixLegend view={v} editable={false} />
      </>,
    );
    const cell = el.querySelector<HTMLElement>('[data-cell="0-0"]')!;
    key(cell, '1');
    expect(cell.querySelector('.mx-label')?.textContent).toBe(String(v.cells[0]![0]!.passages));
    expect([...el.querySelectorAll('.mx-key')].map((k) => k.textContent)).toContain(`${v.maxPassages} passages`);
  });
});
