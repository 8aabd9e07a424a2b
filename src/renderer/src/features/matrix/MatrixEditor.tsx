import { useState } from 'react';
import { codePath, flattenTree } from '../../../../core/codebook/paths.js';
import { DEFAULT_NOT_APPLICABLE, DEFAULT_SCALE } from '../../../../core/matrix/scale.js';
import { matrixEditsBetween, type LabelDraft } from '../../../../core/matrix/matrix-edits.js';
import type { Id, Matrix, ProjectData } from '../../../../core/model/types.js';
import { matrixActions } from './store.js';

function moveItem<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j] as T, next[i] as T];
  return next;
}

/**
 * Create or edit a matrix: its name, its columns (codes, in the chosen order), its rows (every
 * case, or chosen ones) and its ordinal scale (labels editable and reorderable, low to high, plus
 * the "not applicable" label). Renamed labels carry their ratings with them; a label still used by
 * a rating cannot be dropped (the backend says which). Deleting asks once, inline. Saving sends
 * only what the user changed since the editor opened (`matrix.edit`), so changes another window
 * made to the same matrix meanwhile are kept.
 */
export function MatrixEditor({ data, matrix, onDone }: { data: ProjectData; matrix: Matrix | null; onDone(id: Id | null): void }): React.JSX.Element {
  // The matrix as the editor opened it: what the user's changes are measured against.
  const [base] = useState<Matrix | null>(matrix);
  const [name, setName] = useState(matrix?.name ?? '');
  const [columns, setColumns] = useState<Id[]>(matrix?.columns ?? []);
  const [allRows, setAllRows] = useState(matrix ? matrix.rows.length === 0 : true);
  const [rows, setRows] = useState<Id[]>(matrix?.rows ?? []);
  const [scale, setScale] = useState<LabelDraft[]>((matrix?.scale ?? [...DEFAULT_SCALE]).map((l) => ({ orig: matrix ? l : null, label: l })));
  const [na, setNa] = useState(matrix?.notApplicable ?? DEFAULT_NOT_APPLICABLE);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const tree = flattenTree(data.codebook);
  const ratingCount = matrix ? data.ratings.filter((r) => r.matrixId === matrix.id).length : 0;

  const save = async (): Promise<void> => {
    const labels = scale.map((s) => s.label.trim());
    const rowIds = allRows ? [] : data.cases.map((c) => c.id).filter((id) => rows.includes(id));
    if (!matrix) {
      const m = await matrixActions.create({ name, columns, rows: rowIds, scale: labels, notApplicable: na });
      if (m) onDone(m.id);
      return;
    }
    const edits = matrixEditsBetween(base ?? matrix, { name, columns, rows: rowIds, scale, notApplicable: na });
    if (edits.length > 0 && !(await matrixActions.edit(matrix.id, edits))) return;
    onDone(matrix.id);
  };

  return (
    <aside className="mx-panel card" aria-label={matrix ? `Edit matrix ${matrix.name}` : 'New matrix'}>
      <form
        className="mx-editor"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="mx-panel-head">
          <h2>{matrix ? 'Edit matrix' : 'New matrix'}</h2>
          <button type="button" className="icon-button" onClick={() => onDone(matrix?.id ?? null)} aria-label="Close editor">
            ✕
          </button>
        </div>
        <label>
          Name
          <input name="matrix-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </label>
        <fieldset>
          <legend>Columns (codes)</legend>
          <div className="mx-checklist">
            {tree.map(({ code, depth }) => (
              <label key={code.id} className="inline-label" style={{ paddingLeft: depth * 14 }}>
                <input type="checkbox" checked={columns.includes(code.id)} onChange={(e) => setColumns(e.target.checked ? [...columns, code.id] : columns.filter((x) => x !== code.id))} />
                <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                {code.name}
              </label>
            ))}
          </div>
          {columns.length > 1 && (
            <ol className="mx-order" aria-label="Column order">
              {columns.map((id, i) => (
                <li key={id}>
                  <span>{codePath(data.codebook, id)}</span>
                  <button type="button" className="icon-button" aria-label={`Move ${codePath(data.codebook, id)} left`} disabled={i === 0} onClick={() => setColumns(moveItem(columns, i, -1))}>
                    ↑
                  </button>
                  <button type="button" className="icon-button" aria-label={`Move ${codePath(data.codebook, id)} right`} disabled={i === columns.length - 1} onClick={() => setColumns(moveItem(columns, i, 1))}>
                    ↓
                  </button>
                </li>
              ))}
            </ol>
          )}
        </fieldset>
        <fieldset>
          <legend>Rows (cases)</legend>
          <label className="inline-label">
            <input type="radio" name="mx-rows" checked={allRows} onChange={() => setAllRows(true)} /> Every case (also cases added later)
          </label>
          <label className="inline-label">
            <input type="radio" name="mx-rows" checked={!allRows} onChange={() => setAllRows(false)} /> Chosen cases
          </label>
          {!allRows && (
            <div className="mx-checklist">
              {data.cases.map((c) => (
                <label key={c.id} className="inline-label">
                  <input type="checkbox" checked={rows.includes(c.id)} onChange={(e) => setRows(e.target.checked ? [...rows, c.id] : rows.filter((x) => x !== c.id))} />
                  {c.name}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>Rating scale, low to high</legend>
          <ol className="mx-order mx-scale-edit">
            {scale.map((s, i) => (
              <li key={i}>
                <input aria-label={`Scale label ${i + 1}`} value={s.label} maxLength={40} onChange={(e) => setScale(scale.map((x, k) => (k === i ? { ...x, label: e.target.value } : x)))} />
                <button type="button" className="icon-button" aria-label={`Move ${s.label} down the scale`} disabled={i === 0} onClick={() => setScale(moveItem(scale, i, -1))}>
                  ↑
                </button>
                <button type="button" className="icon-button" aria-label={`Move ${s.label} up the scale`} disabled={i === scale.length - 1} onClick={() => setScale(moveItem(scale, i, 1))}>
                  ↓
                </button>
                <button type="button" className="icon-button danger" aria-label={`Remove ${s.label}`} disabled={scale.length <= 2} onClick={() => setScale(scale.filter((_, k) => k !== i))}>
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="secondary" onClick={() => setScale([...scale, { orig: null, label: '' }])}>
            Add label
          </button>
          <label>
            Outside the scale
            <input aria-label="Not applicable label" value={na} maxLength={40} onChange={(e) => setNa(e.target.value)} />
          </label>
        </fieldset>
        <div className="mx-form-actions">
          <button type="submit" className="primary" disabled={!name.trim() || columns.length === 0}>
            {matrix ? 'Save matrix' : 'Create matrix'}
          </button>
          {matrix && !confirmDelete && (
            <button type="button" className="secondary danger-text" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          )}
          {matrix && confirmDelete && (
            <span className="mx-confirm" role="alert">
              Delete “{matrix.name}” and its {ratingCount} rating{ratingCount === 1 ? '' : 's'}?
              <button type="button" className="primary danger-fill" onClick={() => void matrixActions.remove(matrix.id).then((r) => r && onDone(null))}>
                Delete
              </button>
              <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
            </span>
          )}
        </div>
      </form>
    </aside>
  );
}
