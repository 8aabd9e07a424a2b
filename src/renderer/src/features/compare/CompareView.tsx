import { saveText } from '../../lib/download.js';
import { useEffect, useMemo } from 'react';
import { CAVEAT_TEXT, documentLabels, type Comparison, type ComparisonFigures, type ComparisonUnit, type ReportFormat } from '../../../../core/agreement/index.js';
import { codePaths, flattenTree } from '../../../../core/codebook/paths.js';
import { api } from '../../lib/api.js';
import { useProject } from '../../state/project-store.js';
import { DisagreementBrowser } from './DisagreementBrowser.js';
import { FigureDetailPanel } from './FigureDetail.js';
import { MergePanel } from './MergePanel.js';
import { BOOTSTRAP, useCompare } from './store.js';
import { coderLabel, fmt3, fmtInterval, krippendorffReading, strengthOf } from './strength.js';
import { rememberedUnit, rememberUnit } from './unit-preference.js';
import { useBlind } from '../workflow/store.js';

const UNITS: { id: ComparisonUnit; label: string }[] = [
  { id: 'character', label: 'Characters (NVivo)' },
  { id: 'paragraph', label: 'Paragraphs' },
  { id: 'document', label: 'Documents (presence)' },
  { id: 'segment', label: 'Segments (degenerate κ, α)' },
];

