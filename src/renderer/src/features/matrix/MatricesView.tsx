import { useEffect, useMemo } from 'react';
import { independentCoderIds } from '../../../../core/matrix/consensus.js';
import { formatFigure } from '../../../../core/agreement/index.js';
import type { MatrixMode, MatrixView, ViewCoder } from '../../../../core/matrix/view.js';
import type { Id, Matrix } from '../../../../core/model/types.js';
import { api } from '../../lib/api.js';
import { useApiRead } from '../../lib/use-api-read.js';
import { useProject } from '../../state/project-store.js';
import { useWorkflow } from '../workflow/store.js';
import { CellPanel } from './CellPanel.js';
import { ExportMenu } from './ExportMenu.js';
import { MatrixEditor } from './MatrixEditor.js';
import { MatrixGrid, MatrixLegend, type CoderValues } from './MatrixGrid.js';
import { withDefaultMatrices } from '../../../../core/matrix/matrix-ops.js';
import { matrixActions, useMatrix, type CellRef } from './store.js';

const MODES: [MatrixMode, string][] = [
  ['ratings', 'Ratings'],
  ['counts', 'Counts'],
  ['coverage', 'Coverage'],
];

/** Every independent coder's value per cell (the `all` view's `byCoder`), for the side-by-side ratings. */
function allCoderValues(view: MatrixView): CoderValues {
  return view.cells.map((row) => row.map((c) => (c.byCoder ?? []).map((v) => ({ coder: v.coder, value: v.value }))));
}

/** "α = 0.712 (ordinal) · 9 cells · 2 coders", or why it is undefined: `rating.agreement`, alpha and AC2. */
function AgreementBadge({ matrix, coders }: { matrix: Matrix; coders: number }): React.JSX.Element | null {
  const enough = coders >= 2;
  const result = useApiRead('rating.agreement', enough ? { matrixId: matrix.id } : null);
  const ac2 = useApiRead('rating.agreement', enough ? { matrixId: matrix.id, coefficient: 'ac2' } : null);
  if (!enough) return <span className="mx-alpha hint-inline">Agreement on ratings needs two independent coders</span>;
  if (!result) return null;
  if (!result.ok) return <span className="mx-alpha hint-inline">{result.error.message}</span>;
  const a = result.value;
  return (
    <span className="mx-alpha" data-testid="rating-alpha" title="Krippendorff’s alpha, ordinal metric, over the matrix cells; “not applicable” and unrated cells are missing values">
      Krippendorff’s α (ordinal) on ratings: <strong>{a.value === null ? 'undefined' : a.value.toFixed(3)}</strong>
      <span className="hint-inline">
        {' '}
        · {a.units} cell{a.units === 1 ? '' : 's'} · {a.coders} coders{a.value === null && a.reason ? ` · ${a.reason}` : ''}
      </span>
      {ac2?.ok && (
        <span className="hint-inline" data-testid="rating-ac2" title="Gwet’s AC2 with ordinal weights over the same cells, with its 95% interval (Gwet 2014)">
          {' '}
          · Gwet’s AC2 (ordinal) <strong>{formatFigure(ac2.value.value)}</strong>
          {ac2.value.interval ? ` [${formatFigure(ac2.value.interval.lower)}, ${formatFigure(ac2.value.interval.upper)}]` : ''}
        </span>
      )}
    </span>
  );
}

/**
 * The Matrices view: a case × code matrix (Table A6 style) as a heatmap grid, for one coder, the
 * consensus or every coder, showing ratings, passage counts or coverage; a cell panel to rate,
 * note and cite evidence (or adjudicate); agreement on ratings; matrix editing; exports.
 */
