import { useEffect, useMemo, useRef, useState } from 'react';
import type { EditorView } from 'prosemirror-view';
import { searchTexts } from '../../../core/search/search.js';
import { useReader, type LoadedDocument } from './reader-store.js';
import { focusKey } from './focus-plugin.js';
import { revealRange } from './selection.js';

/** Find in the document (Ctrl/Cmd+F): every hit highlighted, Enter / Shift+Enter for next / previous, Escape closes. */
export function FindBar({ view, loaded }: { view: EditorView; loaded: LoadedDocument }): React.JSX.Element {
  const [q, setQ] = useState('');
  const [current, setCurrent] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const close = useReader((s) => s.setFind);
  const hits = useMemo(() => {
    if (!q.trim()) return [];
    const r = searchTexts([{ id: loaded.id, text: loaded.index.text }], { text: q, mode: 'plain' }, { maxHits: 2000, context: 0 });
    return r.ok ? (r.value.groups[0]?.hits ?? []) : [];
  }, [q, loaded]);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const ranges = hits.map((h) => ({ from: loaded.index.offsetToPos(h.start, 1), to: loaded.index.offsetToPos(h.end, -1) }));
    view.dispatch(view.state.tr.setMeta(focusKey, { hits: ranges, current: Math.min(current, ranges.length - 1) }));
    const h = hits[current];
    if (h) revealRange(view, loaded, h.start, h.end, false);
  }, [hits, current, view, loaded]);
  // Clear the hits on close; when the document closes the view is destroyed first (switching documents with the bar open threw).
  useEffect(
    () => () => {
      if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(focusKey, { hits: [], current: -1 }));
    },
    [view],
  );

  const step = (d: 1 | -1): void => {
    if (hits.length) setCurrent((c) => (c + d + hits.length) % hits.length);
  };
  return (
    <div className="find-bar" role="search" aria-label="Find in document">
      <input
        ref={input}
        aria-label="Find in document"
        placeholder="Find in document"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setCurrent(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            close(false);
            view.focus();
          }
        }}
      />
      <span className="find-count" aria-live="polite">
        {q.trim() ? (hits.length ? `${current + 1} of ${hits.length}` : 'No matches') : ''}
      </span>
      <button className="icon-button" onClick={() => step(-1)} disabled={!hits.length} aria-label="Previous match">
        ▲
      </button>
      <button className="icon-button" onClick={() => step(1)} disabled={!hits.length} aria-label="Next match">
        ▼
      </button>
      <button className="link-button" onClick={() => close(false)}>
        Close
      </button>
    </div>
  );
}
