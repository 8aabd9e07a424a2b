import { useEffect } from 'react';
import { useProject } from '../../state/project-store.js';
import { ACCEPT, ImportDialog } from './ImportDialog.js';
import { useImport } from './store.js';

/**
 * Import: opens the import dialog. Files dropped anywhere on the window open the same dialog
 * with those files, so the user always chooses the case, format and reflow before importing.
 * (The drop is caught on the window in the capture phase, before the workspace's own handler.)
 */
export function ImportButton(): React.JSX.Element {
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const importUpload = useProject((s) => s.importUpload);
  useEffect(() => {
    const onDrop = (e: DragEvent): void => {
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      e.preventDefault();
      e.stopPropagation();
      if (useProject.getState().view?.readOnly) return;
      const s = useImport.getState();
      if (s.open && !s.report) s.addFiles(files);
      else s.show(files);
    };
    window.addEventListener('drop', onDrop, true);
    return () => window.removeEventListener('drop', onDrop, true);
  }, []);
  return (
    <>
      <button className="secondary" disabled={readOnly} onClick={() => useImport.getState().show()} title="Import case texts (Markdown, text, HTML, DOCX, PDF)">
        Import…
      </button>
      {/*
        Quick import with default options and the banner report, kept only because the walking-
        skeleton e2e test drives it (tests/e2e/walking-skeleton.test.ts); users import through the
        dialog. Remove once that test uses the dialog.
      */}
      <input
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-hidden="true"
        tabIndex={-1}
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void importUpload(files);
        }}
      />
      <ImportDialog />
    </>
  );
}

/** A report of the last import made outside the dialog: imported, skipped and failed files with reasons. */
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
