/**
 * The frame every team panel shares (accounts, audit, comparison): a modal dialog titled `title`,
 * its content, a status line when there is one, and the actions row ending with Close.
 */
export function TeamDialog({ id, title, status, actions, onClose, children }: { id: string; title: string; status?: string | null; actions?: React.ReactNode; onClose(): void; children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="modal-backdrop">
      <div className="modal team-panel" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        {status && (
          <p className="hint" role="status">
            {status}
          </p>
        )}
        <div className="modal-actions">
          {actions}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
