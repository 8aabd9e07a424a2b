import { useEffect, useMemo, useState } from 'react';
import { frequencyByCase, frequencyByDocument } from '../../../../core/retrieval/frequency.js';
import type { CoOccurrenceRule, CoOccurrenceTable } from '../../../../core/matrix/counts.js';
import { api } from '../../lib/api.js';
import { useProject } from '../../state/project-store.js';
import { useShownCoders } from './store.js';
import { FrequencyChart } from './FrequencyChart.js';

/** Code frequencies per document or case (sub-codes rolled up or not) and the code co-occurrence table. */
export function FrequencyPanel(): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const shown = useShownCoders();
  const [by, setBy] = useState<'document' | 'case'>('document');
  const [rollUp, setRollUp] = useState(true);
  // Codings count a passage once per coder who coded it; distinct passages merge overlapping codings.
  const [measure, setMeasure] = useState<'distinct' | 'codings'>('distinct');
  const [rule, setRule] = useState<CoOccurrenceRule>('overlap');
  const [co, setCo] = useState<CoOccurrenceTable | null>(null);
  const coderIds = useMemo(() => (shown ? [...shown] : undefined), [shown]);
  const table = useMemo(() => {
    if (!data) return null;
    if (coderIds && coderIds.length === 0) return null;
    const opts = { ...(coderIds ? { coderIds } : {}), includeChildren: rollUp };
    const r = by === 'case' ? frequencyByCase(data, opts) : frequencyByDocument(data, opts);
    return r.ok ? r.value : null;
  }, [data, by, rollUp, coderIds]);
  const codings = data?.codings;
  useEffect(() => {
    if (coderIds && coderIds.length === 0) return setCo(null);
    void api.call('retrieval.cooccurrence', { rule, ...(coderIds ? { coderIds } : {}) }).then((r) => setCo(r.ok ? r.value : null));
  }, [rule, coderIds, codings]);
  if (!data) return null;
  const coUsed = co ? co.codes.map((_, i) => i).filter((i) => (co.counts[i] ?? []).some((v) => v > 0)) : [];
  return (
    <div className="frequency">
      <FrequencyChart />
      <section className="card" aria-label="Code frequencies">
        <div className="results-head">
          <h2>Code frequencies</h2>
          <span className="spacer" />
          <label className="inline-label">
            per
            <select value={by} onChange={(e) => setBy(e.target.value as 'document' | 'case')} aria-label="Columns">
              <option value="document">document</option>
              <option value="case">case</option>
            </select>
          </label>
          <label className="inline-label">
            count
            <select value={measure} onChange={(e) => setMeasure(e.target.value as 'distinct' | 'codings')} aria-label="What each number counts">
              <option value="distinct">distinct passages</option>
              <option value="codings">codings (one per coder)</option>
            </select>
          </label>
          <label className="inline-label">
            <input type="checkbox" checked={rollUp} onChange={(e) => setRollUp(e.target.checked)} />
            Count sub-codes in their parents
          </label>
        </div>
        {table ? (
          <div className="table-scroll">
            <table className="freq-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  {table.cases.map((c) => (
                    <th key={c.id} scope="col">
                      {c.name}
                    </th>
                  ))}
                  <th scope="col">Total</th>
                </tr>
              </thead>
              <tbody>
                {table.codes.map((c, i) => {
                  const row = (measure === 'distinct' ? table.distinct[i] : table.counts[i]) ?? [];
                  return (
                    <tr key={c.id}>
                      <th scope="row" style={{ paddingLeft: 8 + c.depth * 14 }}>
                        <span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.path.split('/').pop()}
                      </th>
                      {row.map((v, j) => (
                        <td key={j} className={v ? '' : 'zero'}>
                          {v}
                        </td>
                      ))}
                      <td className="total">{row.reduce((a, b) => a + b, 0)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="hint">Nothing to count in this view.</p>
        )}
        <p className="hint" data-testid="frequency-measure">
          {measure === 'distinct'
            ? 'Each number counts distinct passages: overlapping codings of the code are merged, whoever made them, so a passage two coders coded counts once.'
            : 'Each number counts codings: a passage coded by two coders counts twice.'}{' '}
          Documents without a case are not counted per case.
        </p>
      </section>
      <section className="card" aria-label="Code co-occurrence">
        <div className="results-head">
          <h2>Co-occurrence</h2>
          <span className="spacer" />
          <label className="inline-label">
            codes that
            <select value={rule} onChange={(e) => setRule(e.target.value as CoOccurrenceRule)} aria-label="Co-occurrence rule">
              <option value="overlap">overlap</option>
              <option value="paragraph">share a paragraph</option>
            </select>
          </label>
        </div>
        {co && coUsed.length ? (
          <div className="table-scroll">
            <table className="freq-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  {coUsed.map((j) => (
                    <th key={j} scope="col" title={co.codes[j]?.path}>
                      {co.codes[j]?.path.split('/').pop()}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {coUsed.map((i) => (
                  <tr key={i}>
                    <th scope="row" title={co.codes[i]?.path}>
                      <span className="swatch" style={{ background: co.codes[i]?.color }} aria-hidden="true" /> {co.codes[i]?.path.split('/').pop()}
                    </th>
                    {coUsed.map((j) => (
                      <td key={j} className={i === j ? 'diag' : co.counts[i]?.[j] ? '' : 'zero'}>
                        {co.counts[i]?.[j] ?? 0}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="hint">No codes co-occur yet.</p>
        )}
        <p className="hint">Pairs count within one coder’s work; the diagonal counts each code’s {rule === 'overlap' ? 'codings' : 'paragraphs'}.</p>
      </section>
    </div>
  );
}
