import { useProject } from '../state/project-store.js';

/** Messages: errors stay longer; each can be dismissed. Announced to screen readers. */
export function Toasts(): React.JSX.Element {
  const toasts = useProject((s) => s.toasts);
  const dismiss = useProject((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <span>{t.text}</span>
          <button className="link-button" onClick={() => dismiss(t.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
