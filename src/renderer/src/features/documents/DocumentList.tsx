import type { DocumentMeta } from '../../../../core/model/types.js';
import { useState } from 'react';
import { applyMutation, useProject } from '../../state/project-store.js';
import { countsFor } from '../../state/project-mirror.js';
import { api } from '../../lib/api.js';
import { caseActions } from '../cases/actions.js';
import { droppedDocument, isDocumentDrag, startDocumentDrag } from '../cases/drag.js';
import { useShownCoders } from '../workflow/store.js';
import { useReader } from '../../reader/index.js';

/** Inline title editor: Enter saves, Escape cancels, leaving the field saves. */
function TitleEditor({ doc, done }: { doc: DocumentMeta; done: () => void }): React.JSX.Element {
  const [title, setTitle] = useState(doc.title);
  const save = (): void => {
    done();
    if (title.trim() && title.trim() !== doc.title) void applyMutation(api.call('document.rename', { id: doc.id, title }));
  };
  return (
    <input
      className="doc-title-input"
      autoFocus
      aria-label={`New title for ${doc.title}`}
      value={title}
      maxLength={300}
      onChange={(e) => setTitle(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') save();
        if (e.key === 'Escape') done();
      }}
    />
  );
}

/**
 * Documents grouped by case (cases alphabetically, unassigned last). Rows can be dragged onto a
 * case (a group here, or a row of the Cases view) to assign them. F2 or a double click renames.
 */
export function DocumentList(): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const [over, setOver] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const activeDocId = useReader((s) => s.activeDocId);
  const select = useReader((s) => s.selectDocument);
  const shown = useShownCoders();
  const index = useProject((s) => s.codings);
  if (!data) return null;
  const groups = new Map<string, DocumentMeta[]>();
  for (const d of data.documents) {
    const key = d.caseId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const caseName = new Map(data.cases.map((c) => [c.id, c.name]));
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : (caseName.get(a) ?? '').localeCompare(caseName.get(b) ?? '')));
  // Only the codings the coder view shows (blind coding: the coder's own, never the others').
  const counts = index ? countsFor(index.perDocument, shown) : new Map<string, number>();
  return (
    <nav className="panel documents" aria-label="Documents">
      <h2 className="panel-title">Documents</h2>
      {data.documents.length === 0 && <p className="hint">No documents yet. Use Import to add case texts.</p>}
      {keys.map((k) => (
        <section
          key={k || 'none'}
          className={`doc-group${over === k ? ' drop-over' : ''}`}
          onDragOver={(e) => {
            if (!isDocumentDrag(e)) return;
            e.preventDefault();
            setOver(k);
          }}
          onDragLeave={() => setOver(null)}
          onDrop={(e) => {
            setOver(null);
            const id = droppedDocument(e);
            if (!id) return;
            e.preventDefault();
            void caseActions.assign([id], k || null);
          }}
        >
          <h3 className="case-name">{k ? caseName.get(k) : 'No case'}</h3>
          <ul>
            {(groups.get(k) ?? []).map((d) => (
              <li key={d.id} draggable={renaming !== d.id} onDragStart={(e) => startDocumentDrag(e, d.id)}>
                {renaming === d.id ? (
                  <TitleEditor doc={d} done={() => setRenaming(null)} />
                ) : (
                  <button
                    className={`doc-row${d.id === activeDocId ? ' active' : ''}`}
                    aria-current={d.id === activeDocId ? 'page' : undefined}
                    onClick={() => void select(d.id)}
                    onDoubleClick={() => !readOnly && setRenaming(d.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'F2' && !readOnly) {
                        e.preventDefault();
                        setRenaming(d.id);
                      }
                    }}
                    title="F2 or double-click to rename"
                    data-doc-id={d.id}
                  >
                    <span className="doc-title">{d.title}</span>
                    <span className="doc-meta">
                      {d.format.toUpperCase()} · {Math.round(d.chars / 100) / 10}k chars{counts.get(d.id) ? ` · ${counts.get(d.id)} coding${counts.get(d.id) === 1 ? '' : 's'}` : ''}
                    </span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
