import { useProject } from '../state/project-store.js';
import { RefiMenu } from '../features/refi/RefiMenu.js';
import { CoderSwitcher } from './CoderSwitcher.js';
import { useReader } from '../reader/index.js';

/** Project name, coder identity, undo/redo, import, close, and the keyboard shortcuts (`?`). */
export function TopBar({ importButton }: { importButton: React.ReactNode }): React.JSX.Element | null {
  const view = useProject((s) => s.view);
  const data = useProject((s) => s.data);
  const { undo, redo, closeProject } = useProject.getState();
  if (!view || !data) return null;
  return (
    <header className="topbar">
      <span className="brand-small">Casecoder</span>
      <span className="project-name" title={view.dir}>
        {data.project.name}
      </span>
      {view.readOnly && <span className="badge warn">read-only</span>}
      <span className="spacer" />
      <CoderSwitcher />
      <button className="secondary" disabled={!view.canUndo} onClick={() => void undo()} title={view.undoLabel ? `Undo ${view.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}>
        Undo
      </button>
      <button className="secondary" disabled={!view.canRedo} onClick={() => void redo()} title={view.redoLabel ? `Redo ${view.redoLabel} (Shift+Ctrl+Z)` : 'Nothing to redo'}>
        Redo
      </button>
      {importButton}
      <RefiMenu />
      <button className="secondary" onClick={() => void closeProject()}>
        Close
      </button>
      <button className="icon-button" onClick={() => useReader.getState().setShortcuts(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        ?
      </button>
    </header>
  );
}
