import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Coding, Id, ProjectData } from '../../../core/model/types.js';
import { assignLanes } from '../../../core/codings/lanes.js';
import { codePaths } from '../../../core/codebook/paths.js';
import { useReader, type LoadedDocument } from './reader-store.js';
import { useProject } from '../state/project-store.js';
import { useShownCoders } from '../features/workflow/store.js';
import { coderLineStyles, labelRoom, stripeLabel } from './stripe-labels.js';
import { textBetween } from './viewport-text.js';
import { OffsetCoords } from './offset-coords.js';

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

interface BracketProps {
  id: Id;
  coderId: Id;
  selected: boolean;
  top: number;
  height: number;
  lane: number;
  color: string;
  lineStyle: string;
  /** "Code path — coder". */
  title: string;
  /** The vertical label. */
  text: string;
  room: number | undefined;
  select(id: Id | null): void;
}

/** One bracket; unchanged brackets are not re-rendered when a coding elsewhere changes (hundreds are drawn). */
const Bracket = memo(function Bracket({ id, coderId, selected, top, height, lane, color, lineStyle, title, text, room, select }: BracketProps): React.JSX.Element {
  return (
    <button
      type="button"
      tabIndex={-1}
      className={`stripe${selected ? ' selected' : ''}`}
      data-coding-id={id}
      data-coder-id={coderId}
      style={{ top, height: Math.max(height, 8), right: 6 + lane * LANE, borderColor: color, borderStyle: lineStyle }}
      title={title}
      aria-label={`Select coding: ${title}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => select(id)}
    >
      <span className="stripe-label" aria-hidden="true" style={{ maxHeight: room }}>
        {text}
      </span>
    </button>
  );
});

/**
 * The coding margin (as MAXQDA draws it): one bracket per coding beside the lines it spans, in
 * its code's colour and labelled with its code's name, its line style telling coders apart
 * (with the coder's initials when several are shown); overlapping codings in separate lanes. Only codings near the viewport are
 * placed, on the next frame and again on scroll, from line boxes measured once per layout
 * ({@link OffsetCoords}), so long densely coded documents stay fast. Clicking a bracket selects its coding.
 */
export function Stripes({ view, loaded, codings, data, selectedId }: { view: EditorView; loaded: LoadedDocument; codings: readonly Coding[]; data: ProjectData; selectedId: Id | null }): React.JSX.Element {
  const shown = useShownCoders();
  const ref = useRef<HTMLDivElement>(null);
  const [brackets, setBrackets] = useState<Bracket[]>([]);
  const select = useReader((s) => s.selectCoding);

  // The coders with codings drawn here, from the counts kept per change (not a walk over every coding of the document).
  const presentKey = useProject((s) => {
    const out: Id[] = [];
    for (const [coder, perDoc] of s.codings?.perDocument ?? []) if ((perDoc.get(loaded.id) ?? 0) > 0 && (!shown || shown.has(coder))) out.push(coder);
    return out.sort().join('\n');
  });
  const present = useMemo(() => (presentKey ? presentKey.split('\n').map((coderId) => ({ coderId })) : []), [presentKey]);
  // Line boxes measured once per layout of the text (the margin re-measures on every change and scroll).
  const coords = useMemo(() => new OffsetCoords(view, loaded.index), [view, loaded]);

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
      const top = coords.begin();
      const spans = near.map((c) => {
        const a = coords.at(c.start, 1, top);
        const b = coords.at(c.end, -1, top);
        return { id: c.id, start: a.top + top - box.top, end: Math.max(b.bottom, a.bottom) + top - box.top };
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
  }, [view, loaded, codings, coords]);

  // Only the measured brackets are drawn: nothing here walks every coding of the document.
  const paths = useMemo(() => codePaths(data.codebook), [data.codebook]);
  const colors = useMemo(() => new Map(data.codebook.map((c) => [c.id, c.color])), [data.codebook]);
  const names = useMemo(() => new Map(data.codebook.map((c) => [c.id, c.name])), [data.codebook]);
  const coders = useMemo(() => new Map(data.coders.map((c) => [c.id, c.name])), [data.coders]);
  const lineStyles = useMemo(() => coderLineStyles(data.coders, present), [data.coders, present]);
  const manyCoders = present.length > 1;
  const room = labelRoom(brackets);
  return (
    <div ref={ref} className="stripes" aria-label="Coding margin" role="group">
      {brackets.map((b) => {
        const c = b.coding;
        return (
          <Bracket
            key={b.id}
            id={b.id}
            coderId={c.coderId}
            selected={b.id === selectedId}
            top={b.top}
            height={b.height}
            lane={b.lane}
            color={colors.get(c.codeId) ?? '#999999'}
            lineStyle={lineStyles.get(c.coderId) ?? 'solid'}
            title={`${paths.get(c.codeId) ?? 'Unknown code'} — ${coders.get(c.coderId) ?? 'unknown coder'}`}
            text={stripeLabel(names.get(c.codeId) ?? '?', coders.get(c.coderId) ?? '?', manyCoders)}
            room={room.get(b.id)}
            select={select}
          />
        );
      })}
    </div>
  );
}
