import { useEffect } from 'react';
import { useProject } from '../../state/project-store.js';
import { importFormatsHint } from '../../../../core/import/detect.js';
import { ImportDialog } from './ImportDialog.js';
import { useImport } from './store.js';

/**
 * Import: opens the import dialog. Files dropped anywhere on the window open the same dialog
 * with those files, so the user always chooses the case, format and reflow before importing.
 * (The drop is caught on the window in the capture phase, before the workspace's own handler.)
 */
export function ImportButton(): React.JSX.Element {
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
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
      <button className="secondary" disabled={readOnly} onClick={() => useImport.getState().show()} title={`Import case texts (${importFormatsHint()})`}>
        Import…
      </button>
      <ImportDialog />
    </>
  );
}
