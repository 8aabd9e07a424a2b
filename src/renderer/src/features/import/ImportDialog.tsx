import { useEffect, useRef, useState } from 'react';
import { caseActions } from '../cases/actions.js';
import type { SourceFormat } from '../../../../core/model/types.js';
import { hasImportExtension, importAccept, importFormatsHint } from '../../../../core/import/detect.js';
import { useProject } from '../../state/project-store.js';
import { REFI_NOT_IMPORTED, useImport, type CaseChoice, type FileState } from './store.js';

/** A file a folder import picks up: an extension the import accepts, not hidden or an Office lock file. */
export function isImportable(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('~$') && hasImportExtension(name);
}

const FORMATS: { value: SourceFormat | 'auto'; label: string }[] = [
  { value: 'auto', label: 'Detect from each file' },
  { value: 'md', label: 'Markdown' },
  { value: 'txt', label: 'Plain text' },
  { value: 'html', label: 'HTML' },
  { value: 'docx', label: 'Word (DOCX)' },
  { value: 'pdf', label: 'PDF' },
];

const STAGE_TEXT: Record<FileState['stage'], string> = {
  waiting: 'waiting',
  reading: 'reading…',
  uploading: 'sent',
  importing: 'importing…',
  mapping: 'waiting for you to map its users…',
  parsed: 'read',
  imported: 'imported',
  skipped: 'skipped (duplicate)',
  cancelled: 'not imported',
  failed: 'failed',
};

