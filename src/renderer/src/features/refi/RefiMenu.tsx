import { useEffect, useRef, useState } from 'react';
import { useProject } from '../../state/project-store.js';
import { RefiExportDialog } from './RefiExportDialog.js';
import { RefiReportDialog } from './RefiReportDialog.js';
import { RefiUserMapDialog } from './RefiUserMapDialog.js';
import { useRefi, type RefiExportChoice } from './store.js';
import { useBlind } from '../workflow/store.js';

interface Item {
  key: string;
  label: string;
  detail: string;
  run: () => void;
  disabled?: boolean;
  /** Why it is disabled (its tooltip). */
  why?: string;
}

/**
 * The "Exchange" menu of the top bar: import a REFI-QDA project or codebook (its users mapped to
 * coders first, then its report in a dialog), export (after a dialog listing what the target
 * cannot hold) the project as .qdpx (code points as the standard says, or UTF-16 units for
 * NVivo) or the codebook as .qdc. A menu button: Enter/Space/ArrowDown open it, arrows move,
 * Escape closes and returns focus to the button.
 */
export function RefiMenu(): React.JSX.Element | null {
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const hasProject = useProject((s) => !!s.view);
  const busy = useRefi((s) => s.busy);
  const blind = useBlind();
  const { importFile, askExport } = useRefi.getState();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    popup.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const away = (e: MouseEvent): void => {
      if (!popup.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  if (!hasProject) return null;
  const close = (refocus = true): void => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const exporting = (choice: RefiExportChoice) => () => {
    close(false);
    void askExport(choice);
  };
  const items: Item[] = [
    {
      key: 'import',
      label: 'Import REFI-QDA project…',
      detail: '.qdpx project or .qdc codebook from NVivo, ATLAS.ti, MAXQDA, QualCoder',
      disabled: readOnly,
      why: 'This project is open read-only',
      run: () => {
        close(false);
        input.current?.click();
      },
    },
    // A project export holds every coder's codings: not while coding blind (export your own coder file from Compare instead).
    ...[
      { key: 'qdpx', label: 'Export .qdpx', detail: 'REFI-QDA project, positions in code points (the standard)', run: exporting({ format: 'qdpx' }) },
      { key: 'qdpx-nvivo', label: 'Export .qdpx for NVivo', detail: 'positions in UTF-16 units, as NVivo counts them', run: exporting({ format: 'qdpx', positions: 'utf16' }) },
    ].map((it) => (blind ? { ...it, disabled: true, why: 'Blind coding is on: a project export holds every coder’s codings' } : it)),
    { key: 'qdc', label: 'Export codebook .qdc', detail: 'the code tree with colours and descriptions', run: exporting({ format: 'qdc' }) },
  ];

  const onKey = (e: React.KeyboardEvent): void => {
    const buttons = [...(popup.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length;
      buttons[next]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      buttons[e.key === 'Home' ? 0 : buttons.length - 1]?.focus();
    } else if (e.key === 'Tab') close(false);
  };

  return (
    <div className="refi-menu">
      <button
        ref={button}
        className="secondary"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="refi-menu-popup"
        disabled={busy !== null}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        title="Exchange projects and codebooks with other QDA software (REFI-QDA)"
      >
        {busy === 'import' ? 'Importing…' : busy === 'export' ? 'Exporting…' : 'Exchange ▾'}
      </button>
      {open && (
        <div ref={popup} id="refi-menu-popup" className="refi-menu-popup" role="menu" aria-label="Exchange (REFI-QDA)" onKeyDown={onKey}>
          {items.map((it, i) => (
            <button key={it.key} role="menuitem" className={`refi-menu-item${i === 1 ? ' refi-menu-sep' : ''}`} disabled={it.disabled} onClick={it.run} title={it.disabled ? it.why : undefined}>
              <span className="refi-menu-label">{it.label}</span>
              <span className="refi-menu-detail">{it.detail}</span>
            </button>
          ))}
        </div>
      )}
      <input
        ref={input}
        type="file"
        accept=".qdpx,.qdc,.qde"
        hidden
        aria-label="REFI-QDA file to import"
        data-testid="refi-import-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
          button.current?.focus();
        }}
      />
      <RefiUserMapDialog />
      <RefiExportDialog onClosed={() => button.current?.focus()} />
      <RefiReportDialog onClosed={() => button.current?.focus()} />
    </div>
  );
}
