import { useRef, useState } from 'react';
import { useClickAway } from '../components/use-click-away.js';
import { useProject } from '../state/project-store.js';
import { coderChoices, loadRecentCoders, saveRecentCoder } from '../state/recent-coders.js';

/**
 * Who codes: the chip in the top bar opens a menu of recent coders (this browser's, latest first)
 * and the project's other coders, and a field for another name. A popover, so the top bar keeps
 * one line at any width.
 */
export function CoderSwitcher(): React.JSX.Element | null {
  const view = useProject((s) => s.view);
  const coders = useProject((s) => s.data?.coders ?? []);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const ref = useRef<HTMLDivElement>(null);
  const me = coders.find((c) => c.id === view?.coderId) ?? null;
  // The coder one switches away from is the first one to come back to.
  useClickAway(
    ref,
    open,
    () => setOpen(false),
    () => setRecent(me ? saveRecentCoder(me.name) : loadRecentCoders()),
  );
  if (!view) return null;
  const use = (n: string): void => {
    const v = n.trim();
    if (!v) return;
    setOpen(false);
    setRecent(saveRecentCoder(v));
    void useProject.getState().useCoder(v);
  };
  const choices = coderChoices(recent, coders, view.coderId);
  return (
    <div className="menu" ref={ref} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button className="coder-chip" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Change who you code as">
        Coding as <strong>{me?.name ?? 'nobody'}</strong>
      </button>
      {open && (
        <div className="menu-popup coder-menu" role="menu" aria-label="Switch coder">
          {choices.length > 0 && <div className="menu-heading">Switch to</div>}
          {choices.map((c) => (
            <button key={c.name} role="menuitem" className="menu-item" onClick={() => use(c.name)}>
              <span>{c.name}</span>
              {c.recent && <kbd>recent</kbd>}
            </button>
          ))}
          <form
            className="coder-form"
            onSubmit={(e) => {
              e.preventDefault();
              use(name);
            }}
          >
            <input autoFocus aria-label="Your coder name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Another name" maxLength={80} />
            <button type="submit" className="secondary" disabled={!name.trim()}>
              Use
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
