import { useEffect } from 'react';
import { useProject } from '../state/project-store.js';
import { DocumentList } from '../features/documents/DocumentList.js';
import { CodebookPanel, codeSelection } from '../features/codebook/CodebookPanel.js';
import { ImportButton } from '../features/import/ImportButton.js';
import { MAIN_VIEWS } from './views.js';
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
  const activeView = useProject((s) => s.activeView);
  const setView = useProject((s) => s.setView);
  const view = MAIN_VIEWS.find((v) => v.id === activeView) ?? MAIN_VIEWS[0];

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
      if (e.altKey && !mod) {
        const target = MAIN_VIEWS.find((v) => v.key === e.key.toLowerCase());
        if (target) {
          e.preventDefault();
          useProject.getState().setView(target.id);
          return;
        }
      }
      if (!mod && !e.altKey && /^[1-9]$/.test(e.key) && !typingInField(e) && useProject.getState().activeView === 'reader') {
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
    >
      <TopBar importButton={<ImportButton />} />
      <ProgressBar />
      <nav className="view-tabs" role="tablist" aria-label="Views">
        {MAIN_VIEWS.map((v) => (
          <button key={v.id} role="tab" aria-selected={v.id === view?.id} className={`view-tab${v.id === view?.id ? ' active' : ''}`} onClick={() => setView(v.id)} title={`${v.label} (Alt+${v.key.toUpperCase()})`}>
            {v.label}
          </button>
        ))}
      </nav>
      <div className={`columns${view?.sidebars ? '' : ' full'}`}>
        {view?.sidebars && <DocumentList />}
        {view && <view.component />}
        {view?.sidebars && <CodebookPanel />}
      </div>
      <CoderPrompt />
    </div>
  );
}
