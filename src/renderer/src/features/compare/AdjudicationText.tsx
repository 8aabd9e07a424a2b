import { useEffect, useMemo, useRef } from 'react';
import { paragraphRanges } from '../../../../core/document/paragraphs.js';
import type { Disagreement, Span } from '../../../../core/adjudication/index.js';
import type { Coding } from '../../../../core/model/types.js';

/** Who covers a piece of text: A only, B only, both with the same code, or both with different codes. */
type Cover = '' | 'a' | 'b' | 'both' | 'diff';

interface Piece {
  start: number;
  end: number;
  cover: Cover;
  current: boolean;
  edited: boolean;
}

/** Split [s, e) at every boundary inside it, marking which coder covers each piece. */
function pieces(s: number, e: number, cuts: readonly number[], as: readonly Coding[], bs: readonly Coding[], cur: Disagreement | null, edit: Span | null): Piece[] {
  const inner = cuts.filter((x) => x > s && x < e);
  const points = [s, ...inner, e];
  const out: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const ps = points[i] as number;
    const pe = points[i + 1] as number;
    if (pe <= ps) continue;
    const covers = (c: Coding) => c.start <= ps && c.end >= pe;
    const codesA = new Set(as.filter(covers).map((c) => c.codeId));
    const codesB = new Set(bs.filter(covers).map((c) => c.codeId));
    const same = [...codesA].some((k) => codesB.has(k));
    const cover: Cover = same ? 'both' : codesA.size && codesB.size ? 'diff' : codesA.size ? 'a' : codesB.size ? 'b' : '';
    out.push({ start: ps, end: pe, cover, current: !!cur && cur.start <= ps && cur.end >= pe, edited: !!edit && edit.start <= ps && edit.end >= pe });
  }
  return out;
}

/**
 * A read-only rendering of a document's canonical text (blocks split at blank lines, line breaks
 * kept) with coder A's and coder B's codings overlaid: A only, B only, both — each with a text
 * label in its title and a distinct underline style, so colour is not the only cue; text both
 * coded with different codes is marked apart from text both coded alike. The current
 * disagreement is outlined and scrolled into view; an extent being edited is marked too. Every text span carries its offset
 * (`data-offset`) so a selection maps back to canonical offsets.
 */
export function AdjudicationText({ text, a, b, current, edit = null }: { text: string; a: Coding[]; b: Coding[]; current: Disagreement | null; edit?: Span | null }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const blocks = useMemo(() => paragraphRanges(text), [text]);
  const cuts = useMemo(() => {
    const set = new Set<number>();
    for (const c of [...a, ...b]) {
      set.add(c.start);
      set.add(c.end);
    }
    for (const s of [current, edit]) {
      if (!s) continue;
      set.add(s.start);
      set.add(s.end);
    }
    return [...set].sort((x, y) => x - y);
  }, [a, b, current, edit]);
  // Scroll to the disagreement when it changes and once the text has arrived (it loads after the browser opens).
  useEffect(() => {
    ref.current?.querySelector('.adj-current')?.scrollIntoView({ block: 'center' });
  }, [current?.id, text]);
  return (
    <div className="adj-text" ref={ref}>
      {blocks.map(([s, e]) => (
        <p key={s}>
          {pieces(s, e, cuts, a, b, current, edit).map((p) => {
            const kind = p.cover;
            const cls = [kind ? `adj-${kind}` : '', p.current ? 'adj-current' : '', p.edited ? 'adj-edited' : ''].filter(Boolean).join(' ');
            const title = { '': undefined, both: 'coded by A and B with the same code', diff: 'coded by A and B with different codes', a: 'coded by A only', b: 'coded by B only' }[kind];
            return (
              <span key={p.start} data-offset={p.start} className={cls || undefined} title={title}>
                {text.slice(p.start, p.end)}
              </span>
            );
          })}
        </p>
      ))}
    </div>
  );
}

/** Canonical offsets of the current DOM selection inside an {@link AdjudicationText}, or null. */
export function selectionOffsets(): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  const at = (node: Node, offset: number): number | null => {
    const span = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest('[data-offset]');
    if (!span) return null;
    return Number(span.getAttribute('data-offset')) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  };
  const start = at(r.startContainer, r.startOffset);
  const end = at(r.endContainer, r.endOffset);
  return start === null || end === null || end <= start ? null : { start, end };
}
