import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Coding, Id } from '../../../../core/model/types.js';
import { useProject } from '../../state/project-store.js';
import { codingsOfDocument, countsFor, distinctPassages, totalFor } from '../../state/project-mirror.js';
import { filterShown, useShownCoders, useWorkflow } from '../workflow/store.js';
import { codebookActions } from './actions.js';
import { codeWith, useActiveDocumentId } from '../../reader/index.js';
import { keyboardMove, placement, visibleRows } from './tree-model.js';
import { CodeEditor } from './CodeEditor.js';

type Zone = 'before' | 'after' | 'into';

/**
 * The codebook: a filterable code tree with colours (and names: colour is never the only cue),
 * shortcut keys and counts of the codings shown. Click or Enter codes the reader's selection.
 * Keyboard: ↑↓ move, F2 rename, E edit details, Alt+↑↓ reorder, Alt+←→ outdent / indent,
 * Delete deletes (after confirmation). Drag a code onto another: upper edge before, lower edge
 * after, middle inside.
 */
export function CodebookPanel(): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const activeDocId = useActiveDocumentId();
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const shown = useShownCoders();
  const editing = useWorkflow((s) => s.editingCodeId);
  const editCode = useWorkflow((s) => s.editCode);
  const [filter, setFilter] = useState('');
  const [focusId, setFocusId] = useState<Id | null>(null);
  const [renaming, setRenaming] = useState<Id | null>(null);
  const [drop, setDrop] = useState<{ id: Id; zone: Zone } | null>(null);
  const dragged = useRef<Id | null>(null);
  const list = useRef<HTMLUListElement>(null);

  // Counts come from indexes kept up to date per change (never a pass over every coding).
  const index = useProject((s) => s.codings);
  const perCode = index?.perCode;
  const docCodings = index ? codingsOfDocument(index, activeDocId) : null;
  const counts = useMemo(() => {
    const all = perCode ? countsFor(perCode, shown) : new Map<Id, number>();
    const doc = new Map<Id, number>();
    for (const c of filterShown((docCodings ?? []) as Coding[], shown)) doc.set(c.codeId, (doc.get(c.codeId) ?? 0) + 1);
    return { all, doc };
  }, [perCode, docCodings, shown]);
  // A passage coded by two of the coders shown is two codings but one distinct passage.
  const total = useMemo(() => (index ? totalFor(index, shown) : 0), [index, shown]);
  // Only shown in a tooltip: counted once the pointer reaches the total (a coding in a long
  // document re-merges its passages, ~10 ms per change at 20,000 codings in one document), then
  // after the urgent render.
  const [wantDistinct, setWantDistinct] = useState(false);
  const byDocument = useDeferredValue(wantDistinct ? index?.byDocument : undefined);
  const distinct = useMemo(() => (byDocument ? distinctPassages(byDocument, shown) : null), [byDocument, shown]);
  const rows = useMemo(() => visibleRows(data?.codebook ?? [], filter), [data?.codebook, filter]);
  if (!data) return null;

  const focusRow = (id: Id | undefined): void => {
    if (!id) return;
    setFocusId(id);
    const row = (): HTMLElement | null | undefined => list.current?.querySelector<HTMLElement>(`[data-code-id="${id}"]`);
    const focused = (): Element | null => (document.activeElement === document.body ? null : document.activeElement);
    // At once when the row is on screen and the keyboard is in the codebook, so the next key already
    // goes to the row: focused only on the next frame, a quick ↓ then E typed "e" into the filter.
    const at = focused();
    if (!at || list.current?.parentElement?.contains(at)) row()?.focus();
    // Again after the next frame for a row that was being rendered or moved (a rename, a move), when
    // that left the focus nowhere; never taken back from where it has gone since.
    requestAnimationFrame(() => {
      if (!focused()) row()?.focus();
    });
  };
  const current = rows.find((r) => r.code.id === focusId) ?? rows[0];
  const move = async (id: Id, p: { parentId: Id | null; index: number } | null): Promise<void> => {
    if (!p || readOnly) return;
    await codebookActions.move(id, p.parentId, p.index);
    focusRow(id);
  };

  const onRowKey = (e: React.KeyboardEvent, id: Id): void => {
    const i = rows.findIndex((r) => r.code.id === id);
    if (e.altKey && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key)) {
      e.preventDefault();
      void move(id, keyboardMove(data.codebook, id, e.key as 'ArrowUp'));
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusRow(rows[i + 1]?.code.id);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i === 0) document.getElementById('code-filter')?.focus();
      else focusRow(rows[i - 1]?.code.id);
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusRow(rows[0]?.code.id);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusRow(rows[rows.length - 1]?.code.id);
    } else if (e.key === 'F2' && !readOnly) {
      e.preventDefault();
      setRenaming(id);
    } else if (e.key.toLowerCase() === 'e' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      editCode(id);
    } else if (e.key === 'Delete' && !readOnly) {
      e.preventDefault();
      // The details open now, not on the next frame, so a key pressed next meets the confirmation.
      flushSync(() => editCode(id));
      document.getElementById('code-delete')?.click();
    }
  };

  return (
    <aside className="panel codebook" aria-label="Codebook">
      <div className="codebook-head">
        <h2 className="panel-title">Codebook</h2>
        <span
          className="code-total"
          data-testid="codings-count"
          onPointerEnter={() => setWantDistinct(true)}
          title={`Codings shown, in the whole project: one per coder's coding, so a passage coded by two coders counts twice. ${distinct === null ? 'Distinct passages: counting…' : `${distinct} distinct passage${distinct === 1 ? '' : 's'} (overlapping codings of a code merged).`}`}
        >
          {total} coding{total === 1 ? '' : 's'}
        </span>
      </div>
      <input
        id="code-filter"
        className="code-filter"
        type="search"
        aria-label="Filter codes"
        placeholder="Filter codes…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          // Ancestors are shown for context; the keyboard goes to the first code that matches.
          const first = rows.find((r) => r.code.name.toLowerCase().includes(filter.trim().toLowerCase())) ?? rows[0];
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            focusRow(first?.code.id);
          } else if (e.key === 'Enter' && first) {
            e.preventDefault();
            void codeWith(first.code);
          } else if (e.key === 'Escape') setFilter('');
        }}
      />
      <ul className="code-tree" role="tree" aria-label="Codes" ref={list}>
        {rows.map(({ code, depth, path }) => (
          <li
            key={code.id}
            role="none"
            className={drop?.id === code.id ? `drop-${drop.zone}` : undefined}
            onDragOver={(e) => {
              if (!dragged.current || dragged.current === code.id) return;
              e.preventDefault();
              const r = e.currentTarget.getBoundingClientRect();
              const y = (e.clientY - r.top) / r.height;
              setDrop({ id: code.id, zone: y < 0.3 ? 'before' : y > 0.7 ? 'after' : 'into' });
            }}
            onDragLeave={() => setDrop((d) => (d?.id === code.id ? null : d))}
            onDrop={(e) => {
              e.preventDefault();
              const id = dragged.current;
              const zone = drop?.zone ?? 'into';
              dragged.current = null;
              setDrop(null);
              if (id) void move(id, placement(data.codebook, id, code.id, zone));
            }}
          >
            {renaming === code.id ? (
              <form
                className="rename-form"
                style={{ paddingLeft: 8 + depth * 16 }}
                onSubmit={(e) => {
                  e.preventDefault();
                  const v = new FormData(e.currentTarget).get('name');
                  setRenaming(null);
                  if (typeof v === 'string' && v.trim() && v.trim() !== code.name) void codebookActions.update(code.id, { name: v }).then(() => focusRow(code.id));
                  else focusRow(code.id);
                }}
              >
                <input
                  name="name"
                  aria-label={`New name for ${code.name}`}
                  defaultValue={code.name}
                  autoFocus
                  onBlur={(e) => e.currentTarget.form?.requestSubmit()}
                  onKeyDown={(e) => e.key === 'Escape' && (setRenaming(null), focusRow(code.id))}
                />
              </form>
            ) : (
              <button
                role="treeitem"
                aria-level={depth + 1}
                aria-selected={editing === code.id}
                tabIndex={code.id === current?.code.id ? 0 : -1}
                className={`code-row${editing === code.id ? ' editing' : ''}`}
                style={{ paddingLeft: 8 + depth * 16 }}
                title={`${path}${code.description ? ` — ${code.description}` : ''}`}
                draggable={!readOnly}
                onDragStart={(e) => {
                  dragged.current = code.id;
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', path);
                }}
                onDragEnd={() => {
                  dragged.current = null;
                  setDrop(null);
                }}
                onFocus={() => setFocusId(code.id)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void codeWith(code)}
                onDoubleClick={() => editCode(code.id)}
                onKeyDown={(e) => onRowKey(e, code.id)}
                data-code-id={code.id}
              >
                <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                <span className="code-name">{code.name}</span>
                <span
                  className="code-count"
                  aria-label={`${counts.all.get(code.id) ?? 0} codings, ${counts.doc.get(code.id) ?? 0} in this document`}
                  title={`${counts.all.get(code.id) ?? 0} codings (one per coder's coding), ${counts.doc.get(code.id) ?? 0} in this document`}
                >
                  {counts.all.get(code.id) ?? ''}
                </span>
                {code.shortcut && <kbd className="shortcut">{code.shortcut}</kbd>}
                <span
                  className="code-edit"
                  role="presentation"
                  onClick={(e) => {
                    e.stopPropagation();
                    editCode(code.id);
                  }}
                >
                  ⋯
                </span>
              </button>
            )}
          </li>
        ))}
        {rows.length === 0 && <li className="hint">No code matches “{filter}”.</li>}
      </ul>
      <div className="codebook-actions">
        <button className="secondary" disabled={readOnly} onClick={() => void newCode(null)}>
          New code
        </button>
        <button className="secondary" disabled={readOnly || !current} onClick={() => void newCode(current?.code.id ?? null)} title={current ? `New sub-code of ${current.code.name}` : undefined}>
          New sub-code
        </button>
      </div>
      {editing && <CodeEditor id={editing} onClose={() => editCode(null)} />}
      <CodebookExchange readOnly={readOnly} />
      <p className="hint">Select text, then press a number key, click a code or press Ctrl+K. Arrow keys move in the tree; F2 renames; E edits; Alt+arrows move a code.</p>
    </aside>
  );

  async function newCode(parentId: Id | null): Promise<void> {
    const existing = new Set(data?.codebook.map((c) => c.name.toLowerCase()));
    let name = 'New code';
    for (let i = 2; existing.has(name.toLowerCase()); i++) name = `New code ${i}`;
    const code = await codebookActions.create(name, parentId);
    if (code) {
      setFilter('');
      setRenaming(code.id);
    }
  }
}

/** Export the codebook as a Markdown appendix or JSON; import a JSON codebook. */
function CodebookExchange({ readOnly }: { readOnly: boolean }): React.JSX.Element {
  const file = useRef<HTMLInputElement>(null);
  return (
    <div className="codebook-exchange" role="group" aria-label="Codebook files">
      <button className="link-button" onClick={() => void codebookActions.exportAs('md')}>
        Export Markdown
      </button>
      <button className="link-button" onClick={() => void codebookActions.exportAs('json')}>
        Export JSON
      </button>
      <button className="link-button" disabled={readOnly} onClick={() => file.current?.click()}>
        Import JSON…
      </button>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="codebook-import-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void f.text().then((t) => codebookActions.importJson(t));
        }}
      />
    </div>
  );
}
