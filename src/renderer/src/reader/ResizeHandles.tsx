import { useEffect, useState } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Coding } from '../../../core/model/types.js';
import { useProject } from '../state/project-store.js';
import { focusKey } from './focus-plugin.js';
import { resize } from './commands.js';
import { useReader, type LoadedDocument } from './reader-store.js';

/** The extent a drag of one edge gives: the dragged edge moves to `offset`; an edge dragged past the other swaps them. */
export function draggedExtent(coding: Pick<Coding, 'start' | 'end'>, edge: 'start' | 'end', offset: number): { start: number; end: number } {
  const fixed = edge === 'start' ? coding.end : coding.start;
  return { start: Math.min(fixed, offset), end: Math.max(fixed, offset) };
}

interface Spot {
  left: number;
  top: number;
  height: number;
}

/**
 * Drag handles on the selected coding's two ends (as in MAXQDA and ATLAS.ti): drag one to move
 * that boundary; the new extent is outlined while dragging and saved (one undo step) on release.
 */
export function ResizeHandles({ view, loaded, codings }: { view: EditorView; loaded: LoadedDocument; codings: readonly Coding[] }): React.JSX.Element | null {
  const selectedId = useReader((s) => s.selectedCodingId);
  const readOnly = useProject((s) => s.view?.readOnly ?? true);
  const coding = selectedId ? codings.find((c) => c.id === selectedId) : undefined;
  const [spots, setSpots] = useState<{ start: Spot; end: Spot } | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const scroller = view.dom.closest('.reader-column');
    const again = (): void => setTick((t) => t + 1);
    scroller?.addEventListener('scroll', again, { passive: true });
    window.addEventListener('resize', again);
    return () => {
      scroller?.removeEventListener('scroll', again);
      window.removeEventListener('resize', again);
    };
  }, [view]);

  useEffect(() => {
    if (!coding || !view.dom.isConnected) return setSpots(null);
    const frame = requestAnimationFrame(() => {
      const box = (view.dom.parentElement ?? view.dom).getBoundingClientRect();
      const a = view.coordsAtPos(loaded.index.offsetToPos(coding.start, 1), 1);
      const b = view.coordsAtPos(loaded.index.offsetToPos(coding.end, -1), -1);
      setSpots({
        start: { left: a.left - box.left, top: a.top - box.top, height: a.bottom - a.top },
        end: { left: b.right - box.left, top: b.top - box.top, height: b.bottom - b.top },
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [coding, view, loaded, tick]);

  if (!coding || !spots || readOnly) return null;
  const drag =
    (edge: 'start' | 'end') =>
    (e: React.PointerEvent<HTMLDivElement>): void => {
      e.preventDefault();
      e.stopPropagation();
      const el = e.currentTarget;
      el.setPointerCapture?.(e.pointerId);
      let extent = { start: coding.start, end: coding.end };
      const at = (ev: PointerEvent): void => {
        const hit = view.posAtCoords({ left: ev.clientX, top: ev.clientY });
        if (!hit) return;
        extent = draggedExtent(coding, edge, loaded.index.posToOffset(hit.pos, edge === 'start' ? 1 : -1));
        view.dispatch(view.state.tr.setMeta(focusKey, { selected: { from: loaded.index.offsetToPos(extent.start, 1), to: loaded.index.offsetToPos(extent.end, -1) } }));
      };
      const up = (): void => {
        el.removeEventListener('pointermove', at);
        el.removeEventListener('pointerup', up);
        el.removeEventListener('pointercancel', up);
        if (extent.start !== coding.start || extent.end !== coding.end) void resize(coding.id, extent.start, extent.end);
      };
      el.addEventListener('pointermove', at);
      el.addEventListener('pointerup', up);
      el.addEventListener('pointercancel', up);
    };
  return (
    <>
      {(['start', 'end'] as const).map((edge) => {
        const s = spots[edge];
        return (
          <div
            key={edge}
            className={`resize-handle ${edge}`}
            role="slider"
            aria-label={edge === 'start' ? 'Drag to move the coding’s start' : 'Drag to move the coding’s end'}
            aria-valuenow={coding[edge]}
            aria-valuemin={0}
            aria-valuemax={loaded.index.text.length}
            data-edge={edge}
            style={{ left: s.left - 4, top: s.top - (edge === 'start' ? 6 : 0), height: s.height + 6 }}
            onPointerDown={drag(edge)}
          />
        );
      })}
    </>
  );
}
