import { useEffect, useRef, useState } from 'react';
import { heatColor, heatTextColor } from '../../../../core/export/table.js';
import type { MatrixCell, MatrixView } from '../../../../core/matrix/view.js';
import { formatPercent } from '../../../../core/matrix/view.js';
import type { CellRef } from './store.js';

/** Every coder's value in a cell, for the "all coders" ratings view. */
export type CoderValues = { coder: string; value: string | null }[][][];

interface GridProps {
  view: MatrixView;
  /** Filled when the view shows every coder's ratings side by side. */
  allValues: CoderValues | null;
  selected: CellRef | null;
  onOpen(cell: CellRef): void;
  /** Rate from the keyboard (digits, 0 = not applicable, Delete clears); absent when the view is not editable. */
  onRate?: (cell: CellRef, value: string | null) => void;
}

function short(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The text a cell shows under its main label: passages (and coverage) plus the note. */
function subline(view: MatrixView, c: MatrixCell): string {
  const passages = c.passages === 0 ? '' : `${c.passages} passage${c.passages === 1 ? '' : 's'}`;
  if (view.mode === 'ratings') return passages;
  if (view.mode === 'counts') return c.codedChars > 0 ? formatPercent(c.coverage) : '';
  return passages;
}

/** Width of the case column and of each value column, in pixels (the same in every mode). */
export const CASE_COLUMN_PX = 190;
export const VALUE_COLUMN_PX = 160;

/** The grid's width for `columns` value columns: fixed, so the layout does not jump between modes. */
export function gridWidth(columns: number): number {
  return CASE_COLUMN_PX + columns * VALUE_COLUMN_PX;
}

/**
 * The matrix as a heatmap grid: cases down, columns across. Colour encodes the rating (or the
 * count / coverage), and every cell also prints its label, so nothing depends on colour alone.
 * Keyboard: arrows move, Enter opens the cell, 1–9 rate, 0 = not applicable, Delete clears.
 */
export function MatrixGrid({ view, allValues, selected, onOpen, onRate }: GridProps): React.JSX.Element {
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const table = useRef<HTMLTableElement>(null);
  const rows = view.rows.length;
  const cols = view.columns.length;

  useEffect(() => {
    if (!selected) return;
    const i = view.rows.findIndex((r) => r.caseId === selected.caseId);
    const j = view.columns.findIndex((c) => c.codeId === selected.codeId);
    if (i >= 0 && j >= 0) setFocus([i, j]);
  }, [selected, view.rows, view.columns]);

  const move = (i: number, j: number): void => {
    const ni = Math.max(0, Math.min(rows - 1, i));
    const nj = Math.max(0, Math.min(cols - 1, j));
    setFocus([ni, nj]);
    table.current?.querySelector<HTMLElement>(`[data-cell="${ni}-${nj}"]`)?.focus();
    // With a cell's panel open, the panel follows the keyboard: focus and panel always name the same
    // cell (one ring, and a note or rating never lands in a cell other than the focused one).
    if (selected && (ni !== focus[0] || nj !== focus[1])) onOpen({ caseId: view.rows[ni]!.caseId, codeId: view.columns[nj]!.codeId });
  };

  const onKeyDown = (e: React.KeyboardEvent, i: number, j: number): void => {
    const cell = { caseId: view.rows[i]!.caseId, codeId: view.columns[j]!.codeId };
    const keys: Record<string, () => void> = {
      ArrowUp: () => move(i - 1, j),
      ArrowDown: () => move(i + 1, j),
      ArrowLeft: () => move(i, j - 1),
      ArrowRight: () => move(i, j + 1),
      Home: () => move(i, 0),
      End: () => move(i, cols - 1),
      Enter: () => onOpen(cell),
      ' ': () => onOpen(cell),
    };
    if (onRate) {
      keys['Delete'] = () => onRate(cell, null);
      keys['Backspace'] = () => onRate(cell, null);
      keys['0'] = () => onRate(cell, view.matrix.notApplicable);
      view.matrix.scale.slice(0, 9).forEach((label, k) => (keys[String(k + 1)] = () => onRate(cell, label)));
    }
    const run = keys[e.key];
    if (run && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      run();
    }
  };

  return (
    <table className="mx-grid" role="grid" ref={table} aria-label={`${view.matrix.name}: ${view.mode}`} aria-rowcount={rows + 1} aria-colcount={cols + 1} style={{ width: gridWidth(cols) }}>
      {/* Fixed column widths: switching ratings, counts and coverage never changes the grid's width. */}
      <colgroup>
        <col style={{ width: CASE_COLUMN_PX }} />
        {view.columns.map((c) => (
          <col key={c.codeId} style={{ width: VALUE_COLUMN_PX }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className="mx-corner">
            Case
          </th>
          {view.columns.map((c) => (
            <th key={c.codeId} scope="col" title={c.path}>
              <span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row, i) => (
          <tr key={row.caseId}>
            <th scope="row">{row.name}</th>
            {view.columns.map((col, j) => {
              const c = view.cells[i]![j]!;
              const isSel = selected?.caseId === row.caseId && selected.codeId === col.codeId;
              const values = allValues?.[i]?.[j];
              const colour = values ? null : c.heat;
              const muted = !values && view.mode === 'ratings' && c.notApplicable;
              const label = values ? '' : c.label;
              return (
                <td
                  key={col.codeId}
                  role="gridcell"
                  data-cell={`${i}-${j}`}
                  data-case={row.name}
                  data-column={col.name}
                  tabIndex={focus[0] === i && focus[1] === j ? 0 : -1}
                  aria-selected={isSel}
                  className={`mx-cell${isSel ? ' selected' : ''}${c.disagreement ? ' disagree' : ''}`}
                  style={{ background: heatColor(colour, muted), color: heatTextColor(colour, muted) }}
                  onClick={() => {
                    setFocus([i, j]);
                    onOpen({ caseId: row.caseId, codeId: col.codeId });
                  }}
                  onKeyDown={(e) => onKeyDown(e, i, j)}
                >
                  {values ? (
                    <span className="mx-values">
                      {values.map((v) => (
                        <span key={v.coder}>
                          {v.coder}: <strong>{v.value ?? '—'}</strong>
                        </span>
                      ))}
                    </span>
                  ) : (
                    <span className={`mx-label${label && (view.mode === 'ratings' || c.heat !== null) ? '' : ' empty'}`} aria-label={label ? undefined : 'unrated'}>
                      {label || '–'}
                    </span>
                  )}
                  <span className="mx-sub">
                    {subline(view, c)}
                    {c.disagreement && (
                      <span className="mx-flag" title="The coders’ ratings differ">
                        {' '}
                        ≠ differ
                      </span>
                    )}
                  </span>
                  {view.mode === 'ratings' && c.note && <span className="mx-note">{short(c.note, 60)}</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The colour key under the grid: the scale (or the count range), "not applicable", and the disagreement mark. */
export function MatrixLegend({ view, editable }: { view: MatrixView; editable: boolean }): React.JSX.Element {
  const top = Math.max(1, view.matrix.scale.length - 1);
  const items: { label: string; heat: number | null; muted?: boolean }[] =
    view.mode === 'ratings'
      ? [...view.matrix.scale.map((label, k) => ({ label: editable && k < 9 ? `${k + 1} ${label}` : label, heat: k / top })), { label: editable ? `0 ${view.matrix.notApplicable}` : view.matrix.notApplicable, heat: null, muted: true }]
      : view.mode === 'counts'
        ? [
            { label: '0', heat: null },
            { label: String(Math.max(1, Math.round(view.maxPassages / 2))), heat: 0.5 },
            { label: `${view.maxPassages} passages`, heat: 1 },
          ]
        : [
            { label: '0%', heat: null },
            { label: formatPercent(view.maxCoverage / 2), heat: 0.5 },
            { label: `${formatPercent(view.maxCoverage)} of the case text`, heat: 1 },
          ];
  return (
    <div className="mx-legend" aria-label="Legend">
      {items.map((it) => (
        <span key={it.label} className="mx-key">
          <span className="mx-key-swatch" style={{ background: heatColor(it.heat, it.muted === true) }} aria-hidden="true" />
          {it.label}
        </span>
      ))}
      <span className="mx-key">
        <span className="mx-key-swatch disagree" aria-hidden="true" />≠ coders differ
      </span>
      {editable && <span className="hint-inline">Keys: arrows move · Enter opens · digits rate · Delete clears</span>}
    </div>
  );
}
