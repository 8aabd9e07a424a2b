import { useEffect, useRef, useState } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Coding, Id, ProjectData } from '../../../core/model/types.js';
import { assignLanes } from '../../../core/codings/lanes.js';
import { codePaths } from '../../../core/codebook/paths.js';
import { useReader, type LoadedDocument } from './reader-store.js';
import { coderLineStyles, labelRoom, stripeLabel } from './stripe-labels.js';
import { textBetween } from './viewport-text.js';

/** Most lanes drawn; further overlapping brackets share the last lane. */
export const MAX_LANES = 6;
/** Width of one lane, px (room for the bracket and its vertical label). */
const LANE = 11;
/** Most brackets measured per frame (only codings near the viewport are measured at all). */
const MAX_MEASURED = 600;

interface Bracket {
  id: Id;
  coding: Coding;
  top: number;
  height: number;
  lane: number;
}

/**
 * The coding margin (as MAXQDA draws it): one bracket per coding beside the lines it spans, in
 * its code's colour and labelled with its code's name, its line style telling coders apart
 * (with the coder's initials when several are shown); overlapping codings in separate lanes. Only codings near the viewport are
 * measured (with `coordsAtPos`), on the next frame and again on scroll, so long densely coded
 * documents stay fast. Clicking a bracket selects its coding.
 */
export function Stripes({ view, loaded, codings, data, selectedId }: { view: EditorView; loaded: LoadedDocument; codings: readonly Coding[]; data: ProjectData; selectedId: Id | null }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [brackets, setBrackets] = useState<Bracket[]>([]);
  const select = useReader((s) => s.selectCoding);

  useEffect(() => {
    const el = ref.current;
    const scroller = el?.closest('.reader-column') ?? null;
    let frame = 0;
    const measure = (): void => {
      frame = 0;
      if (!el || !view.dom.isConnected) return;
      const box = el.getBoundingClientRect();
      const vp = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
      const margin = (vp.bottom - vp.top) * 0.5;
      const { start: lo, end: hi } = textBetween(view, loaded.index, Math.max(box.top, vp.top - margin) + 2, Math.min(box.bottom, vp.bottom + margin) - 2);
      const from = Math.max(0, lo - 400);
      const to = hi + 400;
      const near = codings.filter((c) => c.end > from && c.start < to).slice(0, MAX_MEASURED);
      const byId = new Map(near.map((c) => [c.id, c]));
      const spans = near.map((c) => {
        const a = view.coordsAtPos(loaded.index.offsetToPos(c.start, 1), 1);
        const b = view.coordsAtPos(loaded.index.offsetToPos(c.end, -1), -1);
        return { id: c.id, start: a.top - box.top, end: Math.max(b.bottom, a.bottom) - box.top };
      });
      setBrackets(assignLanes(spans.map((s) => ({ ...s, end: s.end + 3 }))).map((l) => ({ id: l.id, coding: byId.get(l.id) as Coding, top: l.start, height: l.end - 3 - l.start, lane: Math.min(l.lane, MAX_LANES - 1) })));
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    schedule();
    scroller?.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      scroller?.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [view, loaded, codings]);

  // Only the measured brackets are drawn: nothing here walks every coding of the document.
  const paths = codePaths(data.codebook);
  const colors = new Map(data.codebook.map((c) => [c.id, c.color]));
  const coders = new Map(data.coders.map((c) => [c.id, c.name]));
  const lineStyles = coderLineStyles(data.coders, codings);
  const manyCoders = new Set(codings.map((c) => c.coderId)).size > 1;
  const room = labelRoom(brackets);
  return (
    <div ref={ref} className="stripes" aria-label="Coding margin" role="group">
      {brackets.map((b) => {
        const c = b.coding;
        const label = `${paths.get(c.codeId) ?? 'Unknown code'} — ${coders.get(c.coderId) ?? 'unknown coder'}`;
        return (
          <button
            key={b.id}
            type="button"
            tabIndex={-1}
            className={`stripe${b.id === selectedId ? ' selected' : ''}`}
            data-coding-id={b.id}
            data-coder-id={c.coderId}
            style={{ top: b.top, height: Math.max(b.height, 8), right: 6 + b.lane * LANE, borderColor: colors.get(c.codeId) ?? '#999999', borderStyle: lineStyles.get(c.coderId) ?? 'solid' }}
            title={label}
            aria-label={`Select coding: ${label}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => select(b.id)}
          >
            <span className="stripe-label" aria-hidden="true" style={{ maxHeight: room.get(b.id) }}>
              {stripeLabel(data.codebook.find((k) => k.id === c.codeId)?.name ?? '?', coders.get(c.coderId) ?? '?', manyCoders)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
