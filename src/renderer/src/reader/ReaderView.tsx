import { useEffect, useRef, useState } from 'react';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Coding, Id } from '../../../core/model/types.js';
import { trimRange } from '../../../core/codings/anchor.js';
import { useProject, type LoadedDocument } from '../state/project-store.js';
import { highlightKey, highlightMeta, highlightPlugin, type Highlight } from './highlight-plugin.js';
import { HoverCard, type HoverInfo } from './HoverCard.js';

/** The current selection in canonical-text offsets, trimmed; null when empty. */
export function selectionOffsets(view: EditorView, loaded: LoadedDocument): { start: number; end: number } | null {
  const { from, to } = view.state.selection;
  if (from === to) return null;
  const r = trimRange(loaded.index.text, loaded.index.posToOffset(from, 1), loaded.index.posToOffset(to, -1));
  return r.end > r.start ? r : null;
}

/** Module-level handle so the codebook panel can code the reader's selection. */
export const readerHandle: { view: EditorView | null; loaded: LoadedDocument | null } = { view: null, loaded: null };

function toHighlights(codings: Coding[], colors: Map<Id, string>): Highlight[] {
  return codings.map((c) => ({ id: c.id, start: c.start, end: c.end, color: colors.get(c.codeId) ?? '#999999' }));
}

/**
 * The ProseMirror reader: read-only, selection-aware, with highlights in plugin state. Codings of
 * the active document are pushed into the plugin incrementally (one added or removed coding is a
 * local redraw; anything else rebuilds the set).
 */
export function ReaderView({ loaded }: { loaded: LoadedDocument }): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const shown = useRef<Coding[]>([]);
  const shownCodebook = useRef<unknown>(null);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const data = useProject((s) => s.data);

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView(host.current, {
      state: EditorState.create({ doc: loaded.doc, plugins: [highlightPlugin(loaded.index)] }),
      editable: () => false,
      attributes: { class: 'reader-doc', 'aria-label': 'Document text', tabindex: '0' },
    });
    viewRef.current = view;
    readerHandle.view = view;
    readerHandle.loaded = loaded;
    shown.current = [];
    return () => {
      view.destroy();
      viewRef.current = null;
      if (readerHandle.view === view) {
        readerHandle.view = null;
        readerHandle.loaded = null;
      }
    };
  }, [loaded]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !data) return;
    const colors = new Map(data.codebook.map((c) => [c.id, c.color]));
    const next = data.codings.filter((c) => c.documentId === loaded.id);
    const prev = shown.current;
    const prevIds = new Set(prev.map((c) => c.id));
    const nextIds = new Set(next.map((c) => c.id));
    const added = next.filter((c) => !prevIds.has(c.id));
    const removed = prev.filter((c) => !nextIds.has(c.id));
    // Recolouring or recoding changes the codebook or a coding in place: rebuild then.
    const changedInPlace = shownCodebook.current !== data.codebook || (added.length + removed.length === 0 && next.some((c, i) => prev[i] !== c));
    shownCodebook.current = data.codebook;
    let tr = view.state.tr;
    if (prev.length === 0 || added.length + removed.length > 1 || changedInPlace) tr = tr.setMeta(highlightKey, highlightMeta.set(toHighlights(next, colors)));
    else if (added[0]) tr = tr.setMeta(highlightKey, highlightMeta.add(toHighlights([added[0]], colors)[0] as Highlight));
    else if (removed[0]) tr = tr.setMeta(highlightKey, highlightMeta.remove(removed[0].id));
    else {
      shown.current = next;
      return;
    }
    view.dispatch(tr);
    shown.current = next;
  }, [data, loaded]);

  const codingsAt = (x: number, y: number): Coding[] => {
    const view = viewRef.current;
    if (!view || !data) return [];
    const hit = view.posAtCoords({ left: x, top: y });
    if (!hit) return [];
    const o = loaded.index.posToOffset(hit.pos, 1);
    return data.codings.filter((c) => c.documentId === loaded.id && c.start <= o && o < c.end);
  };

  return (
    <div className="reader-wrap">
      <div
        ref={host}
        className="reader"
        onMouseMove={(e) => {
          if (hover?.pinned) return;
          const hits = codingsAt(e.clientX, e.clientY);
          setHover(hits.length ? { x: e.clientX, y: e.clientY, codingIds: hits.map((c) => c.id), pinned: false } : null);
        }}
        onMouseLeave={() => {
          if (!hover?.pinned) setHover(null);
        }}
        onClick={(e) => {
          const view = viewRef.current;
          if (view && !view.state.selection.empty) return;
          const hits = codingsAt(e.clientX, e.clientY);
          setHover(hits.length ? { x: e.clientX, y: e.clientY, codingIds: hits.map((c) => c.id), pinned: true } : null);
        }}
      />
      {hover && <HoverCard info={hover} onClose={() => setHover(null)} />}
    </div>
  );
}
