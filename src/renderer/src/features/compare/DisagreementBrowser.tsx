import { useEffect, useMemo, useRef, useState } from 'react';
import { adjudicationProgress, decidedCodingIds, extentParts, findDisagreements, isDecided, nudgeEdge, shortQuote, snapToWords, type Disagreement, type Span } from '../../../../core/adjudication/index.js';
import { codePaths } from '../../../../core/codebook/paths.js';
import type { Coding, Provenance } from '../../../../core/model/types.js';
import { api } from '../../lib/api.js';
import { applyMutation, useProject } from '../../state/project-store.js';
import { AdjudicationText, selectionOffsets } from './AdjudicationText.js';
import { useCompare } from './store.js';
import { coderLabel } from './strength.js';
import { typing } from '../../reader/index.js';

const KIND_SHORT: Record<Disagreement['kind'], string> = { boundary: 'Boundary', label: 'Label', 'a-only': 'Only A', 'b-only': 'Only B' };

/** "Legislation · “Parliament passed the…”" or "Legislation ≠ Institution building · “…”": what an item is about, in words. */
function itemLabel(d: Disagreement, paths: Map<string, string>): string {
  const name = (id: string) => (paths.get(id) ?? id).split('/').pop() ?? id;
  const codes = [...new Set([...d.a, ...d.b].map((c) => name(c.codeId)))];
  const first = [...d.a, ...d.b].sort((x, y) => x.start - y.start)[0];
  return `${KIND_SHORT[d.kind]} · ${codes.join(' ≠ ')} · “${shortQuote(first?.exact ?? '', 36)}”`;
}

/** One coder's extent over the disagreement's span: what it covers, and (struck) what only the other extent has. */
function Extent({ text, coding, union, side }: { text: string; coding: Span; union: Span; side: 'A' | 'B' }): React.JSX.Element {
  return (
    <q className="adj-extent">
      {extentParts(text, coding, union).map((p, i) =>
        p.elided ? (
          <span key={i} className="adj-elided" title="text elided">
            {p.text}
          </span>
        ) : p.inside ? (
          <span key={i}>{p.text}</span>
        ) : (
          <del key={i} className="adj-out" title={`Not in ${side}’s extent`}>
            {p.text}
          </del>
        ),
      )}
    </q>
  );
}

const KIND_TEXT: Record<Disagreement['kind'], string> = {
  boundary: 'Boundary: same code, different extent',
  label: 'Label: same passage, different codes',
  'a-only': 'Only A coded this',
  'b-only': 'Only B coded this',
};

/**
 * Review and adjudicate where two coders disagree in one document: the text with both coders'
 * codings, a queue stepped through with n/p (or the arrow keys), and for each item accept A (a),
 * accept B (b), accept both (o), edit (e) or reject (x) — each decision one undo step, written to
 * the consensus coder with provenance.
 */
