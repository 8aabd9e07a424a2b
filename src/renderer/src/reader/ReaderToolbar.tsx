import { useRef, useState } from 'react';
import { useClickAway } from '../components/use-click-away.js';
import { useProject } from '../state/project-store.js';
import { CoderViewControl } from '../features/workflow/CoderViewControl.js';
import { useReader, type LoadedDocument } from './reader-store.js';
import { codeSelection } from './commands.js';
import { MOD } from './keymap.js';

/** The undo menu: Undo and Redo with what they will undo or redo (also Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z). */
export function EditMenu(): React.JSX.Element | null {
  const view = useProject((s) => s.view);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useClickAway(ref, open, () => setOpen(false));
  if (!view) return null;
  const { undo, redo } = useProject.getState();
  const item = (label: string, shortcut: string, enabled: boolean, run: () => Promise<void>): React.JSX.Element => (
    <button
      role="menuitem"
      className="menu-item"
      disabled={!enabled}
      onClick={() => {
        setOpen(false);
        void run();
      }}
    >
      <span>{label}</span>
      <kbd>{shortcut}</kbd>
    </button>
  );
  return (
    <div className="menu" ref={ref} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button className="secondary" aria-haspopup="menu" aria-expanded={open} aria-label="Undo menu" title={`Undo or redo, naming the step (${MOD}Z, Shift+${MOD}Z)`} onClick={() => setOpen(!open)}>
        Undo ▾
      </button>
      {open && (
        <div className="menu-popup" role="menu" aria-label="Undo menu">
          {item(view.undoLabel ? `Undo ${view.undoLabel}` : 'Nothing to undo', `${MOD}Z`, view.canUndo && !view.readOnly, undo)}
          {item(view.redoLabel ? `Redo ${view.redoLabel}` : 'Nothing to redo', `Shift+${MOD}Z`, view.canRedo && !view.readOnly, redo)}
        </div>
      )}
    </div>
  );
}

/** Above the text: undo menu, find, code palette, in-vivo, document memo, and whose codings are shown. */
export function ReaderToolbar({ loaded }: { loaded: LoadedDocument }): React.JSX.Element {
  const { setFind, setPalette, setDocMemo } = useReader.getState();
  const hasMemo = useProject((s) => s.data?.memos.some((m) => m.target.kind === 'document' && m.target.id === loaded.id && m.coderId === s.view?.coderId) ?? false);
  return (
    <div className="reader-toolbar" role="toolbar" aria-label="Reader tools">
      <EditMenu />
      <button className="secondary" onClick={() => setFind(true)} title={`Find in document (${MOD}F)`}>
        Find
      </button>
      <button className="secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => setPalette(true)} title={`Code the selection by name (${MOD}K)`}>
        Code…
      </button>
      <button className="secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => void codeSelection({ inVivo: true })} title="The selection becomes a new code (V)">
        In-vivo
      </button>
      <button className="secondary" onClick={() => setDocMemo(true)} title="Your memo on this document">
        Memo{hasMemo ? ' ✎' : ''}
      </button>
      <span className="spacer" />
      <CoderViewControl />
    </div>
  );
}
