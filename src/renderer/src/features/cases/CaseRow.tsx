import { useState } from 'react';
import type { AttributeDef, AttributeValue, Case, DocumentMeta } from '../../../../core/model/types.js';
import { useProject } from '../../state/project-store.js';
import { useReader } from '../../reader/index.js';
import { caseActions } from './actions.js';
import { droppedDocument, isDocumentDrag, startDocumentDrag } from './drag.js';

function shown(v: AttributeValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/**
 * One typed attribute cell: text and numbers in a text field, dates in a date field, yes/no in a
 * select. Enter or leaving the field saves (one undo step); Escape restores the stored value.
 */
function AttributeCell({ kase, def }: { kase: Case; def: AttributeDef }): React.JSX.Element {
  const stored = Object.hasOwn(kase.attributes, def.name) ? kase.attributes[def.name] : undefined;
  const [draft, setDraft] = useState<string | null>(null);
  const label = `${def.name} of ${kase.name}`;
  const save = (raw: string): void => {
    setDraft(null);
    if (raw === shown(stored)) return;
    void caseActions.set(kase.id, def.name, raw);
  };
  if (def.type === 'boolean') {
    return (
      <td className="attr-cell">
        <select aria-label={label} className={shown(stored) ? undefined : 'empty'} value={shown(stored)} onChange={(e) => save(e.target.value)}>
          <option value="">—</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      </td>
    );
  }
  return (
    <td className={`attr-cell type-${def.type}`}>
      <input
        aria-label={label}
        type={def.type === 'date' ? 'date' : 'text'}
        inputMode={def.type === 'number' ? 'decimal' : undefined}
        value={draft ?? shown(stored)}
        placeholder="—"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(e) => draft !== null && save(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    </td>
  );
}

/** The case's name, renamed in place (Enter saves, Escape cancels). */
function NameCell({ kase }: { kase: Case }): React.JSX.Element {
  const [editing, setEditing] = useState<string | null>(null);
  if (editing !== null) {
    return (
      <th scope="row" className="case-name-cell">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (editing.trim() && editing.trim() !== kase.name) void caseActions.rename(kase.id, editing.trim());
            setEditing(null);
          }}
        >
          <input autoFocus aria-label={`New name for ${kase.name}`} value={editing} onChange={(e) => setEditing(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setEditing(null)} onBlur={() => setEditing(null)} />
        </form>
      </th>
    );
  }
  return (
    <th scope="row" className="case-name-cell">
      <span className="case-title">{kase.name}</span>
      <button type="button" className="link-button small" onClick={() => setEditing(kase.name)} aria-label={`Rename ${kase.name}`}>
        Rename
      </button>
    </th>
  );
}

/** Merge and delete, each confirmed in place (no native dialogs). */
function RowActions({ kase, docs, others }: { kase: Case; docs: number; others: Case[] }): React.JSX.Element {
  const [confirm, setConfirm] = useState<'delete' | { into: string } | null>(null);
  if (confirm === 'delete') {
    return (
      <td className="case-actions confirm">
        <span>
          Delete {kase.name}? {docs > 0 ? `Its ${docs} document${docs === 1 ? '' : 's'} stay${docs === 1 ? 's' : ''}, without a case.` : 'It has no documents.'}
        </span>
        <button type="button" className="danger-button" onClick={() => void caseActions.remove(kase.id).then(() => setConfirm(null))}>
          Delete case
        </button>
        <button type="button" className="secondary" onClick={() => setConfirm(null)}>
          Cancel
        </button>
      </td>
    );
  }
  if (confirm && confirm.into) {
    const target = others.find((c) => c.id === confirm.into);
    return (
      <td className="case-actions confirm">
        <span>
          Merge {kase.name} into {target?.name}? Documents, ratings and memos move; {kase.name} is removed.
        </span>
        <button type="button" className="primary" onClick={() => void caseActions.merge(kase.id, confirm.into).then(() => setConfirm(null))}>
          Merge
        </button>
        <button type="button" className="secondary" onClick={() => setConfirm(null)}>
          Cancel
        </button>
      </td>
    );
  }
  return (
    <td className="case-actions">
      <select aria-label={`Merge ${kase.name} into another case`} value="" onChange={(e) => e.target.value && setConfirm({ into: e.target.value })} disabled={others.length === 0}>
        <option value="">Merge into…</option>
        {others.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button type="button" className="link-button danger" onClick={() => setConfirm('delete')} aria-label={`Delete ${kase.name}`}>
        Delete
      </button>
    </td>
  );
}

/** A row of the cases table; documents dropped on it are assigned to the case. */
export function CaseRow({ kase, defs, docs, others }: { kase: Case; defs: AttributeDef[]; docs: DocumentMeta[]; others: Case[] }): React.JSX.Element {
  const [over, setOver] = useState(false);
  const select = useReader((s) => s.selectDocument);
  const setView = useProject((s) => s.setView);
  return (
    <tr
      className={`case-row${over ? ' drop-over' : ''}`}
      data-case-id={kase.id}
      onDragOver={(e) => {
        if (!isDocumentDrag(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const id = droppedDocument(e);
        if (!id) return;
        e.preventDefault();
        void caseActions.assign([id], kase.id);
      }}
    >
      <NameCell kase={kase} />
      <td className="case-docs">
        {docs.length === 0 && <span className="hint-inline">Drop documents here</span>}
        <ul>
          {docs.map((d) => (
            <li key={d.id} draggable onDragStart={(e) => startDocumentDrag(e, d.id)}>
              <button
                type="button"
                className="link-button"
                title="Open in the reader"
                onClick={() => {
                  setView('reader');
                  void select(d.id);
                }}
              >
                {d.title}
              </button>
            </li>
          ))}
        </ul>
      </td>
      {defs.map((def) => (
        <AttributeCell key={def.name} kase={kase} def={def} />
      ))}
      <RowActions kase={kase} docs={docs.length} others={others} />
    </tr>
  );
}
