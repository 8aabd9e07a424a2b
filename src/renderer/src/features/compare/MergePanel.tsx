import { saveText } from '../../lib/download.js';
import { useCallback, useEffect, useState } from 'react';
import type { MergeReport } from '../../../../core/merge/types.js';
import type { MergeReportSummary } from '../../../../shared/api.js';
import { api } from '../../lib/api.js';
import { applyMutation, useProject } from '../../state/project-store.js';
import { useCompare } from './store.js';
import { coderLabel } from './strength.js';

async function toBase64(f: File): Promise<string> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function summaryLine(r: MergeReportSummary): string {
  return `+${r.added.codings} codings, +${r.added.codes} codes, +${r.added.coders} coders; ${r.matched.codings} already present${r.renamedCodes ? `; ${r.renamedCodes} codes named differently there` : ''}`;
}

function KeptAside({ id, onChange }: { id: string; onChange: () => void }): React.JSX.Element {
  const [report, setReport] = useState<MergeReport | null>(null);
  useEffect(() => {
    void api.call('merge.report', { id }).then((r) => r.ok && setReport(r.value));
  }, [id]);
  if (!report) return <p className="hint">Loading…</p>;
  const retry = async (): Promise<void> => {
    const r = await applyMutation(api.call('merge.retry', { id }));
    if (r) useProject.getState().toast('info', `Retried: ${r.added.codings} codings brought in, ${r.keptAside.codings.length} still aside`);
    onChange();
  };
  const resolve = async (): Promise<void> => {
    const r = await api.call('merge.resolve', { id });
    if (!r.ok) useProject.getState().toast('error', r.error.message);
    onChange();
  };
  return (
    <div className="kept-aside">
      {report.missingDocuments.length > 0 && (
        <>
          <p>Documents not in this project (import them, then retry):</p>
          <ul>
            {report.missingDocuments.map((d) => (
              <li key={d.textHash}>
                “{d.title}” — {d.codings} codings, {d.chars.toLocaleString('en')} characters
              </li>
            ))}
          </ul>
        </>
      )}
      {report.keptAsideReasons.filter((k) => k.reason !== 'document-not-in-project').length > 0 && (
        <ul>
          {report.keptAsideReasons
            .filter((k) => k.reason !== 'document-not-in-project')
            .map((k) => (
              <li key={k.codingId}>{k.detail}</li>
            ))}
        </ul>
      )}
      {report.renamedCodes.map((c) => (
        <p key={c.id} className="hint">
          Code “{c.here}” is called “{c.there}” there; this project’s name was kept.
        </p>
      ))}
      <div className="compare-actions">
        <button className="secondary" onClick={() => void retry()}>
          Retry kept-aside codings
        </button>
        <button className="secondary" onClick={() => void resolve()}>
          Mark resolved
        </button>
      </div>
    </div>
  );
}

/** Merge another coder's work, export one's own, and the merge reports with what was kept aside. */
export function MergePanel({ blind = false }: { blind?: boolean }): React.JSX.Element {
  const all = useProject((s) => s.data?.coders);
  const me = useProject((s) => s.view?.coderId ?? null);
  // Blind coding: one exports one's own work only, and merge reports (other coders' counts) stay hidden.
  const coders = (all ?? []).filter((c) => !blind || c.id === me);
  const [path, setPath] = useState('');
  const [reports, setReports] = useState<MergeReportSummary[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [exportCoder, setExportCoder] = useState<string>('');
  const refresh = useCallback(() => {
    void api.call('merge.reports', {}).then((r) => r.ok && setReports(r.value));
  }, []);
  useEffect(refresh, [refresh]);

  const after = (r: MergeReport | undefined): void => {
    if (!r) return;
    const kept = r.keptAside.codings.length;
    useProject.getState().toast('info', `Merged ${r.source.name}: ${r.added.codings} codings added, ${r.matched.codings} already present${kept ? `, ${kept} kept aside (see Merge reports)` : ''}`);
    refresh();
    if (kept) setOpen(r.id);
    void useCompare.getState().compute();
  };
  const mergePath = async (): Promise<void> => after(await applyMutation(api.call('merge.run', { path: path.trim() })));
  const mergeFile = async (f: File): Promise<void> => after(await applyMutation(api.call('merge.upload', { name: f.name, dataBase64: await toBase64(f) })));
  const doExport = async (): Promise<void> => {
    const id = exportCoder || me;
    if (!id) return;
    const r = await api.call('merge.exportCoder', { coderIds: [id] });
    if (!r.ok) return useProject.getState().toast('error', r.error.message);
    saveText(r.value.fileName, r.value.json, 'application/json');
  };

  return (
    <section className="card merge-panel" aria-label="Merge coders’ work">
      <h3>Merge another coder’s work</h3>
      <form
        className="merge-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void mergePath();
        }}
      >
        <label>
          Project folder (path on this computer; .qdpx and coder-export files: choose a file)
          <input name="merge-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/ben/ecuador-study" />
        </label>
        <button type="submit" className="primary" disabled={!path.trim()}>
          Merge
        </button>
        <label className="secondary file-button">
          Or choose a file…
          <input
            type="file"
            accept=".json,.qdpx,.qde"
            data-testid="merge-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void mergeFile(f);
              e.target.value = '';
            }}
          />
        </label>
      </form>
      <p className="hint">The other folder is only read. A backup is taken first; the merge is one undo step. Codings that cannot be placed are kept in a merge report, never dropped.</p>
      <div className="merge-form">
        <label>
          Export a coder’s work to send to a colleague
          <select value={exportCoder || me || ''} onChange={(e) => setExportCoder(e.target.value)}>
            {coders.map((c) => (
              <option key={c.id} value={c.id}>
                {coderLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <button className="secondary" onClick={() => void doExport()} disabled={coders.length === 0}>
          Export coder file
        </button>
      </div>
      {!blind && <h4>Merge reports</h4>}
      {!blind && reports.length === 0 && <p className="hint">No merges yet.</p>}
      <ul className="merge-reports">
        {(blind ? [] : reports).map((r) => (
          <li key={r.id}>
            <div>
              <strong>{r.source.name}</strong> <span className="hint-inline">{new Date(r.at).toLocaleString()}</span> — {summaryLine(r)}
              {r.keptAside > 0 && (
                <span className={`badge ${r.resolved ? '' : 'warn'}`}>
                  {' '}
                  {r.keptAside} kept aside{r.resolved ? ' (resolved)' : ''}
                </span>
              )}{' '}
              {(r.keptAside > 0 || r.renamedCodes > 0) && (
                <button className="link-button" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                  {open === r.id ? 'Hide' : 'Details'}
                </button>
              )}
            </div>
            {open === r.id && <KeptAside id={r.id} onChange={refresh} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
