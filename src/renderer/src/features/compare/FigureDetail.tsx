import { useEffect, useRef } from 'react';
import { saveText } from '../../lib/download.js';
import type { AgreementResult, AgreementTable, FigureCaveat } from '../../../../core/agreement/index.js';
import { CAVEAT_TEXT, reliabilityCsv } from '../../../../core/agreement/index.js';
import { useProject } from '../../state/project-store.js';
import { useCompare } from './store.js';
import { fmt3, fmtInterval, krippendorffReading, strengthOf } from './strength.js';

function TableView({ table }: { table: AgreementTable }): React.JSX.Element {
  const caption: Record<AgreementTable['kind'], string> = {
    contingency: 'Contingency table (rows: first coder, columns: second coder)',
    coincidence: 'Coincidence matrix (each pairable value counts once per pair)',
    'category-counts': 'Category counts per unit',
    'unitizing-coincidence': 'Length coincidences',
  };
  // A figcaption spans the figure's width (a table caption is squeezed to the table's width).
  return (
    <figure className="figure-table-wrap">
      <figcaption>{caption[table.kind]}</figcaption>
      <table className="figure-table" aria-label={caption[table.kind]}>
        <thead>
          <tr>
            <th scope="col"></th>
            {table.columnLabels.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rowLabels.map((r, i) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {table.columnLabels.map((c, j) => (
                <td key={c} className="num">
                  {Number(table.counts[i]?.[j] ?? 0).toLocaleString('en')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function Figure({ name, r, caveats, band = true }: { name: string; r: AgreementResult; caveats: readonly FigureCaveat[]; band?: boolean }): React.JSX.Element {
  const s = band ? strengthOf(r.value, caveats) : null;
  return (
    <div className="figure-block">
      <h4>
        {name}: <span className={`strength ${s ? s.className : 'strength-none'}`}>{fmt3(r.value)}</span> {s && <span className="strength-label">{s.label}</span>}
        {r.interval && <span className="hint-inline"> · {fmtInterval(r)}</span>}
      </h4>
      {r.value === null && r.reason && <p className="hint">Undefined: {r.reason}</p>}
      {r.definition && <p className="hint">{r.definition}</p>}
      {r.details && (
        <p className="hint">
          {Object.entries(r.details)
            .map(([k, v]) => `${k} = ${Number.isInteger(v) ? v : v.toFixed(4)}`)
            .join(' · ')}
        </p>
      )}
      {r.table && <TableView table={r.table} />}
    </div>
  );
}

/** The tables behind one figure, its definitions, and its reliability data as CSV. */
export function FigureDetailPanel(): React.JSX.Element | null {
  const detail = useCompare((s) => s.detail);
  const setState = useCompare((s) => s.set);
  const coders = useProject((s) => s.data?.coders ?? []);
  const panel = useRef<HTMLElement>(null);
  // Opening a figure's tables brings them on screen (the panel sits below a possibly long table).
  useEffect(() => {
    if (!detail) return;
    panel.current?.scrollIntoView({ block: 'start', behavior: 'auto' });
    panel.current?.focus({ preventScroll: true });
  }, [detail]);
  if (!detail) return null;
  const f = detail.figure;
  // The view's comparison carries no reliability data (it can be tens of MB): asked for on export.
  const exportCsv = async (): Promise<void> => {
    const data = await useCompare.getState().figureData(f);
    if (!data) return;
    const names = data.coders.map((id) => coders.find((c) => c.id === id)?.name ?? id);
    saveText(`reliability-${detail.title.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.csv`, reliabilityCsv({ ...data, coders: names }), 'text/csv');
  };
  return (
    <section className="card figure-detail" aria-label={`Tables behind ${detail.title}`} ref={panel} tabIndex={-1}>
      <div className="figure-detail-head">
        <h3>{detail.title}</h3>
        <span className="hint-inline">
          {f.units.toLocaleString('en')} units · alpha {krippendorffReading(f.alpha.value)}
        </span>
        <button className="secondary" onClick={() => void exportCsv()} disabled={f.units === 0}>
          Export reliability data (CSV)
        </button>
        <button className="secondary" onClick={() => setState({ detail: null })} aria-label="Close the tables">
          Close
        </button>
      </div>
      {f.caveats.length > 0 && (
        <p className="compare-warning" role="note">
          {f.caveats.map((k) => `${CAVEAT_TEXT[k].charAt(0).toUpperCase()}${CAVEAT_TEXT[k].slice(1)}.`).join(' ')}
        </p>
      )}
      <div className="figure-grid">
        <Figure name="Krippendorff’s alpha" r={f.alpha} caveats={f.caveats} />
        <Figure name={f.kappa.metric === 'cohen' ? 'Cohen’s kappa' : 'Fleiss’ kappa'} r={f.kappa} caveats={f.caveats} />
        <Figure name={`Gwet’s ${f.gwet.metric.toUpperCase()}`} r={f.gwet} caveats={f.caveats} />
        <Figure name="Percent agreement" r={f.percent} caveats={f.caveats} band={false} />
        {f.segmentRowAgreement && <Figure name="Segment row agreement (MAXQDA)" r={f.segmentRowAgreement} caveats={f.caveats} band={false} />}
      </div>
    </section>
  );
}
