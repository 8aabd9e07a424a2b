import { useRef } from 'react';
import { useProject } from '../../state/project-store.js';

const ACCEPT = '.md,.markdown,.txt,.text,.html,.htm,.docx,.pdf,.qdpx,.qdc';

/** Import files: a file dialog (several files at once); drops on the window go the same way. */
export function ImportButton(): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const importUpload = useProject((s) => s.importUpload);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  return (
    <>
      <button className="secondary" disabled={readOnly} onClick={() => input.current?.click()} title="Import case texts (Markdown, text, HTML, DOCX, PDF, REFI-QDA)">
        Import…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-label="Files to import"
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void importUpload(files);
        }}
      />
    </>
  );
}

/** A report of the last import: imported, skipped and failed files with reasons. */
export function ImportReportView(): React.JSX.Element | null {
  const report = useProject((s) => s.lastImport);
  if (!report) return null;
  const close = (): void => useProject.setState({ lastImport: null });
  const n = (k: string): number => report.files.filter((f) => f.status === k).length;
  return (
    <div className="import-report" role="status">
      <div className="import-summary">
        <strong>Import:</strong> {n('imported')} imported, {n('skipped')} skipped, {n('failed')} failed
        <button className="link-button" onClick={close} aria-label="Dismiss import report">
          Dismiss
        </button>
      </div>
      {report.files
        .filter((f) => f.status !== 'imported' || f.warnings.length > 0)
        .map((f) => (
          <div key={f.path} className={`import-line ${f.status}`}>
            {f.path}: {f.status}
            {f.reason ? ` — ${f.reason}` : ''}
            {f.warnings.length ? ` (${f.warnings.join('; ')})` : ''}
          </div>
        ))}
    </div>
  );
}
