import { useEffect, useMemo, useRef, useState } from 'react';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Coding, Id } from '../../../core/model/types.js';
import { useProject } from '../state/project-store.js';
import { codingsOfDocument } from '../state/project-mirror.js';
import { diffCodingLists } from './coding-diff.js';
import { filterShown, useShownCoders } from '../features/workflow/store.js';
import { highlightKey, highlightMeta, highlightPlugin, type Highlight } from './highlight-plugin.js';
import { focusKey, focusPlugin } from './focus-plugin.js';
import { inputPlugin } from './input-plugin.js';
import { HoverCard, type HoverInfo } from './HoverCard.js';
import { Stripes } from './Stripes.js';
import { ReaderToolbar } from './ReaderToolbar.js';
import { FindBar } from './FindBar.js';
import { CodingInspector } from './CodingInspector.js';
import { CommandPalette } from './CommandPalette.js';
import { DocMemo } from './DocMemo.js';
import { ReaderMenu } from './ReaderMenu.js';
import { ResizeHandles } from './ResizeHandles.js';
import { useReader, type LoadedDocument } from './reader-store.js';
import { codingsAtOffset, revealRange, selectionOffsets } from './selection.js';

/** The coding a click at `offset` selects: the innermost there, or the next one out when the innermost is already selected. */
export function clickTarget(codings: readonly Coding[], offset: number, selected: Id | null): Id | null {
  const hits = codingsAtOffset(codings, offset);
  if (hits.length === 0) return null;
  const at = hits.findIndex((c) => c.id === selected);
  return (hits[(at + 1) % hits.length] as Coding).id;
}

function toHighlights(codings: readonly Coding[], colors: Map<Id, string>): Highlight[] {
  return codings.map((c) => ({ id: c.id, start: c.start, end: c.end, color: colors.get(c.codeId) ?? '#999999' }));
}

/**
 * The ProseMirror reader: read-only, selection-aware, with highlights in plugin state, margin
 * stripes, find, a command palette, a right-click menu, drag handles and the coding inspector.
 * Clicking coded text selects its coding (again: the next one out). Only the codings the coder view
 * shows are drawn (blind mode: the current coder's alone). Codings are pushed into the plugin
 * incrementally (one added or removed coding is a local redraw; anything else rebuilds the set).
 */
