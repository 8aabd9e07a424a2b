import { useEffect, useRef, useState } from 'react';
import { codePaths, flattenTree } from '../../../core/codebook/paths.js';
import type { Id } from '../../../core/model/types.js';
import { useProject } from '../state/project-store.js';
import { codeWith, recode, uncode } from './commands.js';
import { useReader, type LoadedDocument } from './reader-store.js';

/** Where a menu of `w`×`h` px opened at (x, y) fits inside a window of `vw`×`vh`. */
export function placeMenu(x: number, y: number, w: number, h: number, vw: number, vh: number): { left: number; top: number } {
  return { left: Math.max(4, Math.min(x, vw - w - 4)), top: Math.max(4, Math.min(y, vh - h - 4)) };
}

/**
 * The reader's right-click menu (as NVivo, MAXQDA and ATLAS.ti have it): code the selection with
 * a code (the most used first), and for each coding under the pointer: select it, write its memo,
 * recode it to another code, or uncode it. Every action goes through the reader's commands.
 */
export function ReaderMenu({ loaded }: { loaded: LoadedDocument }): React.JSX.Element | null {
  const menu = useReader((s) => s.menu);
  const close = (): void => useReader.getState().openMenu(null);
  const data = useProject((s) => s.data);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const [recoding, setRecoding] = useState<Id | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setRecoding(null);
    if (!menu) return;
    const away = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    window.addEventListener('mousedown', away);
    requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('[role=menuitem]:not([disabled])')?.focus());
    return () => window.removeEventListener('mousedown', away);
  }, [menu]);
  if (!menu || !data) return null;
  const paths = codePaths(data.codebook);
  const codings = menu.codingIds.map((id) => data.codings.find((c) => c.id === id && c.documentId === loaded.id)).filter((c) => c !== undefined);
  const codes = flattenTree(data.codebook).map((e) => e.code);
  const act = (run: () => unknown) => () => {
    close();
    void run();
  };
  const pos = placeMenu(menu.x, menu.y, 300, Math.min(520, 60 + 30 * (codes.length + codings.length * 4)), window.innerWidth, window.innerHeight);
  return (
    <div
      ref={ref}
      className="reader-menu card"
      role="menu"
      aria-label="Reader menu"
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={(e) => {
        const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role=menuitem]:not([disabled])') ?? [])];
        const at = items.indexOf(document.activeElement as HTMLElement);
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      {menu.selection && !readOnly && (
        <div className="menu-group" role="group" aria-label="Code the selection">
          <div className="menu-heading">Code the selection with</div>
          {codes.map((c) => (
            <button key={c.id} role="menuitem" className="menu-item" onClick={act(() => codeWith(c, menu.selection))}>
              <span className="swatch" style={{ background: c.color }} aria-hidden="true" />
              <span className="menu-label">{paths.get(c.id) ?? c.name}</span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </button>
          ))}
          <button role="menuitem" className="menu-item" onClick={act(() => useReader.getState().setPalette(true))}>
            <span className="menu-label">New code or search…</span>
            <kbd>Ctrl+K</kbd>
          </button>
        </div>
      )}
      {codings.map((c) => {
        const name = paths.get(c.codeId) ?? 'Unknown code';
        return (
          <div key={c.id} className="menu-group" role="group" aria-label={`Coding ${name}`} data-coding-id={c.id}>
            <div className="menu-heading">
              <span className="swatch" style={{ background: data.codebook.find((k) => k.id === c.codeId)?.color ?? '#999' }} aria-hidden="true" />
              {name} · {data.coders.find((k) => k.id === c.coderId)?.name ?? 'unknown coder'}
            </div>
            <button role="menuitem" className="menu-item" onClick={act(() => useReader.getState().selectCoding(c.id))}>
              Select coding
            </button>
            <button
              role="menuitem"
              className="menu-item"
              disabled={readOnly}
              onClick={act(() => {
                useReader.getState().selectCoding(c.id);
                requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('.coding-inspector textarea')?.focus());
              })}
            >
              Memo…
            </button>
            <button role="menuitem" className="menu-item" disabled={readOnly} aria-expanded={recoding === c.id} onClick={() => setRecoding(recoding === c.id ? null : c.id)}>
              Recode to…
            </button>
            {recoding === c.id && (
              <div className="menu-sub" role="group" aria-label="Recode to">
                {codes
                  .filter((k) => k.id !== c.codeId)
                  .map((k) => (
                    <button key={k.id} role="menuitem" className="menu-item" onClick={act(() => recode(c.id, k.id))}>
                      <span className="swatch" style={{ background: k.color }} aria-hidden="true" />
                      <span className="menu-label">{paths.get(k.id) ?? k.name}</span>
                    </button>
                  ))}
              </div>
            )}
            <button role="menuitem" className="menu-item danger-text" disabled={readOnly} onClick={act(() => uncode(c.id))}>
              Uncode
            </button>
          </div>
        );
      })}
      {!menu.selection && codings.length === 0 && <p className="hint">Select a passage to code it, or right-click coded text.</p>}
    </div>
  );
}