export function DisagreementBrowser(): React.JSX.Element | null {
  const target = useCompare((s) => s.browser);
  const setCompare = useCompare((s) => s.set);
  const data = useProject((s) => s.data);
  const [text, setText] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [edit, setEdit] = useState<{ start: number; end: number; codeId: string } | null>(null);
  const editRef = useRef(edit);
  editRef.current = edit;

  useEffect(() => {
    if (!target) return;
    void api.call('document.content', { id: target.documentId }).then((r) => (r.ok ? setText(r.value.text) : useProject.getState().toast('error', r.error.message)));
  }, [target]);

  const queue = useMemo(() => (data && target ? findDisagreements(data.codings, target.documentId, target.coderA, target.coderB, target.codeIds) : null), [data, target]);
  const decided = useMemo(() => (data && target ? decidedCodingIds(data, target.documentId) : new Set<string>()), [data, target]);
  const paths = useMemo(() => codePaths(data?.codebook ?? []), [data?.codebook]);
  const items = queue?.disagreements ?? [];
  const cur = items[Math.min(index, items.length - 1)] ?? null;
  // Open at the first disagreement not yet decided (once per opened document).
  const openedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!target || !queue || openedFor.current === target.documentId + target.codeIds.join()) return;
    openedFor.current = target.documentId + target.codeIds.join();
    const first = items.findIndex((d) => !isDecided(d, decided));
    setIndex(first >= 0 ? first : 0);
  }, [target, queue]);
  // While editing, a selection made in the text becomes the edited extent (widened to whole words).
  useEffect(() => {
    const onUp = (ev: MouseEvent): void => {
      if (!(ev.target instanceof Element) || !ev.target.closest('.adj-text')) return;
      const e = editRef.current;
      const sel = selectionOffsets();
      if (!e || !sel || !text) return;
      setEdit({ ...e, ...snapToWords(text, sel) });
    };
    document.addEventListener('mouseup', onUp);
    return () => document.removeEventListener('mouseup', onUp);
  }, [text]);

  const step = (delta: number): void => {
    setEdit(null);
    setIndex((i) => Math.max(0, Math.min(items.length - 1, i + delta)));
  };
  const decide = async (decision: Provenance['decision']): Promise<void> => {
    if (!cur || !target) return;
    const from = [...cur.a, ...cur.b].map((c) => c.id);
    const keep = decision === 'accept-a' ? cur.a : decision === 'accept-b' ? cur.b : decision === 'accept-both' ? [...cur.a, ...cur.b] : [];
    if (decision.startsWith('accept') && keep.length === 0) return;
    if (decision === 'edit' && !edit) {
      const first = cur.a[0] ?? cur.b[0];
      setEdit({ start: cur.start, end: cur.end, codeId: first?.codeId ?? '' });
      return;
    }
    // Accept both on one code (a boundary disagreement) keeps one coding: the backend writes the union.
    const r = await applyMutation(api.call('adjudication.decide', { documentId: target.documentId, fromCodingIds: from, decision, ...(keep.length ? { keep: keep.map((c) => c.id) } : {}), ...(decision === 'edit' && edit ? { edit } : {}) }));
    if (!r) return;
    setEdit(null);
    // Move on to the next undecided item after this one.
    const after = items.findIndex((d, i) => i > index && !isDecided(d, new Set([...decided, ...from])));
    if (after >= 0) setIndex(after);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
      const k = e.key;
      const act: Record<string, () => void> = {
        n: () => step(1),
        ArrowRight: () => step(1),
        ArrowDown: () => step(1),
        p: () => step(-1),
        ArrowLeft: () => step(-1),
        ArrowUp: () => step(-1),
        a: () => void decide('accept-a'),
        b: () => void decide('accept-b'),
        o: () => void decide('accept-both'),
        e: () => void decide('edit'),
        x: () => void decide('reject'),
        Escape: () => setCompare({ browser: null }),
      };
      const f = act[k];
      if (f) {
        e.preventDefault();
        f();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!data || !target || !queue) return null;
  const coderA = data.coders.find((c) => c.id === target.coderA);
  const coderB = data.coders.find((c) => c.id === target.coderB);
  const doc = data.documents.find((d) => d.id === target.documentId);
  const progress = adjudicationProgress(queue, decided);
  // The compared codes' codings, and those of other codes that a listed label disagreement pairs with them.
  const listed = new Set(items.flatMap((d) => [...d.a, ...d.b]).map((c) => c.id));
  const mine = (coder: string) => data.codings.filter((c) => c.documentId === target.documentId && c.coderId === coder && (target.codeIds.includes(c.codeId) || listed.has(c.id)));
  const describe = (c: Coding, side: 'A' | 'B') => (
    <li key={c.id}>
      <strong>{paths.get(c.codeId) ?? c.codeId}</strong> {text ? <Extent text={text} coding={c} union={cur ?? c} side={side} /> : <q>{shortQuote(c.exact, 120)}</q>}
    </li>
  );
  const nudge = (edge: 'start' | 'end', dir: -1 | 1): void => {
    if (edit && text) setEdit({ ...edit, ...nudgeEdge(text, edit, edge, dir) });
  };
  const copyAgreements = async (): Promise<void> => {
    const r = await applyMutation(api.call('adjudication.acceptAgreements', { documentId: target.documentId, coderA: target.coderA, coderB: target.coderB, codeIds: target.codeIds }));
    if (r !== undefined) useProject.getState().toast('info', `Copied ${r.copied} ${r.copied === 1 ? 'agreement' : 'agreements'} to the consensus coder`);
  };
  const pct = progress.total === 0 ? 100 : Math.round((progress.decided / progress.total) * 100);
  return (
    <div className="adj-browser" aria-label="Disagreement browser">
      <header className="adj-head">
        <button className="secondary" onClick={() => setCompare({ browser: null })} title="Back to the table (Esc)">
          ← Back
        </button>
        <h2>{doc?.title ?? target.documentId}</h2>
        <span className="adj-legend">
          <span className="adj-a">A: {coderA ? coderLabel(coderA) : '?'}</span> <span className="adj-b">B: {coderB ? coderLabel(coderB) : '?'}</span> <span className="adj-both">both, same code</span>{' '}
          <span className="adj-diff">both, different codes</span>
        </span>
        <span className="hint-inline">{target.codeIds.length === 1 ? (paths.get(target.codeIds[0] ?? '') ?? '') : `${target.codeIds.length} codes`}</span>
      </header>
      <div className="adj-body">
        <AdjudicationText text={text ?? ''} a={mine(target.coderA)} b={mine(target.coderB)} current={cur} edit={edit} />
        <aside className="adj-side">
          <div className="adj-progress" role="status" aria-label="Adjudication progress">
            <div className="adj-progress-bar" aria-hidden="true">
              <div style={{ width: `${pct}%` }} />
            </div>
            Decided {progress.decided} of {progress.total} disagreements · agreements copied {progress.agreementsCopied} of {queue.agreements.length}
          </div>
          {queue.agreements.length > progress.agreementsCopied && (
            <button className="secondary" onClick={() => void copyAgreements()}>
              Copy {queue.agreements.length - progress.agreementsCopied} {queue.agreements.length - progress.agreementsCopied === 1 ? 'agreement' : 'agreements'} to consensus
            </button>
          )}
          {cur ? (
            <section className="adj-current-card card" aria-live="polite">
              <h3>
                {Math.min(index, items.length - 1) + 1} / {items.length} · {KIND_TEXT[cur.kind]} {isDecided(cur, decided) && <span className="badge">decided</span>}
              </h3>
              <p className="adj-side-label adj-a">A</p>
              <ul>{cur.a.length ? cur.a.map((c) => describe(c, 'A')) : <li className="hint-inline">nothing</li>}</ul>
              <p className="adj-side-label adj-b">B</p>
              <ul>{cur.b.length ? cur.b.map((c) => describe(c, 'B')) : <li className="hint-inline">nothing</li>}</ul>
              <div className="adj-actions">
                <button className="secondary" disabled={cur.a.length === 0} onClick={() => void decide('accept-a')}>
                  Accept A <kbd>a</kbd>
                </button>
                <button className="secondary" disabled={cur.b.length === 0} onClick={() => void decide('accept-b')}>
                  Accept B <kbd>b</kbd>
                </button>
                <button
                  className="secondary"
                  disabled={cur.a.length === 0 || cur.b.length === 0}
                  onClick={() => void decide('accept-both')}
                  title={cur.kind === 'boundary' ? 'One coding over both extents' : 'Both codings, each with its code'}
                >
                  {cur.kind === 'boundary' ? 'Union of both' : 'Accept both'} <kbd>o</kbd>
                </button>
                <button className="secondary" onClick={() => void decide('edit')}>
                  Edit <kbd>e</kbd>
                </button>
                <button className="secondary danger" onClick={() => void decide('reject')}>
                  Reject <kbd>x</kbd>
                </button>
              </div>
              {edit && (
                <form
                  className="adj-edit"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void decide('edit');
                  }}
                >
                  <p className="adj-edit-extent" aria-label="Edited extent">
                    {text ? <Extent text={text} coding={edit} union={{ start: Math.min(edit.start, cur.start), end: Math.max(edit.end, cur.end) }} side="A" /> : null}
                  </p>
                  <div className="adj-nudges" role="group" aria-label="Adjust the extent by words">
                    <span>Start</span>
                    <button type="button" className="secondary" onClick={() => nudge('start', -1)} aria-label="Start one word earlier">
                      ◀
                    </button>
                    <button type="button" className="secondary" onClick={() => nudge('start', 1)} aria-label="Start one word later">
                      ▶
                    </button>
                    <span>End</span>
                    <button type="button" className="secondary" onClick={() => nudge('end', -1)} aria-label="End one word earlier">
                      ◀
                    </button>
                    <button type="button" className="secondary" onClick={() => nudge('end', 1)} aria-label="End one word later">
                      ▶
                    </button>
                  </div>
                  <p className="hint">Or select the passage in the text: the selection becomes the extent.</p>
                  <label>
                    Code
                    <select value={edit.codeId} onChange={(e) => setEdit({ ...edit, codeId: e.target.value })}>
                      {data.codebook.map((k) => (
                        <option key={k.id} value={k.id}>
                          {paths.get(k.id)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" className="primary">
                    Save edited coding
                  </button>
                  <button type="button" className="secondary" onClick={() => setEdit(null)}>
                    Cancel
                  </button>
                </form>
              )}
              <div className="adj-nav">
                <button className="secondary" onClick={() => step(-1)} disabled={index <= 0}>
                  ← Previous <kbd>p</kbd>
                </button>
                <button className="secondary" onClick={() => step(1)} disabled={index >= items.length - 1}>
                  Next <kbd>n</kbd> →
                </button>
              </div>
            </section>
          ) : (
            <p className="hint">No disagreements in this document for these codes.</p>
          )}
          <ol className="adj-queue" aria-label="Disagreements">
            {items.map((d, i) => (
              <li key={d.id}>
                <button className={`link-button${d === cur ? ' active' : ''}`} aria-current={d === cur} onClick={() => setIndex(i)}>
                  {isDecided(d, decided) ? '✓' : '•'} {itemLabel(d, paths)}
                </button>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </div>
  );
}