export function ReaderView({ loaded }: { loaded: LoadedDocument }): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const shownRef = useRef<readonly Coding[]>([]);
  const shownCodebook = useRef<unknown>(null);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const [ready, setReady] = useState<EditorView | null>(null);
  const data = useProject((s) => s.data);
  const shown = useShownCoders();
  const selectedId = useReader((s) => s.selectedCodingId);
  const jump = useReader((s) => s.jump);
  const findOpen = useReader((s) => s.findOpen);

  // The document's codings from the index kept per change (the same array until they change).
  const ofDocument = useProject((s) => (s.codings ? codingsOfDocument(s.codings, loaded.id) : null));
  const docCodings = useMemo(() => filterShown((ofDocument ?? []) as Coding[], shown), [ofDocument, shown]);

  // The codings drawn with the first paint (read once per document; later changes go through the sync effect).
  const initialRef = useRef<{ id: Id; codings: readonly Coding[] } | null>(null);
  if (initialRef.current?.id !== loaded.id) initialRef.current = { id: loaded.id, codings: docCodings };
  // The plugins are made once per document; they read the latest codings through this ref.
  const codingsRef = useRef(docCodings);
  codingsRef.current = docCodings;

  useEffect(() => {
    if (!host.current) return;
    performance.mark('reader:mount-start');
    const d = useProject.getState().data;
    const initial = initialRef.current?.codings ?? [];
    const colors = new Map((d?.codebook ?? []).map((c) => [c.id, c.color]));
    const view = new EditorView(host.current, {
      state: EditorState.create({
        doc: loaded.doc,
        plugins: [
          highlightPlugin(loaded.index, toHighlights(initial, colors)),
          focusPlugin(),
          inputPlugin({
            toOffset: (pos) => loaded.index.posToOffset(pos, 1),
            click(offset) {
              const r = useReader.getState();
              r.openMenu(null);
              r.selectCoding(clickTarget(codingsRef.current, offset, r.selectedCodingId));
            },
            contextMenu(x, y, offset) {
              setHover(null);
              const ids = offset === null ? [] : codingsAtOffset(codingsRef.current, offset).map((c) => c.id);
              useReader.getState().openMenu({ x, y, selection: selectionOffsets(view, loaded), codingIds: ids });
            },
          }),
        ],
      }),
      editable: () => false,
      attributes: { class: 'reader-doc', 'aria-label': 'Document text', tabindex: '0' },
    });
    viewRef.current = view;
    useReader.setState({ mounted: { view, loaded } });
    shownRef.current = initial;
    shownCodebook.current = d?.codebook ?? null;
    void view.dom.offsetHeight;
    performance.measure('reader:first-render', 'reader:mount-start');
    setReady(view);
    return () => {
      view.destroy();
      viewRef.current = null;
      setReady(null);
      if (useReader.getState().mounted?.view === view) useReader.setState({ mounted: null });
    };
  }, [loaded]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !data || ready !== view) return;
    const colors = new Map(data.codebook.map((c) => [c.id, c.color]));
    const next = docCodings;
    const prev = shownRef.current;
    performance.mark('reader:sync-start');
    if (prev === next && shownCodebook.current === data.codebook) return;
    const { added, removed, changed } = diffCodingLists(prev, next);
    // Recolouring or recoding changes the codebook or a coding in place: rebuild then.
    const changedInPlace = shownCodebook.current !== data.codebook || changed;
    shownCodebook.current = data.codebook;
    let tr = view.state.tr;
    if (added.length + removed.length > 1 || changedInPlace) tr = tr.setMeta(highlightKey, highlightMeta.set(toHighlights(next, colors)));
    else if (added[0]) tr = tr.setMeta(highlightKey, highlightMeta.add(toHighlights([added[0]], colors)[0] as Highlight));
    else if (removed[0]) tr = tr.setMeta(highlightKey, highlightMeta.remove(removed[0].id));
    else {
      shownRef.current = next;
      return;
    }
    view.dispatch(tr);
    shownRef.current = next;
    // Marks for the reader benchmark (tests/bench/reader.bench.ts); reading offsetHeight forces layout.
    void view.dom.offsetHeight;
    performance.mark('reader:highlights-applied');
  }, [data, docCodings, loaded, ready]);

  // Outline the selected coding.
  useEffect(() => {
    const view = viewRef.current;
    if (!view || ready !== view) return;
    const c = selectedId ? docCodings.find((x) => x.id === selectedId) : undefined;
    const selected = c ? { from: loaded.index.offsetToPos(c.start, 1), to: loaded.index.offsetToPos(c.end, -1) } : null;
    view.dispatch(view.state.tr.setMeta(focusKey, { selected }));
  }, [selectedId, docCodings, loaded, ready]);

  // Show a passage asked for by retrieval, search or the inspector.
  useEffect(() => {
    const view = viewRef.current;
    if (!view || ready !== view || !jump || jump.documentId !== loaded.id) return;
    revealRange(view, loaded, jump.start, jump.end);
  }, [jump, loaded, ready]);

  const codingsAt = (x: number, y: number): Coding[] => {
    const view = viewRef.current;
    if (!view) return [];
    const hit = view.posAtCoords({ left: x, top: y });
    if (!hit) return [];
    const o = loaded.index.posToOffset(hit.pos, 1);
    return codingsAtOffset(docCodings, o);
  };

  return (
    <div className="reader-wrap">
      {/* One sticky header: the find bar sits under the toolbar, never over it or over the match. */}
      <div className="reader-sticky">
        <ReaderToolbar loaded={loaded} />
        {findOpen && ready && <FindBar view={ready} loaded={loaded} />}
      </div>
      <div className="reader-body">
        {ready && data && <Stripes view={ready} loaded={loaded} codings={docCodings} data={data} selectedId={selectedId} />}
        <div
          ref={host}
          className="reader"
          onMouseMove={(e) => {
            if (e.buttons !== 0) return setHover(null);
            const hits = codingsAt(e.clientX, e.clientY);
            setHover(hits.length ? { x: e.clientX, y: e.clientY, codingIds: hits.map((c) => c.id), pinned: false } : null);
          }}
          onMouseLeave={() => setHover(null)}
        />
        {ready && data && <ResizeHandles view={ready} loaded={loaded} codings={docCodings} />}
      </div>
      {hover && <HoverCard info={hover} onClose={() => setHover(null)} />}
      {ready && <CodingInspector loaded={loaded} />}
      <CommandPalette />
      {ready && <ReaderMenu loaded={loaded} />}
      <DocMemo documentId={loaded.id} />
    </div>
  );
}
