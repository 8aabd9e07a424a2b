import { useState } from 'react';
import { flattenTree } from '../../../../core/codebook/paths.js';
import type { SearchMode } from '../../../../core/search/query.js';
import type { SearchResult } from '../../../../core/search/search.js';
import type { SectionMatch } from '../../../../core/search/sections.js';
import type { Id } from '../../../../core/model/types.js';
import type { AutocodeAs } from '../../../../shared/api.js';
import type { HitScope } from '../../../../core/search/scope.js';
import { api } from '../../lib/api.js';
import { applyMutation, useProject } from '../../state/project-store.js';
import { useReader } from '../../reader/index.js';

const hitKey = (h: { documentId: Id; start: number; end: number }): string => `${h.documentId}:${h.start}:${h.end}`;

/** Mode radios shared by search and code-by-section. */
function ModeChoice({ name, mode, onChange }: { name: string; mode: SearchMode; onChange: (m: SearchMode) => void }): React.JSX.Element {
  return (
    <span role="radiogroup" aria-label="Match" className="mode-choice">
      {(
        [
          ['plain', 'Text'],
          ['word', 'Whole word'],
          ['regex', 'Regex'],
        ] as [SearchMode, string][]
      ).map(([m, label]) => (
        <label key={m} className="inline-label">
          <input type="radio" name={name} checked={mode === m} onChange={() => onChange(m)} />
          {label}
        </label>
      ))}
    </span>
  );
}

/** Code and coder choice for autocoding. */
function CodeAs({ codeId, setCodeId, as, setAs, name }: { codeId: Id; setCodeId: (v: Id) => void; as: AutocodeAs; setAs: (v: AutocodeAs) => void; name: string }): React.JSX.Element {
  const codes = useProject((s) => s.data?.codebook ?? []);
  const me = useProject((s) => s.data?.coders.find((c) => c.id === s.view?.coderId)?.name ?? 'me');
  return (
    <span className="code-as">
      <label className="inline-label">
        Code
        <select aria-label={`Code for ${name}`} value={codeId} onChange={(e) => setCodeId(e.target.value)}>
          <option value="">choose…</option>
          {flattenTree(codes).map(({ code, depth }) => (
            <option key={code.id} value={code.id}>
              {`${'  '.repeat(depth)}${code.name}`}
            </option>
          ))}
        </select>
      </label>
      <span role="radiogroup" aria-label="Code as" className="mode-choice">
        <label className="inline-label">
          <input type="radio" name={`${name}-as`} checked={as === 'me'} onChange={() => setAs('me')} />
          as {me}
        </label>
        <label className="inline-label" title="A separate machine coder flagged as autocode, so agreement never counts it unnoticed">
          <input type="radio" name={`${name}-as`} checked={as === 'auto'} onChange={() => setAs('auto')} />
          as “auto” coder
        </label>
      </span>
    </span>
  );
}

