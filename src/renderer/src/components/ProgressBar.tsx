import { useProject } from '../state/project-store.js';

/** Progress of long work (imports): overall bar and the current item. */
export function ProgressBar(): React.JSX.Element | null {
  const p = useProject((s) => s.progress);
  if (!p) return null;
  const pct = p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={`${p.task}: ${p.label}`}>
      <div className="progress-fill" style={{ width: `${pct}%` }} />
      <span className="progress-label">
        {p.task === 'import' ? 'Importing' : p.task} {p.done}/{p.total} · {p.label}
      </span>
    </div>
  );
}