function size(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function targetValue(t: CaseChoice, known: readonly { name: string }[]): string {
  if (t.kind !== 'case') return t.kind;
  return known.some((c) => c.name === t.name) ? `case:${t.name}` : 'new';
}

/** Per-file rows: name, size, stage (always in words, colour only adds to it), reason or warnings. */
function FileRows(): React.JSX.Element {
  const states = useImport((s) => s.states);
  const report = useImport((s) => s.report);
  const running = useImport((s) => s.running);
  const removeFile = useImport((s) => s.removeFile);
  const reimport = useImport((s) => s.reimportAsMarkdown);
  const reimporting = useImport((s) => s.reimporting);
  return (
    <ul className="import-files" aria-label="Files to import">
      {states.map((f, i) => {
        const outcome = report?.files[i];
        return (
          <li key={`${f.name}-${i}`} className={`import-file stage-${f.stage}`}>
            <span className="import-file-name">{f.name}</span>
            <span className="import-file-size">{size(f.size)}</span>
            <span className="import-file-stage" data-testid="import-file-stage">
              {STAGE_TEXT[f.stage]}
              {outcome && outcome.documentIds.length > 1 ? ` · ${outcome.documentIds.length} documents` : ''}
              {outcome?.cases?.length ? ` · ${outcome.cases.length > 3 ? `${outcome.cases.length} cases` : outcome.cases.join(', ')}` : ''}
            </span>
            {!running && !report && (
              <button type="button" className="link-button" onClick={() => removeFile(i)} aria-label={`Remove ${f.name}`}>
                Remove
              </button>
            )}
            {f.detail && <span className="import-file-detail">{f.detail}</span>}
            {outcome?.warnings.map((w, j) => (
              <span key={j} className="import-file-detail note">
                Note: {w}
              </span>
            ))}
            {outcome?.suggestedFormat === 'md' && outcome.status === 'imported' && (
              <button type="button" className="link-button" disabled={running || reimporting !== null} onClick={() => void reimport(i)} data-testid="reimport-markdown">
                Re-import as Markdown
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The progress bar's words: the share read so far and, once any file is finished, how many are.
 * ("0 of 3 files read · 33%" said nothing was read while a third was.)
 */
export function progressText(running: boolean, done: number, total: number, pct: number): string {
  const files = `${total} file${total === 1 ? '' : 's'}`;
  if (!running) return `Done · ${files}`;
  return done === 0 ? `Reading ${files} · ${pct}%` : `${pct}% · ${done} of ${files} done`;
}

/** How a split import will go, in words: "the case Chad" for one, "one of the 3 cases" for more. */
export function splitHint(caseNames: readonly string[]): string {
  if (caseNames.length === 0) return 'No cases yet: the file is split at lines that name a case. Create them here first.';
  if (caseNames.length === 1) return `Splits at lines naming the case ${caseNames[0]}; each part is assigned to it.`;
  return `Splits at lines naming one of the ${caseNames.length} cases; each part is assigned to its case.`;
}

/** Create cases from inside the dialog, so a split import needs no trip to the Cases view. */
function CreateCasesInline({ empty }: { empty: boolean }): React.JSX.Element {
  const [names, setNames] = useState('');
  const list = names
    .split(/[,\n]/)
    .map((n) => n.trim())
    .filter(Boolean);
  return (
    <div className="import-create-cases">
      <label>
        {empty ? 'Create the cases (comma-separated)' : 'Create missing cases (comma-separated)'}
        <input aria-label="Cases to create" value={names} onChange={(e) => setNames(e.target.value)} placeholder="e.g. Chad, Oman, Japan" onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
      </label>
      <button
        type="button"
        className="secondary"
        disabled={list.length === 0}
        onClick={() => {
          void caseActions.create(list).then((r) => r && setNames(''));
        }}
      >
        Create {list.length > 1 ? `${list.length} cases` : 'case'}
      </button>
    </div>
  );
}

/** Overall progress across all files, as a labelled bar. */
function OverallProgress(): React.JSX.Element | null {
  const running = useImport((s) => s.running);
  const overall = useImport((s) => s.overall);
  const states = useImport((s) => s.states);
  if (!running && overall === 0) return null;
  const pct = Math.round(overall * 100);
  const done = states.filter((s) => !['waiting', 'reading', 'uploading', 'importing', 'mapping'].includes(s.stage)).length;
  return (
    <div className="import-progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="import-progress">
      <div className="import-progress-fill" style={{ width: `${pct}%` }} />
      <span className="import-progress-label">{progressText(running, done, states.length, pct)}</span>
    </div>
  );
}

function Summary(): React.JSX.Element | null {
  const report = useImport((s) => s.report);
  if (!report) return null;
  const cancelled = report.files.filter((f) => f.reason === REFI_NOT_IMPORTED).length;
  const n = (k: string): number => report.files.filter((f) => f.status === k && f.reason !== REFI_NOT_IMPORTED).length;
  const docs = report.files.reduce((a, f) => a + f.documentIds.length, 0);
  return (
    <p className="import-result" role="status" data-testid="import-summary">
      {n('imported')} imported ({docs} document{docs === 1 ? '' : 's'}), {n('skipped')} skipped as duplicates, {n('failed')} failed
      {cancelled > 0 ? `, ${cancelled} not imported (cancelled)` : ''}
    </p>
  );
}

/** The import dialog: files, where they go, how to read them, progress, and the report. */
export function ImportDialog(): React.JSX.Element | null {
  const { open, files, options, running, report } = useImport();
  const { close, setOptions, run, addFiles } = useImport.getState();
  const cases = useProject((s) => s.data?.cases ?? []);
  const input = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  if (!open) return null;
  const t = options.target;
  const splitWithoutCases = t.kind === 'split' && cases.length === 0;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <form
        className="modal import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <h2 id="import-title">Import case texts</h2>
        <div className="import-pick">
          <button ref={first} type="button" className="secondary" onClick={() => input.current?.click()} disabled={running}>
            Choose files…
          </button>
          <button type="button" className="secondary" onClick={() => folder.current?.click()} disabled={running}>
            Choose a folder…
          </button>
          <span className="hint" data-testid="import-formats">
            or drop files on the window · {importFormatsHint()}
          </span>
          <input
            ref={(el) => {
              folder.current = el;
              // Chromium's folder picker; not in React's attribute types.
              el?.setAttribute('webkitdirectory', '');
            }}
            type="file"
            multiple
            hidden
            aria-label="Folder to import"
            data-testid="import-folder-input"
            onChange={(e) => {
              const all = [...(e.target.files ?? [])];
              e.target.value = '';
              const picked = all.filter((f) => isImportable(f.name));
              if (all.length > picked.length) useProject.getState().toast('info', `${all.length - picked.length} file(s) in the folder are not documents Casecoder reads; they were left out.`);
              addFiles(picked);
            }}
          />
          <input
            ref={input}
            type="file"
            multiple
            accept={importAccept()}
            hidden
            aria-label="Files to import"
            data-testid="import-dialog-input"
            onChange={(e) => {
              const picked = [...(e.target.files ?? [])];
              e.target.value = '';
              addFiles(picked);
            }}
          />
        </div>
        {files.length > 0 && <FileRows />}
        <fieldset className="import-options" disabled={running || !!report}>
          <label>
            Documents go to
            <select
              aria-label="Case for the imported documents"
              value={targetValue(t, cases)}
              onChange={(e) => {
                const v = e.target.value;
                setOptions({ target: v === 'none' ? { kind: 'none' } : v === 'split' ? { kind: 'split' } : v === 'new' ? { kind: 'case', name: '' } : { kind: 'case', name: v.slice(5) } });
              }}
            >
              <option value="none">No case (assign later)</option>
              <option value="split">Split by cases (at lines naming a case)</option>
              {cases.map((c) => (
                <option key={c.id} value={`case:${c.name}`}>
                  Case: {c.name}
                </option>
              ))}
              <option value="new">A new case…</option>
            </select>
          </label>
          {t.kind === 'case' && !cases.some((c) => c.name === t.name) && (
            <label>
              New case name
              <input value={t.name} onChange={(e) => setOptions({ target: { kind: 'case', name: e.target.value } })} placeholder="e.g. Ecuador" />
            </label>
          )}
          {t.kind === 'split' && (
            <>
              <p className={`hint${splitWithoutCases ? ' warn-text' : ''}`} data-testid="split-hint">
                {splitHint(cases.map((c) => c.name))}
              </p>
              <CreateCasesInline empty={splitWithoutCases} />
              <label className="check">
                <input type="checkbox" checked={options.keepPreamble} onChange={(e) => setOptions({ keepPreamble: e.target.checked })} />
                Keep the text before the first case as a document
              </label>
            </>
          )}
          <label>
            Format
            <select value={options.format} onChange={(e) => setOptions({ format: e.target.value as SourceFormat | 'auto' })}>
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={options.reflow} onChange={(e) => setOptions({ reflow: e.target.checked })} />
            Reflow: join lines broken inside sentences (text converted from PDF)
          </label>
          <label>
            Section headings (one per line; empty: the scorecard sections)
            <textarea rows={3} value={options.headings} onChange={(e) => setOptions({ headings: e.target.value })} placeholder={'Summary\nBackground\nDirect diplomacy'} />
          </label>
        </fieldset>
        <OverallProgress />
        <Summary />
        <div className="modal-actions">
          <button type="button" className="secondary" onClick={close} disabled={running}>
            {report ? 'Close' : 'Cancel'}
          </button>
          {!report && (
            <button type="submit" className="primary" disabled={running || files.length === 0 || splitWithoutCases || (t.kind === 'case' && !t.name.trim())}>
              {running ? 'Importing…' : `Import ${files.length || ''} file${files.length === 1 ? '' : 's'}`}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
