import { useEffect, useRef, useState } from 'react';
import type { RefiUserMapping } from '../../../../shared/api.js';
import { useProject } from '../../state/project-store.js';
import { trapTab } from './RefiReportDialog.js';
import { useRefi } from './store.js';

const NEW = '__new__';

interface Choice {
  /** A coder id, or {@link NEW} for a new coder named `name`. */
  target: string;
  name: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The step between reading a REFI-QDA file and importing it: every user of the file, with the
 * codings the attribution rule gives them, goes to an existing coder or a new one. Nothing is
 * imported until "Import" is pressed; Cancel leaves the project as it was.
 */
export function RefiUserMapDialog(): React.JSX.Element | null {
  const pending = useRefi((s) => s.pending);
  const busy = useRefi((s) => s.busy);
  const { confirmImport, cancelImport } = useRefi.getState();
  const coders = useProject((s) => s.data?.coders ?? []);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [leaveOut, setLeaveOut] = useState(false);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (!pending) return;
    setLeaveOut(false);
    setChoices(Object.fromEntries(pending.preview.users.map((u) => [u.guid, { target: u.coderId ?? NEW, name: u.name }])));
    requestAnimationFrame(() => first.current?.focus());
  }, [pending]);

  if (!pending) return null;
  const p = pending.preview;
  const missingName = p.users.some((u) => choices[u.guid]?.target === NEW && !choices[u.guid]?.name.trim());
  const set = (guid: string, patch: Partial<Choice>): void => setChoices((c) => ({ ...c, [guid]: { target: NEW, name: '', ...c[guid], ...patch } }));
  const submit = (): void => {
    const users: RefiUserMapping[] = p.users.map((u) => {
      const c = choices[u.guid] ?? { target: NEW, name: u.name };
      return c.target === NEW ? { user: u.guid, coderName: c.name.trim() } : { user: u.guid, coderId: c.target };
    });
    void confirmImport(users, p.defaultCodes > 0 && leaveOut);
  };
  const c = p.counts;
  const counts = [plural(c.documents, 'document'), plural(c.codes, 'code'), plural(c.codings, 'coding'), c.ratings ? plural(c.ratings, 'rating') : ''].filter(Boolean).join(', ');
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && busy === null && cancelImport()}>
      <div
        className="modal refi-report refi-users"
        role="dialog"
        aria-modal="true"
        aria-labelledby="refi-users-title"
        data-testid="refi-user-map"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            if (busy === null) cancelImport();
          } else if (e.key === 'Tab') trapTab(e);
        }}
      >
        <h2 id="refi-users-title">Import {p.fileName}: who coded what</h2>
        <p className="hint">
          {p.projectName ? `“${p.projectName}”` : 'REFI-QDA project'}
          {p.origin ? `, made by ${p.origin}` : ''}: {counts}. Nothing is imported until you press Import.
        </p>
        <table className="refi-counts refi-user-table">
          <thead>
            <tr>
              <th scope="col">User in the file</th>
              <th scope="col">Codings</th>
              <th scope="col">Becomes coder</th>
            </tr>
          </thead>
          <tbody>
            {p.users.map((u, i) => {
              const choice = choices[u.guid] ?? { target: u.coderId ?? NEW, name: u.name };
              return (
                <tr key={u.guid}>
                  <th scope="row">
                    {u.name}
                    {u.role && <span className="refi-role"> {u.role === 'consensus' ? 'consensus' : 'automatic'}</span>}
                  </th>
                  <td>{u.codings}</td>
                  <td className="refi-user-choice">
                    <select ref={i === 0 ? first : undefined} aria-label={`Coder for ${u.name}`} value={choice.target} onChange={(e) => set(u.guid, { target: e.target.value })}>
                      {coders.map((k) => (
                        <option key={k.id} value={k.id}>
                          {k.name}
                          {k.consensus ? ' (consensus)' : k.auto ? ' (automatic)' : ''}
                        </option>
                      ))}
                      <option value={NEW}>New coder…</option>
                    </select>
                    {choice.target === NEW && <input aria-label={`Name of the new coder for ${u.name}`} value={choice.name} onChange={(e) => set(u.guid, { name: e.target.value })} placeholder="Coder name" />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="hint refi-rule">{p.attribution.rule}</p>
        {p.attribution.differing > 0 && <p className="hint">{plural(p.attribution.differing, 'coding')} name one user on the passage and another on the coding; the passage&apos;s user is taken.</p>}
        {p.defaultCodes > 0 && (
          <label className="check refi-defaults">
            <input type="checkbox" checked={leaveOut} onChange={(e) => setLeaveOut(e.target.checked)} />
            Leave out this project’s {plural(p.defaultCodes, 'default code')} (nothing is coded yet), so only the file’s {plural(c.codes, 'code')} remain
          </label>
        )}
        <div className="refi-actions">
          <button className="secondary" onClick={cancelImport} disabled={busy !== null}>
            Cancel
          </button>
          <button className="primary" onClick={submit} disabled={busy !== null || missingName}>
            {busy === 'import' ? 'Importing…' : 'Import'}
          </button>
        </div>
      </div>
    </div>
  );
}