export function MatricesView(): React.JSX.Element | null {
  const raw = useProject((s) => s.data);
  const pview = useProject((s) => s.view);
  const st = useMatrix();
  const blind = useWorkflow((s) => s.coderView.blind);
  useEffect(() => {
    void st.ensureDefaults();
  }, [pview?.dir, st.ensureDefaults]);
  const data = useMemo(() => (raw ? withDefaultMatrices(raw) : null), [raw]);
  const me = pview?.coderId ?? null;
  const readOnly = pview?.readOnly === true;
  const matrix = data?.matrices.find((m) => m.id === st.matrixId) ?? data?.matrices.find((m) => m.name === 'A6 outcomes') ?? data?.matrices[0] ?? null;
  // On a team server an owner's or adjudicator's account is a coder of the project only once it has coded.
  const meCodes = me !== null && data !== null && data.coders.some((c) => c.id === me);
  // Blind: only the session coder's own ratings, and none before they are named (never "all coders").
  const coder: ViewCoder | null = blind ? me : (st.coder ?? (meCodes ? me : 'all'));
  const consensusId = data?.coders.find((c) => c.consensus)?.id ?? null;
  const independents = data ? independentCoderIds(data).length : 0;
  // The consensus view before anyone adjudicated: every coder's passages, no rating yet.
  const viewCoder: ViewCoder | null = coder === 'consensus' && !consensusId ? 'all' : coder;
  const viewed = useApiRead('matrix.view', matrix && viewCoder !== null ? { matrix: matrix.id, coder: viewCoder, mode: st.mode } : null);
  const built = useMemo(() => {
    if (!viewed?.ok) return null;
    // Blind: whether the other coders differ stays hidden too, as their ratings do.
    const shown = blind ? { ...viewed.value, cells: viewed.value.cells.map((row) => row.map((c) => ({ ...c, disagreement: false }))) } : viewed.value;
    if (viewCoder === coder) return shown;
    return { ...shown, cells: shown.cells.map((row) => row.map((c) => (st.mode === 'ratings' ? { ...c, label: '', heat: null } : c))) };
  }, [viewed, viewCoder, coder, st.mode, blind]);
  const allValues = useMemo(() => (built && coder === 'all' && st.mode === 'ratings' ? allCoderValues(built) : null), [built, coder, st.mode]);
  const compared = useApiRead('rating.disagreements', matrix && !blind && independents >= 2 ? { matrixId: matrix.id } : null);
  const disagreements = compared?.ok && !blind ? compared.value : [];
  if (!data || !pview) return null;

  const editable = !readOnly && me !== null && (coder === me || coder === 'consensus');
  const selected = st.panel?.kind === 'cell' ? st.panel.cell : null;
  const editing = st.panel?.kind === 'edit' ? st.panel.matrixId : undefined;
  const rateKey = (cell: CellRef, value: string | null): void => {
    if (!matrix || coder === null) return;
    const args = { matrixId: matrix.id, caseId: cell.caseId, codeId: cell.codeId, value };
    if (coder === 'consensus') void matrixActions.adjudicate(args);
    else void rateCiting(args);
  };
  /** A first rating cites the coder's own suggested passages (as the cell panel pre-checks them); a later one keeps what the cell cites. */
  const rateCiting = async (args: { matrixId: Id; caseId: Id; codeId: Id; value: string | null }): Promise<void> => {
    const ev = me ? await api.call('matrix.evidence', { matrixId: args.matrixId, caseId: args.caseId, codeId: args.codeId, coder: me }) : null;
    if (ev?.ok && !ev.value.rating) await matrixActions.rate({ ...args, evidence: ev.value.suggested.map((e) => e.codingId) });
    else await matrixActions.rate(args);
  };
  const nextDisagreement = (): void => {
    if (disagreements.length === 0) return;
    const at = selected ? disagreements.findIndex((d) => d.caseId === selected.caseId && d.codeId === selected.codeId) : -1;
    const d = disagreements[(at + 1) % disagreements.length]!;
    st.openCell({ caseId: d.caseId, codeId: d.codeId });
  };
  const coders = data.coders.filter((c) => !c.auto && !c.consensus);

  return (
    <main className="mx-view" aria-label="Matrices">
      <div className="mx-toolbar" role="toolbar" aria-label="Matrix tools">
        <label className="inline-label">
          Matrix
          <select aria-label="Matrix" value={matrix?.id ?? ''} onChange={(e) => st.setMatrix(e.target.value)}>
            {data.matrices.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        {matrix && !readOnly && (
          <button type="button" className="secondary" onClick={() => st.editMatrix(matrix.id)}>
            Edit matrix
          </button>
        )}
        {!readOnly && (
          <button type="button" className="secondary" onClick={() => st.editMatrix(null)}>
            New matrix
          </button>
        )}
        <label className="inline-label">
          Coder
          <select aria-label="Coder" value={coder ?? ''} disabled={blind} onChange={(e) => st.setCoder(e.target.value)}>
            {coder === null && <option value="">nobody yet</option>}
            {coders.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.id === me ? ' (you)' : ''}
              </option>
            ))}
            {!blind && <option value="consensus">Consensus (adjudication)</option>}
            {!blind && <option value="all">All coders</option>}
          </select>
        </label>
        <div className="mx-modes" role="radiogroup" aria-label="Show">
          {MODES.map(([m, label]) => (
            <button key={m} type="button" role="radio" aria-checked={st.mode === m} className={`mx-mode${st.mode === m ? ' on' : ''}`} onClick={() => st.setMode(m)}>
              {label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {matrix && coder !== null && <ExportMenu matrixId={matrix.id} coder={coder} blind={blind} me={me} />}
      </div>
      {matrix && !blind && (
        <div className="mx-statusbar">
          <AgreementBadge matrix={matrix} coders={independents} />
          {disagreements.length > 0 && (
            <button type="button" className="link-button mx-disagreements" onClick={nextDisagreement}>
              {disagreements.length} disagreement{disagreements.length === 1 ? '' : 's'} — next ›
            </button>
          )}
          {coder === 'consensus' && editable && (
            <button type="button" className="secondary" onClick={() => void matrixActions.adoptAgreed(matrix.id)}>
              Adopt all agreed ratings
            </button>
          )}
          {coder === 'consensus' && !consensusId && <span className="hint-inline">No consensus yet: accept a coder’s rating or adopt the agreed ones.</span>}
        </div>
      )}
      {blind && <p className="hint">Blind coding is on: you see only your own ratings, and agreement stays hidden until it is turned off.</p>}
      {!me && !readOnly && <p className="hint">Name yourself as a coder (top bar) to rate cells.</p>}
      <div className={`mx-body${st.panel ? ' with-panel' : ''}`}>
        <section className="mx-grid-wrap" aria-label="Matrix grid">
          {!matrix && <p className="hint">This project has no matrix yet. Create one with “New matrix”.</p>}
          {matrix && data.cases.length === 0 && <p className="hint">No cases yet. Define cases (Cases view) and assign documents to them; each case becomes a row.</p>}
          {built && built.rows.length > 0 && (
            <>
              <h2 className="mx-caption">
                {built.matrix.name}
                <span className="hint-inline">
                  {' '}
                  —{' '}
                  {st.mode === 'ratings'
                    ? coder === 'all'
                      ? 'every coder’s ratings'
                      : coder === 'consensus'
                        ? 'consensus ratings'
                        : `ratings by ${built.coder?.name ?? ''}`
                    : st.mode === 'counts'
                      ? 'coded passages'
                      : 'share of each case’s text coded'}
                  {st.mode !== 'ratings' ? (built.coder ? `, ${built.coder.name}` : ', all coders') : ''}
                </span>
              </h2>
              <MatrixGrid view={built} allValues={allValues} selected={selected} onOpen={(c) => st.openCell(c)} {...(editable ? { onRate: rateKey } : {})} />
              <MatrixLegend view={built} editable={editable && st.mode === 'ratings'} />
            </>
          )}
        </section>
        {st.panel?.kind === 'cell' && matrix && coder !== null && (
          <CellPanel data={data} matrix={matrix} cell={st.panel.cell} coder={coder} me={me} readOnly={readOnly} blind={blind} onClose={() => st.closePanel()} onRateAsMe={() => me && st.setCoder(me)} />
        )}
        {editing !== undefined && (
          <MatrixEditor
            key={editing ?? 'new'}
            data={data}
            matrix={editing ? (data.matrices.find((m) => m.id === editing) ?? null) : null}
            onDone={(id) => {
              if (id) st.setMatrix(id);
              else st.closePanel();
            }}
          />
        )}
      </div>
    </main>
  );
}
