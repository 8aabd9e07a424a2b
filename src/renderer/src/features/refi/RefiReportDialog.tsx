import { useEffect, useRef } from 'react';
import type { RefiSkipped } from '../../../../core/refi/types.js';
import type { RefiCounted, RefiImportOutcome, RefiPositionLine } from '../../../../shared/api.js';
import { useRefi } from './store.js';

const KINDS: [RefiCounted, string][] = [
  ['documents', 'Documents'],
  ['codes', 'Codes'],
  ['codings', 'Codings'],
  ['cases', 'Cases'],
  ['attributeDefs', 'Case attributes'],
  ['coders', 'Coders'],
  ['memos', 'Memos'],
  ['matrices', 'Matrices'],
  ['ratings', 'Ratings'],
];

function unitText(p: RefiPositionLine): string {
  const unit = p.unit === 'utf16' ? 'UTF-16 code units' : 'Unicode code points';
  const how =
    p.evidence === 'names'
      ? 'confirmed by the selection names'
      : p.evidence === 'word-boundaries'
        ? `confirmed: ${p.fit} of ${p.total} coded passages begin and end on word boundaries`
        : p.evidence === 'prior'
          ? 'chosen from the producing software (the text could not tell the readings apart)'
          : 'every reading agrees on this text';
  return `${unit}${p.crlf ? `, a line break (CRLF) counted as ${p.crlfAs}` : ''}; ${how}`;
}

function groupByKind(items: readonly RefiSkipped[]): [string, RefiSkipped[]][] {
  const groups = new Map<string, RefiSkipped[]>();
  for (const s of items) groups.set(s.kind, [...(groups.get(s.kind) ?? []), s]);
  return [...groups];
}

function Counts({ o }: { o: RefiImportOutcome }): React.JSX.Element {
  const rows = KINDS.filter(([k]) => o.added[k] > 0 || o.matched[k] > 0);
  if (rows.length === 0) return <p className="hint">The file held nothing Casecoder could import.</p>;
  return (
    <table className="refi-counts">
      <thead>
        <tr>
          <th scope="col">Imported</th>
          <th scope="col">Added</th>
          <th scope="col">Already in the project</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([k, label]) => (
          <tr key={k}>
            <th scope="row">{label}</th>
            <td>{o.added[k]}</td>
            <td>{o.matched[k]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Keep Tab inside the dialog: from the last focusable element to the first and back. */
export function trapTab(e: React.KeyboardEvent<HTMLElement>): void {
  const focusable = [...e.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), select, input, summary, [href], [tabindex]:not([tabindex="-1"])')];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last?.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first?.focus();
  }
}

/** The report of the last REFI-QDA import: what came in, the position unit per document, and everything left out. */
export function RefiReportDialog({ onClosed }: { onClosed?: () => void }): React.JSX.Element | null {
  const o = useRefi((s) => s.report);
  const close = useRefi((s) => s.closeReport);
  const closeReport = (): void => {
    close();
    onClosed?.();
  };
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (o) closeButton.current?.focus();
  }, [o]);
  if (!o) return null;
  const groups = groupByKind(o.notImported);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && closeReport()}>
      <div
        className="modal refi-report"
        role="dialog"
        aria-modal="true"
        aria-labelledby="refi-report-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            closeReport();
          } else if (e.key === 'Tab') trapTab(e);
        }}
      >
        <h2 id="refi-report-title">Imported {o.fileName}</h2>
        <p className="hint">
          {o.format === 'qdc' ? 'REFI-QDA codebook' : 'REFI-QDA project'}
          {o.projectName ? ` “${o.projectName}”` : ''}
          {o.origin ? `, made by ${o.origin}` : ''}.
        </p>
        <Counts o={o} />
        {o.attribution.users.some((u) => u.codings > 0) && (
          <section aria-labelledby="refi-coders">
            <h3 id="refi-coders">Coders</h3>
            <ul className="refi-list">
              {o.attribution.users
                .filter((u) => u.codings > 0)
                .map((u) => (
                  <li key={u.guid}>
                    <strong>{u.name}</strong> → {u.coder}: {u.codings} coding{u.codings === 1 ? '' : 's'}
                  </li>
                ))}
            </ul>
            <p className="hint">
              {o.attribution.rule}
              {o.attribution.differing > 0 ? ` Here ${o.attribution.differing} coding${o.attribution.differing === 1 ? '' : 's'} named two users; the passage's user was taken.` : ''}
            </p>
          </section>
        )}
        {o.positions.length > 0 && (
          <section aria-labelledby="refi-units">
            <h3 id="refi-units">Text positions</h3>
            <ul className="refi-list">
              {o.positions.map((p, i) => (
                <li key={i}>
                  <strong>{p.title}</strong>: {unitText(p)}.
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-labelledby="refi-left-out">
          <h3 id="refi-left-out">{o.notImported.length === 0 ? 'Nothing was left out' : `Not imported (${o.notImported.length})`}</h3>
          {groups.map(([kind, items]) => (
            <details key={kind} open={items.length <= 5} className="refi-group">
              <summary>
                {items.length} {kind}
                {items.length === 1 ? '' : 's'}
              </summary>
              <ul className="refi-list">
                {items.map((s, i) => (
                  <li key={`${s.guid}-${i}`}>
                    <strong>{s.name || s.guid || kind}</strong>: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
        {o.notes.length > 0 && (
          <section aria-labelledby="refi-notes">
            <h3 id="refi-notes">Adapted on the way in</h3>
            <ul className="refi-list">
              {o.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </section>
        )}
        <p className="hint">{o.backupPath ? 'A backup of the project was saved before the import. Undo takes back the whole import in one step.' : 'Everything in this file was already in the project; nothing changed.'}</p>
        <div className="refi-actions">
          <button ref={closeButton} className="primary" onClick={closeReport}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
