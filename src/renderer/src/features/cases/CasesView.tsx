import { ATTRIBUTE_TYPES } from '../../../../core/model/project-schema.js';
import { useRef, useState } from 'react';
import type { AttributeDef, AttributeType, DocumentMeta } from '../../../../core/model/types.js';
import type { AttributeTableReport } from '../../../../core/cases/attributes.js';
import { useProject } from '../../state/project-store.js';
import { DocumentList } from '../documents/DocumentList.js';
import { caseActions } from './actions.js';
import { CaseRow } from './CaseRow.js';

const TYPE_LABEL: Record<AttributeType, string> = { text: 'text', number: 'number', date: 'date', boolean: 'yes/no' };

function NewCaseForm(): React.JSX.Element {
  const [names, setNames] = useState('');
  return (
    <form
      className="cases-form"
      onSubmit={(e) => {
        e.preventDefault();
        const list = names
          .split(/[,;\n]/)
          .map((n) => n.trim())
          .filter(Boolean);
        const known = new Set((useProject.getState().data?.cases ?? []).map((c) => c.name.toLowerCase()));
        const existing = list.filter((n) => known.has(n.toLowerCase()));
        if (existing.length) useProject.getState().toast('info', `Already a case: ${existing.join(', ')}`);
        if (list.length > existing.length) void caseActions.create(list.filter((n) => !known.has(n.toLowerCase()))).then((r) => r && setNames(''));
      }}
    >
      <label>
        New cases
        <input value={names} onChange={(e) => setNames(e.target.value)} placeholder="Chad, Oman, Japan" aria-label="New case names, separated by commas" />
      </label>
      <button type="submit" className="primary" disabled={!names.trim()}>
        Add
      </button>
    </form>
  );
}

function NewAttributeForm(): React.JSX.Element {
  const [name, setName] = useState('');
  const [type, setType] = useState<AttributeType>('text');
  return (
    <form
      className="cases-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void caseActions.define(name.trim(), type).then((r) => r && setName(''));
      }}
    >
      <label>
        New attribute column
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. tier_2008" aria-label="New attribute name" />
      </label>
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value as AttributeType)} aria-label="New attribute type">
          {ATTRIBUTE_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="secondary" disabled={!name.trim()}>
        Add column
      </button>
    </form>
  );
}

/** Import a CSV/XLSX attribute table; shows what matched and what did not. */
function AttributeImport(): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<AttributeTableReport | null>(null);
  return (
    <div className="attr-import">
      <button type="button" className="secondary" onClick={() => input.current?.click()}>
        Import attributes (CSV/XLSX)…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.xlsx"
        hidden
        aria-label="Attribute table to import"
        data-testid="attributes-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void caseActions.importTable(f).then((r) => setReport(r ?? null));
        }}
      />
      {report && (
        <div className="attr-report" role="status" data-testid="attributes-report">
          <strong>
            {report.updatedCases} case{report.updatedCases === 1 ? '' : 's'} updated.
          </strong>
          {report.newAttributes.length > 0 && <span> New columns: {report.newAttributes.map((a) => `${a.name} (${TYPE_LABEL[a.type]})`).join(', ')}.</span>}
          {report.unmatched.length > 0 && (
            <div className="attr-unmatched">
              {report.unmatched.length} row{report.unmatched.length === 1 ? '' : 's'} matched no case: {report.unmatched.map((u) => `row ${u.row} “${u.caseName || '(empty)'}”`).join(', ')}
            </div>
          )}
          {report.invalid.map((i) => (
            <div key={`${i.row}-${i.column}`} className="attr-invalid">
              Row {i.row}, {i.column}: {i.message} (skipped)
            </div>
          ))}
          <button type="button" className="link-button" onClick={() => setReport(null)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

/** A column header: name and type in words, with rename and remove. */
function AttributeHeader({ def }: { def: AttributeDef }): React.JSX.Element {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  return (
    <th scope="col" className="attr-head">
      {editing !== null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (editing.trim() && editing.trim() !== def.name) void caseActions.renameAttribute(def.name, editing.trim());
            setEditing(null);
          }}
        >
          <input autoFocus aria-label={`New name for attribute ${def.name}`} value={editing} onChange={(e) => setEditing(e.target.value)} onBlur={() => setEditing(null)} onKeyDown={(e) => e.key === 'Escape' && setEditing(null)} />
        </form>
      ) : (
        <>
          <span className="attr-name">{def.name}</span> <span className="attr-type">{TYPE_LABEL[def.type]}</span>
          <span className="attr-head-actions">
            <button type="button" className="link-button small" onClick={() => setEditing(def.name)} aria-label={`Rename attribute ${def.name}`}>
              Rename
            </button>
            {confirm ? (
              <>
                <button type="button" className="link-button small danger" onClick={() => void caseActions.removeAttribute(def.name).then(() => setConfirm(false))}>
                  Remove column and its values
                </button>
                <button type="button" className="link-button small" onClick={() => setConfirm(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" className="link-button small danger" onClick={() => setConfirm(true)} aria-label={`Remove attribute ${def.name}`}>
                Remove
              </button>
            )}
          </span>
        </>
      )}
    </th>
  );
}

/** Keyboard path for assignment: every document with a case select. */
function DocumentCases({ docs }: { docs: DocumentMeta[] }): React.JSX.Element | null {
  const cases = useProject((s) => s.data?.cases ?? []);
  if (docs.length === 0) return null;
  return (
    <section className="doc-cases" aria-labelledby="doc-cases-title">
      <h3 id="doc-cases-title">Documents and their cases</h3>
      <p className="hint">Choose a case for each document here, or drag a document from the list onto a case row.</p>
      <table className="doc-cases-table">
        <tbody>
          {docs.map((d) => (
            <tr key={d.id}>
              <td>{d.title}</td>
              <td className="hint-inline">{d.sourceFile}</td>
              <td>
                <select aria-label={`Case of ${d.title}`} value={d.caseId ?? ''} onChange={(e) => void caseActions.assign([d.id], e.target.value || null)}>
                  <option value="">No case</option>
                  {cases.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The Cases view: cases with their typed attributes, documents per case, merge and delete. */
export function CasesView(): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  if (!data) return null;
  const byCase = new Map<string, DocumentMeta[]>();
  for (const d of data.documents) if (d.caseId) byCase.set(d.caseId, [...(byCase.get(d.caseId) ?? []), d]);
  const unassigned = data.documents.filter((d) => !d.caseId).length;
  return (
    <div className="cases-layout">
      <DocumentList />
      <main className="cases-view" aria-label="Cases">
        <fieldset className="cases-toolbar" disabled={readOnly}>
          <NewCaseForm />
          <NewAttributeForm />
          <AttributeImport />
        </fieldset>
        {data.cases.length === 0 ? (
          <p className="hint">No cases yet. Add the cases (for example countries) your documents are about; then give them attributes.</p>
        ) : (
          <div className="cases-table-wrap">
            <table className="cases-table" aria-label="Cases and attributes">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Documents</th>
                  {data.attributeDefs.map((def) => (
                    <AttributeHeader key={def.name} def={def} />
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.cases.map((c) => (
                  <CaseRow key={c.id} kase={c} defs={data.attributeDefs} docs={byCase.get(c.id) ?? []} others={data.cases.filter((o) => o.id !== c.id)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="hint">
          {data.cases.length} case{data.cases.length === 1 ? '' : 's'} · {data.documents.length} document{data.documents.length === 1 ? '' : 's'}
          {unassigned ? ` · ${unassigned} without a case` : ''}
        </p>
        <DocumentCases docs={data.documents} />
      </main>
    </div>
  );
}
