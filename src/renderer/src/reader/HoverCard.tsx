import { codePath } from '../../../core/codebook/paths.js';
import { useProject } from '../state/project-store.js';
import { useReader } from './reader-store.js';
import { uncode } from './commands.js';

export interface HoverInfo {
  x: number;
  y: number;
  codingIds: string[];
  pinned: boolean;
}

/** Which codes and coders cover a passage (with memos); pinned by a click it offers selecting or deleting a coding. */
export function HoverCard({ info, onClose }: { info: HoverInfo; onClose: () => void }): React.JSX.Element | null {
  const data = useProject((s) => s.data);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const select = useReader((s) => s.selectCoding);
  if (!data) return null;
  const codings = info.codingIds.map((id) => data.codings.find((c) => c.id === id)).filter((c) => c !== undefined);
  if (codings.length === 0) return null;
  const left = Math.min(info.x + 12, window.innerWidth - 360);
  const top = Math.max(8, Math.min(info.y + 16, window.innerHeight - 70 - 56 * codings.length));
  return (
    <div className={`hover-card${info.pinned ? ' pinned' : ''}`} style={{ left, top }} role="dialog" aria-label="Codings here">
      {codings.map((c) => {
        const code = data.codebook.find((k) => k.id === c.codeId);
        const coder = data.coders.find((k) => k.id === c.coderId);
        return (
          <div key={c.id} className="hover-row" data-coding-id={c.id}>
            <span className="swatch" style={{ background: code?.color ?? '#999' }} aria-hidden="true" />
            <div className="hover-text">
              <div className="hover-code">{code ? codePath(data.codebook, code.id) : 'Unknown code'}</div>
              <div className="hover-meta">
                {coder?.name ?? 'unknown coder'}
                {coder?.auto ? ' (autocode)' : ''} · {c.exact.length} characters
              </div>
              {c.memo && <div className="hover-memo">Memo: {c.memo.length > 120 ? `${c.memo.slice(0, 120)}…` : c.memo}</div>}
            </div>
            {info.pinned && (
              <button
                className="icon-button"
                title="Select this coding to edit it"
                aria-label={`Select coding ${code?.name ?? ''}`}
                onClick={() => {
                  select(c.id);
                  onClose();
                }}
              >
                Select
              </button>
            )}
            {info.pinned && !readOnly && (
              <button
                className="icon-button danger"
                title="Delete this coding"
                aria-label={`Delete coding ${code?.name ?? ''}`}
                onClick={() => {
                  void uncode(c.id);
                  if (codings.length === 1) onClose();
                }}
              >
                Delete
              </button>
            )}
          </div>
        );
      })}
      {info.pinned && (
        <button className="link-button" onClick={onClose}>
          Close
        </button>
      )}
    </div>
  );
}
