import { useMemo, useState } from 'react';
import { frequencyByDocument } from '../../../../core/retrieval/frequency.js';
import type { Id } from '../../../../core/model/types.js';
import { useProject } from '../../state/project-store.js';
import { useShownCoders } from './store.js';
import { barLength, CHART, chartRows, coveragePercent } from './frequency-chart.js';

/**
 * The code frequency and coverage chart (NVivo's and MAXQDA's code charts): per code, its coded
 * passages and the share of all text it covers, as SVG bars, for all coders shown or one of them.
 */
export function FrequencyChart(): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const shown = useShownCoders();
  const [coder, setCoder] = useState<Id | 'all'>('all');
  const coders = (data?.coders ?? []).filter((c) => !shown || shown.has(c.id));
  const pick = coder !== 'all' && coders.some((c) => c.id === coder) ? coder : 'all';
  const rows = useMemo(() => {
    if (!data) return [];
    const coderIds = pick !== 'all' ? [pick] : shown ? [...shown] : undefined;
    if (coderIds && coderIds.length === 0) return [];
    const r = frequencyByDocument(data, { ...(coderIds ? { coderIds } : {}), includeChildren: false });
    return r.ok
      ? chartRows(
          r.value,
          r.value.cases.map((d) => data.documents.find((x) => x.id === d.id)?.chars ?? 0),
        )
      : [];
  }, [data, shown, pick]);
  if (!data) return null;
  const maxPassages = Math.max(0, ...rows.map((r) => r.passages));
  const maxCoverage = Math.max(0, ...rows.map((r) => r.coverage));
  const { rowHeight, labelWidth, barWidth, gap, valueWidth, top } = CHART;
  const coverX = labelWidth + barWidth + valueWidth + gap;
  const width = coverX + barWidth + valueWidth;
  const height = top + rows.length * rowHeight + 6;
  return (
    <section className="card" aria-label="Code frequency and coverage chart">
      <div className="results-head">
        <h2>Frequency and coverage</h2>
        <span className="spacer" />
        <label className="inline-label">
          coder
          <select aria-label="Chart coder" value={pick} onChange={(e) => setCoder(e.target.value)}>
            <option value="all">all shown</option>
            {coders.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.length ? (
        <div className="table-scroll">
          <svg className="freq-chart" role="img" aria-label={`Passages and coverage of ${rows.length} codes`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
            <text x={labelWidth} y={14} className="chart-head">
              Passages
            </text>
            <text x={coverX} y={14} className="chart-head">
              Coverage of all text
            </text>
            {rows.map((r, i) => {
              const y = top + i * rowHeight;
              const p = barLength(r.passages, maxPassages);
              const c = barLength(r.coverage, maxCoverage);
              return (
                <g key={r.id} data-code-id={r.id} data-passages={r.passages} data-coverage={r.coverage.toFixed(4)}>
                  <title>{`${r.path}: ${r.passages} passage${r.passages === 1 ? '' : 's'} (${r.codings} coding${r.codings === 1 ? '' : 's'}), ${coveragePercent(r.coverage)} of the text`}</title>
                  <text x={labelWidth - 8 - 0} y={y + 15} textAnchor="end" className="chart-label">
                    {r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label}
                  </text>
                  <rect x={labelWidth} y={y + 4} width={p} height={rowHeight - 8} rx={2} fill={r.color} className="bar passages" />
                  <text x={labelWidth + p + 5} y={y + 15} className="chart-value">
                    {r.passages}
                  </text>
                  <rect x={coverX} y={y + 4} width={c} height={rowHeight - 8} rx={2} fill={r.color} fillOpacity={0.55} className="bar coverage" />
                  <text x={coverX + c + 5} y={y + 15} className="chart-value">
                    {coveragePercent(r.coverage)}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      ) : (
        <p className="hint">No coded passages for this coder yet.</p>
      )}
      <p className="hint">Passages merge overlapping codings of a code; sub-codes are counted on their own. Coverage: the characters a code covers over all characters of all documents.</p>
    </section>
  );
}
