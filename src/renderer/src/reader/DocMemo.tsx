import { useEffect } from 'react';
import type { Id } from '../../../core/model/types.js';
import { findMemo } from '../../../core/memos/memos.js';
import { api } from '../lib/api.js';
import { applyMutation, useProject } from '../state/project-store.js';
import { useShownCoders } from '../features/workflow/store.js';
import { useReader } from './reader-store.js';
import { memoDraftKey, useMemoDraft } from '../features/workflow/memo-draft.js';

/** The document memo: the current coder's notes on this document, and (unless blind) other coders' memos, read-only. */
export function DocMemo({ documentId }: { documentId: Id }): React.JSX.Element | null {
  const open = useReader((s) => s.docMemoOpen);
  const setOpen = useReader((s) => s.setDocMemo);
  const data = useProject((s) => s.data);
  const me = useProject((s) => s.view?.coderId ?? null);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const shown = useShownCoders();
  const target = { kind: 'document' as const, id: documentId };
  const mine = data ? findMemo(data, target, me) : undefined;
  const { text, setText, dirty, discard } = useMemoDraft(memoDraftKey(`document:${documentId}`, me), mine?.text ?? '');
  // Esc closes the memo wherever the focus is (the popover floats over the text, not in a modal).
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, setOpen]);
  if (!open || !data) return null;
  const others = data.memos.filter((m) => m.target.kind === 'document' && m.target.id === documentId && m.coderId !== me && (!shown || (m.coderId !== null && shown.has(m.coderId))));
  return (
    <section className="doc-memo card" aria-label="Document memo">
      <header className="inspector-head">
        <strong>Document memo</strong>
        <span className="spacer" />
        <button className="link-button" onClick={() => setOpen(false)}>
          Close
        </button>
      </header>
      <textarea aria-label="Document memo text" autoFocus rows={6} value={text} disabled={readOnly} onChange={(e) => setText(e.target.value)} placeholder="Impressions, open questions, what to check…" />
      <div className="inspector-actions">
        <button className="primary" disabled={readOnly || text === (mine?.text ?? '')} onClick={() => void applyMutation(api.call('memo.set', { target, text }))}>
          Save memo
        </button>
        {dirty ? (
          <>
            <span className="hint-inline" role="status">
              Unsaved draft (kept in this browser until saved)
            </span>
            <button className="link-button" onClick={discard}>
              Discard draft
            </button>
          </>
        ) : (
          mine && <span className="hint-inline">Saved {new Date(mine.updated).toLocaleString()}</span>
        )}
      </div>
      {others.map((m) => (
        <div key={m.id} className="other-memo">
          <div className="hover-meta">{data.coders.find((c) => c.id === m.coderId)?.name ?? 'shared'}</div>
          <div>{m.text}</div>
        </div>
      ))}
    </section>
  );
}
