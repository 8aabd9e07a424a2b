import type { DocumentMeta } from '../../../../core/model/types.js';
import { useState } from 'react';
import { useProject } from '../../state/project-store.js';
import { caseActions } from '../cases/actions.js';
import { droppedDocument, isDocumentDrag, startDocumentDrag } from '../cases/drag.js';

/**
 * Documents grouped by case (cases alphabetically, unassigned last). Rows can be dragged onto a
 * case (a group here, or a row of the Cases view) to assign them.
 */
export function DocumentList(): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const [over, setOver] = useState<string | null>(null);
  const activeDocId = useProject((s) => s.activeDocId);
  const select = useProject((s) => s.selectDocument);
  if (!data) return null;
  const groups = new Map<string, DocumentMeta[]>();
  for (const d of data.documents) {
    const key = d.caseId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const caseName = new Map(data.cases.map((c) => [c.id, c.name]));
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : (caseName.get(a) ?? '').localeCompare(caseName.get(b) ?? '')));
  const counts = new Map<string, number>();
  for (const c of data.codings) counts.set(c.documentId, (counts.get(c.documentId) ?? 0) + 1);
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
              <li key={d.id} draggable onDragStart={(e) => startDocumentDrag(e, d.id)}>
                <button className={`doc-row${d.id === activeDocId ? ' active' : ''}`} aria-current={d.id === activeDocId ? 'page' : undefined} onClick={() => void select(d.id)} data-doc-id={d.id}>
                  <span className="doc-title">{d.title}</span>
                  <span className="doc-meta">
                    {d.format.toUpperCase()} · {Math.round(d.chars / 100) / 10}k chars{counts.get(d.id) ? ` · ${counts.get(d.id)} coding${counts.get(d.id) === 1 ? '' : 's'}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
