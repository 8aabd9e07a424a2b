import { useEffect, useRef } from 'react';
import { trapTab } from './RefiReportDialog.js';
import { useRefi } from './store.js';

/**
 * Before a REFI-QDA export: what the chosen target cannot hold (or holds only in Casecoder's own
 * data note), so nothing is lost unannounced. Export writes the file; Cancel does nothing.
 */
export function RefiExportDialog({ onClosed }: { onClosed?: () => void }): React.JSX.Element | null {
  const pending = useRefi((s) => s.exporting);
  const { exportAs, cancelExport } = useRefi.getState();
  const go = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pending?.limits) go.current?.focus();
  }, [pending?.limits]);
  if (!pending) return null;
  const { choice, limits } = pending;
  const close = (): void => {
    cancelExport();
    onClosed?.();
  };
  const target = choice.format === 'qdc' ? 'codebook .qdc' : choice.positions === 'utf16' ? '.qdpx for NVivo (UTF-16 positions)' : '.qdpx (positions in code points)';
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="modal refi-report"
        role="dialog"
        aria-modal="true"
        aria-labelledby="refi-export-title"
        data-testid="refi-export-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
          } else if (e.key === 'Tab') trapTab(e);
        }}
      >
        <h2 id="refi-export-title">Export {target}</h2>
        {limits === null ? (
          <p className="hint">Checking what the file can hold…</p>
        ) : limits.length === 0 ? (
          <p className="hint">Everything in this project fits in the file.</p>
        ) : (
          <section aria-labelledby="refi-limits">
            <h3 id="refi-limits">What the file cannot hold</h3>
            <ul className="refi-list">
              {limits.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </section>
        )}
        {choice.format === 'qdpx' && <p className="hint">Each document&apos;s structure (headings, lists, tables, footnotes) is written as a DOCX beside its plain text; Casecoder reads all of it back.</p>}
        <div className="refi-actions">
          <button className="secondary" onClick={close}>
            Cancel
          </button>
          <button
            ref={go}
            className="primary"
            disabled={limits === null}
            onClick={() => {
              void exportAs(choice);
              onClosed?.();
            }}
          >
            Export
          </button>
        </div>
      </div>
    </div>
  );
}
