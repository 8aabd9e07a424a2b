import { useEffect } from 'react';
import { useProject } from '../state/project-store.js';
import { DocumentList } from '../features/documents/DocumentList.js';
import { CodebookPanel, codeSelection } from '../features/codebook/CodebookPanel.js';
import { ImportButton, ImportReportView } from '../features/import/ImportButton.js';
import { ReaderView } from '../reader/ReaderView.js';
import { TopBar } from './TopBar.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { CoderPrompt } from '../features/picker/CoderPrompt.js';

/** True when a key event comes from a text field, where number keys are typing, not coding. */
function typingInField(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

/** Documents | reader | codebook, with the keyboard paths: 1–9 code the selection, Ctrl/Cmd+Z undo. */
export function Workspace(): React.JSX.Element {
  const loaded = useProject((s) => s.loaded);
  const activeDoc = useProject((s) => s.data?.documents.find((d) => d.id === s.activeDocId) ?? null);
  const importUpload = useProject((s) => s.importUpload);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !typingInField(e)) {
        e.preventDefault();
        void (e.shiftKey ? useProject.getState().redo() : useProject.getState().undo());
        return;
      }
      if (mod && e.key.toLowerCase() === 'y' && !typingInField(e)) {
        e.preventDefault();
        void useProject.getState().redo();
        return;
      }
      if (!mod && !e.altKey && /^[1-9]$/.test(e.key) && !typingInField(e)) {
        const code = useProject.getState().data?.codebook.find((c) => c.shortcut === e.key);
        if (code) {
          e.preventDefault();
          void codeSelection(code);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div
      className="workspace"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        void importUpload([...e.dataTransfer.files]);
      }}
    >
      <TopBar importButton={<ImportButton />} />
      <ProgressBar />
      <ImportReportView />
      <div className="columns">
        <DocumentList />
        <main className="reader-column" aria-label="Reader">
          {activeDoc && (
            <header className="doc-header">
              <h1 className="doc-heading">{activeDoc.title}</h1>
              <span className="doc-sub">{activeDoc.sourceFile}</span>
            </header>
          )}
          {loaded ? <ReaderView key={loaded.id} loaded={loaded} /> : <div className="empty-reader">{activeDoc ? 'Loading…' : 'Choose a document on the left, or import one.'}</div>}
        </main>
        <CodebookPanel />
      </div>
      <CoderPrompt />
    </div>
  );
}