/** Agreement of every coder pair (more than two coders compared): pooled figures with intervals. */
function PairTable({ c, names }: { c: Comparison; names: Map<string, string> }): React.JSX.Element | null {
  if (!c.pairs || c.pairs.length === 0) return null;
  return (
    <section className="card compare-pairs" aria-label="Agreement per coder pair">
      <h3>Per coder pair</h3>
      <table className="compare-pair-table">
        <thead>
          <tr>
            <th scope="col">Coders</th>
            <th scope="col">Percent</th>
            <th scope="col">Cohen’s κ</th>
            <th scope="col">Gwet’s AC1</th>
            <th scope="col">Krippendorff’s α</th>
            <th scope="col">Units</th>
          </tr>
        </thead>
        <tbody>
          {c.pairs.map((p) => (
            <tr key={`${p.coderA}|${p.coderB}`}>
              <th scope="row">
                {names.get(p.coderA) ?? p.coderA} / {names.get(p.coderB) ?? p.coderB}
              </th>
              <td className="num">{fmt3(p.pooled.percent.value)}</td>
              <td className="num">
                {fmt3(p.pooled.kappa.value)} <span className="hint-inline">{fmtInterval(p.pooled.kappa)}</span>
              </td>
              <td className="num">
                {fmt3(p.pooled.gwet.value)} <span className="hint-inline">{fmtInterval(p.pooled.gwet)}</span>
              </td>
              <td className="num">{fmt3(p.pooled.alpha.value)}</td>
              <td className="num">{p.pooled.units.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StatCell({ f, title, onOpen, onTable }: { f: ComparisonFigures; title: string; onOpen?: () => void; onTable: () => void }): React.JSX.Element {
  const s = strengthOf(f.alpha.value, f.caveats);
  const notes = f.caveats.map((k) => CAVEAT_TEXT[k]).join('; ');
  return (
    <td className={`stat-cell ${s.className}`}>
      <button
        className="stat-main"
        onClick={onOpen ?? onTable}
        title={`${title}: alpha ${fmt3(f.alpha.value)} (${s.label})${f.alpha.reason && f.alpha.value === null ? ` — ${f.alpha.reason}` : ''}${notes ? ` — ${notes}` : ''}`}
        aria-label={`${title}: alpha ${fmt3(f.alpha.value)}, ${s.label}${onOpen ? '; open the disagreements' : '; show the tables'}`}
      >
        <span className="stat-value">{fmt3(f.alpha.value)}</span>
        <span className="stat-label">{s.label}</span>
        {f.alpha.interval && (
          <span className="stat-ci" title={`${Math.round(f.alpha.interval.confidence * 100)}% bootstrap interval of alpha`}>
            [{fmt3(f.alpha.interval.lower)}, {fmt3(f.alpha.interval.upper)}]
          </span>
        )}
      </button>
      {onOpen && (
        <button className="stat-table" onClick={onTable} aria-label={`Tables behind ${title}`} title="Show the table behind this figure">
          ⊞
        </button>
      )}
    </td>
  );
}

/**
 * The alpha intervals of the comparison shown: computed figure by figure after the point
 * estimates (by themselves on small projects, on a click on large ones), with their progress and
 * a Stop; a comparison whose intervals were stopped can resume them.
 */
function IntervalControls({ c }: { c: Comparison }): React.JSX.Element | null {
  const progress = useCompare((s) => s.intervals);
  const missing = [...c.perCode, c.pooled].filter((f) => f.alpha.value !== null && !f.alpha.interval).length;
  if (progress)
    return (
      <div className="compare-intervals" role="status" aria-label="Bootstrap intervals">
        <progress max={progress.total} value={progress.done} aria-label="Bootstrap intervals computed" /> Bootstrap intervals of alpha ({BOOTSTRAP.samples.toLocaleString('en')} resamples): {progress.done} of {progress.total} figures…{' '}
        <button className="link-button" onClick={() => useCompare.getState().stopIntervals()}>
          Stop
        </button>
      </div>
    );
  if (missing === 0) return null;
  return (
    <div className="compare-intervals">
      <button className="secondary" onClick={() => void useCompare.getState().computeIntervals()}>
        Compute bootstrap intervals
      </button>{' '}
      <span className="hint-inline">
        95% intervals of alpha for {missing === 1 ? 'the pooled figure' : `${missing - 1} codes and the pooled figure`} ({BOOTSTRAP.samples.toLocaleString('en')} resamples each; on a project this size, minutes)
      </span>
    </div>
  );
}

/** The Compare view: choose coders, codes, documents and unit; per code × document statistics. */
export function CompareView(): React.JSX.Element {
  const data = useProject((s) => s.data);
  const st = useCompare();
  const blind = useBlind();
  const coders = useMemo(() => data?.coders ?? [], [data?.coders]);
  const paths = useMemo(() => codePaths(data?.codebook ?? []), [data?.codebook]);
  const titles = useMemo(() => documentLabels(data?.documents ?? [], 6), [data?.documents]);
  const coderNames = useMemo(() => new Map(coders.map((u) => [u.id, u.name])), [coders]);
  const projectId = data?.project.id;

  // The unit is remembered per project; set it before the first comparison of the project runs.
  useEffect(() => {
    if (projectId) useCompare.getState().set({ unit: rememberedUnit(projectId) });
  }, [projectId]);

  useEffect(() => {
    if (st.coderIds.length === 0 && coders.length >= 2) {
      const humans = coders.filter((c) => !c.consensus && !c.auto).slice(0, 2);
      if (humans.length === 2) {
        st.set({ coderIds: humans.map((c) => c.id) });
        void useCompare.getState().compute();
      }
    }
  }, [coders]);

  if (!data) return <div className="compare-view" />;
  // Blind coding hides every other coder's work: agreement and disagreements wait until it is turned off.
  if (blind)
    return (
      <div className="compare-view">
        <section className="card" aria-label="Compare is hidden during blind coding">
          <h2>Blind coding is on</h2>
          <p>Agreement and the disagreements between coders show other coders’ work, so they stay hidden while you code blind. The person adjudicating turns blind coding off (top bar) to compare.</p>
        </section>
        <MergePanel blind />
      </div>
    );
  if (st.browser) return <DisagreementBrowser />;
  const c = st.comparison;
  const toggleCoder = (id: string): void => st.set({ coderIds: st.coderIds.includes(id) ? st.coderIds.filter((x) => x !== id) : [...st.coderIds, id] });
  const report = async (format: ReportFormat): Promise<void> => {
    const r = await api.call('agreement.report', { ...st.request(), bootstrap: BOOTSTRAP, format });
    if (!r.ok) return useProject.getState().toast('error', r.error.message);
    saveText(r.value.fileName, r.value.text, r.value.mime);
  };
  const openBrowser = (codeId: string | null, documentId: string): void => {
    if (st.coderIds.length < 2) return;
    const [coderA, coderB] = st.coderIds as [string, string];
    st.set({ browser: { documentId, coderA, coderB, codeIds: codeId ? [codeId] : (c?.codes ?? []) } });
  };
  const p = c?.pooled;
  return (
    <div className="compare-view">
      <section className="card compare-controls" aria-label="What to compare">
        <fieldset>
          <legend>Coders</legend>
          {coders.length === 0 && <p className="hint">No coders yet. Merge another coder’s work below.</p>}
          {coders.map((u) => (
            <label key={u.id} className="check">
              <input type="checkbox" checked={st.coderIds.includes(u.id)} onChange={() => toggleCoder(u.id)} />
              {coderLabel(u)}
            </label>
          ))}
        </fieldset>
        <label>
          Unit
          <select
            value={st.unit}
            onChange={(e) => {
              const unit = e.target.value as ComparisonUnit;
              rememberUnit(projectId, unit);
              st.set({ unit });
            }}
          >
            {UNITS.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
        </label>
        {st.unit === 'segment' && (
          <label>
            Overlap threshold
            <input type="number" min={0.05} max={1} step={0.05} value={st.threshold} onChange={(e) => st.set({ threshold: Math.min(1, Math.max(0.05, Number(e.target.value) || 0.9)) })} />
          </label>
        )}
        <label>
          Codes
          <select multiple size={6} value={st.codeIds ?? []} onChange={(e) => st.set({ codeIds: [...e.target.selectedOptions].map((o) => o.value) })} aria-label="Codes to compare (none selected = all)">
            {flattenTree(data.codebook).map(({ code, depth }) => (
              <option key={code.id} value={code.id}>
                {'\u00a0\u00a0'.repeat(depth)}
                {code.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Documents
          <select multiple size={6} value={st.documentIds ?? []} onChange={(e) => st.set({ documentIds: [...e.target.selectedOptions].map((o) => o.value) })} aria-label="Documents to compare (none selected = all)">
            {data.documents.map((d) => (
              <option key={d.id} value={d.id}>
                {titles.get(d.id) ?? d.title}
              </option>
            ))}
          </select>
        </label>
        <div className="compare-actions">
          <button className="primary" onClick={() => void st.compute()} disabled={st.coderIds.length < 2 || st.busy}>
            {st.busy ? 'Computing…' : 'Compare'}
          </button>
          <button className="link-button" onClick={() => st.set({ codeIds: null, documentIds: null })}>
            All codes and documents
          </button>
          <span className="hint-inline">Report:</span>
          {(['html', 'md', 'csv'] as const).map((f) => (
            <button key={f} className="secondary" disabled={st.coderIds.length < 2} onClick={() => void report(f)}>
              {f === 'md' ? 'Markdown' : f.toUpperCase()}
            </button>
          ))}
        </div>
      </section>

      {st.coderIds.length < 2 && <p className="hint">Choose at least two coders.</p>}
      {c && p && (
        <section className="card compare-pooled" aria-label="Pooled agreement">
          {p.caveats.length > 0 && (
            <p className="compare-warning" role="note">
              {p.caveats.map((k) => `Warning: ${CAVEAT_TEXT[k]}.`).join(' ')}
            </p>
          )}
          <div>
            <span className="pooled-name">Pooled Krippendorff’s alpha</span>{' '}
            <span className={`strength ${strengthOf(p.alpha.value, p.caveats).className}`} data-testid="pooled-alpha">
              {fmt3(p.alpha.value)}
            </span>{' '}
            <span className="strength-label">{strengthOf(p.alpha.value, p.caveats).label}</span>
            {p.alpha.interval && (
              <span className="hint-inline">
                {' '}
                {Math.round(p.alpha.interval.confidence * 100)}% bootstrap CI [{fmt3(p.alpha.interval.lower)}, {fmt3(p.alpha.interval.upper)}]
              </span>
            )}
            <span className="hint-inline"> · {krippendorffReading(p.alpha.value)}</span>
          </div>
          <IntervalControls c={c} />
          <div className="pooled-figures" data-testid="pooled-figures">
            <span>
              {p.kappa.metric === 'cohen' ? 'Cohen’s kappa' : 'Fleiss’ kappa'} <strong>{fmt3(p.kappa.value)}</strong> <span className="hint-inline">{fmtInterval(p.kappa)}</span>
            </span>
            <span>
              Gwet’s {p.gwet.metric.toUpperCase()} <strong>{fmt3(p.gwet.value)}</strong> <span className="hint-inline">{fmtInterval(p.gwet)}</span>
            </span>
            <span>
              Percent agreement <strong>{fmt3(p.percent.value)}</strong> <span className="hint-inline">(not chance-corrected)</span>
            </span>
          </div>
          <div className="hint-inline">
            {p.units.toLocaleString('en')} units ({c.unit}
            {c.unit === 'segment' ? `, overlap ≥ ${Math.round(c.options.overlapThreshold * 100)}%` : ''}){p.segmentRowAgreement ? ` · row agreement ${fmt3(p.segmentRowAgreement.value)}` : ''}{' '}
            <button className="link-button" onClick={() => st.set({ detail: { title: 'Pooled', figure: p } })}>
              Show tables
            </button>
          </div>
        </section>
      )}
      {c && <PairTable c={c} names={coderNames} />}
      {c && (
        <div className="compare-table-wrap">
          <table className="compare-table" aria-label="Krippendorff’s alpha per code and document">
            <thead>
              <tr>
                <th scope="col">Code</th>
                {c.documents.map((d) => (
                  <th key={d} scope="col">
                    {titles.get(d) ?? d}
                  </th>
                ))}
                <th scope="col">All documents</th>
              </tr>
            </thead>
            <tbody>
              {c.perCode.map((pc) => {
                const code = pc.codeId ?? '';
                const name = paths.get(code) ?? code;
                return (
                  <tr key={code}>
                    <th scope="row">{name}</th>
                    {c.documents.map((d) => {
                      const cell = c.cells.find((x) => x.codeId === code && x.documentId === d);
                      if (!cell) return <td key={d} />;
                      const t = `${name} in ${titles.get(d) ?? d}`;
                      return <StatCell key={d} f={cell} title={t} onOpen={() => openBrowser(code, d)} onTable={() => st.set({ detail: { title: t, figure: cell } })} />;
                    })}
                    <StatCell f={pc} title={`${name}, all documents`} onTable={() => st.set({ detail: { title: `${name}, all documents`, figure: pc } })} />
                  </tr>
                );
              })}
              <tr className="compare-totals">
                <th scope="row">All codes</th>
                {c.perDocument.map((pd) => {
                  const t = `All codes in ${titles.get(pd.documentId ?? '') ?? pd.documentId}`;
                  return <StatCell key={pd.documentId} f={pd} title={t} onOpen={() => openBrowser(null, pd.documentId ?? '')} onTable={() => st.set({ detail: { title: t, figure: pd } })} />;
                })}
                {p && <StatCell f={p} title="Pooled" onTable={() => st.set({ detail: { title: 'Pooled', figure: p } })} />}
              </tr>
            </tbody>
          </table>
          <p className="hint">
            Cells show Krippendorff’s alpha with its Landis–Koch band (poor &lt; 0 ≤ slight ≤ .20 &lt; fair ≤ .40 &lt; moderate ≤ .60 &lt; substantial ≤ .80 &lt; almost perfect); “no agreement” marks a code the coders never applied to the
            same text. Click a cell to review its disagreements; ⊞ shows the table behind a figure.
            {st.coderIds.length > 2 ? ' The disagreement browser compares the first two chosen coders.' : ''}
          </p>
        </div>
      )}
      <FigureDetailPanel />
      <MergePanel />
    </div>
  );
}
