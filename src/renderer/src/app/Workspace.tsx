import { useProject } from '../state/project-store.js';
import { DocumentList } from '../features/documents/DocumentList.js';
import { CodebookPanel } from '../features/codebook/CodebookPanel.js';
import { ShortcutsOverlay, useKeymap } from '../reader/index.js';
import { ImportButton } from '../features/import/ImportButton.js';
import { MAIN_VIEWS } from './views.js';
import { TopBar } from './TopBar.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { CoderPrompt } from '../features/picker/CoderPrompt.js';

/** Documents | reader | codebook, with the keymap (`reader/keymap.ts`: 1–9 code the selection, Ctrl/Cmd+Z undo, `?` lists them all). */
export function Workspace(): React.JSX.Element {
  const activeView = useProject((s) => s.activeView);
  const setView = useProject((s) => s.setView);
  const view = MAIN_VIEWS.find((v) => v.id === activeView) ?? MAIN_VIEWS[0];

  useKeymap(MAIN_VIEWS);

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
      <ShortcutsOverlay views={MAIN_VIEWS} />
    </div>
  );
}
