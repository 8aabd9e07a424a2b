import { useMemo } from 'react';
import { bindings, type Binding, type KeyedView } from './keymap.js';
import { useReader } from './reader-store.js';

/** The keymap grouped for display, in the keymap's order. */
export function shortcutGroups(list: readonly Binding[]): { group: Binding['group']; items: Binding[] }[] {
  const out: { group: Binding['group']; items: Binding[] }[] = [];
  for (const b of list) {
    const g = out.find((x) => x.group === b.group);
    if (g) g.items.push(b);
    else out.push({ group: b.group, items: [b] });
  }
  return out;
}

/** The `?` overlay: every keyboard shortcut, read from the keymap itself. */
export function ShortcutsOverlay({ views }: { views: readonly KeyedView[] }): React.JSX.Element | null {
  const open = useReader((s) => s.shortcutsOpen);
  const groups = useMemo(() => shortcutGroups(bindings(views)), [views]);
  if (!open) return null;
  const close = (): void => useReader.getState().setShortcuts(false);
  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div
        className="shortcuts card"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            close();
          }
        }}
      >
        <header className="inspector-head">
          <strong>Keyboard shortcuts</strong>
          <span className="spacer" />
          <button className="link-button" autoFocus onClick={close}>
            Close
          </button>
        </header>
        <div className="shortcut-groups">
          {groups.map((g) => (
            <section key={g.group} aria-label={g.group}>
              <h3>{g.group}</h3>
              <dl>
                {g.items.map((b) => (
                  <div key={b.keys} className="shortcut-row">
                    <dt>
                      <kbd>{b.keys}</kbd>
                    </dt>
                    <dd>{b.label}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
