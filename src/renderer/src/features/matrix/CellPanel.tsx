import { useEffect, useState } from 'react';
import { codePath } from '../../../../core/codebook/paths.js';
import { independentCoderIds } from '../../../../core/matrix/consensus.js';
import type { EvidenceRef } from '../../../../core/matrix/evidence.js';
import { findRating, MAX_NOTE_CHARS } from '../../../../core/matrix/ratings.js';
import type { ViewCoder } from '../../../../core/matrix/view.js';
import type { Id, Matrix, ProjectData, Rating } from '../../../../core/model/types.js';
import { useApiRead } from '../../lib/use-api-read.js';
import { openPassage } from '../../reader/index.js';
import { matrixActions, type CellRef } from './store.js';

interface CellPanelProps {
  data: ProjectData;
  matrix: Matrix;
  cell: CellRef;
  /** Whose ratings the view shows. */
  coder: ViewCoder;
  /** The session's coder (who rates and adjudicates), null until named. */
  me: Id | null;
  readOnly: boolean;
  blind: boolean;
  onClose(): void;
  onRateAsMe(): void;
}

const NONE: EvidenceRef[] = [];

/** How the consensus came about, as a phrase naming who decided: "Ana took the first coder’s rating". */
export function consensusPhrase(decision: string, decider: string): string {
  const phrases: Record<string, string> = {
    'accept-a': `${decider} took the first coder’s rating`,
    'accept-b': `${decider} took the second coder’s rating`,
    'accept-both': `both coders agreed; confirmed by ${decider}`,
    edit: `decided by ${decider}`,
    reject: `cleared by ${decider}`,
  };
  return phrases[decision] ?? `${decision} by ${decider}`;
}

/** Open an evidence passage in the reader, selected. */
function openInReader(e: EvidenceRef): Promise<void> {
  return openPassage({ documentId: e.documentId, start: e.start, end: e.end, codingId: e.codingId });
}

function coderName(data: ProjectData, id: Id): string {
  return data.coders.find((c) => c.id === id)?.name ?? id;
}

/** One evidence passage: pick it (checkbox), read it, and open it in the reader. */
function Passage({ e, data, checked, onToggle, showCoder }: { e: EvidenceRef; data: ProjectData; checked: boolean | null; onToggle?: () => void; showCoder: boolean }): React.JSX.Element {
  const quote = e.quote.replace(/\s+/g, ' ').trim();
  return (
    <li className="mx-passage" data-coding-id={e.codingId}>
      {checked !== null && <input type="checkbox" checked={checked} onChange={onToggle} aria-label={`Cite “${quote.slice(0, 40)}”`} />}
      <div className="mx-passage-body">
        <blockquote>{quote.length > 260 ? `${quote.slice(0, 259)}…` : quote}</blockquote>
        <div className="mx-passage-meta">
          {e.documentTitle}
          {e.page !== null ? `, p. ${e.page}` : ''}
          {showCoder ? ` · ${coderName(data, e.coderId)}` : ''}
          <button type="button" className="link-button" onClick={() => void openInReader(e)}>
            Open in reader
          </button>
        </div>
      </div>
    </li>
  );
}

/**
 * The panel of one cell: its rating (scale labels as a keyboard-selectable radio group), a short
 * note and the evidence passages, suggested from the coded passages of the column's code in the
 * case's documents and picked by check box. For the consensus coder it adjudicates: each coder's
 * rating with an Accept button, or a value of one's own. Every save is one undo step.
 */