/** Project-wide search with keyword-in-context results grouped by document; code all (ticked) hits; code by section. */
export function SearchPanel(): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const jumpTo = useReader((s) => s.jumpTo);
  const [q, setQ] = useState('');
  const [mode, setMode] = useState<SearchMode>('plain');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [result, setResult] = useState<(SearchResult & { query: { text: string; mode: SearchMode; caseSensitive: boolean } }) | null>(null);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [codeId, setCodeId] = useState<Id>('');
  const [as, setAs] = useState<AutocodeAs>('me');
  const [scope, setScope] = useState<HitScope>('sentence');
  const [pattern, setPattern] = useState('');
  const [secMode, setSecMode] = useState<SearchMode>('plain');
  const [sections, setSections] = useState<SectionMatch[] | null>(null);
  const [secCode, setSecCode] = useState<Id>('');
  const [secAs, setSecAs] = useState<AutocodeAs>('me');
  if (!data) return null;
  const title = new Map(data.documents.map((d) => [d.id, d.title]));
  const toast = useProject.getState().toast;

  const run = async (): Promise<void> => {
    const query = { text: q, mode, caseSensitive };
    const r = await api.call('search.run', query);
    if (!r.ok) return toast('error', r.error.message);
    setResult({ ...r.value, query });
    setExcluded(new Set());
  };
  const chosen = result ? result.groups.flatMap((g) => g.hits).filter((h) => !excluded.has(hitKey(h))) : [];
  const codeHits = async (): Promise<void> => {
    if (!result || !codeId) return;
    const r = await applyMutation(api.call('search.codeHits', { ...result.query, codeId, as, scope, only: chosen.map((h) => ({ documentId: h.documentId, start: h.start, end: h.end })) }));
    const unit = scope === 'hit' ? 'hit' : scope;
    if (r) toast('info', `Coded ${r.added} ${unit}${r.added === 1 ? '' : 's'}${r.existing ? ` (${r.existing} already coded)` : ''}. Undo removes them all.`);
  };
  const preview = async (): Promise<void> => {
    const r = await api.call('autocode.sectionsPreview', { pattern, mode: secMode });
    if (!r.ok) return toast('error', r.error.message);
    setSections(r.value);
  };
  const codeSections = async (): Promise<void> => {
    if (!secCode) return;
    const r = await applyMutation(api.call('autocode.sections', { pattern, mode: secMode, codeId: secCode, as: secAs }));
    if (r) toast('info', `Coded ${r.added} section${r.added === 1 ? '' : 's'}${r.existing ? ` (${r.existing} already coded)` : ''}. Undo removes them all.`);
  };

  return (
    <div className="search-panel">
      <section className="card" aria-label="Project search">
        <form
          className="search-form"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <input aria-label="Search the project" placeholder="Search all documents…" value={q} onChange={(e) => setQ(e.target.value)} />
          <ModeChoice name="search-mode" mode={mode} onChange={setMode} />
          <label className="inline-label">
            <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />
            Match case
          </label>
          <button type="submit" className="primary" disabled={!q.trim()}>
            Search
          </button>
        </form>
        {result && (
          <>
            <div className="results-head">
              <strong data-testid="search-count">
                {result.total} hit{result.total === 1 ? '' : 's'} in {result.groups.length} document{result.groups.length === 1 ? '' : 's'}
              </strong>
              {result.truncated && <span className="badge warn">{result.truncated === 'time' ? 'stopped: time budget' : 'stopped: too many hits'}</span>}
              <span className="spacer" />
              <CodeAs name="hits" codeId={codeId} setCodeId={setCodeId} as={as} setAs={setAs} />
              <label className="inline-label" title="How much text each coded hit covers: matrix evidence needs the claim, not just the word">
                Code
                <select aria-label="What to code around each hit" value={scope} onChange={(e) => setScope(e.target.value as HitScope)}>
                  <option value="hit">the hit only</option>
                  <option value="sentence">its sentence</option>
                  <option value="paragraph">its paragraph</option>
                </select>
              </label>
              <button className="primary" disabled={readOnly || !codeId || chosen.length === 0} onClick={() => void codeHits()}>
                Code {chosen.length} hit{chosen.length === 1 ? '' : 's'}
              </button>
            </div>
            <p className="hint">Preview: untick hits you do not want coded. One undo removes the whole batch.</p>
            {result.groups.map((g) => (
              <div key={g.documentId} className="hit-group">
                <h3>
                  {title.get(g.documentId) ?? g.documentId} <span className="hint-inline">({g.hits.length})</span>
                </h3>
                <ul className="hit-list">
                  {g.hits.map((h) => (
                    <li key={hitKey(h)} className="hit">
                      <input
                        type="checkbox"
                        aria-label={`Code this hit: ${h.match}`}
                        checked={!excluded.has(hitKey(h))}
                        onChange={(e) =>
                          setExcluded((s) => {
                            const n = new Set(s);
                            if (e.target.checked) n.delete(hitKey(h));
                            else n.add(hitKey(h));
                            return n;
                          })
                        }
                      />
                      <button className="kwic link-like" onClick={() => jumpTo({ documentId: h.documentId, start: h.start, end: h.end })}>
                        <span className="ctx">
                          {h.cutBefore ? '…' : ''}
                          {h.before}
                        </span>
                        <mark>{h.match}</mark>
                        <span className="ctx">
                          {h.after}
                          {h.cutAfter ? '…' : ''}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </>
        )}
      </section>
      <section className="card" aria-label="Code by section">
        <h2>Code by section</h2>
        <p className="hint">Apply a code to the text under every heading that matches, e.g. each case’s “Direct diplomacy” section.</p>
        <form
          className="search-form"
          onSubmit={(e) => {
            e.preventDefault();
            void preview();
          }}
        >
          <input aria-label="Heading pattern" placeholder="Heading, e.g. Direct diplomacy" value={pattern} onChange={(e) => setPattern(e.target.value)} />
          <ModeChoice name="section-mode" mode={secMode} onChange={setSecMode} />
          <button type="submit" className="secondary" disabled={!pattern.trim()}>
            Preview sections
          </button>
        </form>
        {sections && (
          <>
            <div className="results-head">
              <strong data-testid="section-count">
                {sections.length} section{sections.length === 1 ? '' : 's'}
              </strong>
              <span className="spacer" />
              <CodeAs name="sections" codeId={secCode} setCodeId={setSecCode} as={secAs} setAs={setSecAs} />
              <button className="primary" disabled={readOnly || !secCode || sections.length === 0} onClick={() => void codeSections()}>
                Code {sections.length} section{sections.length === 1 ? '' : 's'}
              </button>
            </div>
            <ul className="hit-list">
              {sections.map((s) => (
                <li key={`${s.documentId}:${s.start}`} className="hit">
                  <button className="link-like" onClick={() => jumpTo({ documentId: s.documentId, start: s.start, end: s.end })}>
                    <strong>{s.heading}</strong> — {title.get(s.documentId)} · {(s.end - s.start).toLocaleString()} characters
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
