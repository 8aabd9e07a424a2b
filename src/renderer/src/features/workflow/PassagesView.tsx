import { useEffect, useMemo, useState } from 'react';
import { flattenTree } from '../../../../core/codebook/paths.js';
import type { Passage, PassageFilter } from '../../../../core/retrieval/passages.js';
import type { Id } from '../../../../core/model/types.js';
import { useProject } from '../../state/project-store.js';
import { totalFor } from '../../state/project-mirror.js';
import { saveText } from '../../lib/download.js';
import { api } from '../../lib/api.js';
import { useShownCoders } from './store.js';
import { useReader } from '../../reader/index.js';
import { SearchPanel } from './SearchPanel.js';
import { FrequencyPanel } from './FrequencyPanel.js';
import { CONTEXT_CHARS } from '../../../../core/codings/anchor.js';
import { passageSnippets } from '../../../../core/search/snippet.js';

type Tab = 'passages' | 'search' | 'tables';

/** The analysis view: coded passages (retrieval), project search with autocode, and frequency tables. */
export function PassagesView(): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('passages');
  const shown = useShownCoders();
  const total = useProject((s) => (s.codings ? totalFor(s.codings, shown) : 0));
  const tabs: [Tab, string][] = [
    ['passages', 'Coded passages'],
    ['search', 'Search & autocode'],
    ['tables', 'Frequencies'],
  ];
  return (
    <main className="workflow-view" aria-label="Passages">
      <div className="sub-tabs" role="tablist" aria-label="Passages views">
        {tabs.map(([id, label]) => (
          <button key={id} role="tab" id={`tab-${id}`} aria-selected={tab === id} className={`view-tab${tab === id ? ' active' : ''}`} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
        <span className="spacer" />
        <span className="code-total" data-testid="codings-count" title="Codings shown, in the whole project">
          {total} coding{total === 1 ? '' : 's'}
        </span>
      </div>
      <div role="tabpanel" aria-labelledby={`tab-${tab}`} className="workflow-panel">
        {tab === 'passages' ? <RetrievalPanel /> : tab === 'search' ? <SearchPanel /> : <FrequencyPanel />}
      </div>
    </main>
  );
}

/** A multi-select as a compact checkbox list (keyboard: Tab and Space). */
function Picker({ label, options, value, onChange }: { label: string; options: { id: Id; label: string; depth?: number }[]; value: Id[]; onChange: (v: Id[]) => void }): React.JSX.Element {
  return (
    <fieldset className="picker-box">
      <legend>
        {label} {value.length ? `(${value.length})` : '(all)'}
        {value.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            clear
          </button>
        )}
      </legend>
      <div className="picker-options">
        {options.map((o) => (
          <label key={o.id} className="inline-label" style={{ paddingLeft: (o.depth ?? 0) * 14 }}>
            <input type="checkbox" checked={value.includes(o.id)} onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Retrieval: filter coded passages by codes (with or without sub-codes), cases, documents and coders; jump to one; export. */
function RetrievalPanel(): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const shown = useShownCoders();
  const jumpTo = useReader((s) => s.jumpTo);
  const [filter, setFilter] = useState<Required<Omit<PassageFilter, 'includeChildren'>> & { includeChildren: boolean }>({ codeIds: [], includeChildren: true, caseIds: [], documentIds: [], coderIds: [] });
  // The coder view (blind mode above all) bounds what retrieval can show.
  const query = useMemo<PassageFilter | null>(() => {
    const coders = filter.coderIds.length ? filter.coderIds.filter((c) => !shown || shown.has(c)) : shown ? [...shown] : [];
    return shown && coders.length === 0 ? null : { ...filter, coderIds: coders };
  }, [filter, shown]);
  // The backend retrieves (one definition for the UI, the CLI and scripts); asked again when the project changes.
  const [passages, setPassages] = useState<Passage[]>([]);
  const revision = useProject((s) => s.view?.revision ?? 0);
  useEffect(() => {
    if (!query) return setPassages([]);
    let current = true;
    void api.call('retrieval.passages', query).then((r) => {
      if (!current) return;
      if (r.ok) setPassages(r.value);
      else useProject.getState().toast('error', r.error.message);
    });
    return () => {
      current = false;
    };
  }, [query, revision]);
  const exportAs = async (format: 'csv' | 'md'): Promise<void> => {
    if (!query) return;
    const r = await api.call('retrieval.export', { ...query, format });
    if (!r.ok) return useProject.getState().toast('error', r.error.message);
    saveText(r.value.fileName, r.value.text, format === 'csv' ? 'text/csv' : 'text/markdown');
  };
  if (!data) return null;
  const coders = data.coders.filter((c) => !shown || shown.has(c.id));
  return (
    <div className="retrieval">
      <form className="retrieval-filters" aria-label="Filter passages" onSubmit={(e) => e.preventDefault()}>
        <Picker label="Codes" options={flattenTree(data.codebook).map(({ code, depth }) => ({ id: code.id, label: code.name, depth }))} value={filter.codeIds} onChange={(codeIds) => setFilter({ ...filter, codeIds })} />
        <label className="inline-label">
          <input type="checkbox" checked={filter.includeChildren} onChange={(e) => setFilter({ ...filter, includeChildren: e.target.checked })} />
          Include sub-codes
        </label>
        <Picker label="Cases" options={data.cases.map((c) => ({ id: c.id, label: c.name }))} value={filter.caseIds} onChange={(caseIds) => setFilter({ ...filter, caseIds })} />
        <Picker label="Documents" options={data.documents.map((d) => ({ id: d.id, label: d.title }))} value={filter.documentIds} onChange={(documentIds) => setFilter({ ...filter, documentIds })} />
        <Picker label="Coders" options={coders.map((c) => ({ id: c.id, label: `${c.name}${c.auto ? ' (autocode)' : ''}` }))} value={filter.coderIds} onChange={(coderIds) => setFilter({ ...filter, coderIds })} />
      </form>
      <section className="retrieval-results" aria-label="Coded passages">
        <div className="results-head">
          <strong data-testid="passage-count">
            {passages.length} passage{passages.length === 1 ? '' : 's'}
          </strong>
          <span className="spacer" />
          <button className="secondary" disabled={!passages.length} onClick={() => void exportAs('csv')}>
            Export CSV
          </button>
          <button className="secondary" disabled={!passages.length} onClick={() => void exportAs('md')}>
            Export Markdown
          </button>
        </div>
        <ol className="passage-list">
          {passages.slice(0, 500).map((p) => {
            const ctx = passageSnippets(p.prefix, p.suffix, CONTEXT_CHARS);
            return (
              <li key={p.codingId} className="passage" data-coding-id={p.codingId}>
                <button className="passage-open" onClick={() => jumpTo({ documentId: p.documentId, start: p.start, end: p.end, codingId: p.codingId })} aria-label={`Open in the reader: ${p.code}, ${p.document}`}>
                  <span className="passage-meta">
                    <span className="swatch" style={{ background: p.color }} aria-hidden="true" />
                    <strong>{p.code}</strong> · {p.document}
                    {p.case ? ` · ${p.case}` : ''}
                    {p.page !== null ? ` · p. ${p.page}` : ''} · {p.coder}
                  </span>
                  <span className="kwic">
                    <span className="ctx">
                      {ctx.before.cut ? '…' : ''}
                      {ctx.before.text}
                    </span>
                    <mark style={{ background: `${p.color}33` }}>{p.exact.length > 600 ? `${p.exact.slice(0, 600)}…` : p.exact}</mark>
                    <span className="ctx">
                      {ctx.after.text}
                      {ctx.after.cut ? '…' : ''}
                    </span>
                  </span>
                  {p.memo && <span className="passage-memo">Memo: {p.memo}</span>}
                </button>
              </li>
            );
          })}
        </ol>
        {passages.length > 500 && <p className="hint">Showing the first 500; the exports hold all {passages.length}.</p>}
        {passages.length === 0 && <p className="hint">No coded passage matches these filters.</p>}
      </section>
    </div>
  );
}
