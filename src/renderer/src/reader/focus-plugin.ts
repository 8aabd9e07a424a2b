import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** A range in ProseMirror positions. */
export interface PosRange {
  from: number;
  to: number;
}

interface FocusState {
  hits: PosRange[];
  current: number;
  selected: PosRange | null;
  set: DecorationSet;
}

/** Decorations that change often and are few: find hits and the selected coding's outline. Kept apart so the highlight set stays untouched. */
export const focusKey = new PluginKey<FocusState>('focus');

type FocusMeta = { hits?: PosRange[]; current?: number; selected?: PosRange | null };

function build(doc: Parameters<typeof DecorationSet.create>[0], s: Omit<FocusState, 'set'>): DecorationSet {
  const decos: Decoration[] = s.hits.map((h, i) => Decoration.inline(h.from, h.to, { class: i === s.current ? 'find-hit current' : 'find-hit' }));
  if (s.selected && s.selected.to > s.selected.from) decos.push(Decoration.inline(s.selected.from, s.selected.to, { class: 'hl-selected' }));
  return DecorationSet.create(doc, decos);
}

/** The focus plugin: set its state with `tr.setMeta(focusKey, { hits, current, selected })`. */
export function focusPlugin(): Plugin<FocusState> {
  return new Plugin<FocusState>({
    key: focusKey,
    state: {
      init: () => ({ hits: [], current: -1, selected: null, set: DecorationSet.empty }),
      apply(tr, prev, _old, state) {
        const meta = tr.getMeta(focusKey) as FocusMeta | undefined;
        if (!meta) return prev;
        const next = { hits: meta.hits ?? prev.hits, current: meta.current ?? prev.current, selected: meta.selected !== undefined ? meta.selected : prev.selected };
        return { ...next, set: build(state.doc, next) };
      },
    },
    props: { decorations: (state) => focusKey.getState(state)?.set },
  });
}