export function CellPanel({ data, matrix, cell, coder, me, readOnly, blind, onClose, onRateAsMe }: CellPanelProps): React.JSX.Element {
  const consensusId = data.coders.find((c) => c.consensus)?.id ?? null;
  const adjudicating = coder === 'consensus';
  const target: Id | null = adjudicating ? consensusId : coder === 'all' ? null : coder;
  const editable = !readOnly && me !== null && (adjudicating || target === me);
  const independents = independentCoderIds(data);
  const at = { matrixId: matrix.id, caseId: cell.caseId, codeId: cell.codeId };
  // The cell's evidence as `matrix.evidence` gives it: the coder's rating and own passages, or for
  // the consensus every independent coder's; beside a coder's own, the other coders' passages.
  const own = useApiRead('matrix.evidence', adjudicating || target ? { ...at, coder: adjudicating ? 'consensus' : (target ?? 'all') } : null);
  const pooled = useApiRead('matrix.evidence', !blind && !adjudicating && target ? { ...at, coder: 'all' } : null);
  const evidence = own?.ok ? own.value : null;
  const rating: Rating | null = evidence?.rating ?? null;
  const suggested = evidence?.suggested ?? NONE;
  const others = pooled?.ok ? pooled.value.suggested.filter((e) => e.coderId !== target) : NONE;
  const [value, setValue] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<Set<Id>>(new Set());
  const resetKey = `${cell.caseId}|${cell.codeId}|${target}|${evidence ? 'loaded' : ''}|${rating?.updated ?? ''}`;
  useEffect(() => {
    setValue(rating?.value ?? null);
    setNote(rating?.note ?? '');
    const fresh = !rating || (rating.value === null && rating.evidence.length === 0);
    setPicked(new Set(fresh ? suggested.map((e) => e.codingId) : rating.evidence));
    // Reset only when the cell's evidence arrives, or the cell, the coder or the stored rating changes (not on every render).
  }, [resetKey]);

  const caseName = evidence?.caseName ?? data.cases.find((c) => c.id === cell.caseId)?.name ?? cell.caseId;
  const column = evidence?.columnPath ?? codePath(data.codebook, cell.codeId);
  const toggle = (id: Id): void => setPicked((p) => (p.has(id) ? new Set([...p].filter((x) => x !== id)) : new Set([...p, id])));
  const save = async (): Promise<void> => {
    const args = { matrixId: matrix.id, caseId: cell.caseId, codeId: cell.codeId, value, note, evidence: [...suggested, ...others].map((e) => e.codingId).filter((id) => picked.has(id)) };
    await (adjudicating ? matrixActions.adjudicate(args) : matrixActions.rate(args));
  };
  const labels = [...matrix.scale, matrix.notApplicable];
  // "n cited" counts exactly the boxes shown checked (and what Save would store)
  const cited = suggested.filter((e) => (editable ? picked.has(e.codingId) : (rating?.evidence.includes(e.codingId) ?? false))).length + (editable ? others.filter((e) => picked.has(e.codingId)).length : 0);
  const sourceRatings = independents.map((id) => ({ id, r: findRating(data, matrix.id, cell.caseId, cell.codeId, id) ?? null }));

  return (
    <aside className="mx-panel card" aria-label={`Cell ${caseName} × ${column}`}>
      <div className="mx-panel-head">
        <h2>
          {caseName} <span className="hint-inline">×</span> {column}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close cell">
          ✕
        </button>
      </div>
      {(adjudicating || coder === 'all') && !blind && (
        <section className="mx-coders" aria-label="Ratings by coder">
          <h3>Ratings by coder</h3>
          {sourceRatings.length === 0 && <p className="hint-inline">No independent coder yet.</p>}
          <ul>
            {sourceRatings.map(({ id, r }) => (
              <li key={id}>
                <strong>{coderName(data, id)}</strong>: {r?.value ?? <em>unrated</em>}
                {r?.note ? <span className="mx-coder-note"> — {r.note}</span> : null}
                {r && r.evidence.length > 0 ? (
                  <span className="hint-inline">
                    {' '}
                    · {r.evidence.length} passage{r.evidence.length === 1 ? '' : 's'} cited
                  </span>
                ) : null}
                {adjudicating && editable && r?.value && (
                  <button type="button" className="secondary mx-accept" onClick={() => void matrixActions.adjudicate({ matrixId: matrix.id, caseId: cell.caseId, codeId: cell.codeId, value: r.value, ...(r.note ? { note: r.note } : {}) })}>
                    Accept {coderName(data, id)}: {r.value}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {adjudicating && rating?.provenance && (
            <p className="hint-inline">
              Consensus: <strong>{rating.value ?? 'unrated'}</strong> — {consensusPhrase(rating.provenance.decision, coderName(data, rating.provenance.decidedBy))}
            </p>
          )}
          {coder === 'all' && me && !readOnly && (
            <button type="button" className="secondary" onClick={onRateAsMe}>
              Rate this cell as {coderName(data, me)}
            </button>
          )}
        </section>
      )}
      {(target || adjudicating) && (
        <form
          className="mx-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
        >
          <fieldset className="mx-scale" disabled={!editable}>
            <legend>{adjudicating || !target ? 'Consensus rating' : `Rating by ${coderName(data, target)}`}</legend>
            {labels.map((l) => (
              <label key={l} className={`mx-scale-option${value === l ? ' on' : ''}`}>
                <input type="radio" name="mx-rating" value={l} checked={value === l} onChange={() => setValue(l)} />
                {l}
              </label>
            ))}
            <label className={`mx-scale-option${value === null ? ' on' : ''}`}>
              <input type="radio" name="mx-rating" value="" checked={value === null} onChange={() => setValue(null)} />
              <em>unrated</em>
            </label>
          </fieldset>
          <label className="mx-note-field">
            Note (a short summary of the judgement)
            <textarea rows={3} maxLength={MAX_NOTE_CHARS} value={note} disabled={!editable} onChange={(e) => setNote(e.target.value)} />
          </label>
          <section aria-label="Evidence">
            <h3>
              Evidence{' '}
              <span className="hint-inline">
                ({cited} cited; suggested from the passages coded {column.split('/').pop()} in {caseName})
              </span>
            </h3>
            {suggested.length === 0 && <p className="hint-inline">No coded passage of this code in this case{target && !adjudicating ? ` by ${coderName(data, target)}` : ''} yet.</p>}
            <ul className="mx-passages">
              {suggested.map((e) => (
                <Passage key={e.codingId} e={e} data={data} checked={editable ? picked.has(e.codingId) : (rating?.evidence.includes(e.codingId) ?? false)} onToggle={() => toggle(e.codingId)} showCoder={adjudicating} />
              ))}
            </ul>
            {others.length > 0 && (
              <details>
                <summary>Passages by other coders ({others.length})</summary>
                <ul className="mx-passages">
                  {others.map((e) => (
                    <Passage key={e.codingId} e={e} data={data} checked={editable ? picked.has(e.codingId) : null} onToggle={() => toggle(e.codingId)} showCoder />
                  ))}
                </ul>
              </details>
            )}
          </section>
          {editable && (
            <div className="mx-form-actions">
              <button type="submit" className="primary">
                {adjudicating ? 'Save consensus' : 'Save rating'}
              </button>
              <span className="hint-inline">Ctrl+Enter</span>
            </div>
          )}
          {!editable && !readOnly && me && target !== me && !adjudicating && (
            <button type="button" className="secondary" onClick={onRateAsMe}>
              Rate this cell as {coderName(data, me)}
            </button>
          )}
        </form>
      )}
    </aside>
  );
}
