import { useEffect, useRef, useState } from 'react';
import type { Id } from '../../../../core/model/types.js';
import { EXPORT_FORMAT_TABLE, type MatrixExportFormat } from '../../../../shared/api.js';
import { runExport, type ExportWhat } from './store.js';

type What = 'ratings' | 'counts' | 'code-case' | 'code-case-coverage' | 'co-paragraph' | 'co-overlap';

const WHATS: [What, string][] = [
  ['ratings', 'Ratings of this matrix'],
  ['counts', 'Passage counts of this matrix'],
  ['code-case', 'Code × case counts (whole codebook)'],
  ['code-case-coverage', 'Code × case coverage (whole codebook)'],
  ['co-paragraph', 'Code co-occurrence (same paragraph)'],
  ['co-overlap', 'Code co-occurrence (overlapping passages)'],
];

/**
 * The export menu: what to export (this matrix's ratings or counts, the whole code × case matrix,
 * co-occurrence) and a button per format. Files download through the browser (Blob); CSV formats
 * bring their manifest as a second file.
 */
export function ExportMenu({ matrixId, coder, blind = false, me = null }: { matrixId: Id; coder: string; blind?: boolean; me?: Id | null }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  // Blind coding: this matrix's exports carry the agreement and disagreements across coders, so
  // only the code tables, restricted to the session coder's codings, are offered.
  const whats = blind ? WHATS.filter(([w]) => w !== 'ratings' && w !== 'counts') : WHATS;
  const [chosen, setWhat] = useState<What>('ratings');
  const what: What = whats.some(([w]) => w === chosen) ? chosen : (whats[0]?.[0] ?? 'code-case');
  const [busy, setBusy] = useState<MatrixExportFormat | null>(null);
  const [bom, setBom] = useState(false);
  const [standalone, setStandalone] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent): void => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const target = (format: MatrixExportFormat): ExportWhat => {
    // Blind coding: every export holds the session coder's own work only.
    if (blind) {
      const mine = me ? [me] : [];
      if (what === 'code-case' || what === 'code-case-coverage') return { kind: 'code-case', mode: what === 'code-case' ? 'counts' : 'coverage', coderIds: mine };
      return { kind: 'co-occurrence', rule: what === 'co-paragraph' ? 'paragraph' : 'overlap', coderIds: mine };
    }
    // Tidy holds every coder; the other formats show one coder's ratings (with "all" shown, the backend picks the consensus or only rater).
    if (what === 'ratings') return { kind: 'matrix', matrixId, counts: false, ...(format === 'tidy' || coder === 'all' ? {} : { coder }) };
    if (what === 'counts') return { kind: 'matrix', matrixId, coder: coder === 'consensus' ? 'all' : coder, counts: true };
    if (what === 'code-case' || what === 'code-case-coverage') return { kind: 'code-case', mode: what === 'code-case' ? 'counts' : 'coverage' };
    return { kind: 'co-occurrence', rule: what === 'co-paragraph' ? 'paragraph' : 'overlap' };
  };

  return (
    <div className="menu" ref={box} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" className="secondary" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        Export ▾
      </button>
      {open && (
        <div className="menu-popup mx-export" role="group" aria-label="Export">
          <label>
            What
            <select value={what} onChange={(e) => setWhat(e.target.value as What)} aria-label="What to export">
              {whats.map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {EXPORT_FORMAT_TABLE.map(({ id: f, label, hint }) => (
            <button
              key={f}
              type="button"
              className="menu-item"
              disabled={busy !== null}
              data-format={f}
              onClick={() => {
                setBusy(f);
                void runExport(target(f), f, { bom, standalone }).finally(() => setBusy(null));
              }}
            >
              <span>{busy === f ? `${label}…` : label}</span>
              <kbd>{hint}</kbd>
            </button>
          ))}
          <label className="check">
            <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> CSV for Excel on Windows (byte-order mark)
          </label>
          <label className="check">
            <input type="checkbox" checked={standalone} onChange={(e) => setStandalone(e.target.checked)} /> LaTeX as a whole document
          </label>
          <p className="hint-inline">
            {blind
              ? 'Blind coding: only code tables of your own codings; this matrix’s exports carry every coder’s agreement.'
              : what === 'ratings'
                ? `Ratings of ${coder === 'all' ? 'the consensus (or only) coder' : 'the coder shown'}; tidy CSV holds every coder.`
                : 'Every file carries its manifest (app version, codebook hash, coders, date); for CSV it is in the JSON export.'}
          </p>
        </div>
      )}
    </div>
  );
}
