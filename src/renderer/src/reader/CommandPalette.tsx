import { useEffect, useMemo, useRef, useState } from 'react';
import { codePaths, flattenTree } from '../../../core/codebook/paths.js';
import type { Code } from '../../../core/model/types.js';
import { useProject } from '../state/project-store.js';
import { useReader } from './reader-store.js';
import { codeSelection, currentSelection, type CodeWith } from './commands.js';
import type { OffsetRange } from './selection.js';

interface Entry {
  key: string;
  label: string;
  hint?: string;
  color?: string;
  how: CodeWith;
}

/** Rank codes for a type-ahead query: name prefix first, then path containing every word. */
export function rankCodes(codes: readonly Code[], query: string): Code[] {
  const q = query.trim().toLowerCase();
  const paths = codePaths(codes);
  const tree = flattenTree(codes).map((e) => e.code);
  if (!q) return tree;
  const words = q.split(/\s+/);
  const score = (c: Code): number => {
    const name = c.name.toLowerCase();
    const path = (paths.get(c.id) ?? '').toLowerCase();
    if (name === q) return 0;
    if (name.startsWith(q)) return 1;
    if (words.every((w) => name.includes(w))) return 2;
    if (words.every((w) => path.includes(w))) return 3;
    return 9;
  };
  return tree
    .map((c) => ({ c, s: score(c) }))
    .filter((x) => x.s < 9)
    .sort((a, b) => a.s - b.s)
    .map((x) => x.c);
}

/**
 * The command palette (Ctrl/Cmd+K): type part of a code's name or path, Enter codes the
 * selection. It also offers creating a code from what was typed and an in-vivo code from the
 * selection. The selection is captured when the palette opens.
 */
export function CommandPalette(): React.JSX.Element | null {
  const open = useReader((s) => s.paletteOpen);
  const setOpen = useReader((s) => s.setPalette);
  const data = useProject((s) => s.data);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [sel, setSel] = useState<OffsetRange | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    setSel(currentSelection());
    setQ('');
    setActive(0);
    setTimeout(() => input.current?.focus(), 0);
  }, [open]);

  const entries = useMemo<Entry[]>(() => {
    if (!data) return [];
    const paths = codePaths(data.codebook);
    const out: Entry[] = rankCodes(data.codebook, q)
      .slice(0, 50)
      .map((c) => ({ key: c.id, label: paths.get(c.id) ?? c.name, color: c.color, hint: c.shortcut ? `key ${c.shortcut}` : undefined, how: { codeId: c.id } }));
    const name = q.trim();
    if (name && !data.codebook.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
      out.push({
        key: 'new',
        label: `New code “${name}” and apply it`,
        how: { newCode: name },
      });
    }
    out.push({
      key: 'invivo',
      label: 'In-vivo code: the selection becomes a new code',
      how: { inVivo: true },
    });
    return out;
  }, [data, q]);

  if (!open) return null;
  const close = (): void => {
    setOpen(false);
    useReader.getState().mounted?.view.focus();
  };
  const run = (e: Entry | undefined): void => {
    if (!e) return;
    if (!sel) {
      useProject.getState().toast('info', 'Select a passage in the text first, then open the palette (Ctrl+K)');
      close();
      return;
    }
    setOpen(false);
    void codeSelection(e.how, sel).then(() => useReader.getState().mounted?.view.focus());
  };
  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div className="palette card" role="dialog" aria-label="Code the selection" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={entries[active] ? `pal-${entries[active].key}` : undefined}
          aria-label="Code name"
          placeholder={sel ? 'Type a code name…' : 'Select text first — type a code name…'}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, entries.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(entries[active]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        />
        <ul id="palette-list" role="listbox" className="palette-list" aria-label="Codes">
          {entries.map((e, i) => (
            <li key={e.key} id={`pal-${e.key}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseEnter={() => setActive(i)} onClick={() => run(e)}>
              {e.color ? <span className="swatch" style={{ background: e.color }} aria-hidden="true" /> : <span className="swatch none" aria-hidden="true" />}
              <span className="palette-label">{e.label}</span>
              {e.hint && <kbd className="shortcut">{e.hint}</kbd>}
            </li>
          ))}
        </ul>
        <p className="hint">{sel ? `${sel.end - sel.start} characters selected` : 'Nothing selected'} · ↑↓ to choose · Enter to apply · Esc to close</p>
      </div>
    </div>
  );
}
