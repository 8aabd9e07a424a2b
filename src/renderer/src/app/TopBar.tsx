import { useState } from 'react';
import { useProject } from '../state/project-store.js';
import { RefiMenu } from '../features/refi/RefiMenu.js';

/** Project name, coder identity, undo/redo, import, close. */
export function TopBar({ importButton }: { importButton: React.ReactNode }): React.JSX.Element | null {
  const view = useProject((s) => s.view);
  const data = useProject((s) => s.data);
  const { undo, redo, closeProject, useCoder } = useProject.getState();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  if (!view || !data) return null;
  const coder = data.coders.find((c) => c.id === view.coderId);
  return (
    <header className="topbar">
      <span className="brand-small">Casecoder</span>
      <span className="project-name" title={view.dir}>
        {data.project.name}
      </span>
      {view.readOnly && <span className="badge warn">read-only</span>}
      <span className="spacer" />
      {editing ? (
        <form
          className="coder-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void useCoder(name.trim());
            setEditing(false);
          }}
        >
          <input autoFocus aria-label="Your coder name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Your name" />
          <button type="submit" className="secondary">
            Use
          </button>
        </form>
      ) : (
        <button
          className="coder-chip"
          onClick={() => {
            setName(coder?.name ?? '');
            setEditing(true);
          }}
          title="Change who you code as"
        >
          Coding as <strong>{coder?.name ?? 'nobody'}</strong>
        </button>
      )}
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
    </header>
  );
}
