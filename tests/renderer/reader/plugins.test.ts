import { afterEach, describe, expect, it } from 'vitest';
import { EditorState, TextSelection, type Plugin } from 'prosemirror-state';
import { EditorView, type DecorationSet } from 'prosemirror-view';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex, type TextIndex } from '../../../src/core/document/text-index.js';
import { comboClass, highlightKey, highlightMeta, highlightPlugin, rgba, segmentStyle, type Highlight } from '../../../src/renderer/src/reader/highlight-plugin.js';
import { focusKey, focusPlugin } from '../../../src/renderer/src/reader/focus-plugin.js';
import { inputPlugin, insideSelection } from '../../../src/renderer/src/reader/input-plugin.js';
import { codingsAtOffset, collapseSelection, revealRange, selectionOffsets } from '../../../src/renderer/src/reader/selection.js';
import type { LoadedDocument } from '../../../src/renderer/src/reader/reader-store.js';

/**
 * The reader's ProseMirror plugins, tested as ProseMirror tests itself: build a document and a
 * state, dispatch transactions, and compare what comes out, written as short strings.
 */

const { doc, paragraph: p, heading: h } = readerSchema.nodes as Record<string, import('prosemirror-model').NodeType>;
const t = (s: string) => readerSchema.text(s);
/** "Law passed." / "NGOs welcomed it." under a heading: canonical text "Outcomes\n\nLaw passed.\n\nNGOs welcomed it." */
const sample = () => doc!.create(null, [h!.create({ level: 2 }, t('Outcomes')), p!.create(null, t('Law passed.')), p!.create(null, t('NGOs welcomed it.'))]);

function setup(plugins: (index: TextIndex) => Plugin[]): { state: EditorState; index: TextIndex } {
  const d = sample();
  const index = buildTextIndex(d);
  return { state: EditorState.create({ doc: d, plugins: plugins(index) }), index };
}

/** A decoration set as "from-to:class" strings in document order, with the covered text. */
function str(set: DecorationSet | undefined, state: EditorState): string[] {
  return (set?.find() ?? []).map((d) => `${state.doc.textBetween(d.from, d.to)}:${(d as unknown as { type: { attrs: { class: string } } }).type.attrs.class.replace(/ hc-[\w-]+/, '')}`);
}

const hl = (id: string, start: number, end: number, color = '#0072b2'): Highlight => ({ id, start, end, color });
const TEXT = 'Outcomes\n\nLaw passed.\n\nNGOs welcomed it.';
const off = (s: string): number => TEXT.indexOf(s);

describe('highlightPlugin', () => {
  it('draws the initial highlights with the first state', () => {
    const { state } = setup((i) => [highlightPlugin(i, [hl('a', off('Law'), off('Law') + 3)])]);
    expect(str(highlightKey.getState(state)?.set, state)).toEqual(['Law:hl depth-1']);
  });

  it('adds one coding and splits overlaps into segments by depth', () => {
    let { state } = setup((i) => [highlightPlugin(i, [hl('a', off('Law'), off('passed') + 6)])]);
    state = state.apply(state.tr.setMeta(highlightKey, highlightMeta.add(hl('b', off('passed'), off('passed') + 6, '#d55e00'))));
    expect(str(highlightKey.getState(state)?.set, state)).toEqual(['Law :hl depth-1', 'passed:hl depth-2']);
  });

  it('splits a coding at paragraph boundaries', () => {
    let { state } = setup((i) => [highlightPlugin(i)]);
    state = state.apply(state.tr.setMeta(highlightKey, highlightMeta.add(hl('a', off('passed'), off('NGOs') + 4))));
    expect(str(highlightKey.getState(state)?.set, state)).toEqual(['passed.:hl depth-1', 'NGOs:hl depth-1']);
  });

  it('removes one coding and redraws what it overlapped', () => {
    let { state } = setup((i) => [highlightPlugin(i, [hl('a', off('Law'), off('passed') + 6), hl('b', off('passed'), off('passed') + 6)])]);
    state = state.apply(state.tr.setMeta(highlightKey, highlightMeta.remove('a')));
    expect(str(highlightKey.getState(state)?.set, state)).toEqual(['passed:hl depth-1']);
    expect(highlightKey.getState(state)?.highlights.map((x) => x.id)).toEqual(['b']);
  });

  it('ignores the removal of a coding it does not draw (same state back)', () => {
    const { state } = setup((i) => [highlightPlugin(i, [hl('a', 0, 3)])]);
    const before = highlightKey.getState(state);
    expect(highlightKey.getState(state.apply(state.tr.setMeta(highlightKey, highlightMeta.remove('zz'))))).toBe(before);
  });

  it('replaces everything on set, and keeps its state on transactions without its meta', () => {
    let { state } = setup((i) => [highlightPlugin(i, [hl('a', 0, 3)])]);
    state = state.apply(state.tr.setMeta(highlightKey, highlightMeta.set([hl('b', off('NGOs'), off('NGOs') + 4)])));
    expect(str(highlightKey.getState(state)?.set, state)).toEqual(['NGOs:hl depth-1']);
    const kept = highlightKey.getState(state);
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1, 3)));
    expect(highlightKey.getState(state)).toBe(kept);
  });

  it('caps the depth class at 4', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((id) => hl(id, off('Law'), off('Law') + 3));
    const { state } = setup((i) => [highlightPlugin(i, five)]);
    expect(str(highlightKey.getState(state)?.set, state)).toEqual(['Law:hl depth-4']);
  });

  it('styles colour combinations by class, one rule each', () => {
    expect(rgba('#0072b2', 0.5)).toBe('rgba(0, 114, 178, 0.5)');
    expect(segmentStyle(['#0072b2'])).toBe('background-color: rgba(0, 114, 178, 0.32)');
    expect(segmentStyle(['#000000', '#ffffff'])).toBe('background-image: linear-gradient(180deg, rgba(0, 0, 0, 0.38) 0.0% 50.0%, rgba(255, 255, 255, 0.38) 50.0% 100.0%)');
    expect(comboClass(['#0072B2', '#D55E00'])).toBe('hc-0072b2-d55e00');
    expect(comboClass(['#0072b2', '#d55e00'])).toBe('hc-0072b2-d55e00');
  });
});

describe('focusPlugin', () => {
  it('draws find hits, marks the current one, and outlines the selected coding', () => {
    let { state } = setup(() => [focusPlugin()]);
    // Positions: the heading holds 1–9, "Law passed." 11–22, "NGOs welcomed it." 24–41.
    state = state.apply(
      state.tr.setMeta(focusKey, {
        hits: [
          { from: 11, to: 14 },
          { from: 24, to: 28 },
        ],
        current: 1,
      }),
    );
    expect(str(focusKey.getState(state)?.set, state)).toEqual(['Law:find-hit', 'NGOs:find-hit current']);
    state = state.apply(state.tr.setMeta(focusKey, { selected: { from: 15, to: 21 } }));
    expect(str(focusKey.getState(state)?.set, state)).toEqual(['Law:find-hit', 'passed:hl-selected', 'NGOs:find-hit current']);
    state = state.apply(state.tr.setMeta(focusKey, { hits: [], selected: null }));
    expect(str(focusKey.getState(state)?.set, state)).toEqual([]);
  });
});

describe('selection helpers', () => {
  const loadedOf = (state: EditorState, index: TextIndex): LoadedDocument => ({ id: 'd', doc: state.doc, index });
  let view: EditorView | null = null;
  afterEach(() => {
    view?.destroy();
    view = null;
  });
  const mount = () => {
    const { state, index } = setup(() => []);
    view = new EditorView(document.body.appendChild(document.createElement('div')), { state, editable: () => false });
    return { view, loaded: loadedOf(state, index) };
  };

  it('reads the selection as trimmed canonical offsets', () => {
    const { view: v, loaded } = mount();
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, 11, 19)));
    expect(selectionOffsets(v, loaded)).toEqual({ start: off('Law'), end: off('Law') + 8 });
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, 14, 15)));
    expect(selectionOffsets(v, loaded)).toBeNull();
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, 12)));
    expect(selectionOffsets(v, loaded)).toBeNull();
  });

  it('selects a range by offsets, across paragraphs', () => {
    const { view: v, loaded } = mount();
    revealRange(v, loaded, off('passed'), off('NGOs') + 4, false);
    expect(v.state.doc.textBetween(v.state.selection.from, v.state.selection.to, '\n\n')).toBe('passed.\n\nNGOs');
  });

  it('collapses the selection to its end', () => {
    const { view: v } = mount();
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, 11, 19)));
    collapseSelection(v);
    expect([v.state.selection.empty, v.state.selection.from]).toEqual([true, 19]);
  });

  it('lists the codings at an offset innermost first', () => {
    const list = [
      { id: 'outer', start: 0, end: 20 },
      { id: 'inner', start: 5, end: 8 },
      { id: 'mid', start: 3, end: 12 },
      { id: 'elsewhere', start: 30, end: 40 },
    ];
    expect(codingsAtOffset(list, 6).map((c) => c.id)).toEqual(['inner', 'mid', 'outer']);
    expect(codingsAtOffset(list, 8).map((c) => c.id)).toEqual(['mid', 'outer']);
    expect(codingsAtOffset(list, 25)).toEqual([]);
  });
});

describe('inputPlugin', () => {
  let view: EditorView | null = null;
  afterEach(() => {
    view?.destroy();
    view = null;
  });
  const log: string[] = [];
  const mount = () => {
    log.length = 0;
    const { state } = setup((index) => [inputPlugin({ toOffset: (pos) => index.posToOffset(pos, 1), click: (o) => log.push(`click ${o}`), contextMenu: (x, y, o) => log.push(`menu ${x},${y} ${o}`) })]);
    view = new EditorView(document.body.appendChild(document.createElement('div')), { state, editable: () => false });
    return view;
  };
  const mouse = (v: EditorView, type: string, init: MouseEventInit = {}) => {
    const e = new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, clientX: 5, clientY: 5, ...init });
    v.dom.dispatchEvent(e);
    return e;
  };

  it('knows when a position is inside a selection, edges included', () => {
    expect(insideSelection({ from: 3, to: 8, empty: false }, 3)).toBe(true);
    expect(insideSelection({ from: 3, to: 8, empty: false }, 8)).toBe(true);
    expect(insideSelection({ from: 3, to: 8, empty: false }, 9)).toBe(false);
    expect(insideSelection({ from: 3, to: 3, empty: true }, 3)).toBe(false);
  });

  it('starts a new selection when pressed inside the current one (it used to drag the text)', () => {
    const v = mount();
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, 11, 28)));
    v.posAtCoords = () => ({ pos: 16, inside: -1 });
    mouse(v, 'mousedown');
    expect([v.state.selection.empty, v.state.selection.from]).toEqual([true, 16]);
  });

  it('leaves a press outside the selection, a right button or Shift (extend) alone', () => {
    const v = mount();
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, 11, 15)));
    v.posAtCoords = () => ({ pos: 25, inside: -1 });
    mouse(v, 'mousedown');
    expect([v.state.selection.from, v.state.selection.to]).toEqual([11, 15]);
    v.posAtCoords = () => ({ pos: 12, inside: -1 });
    mouse(v, 'mousedown', { shiftKey: true });
    mouse(v, 'mousedown', { button: 2 });
    expect([v.state.selection.from, v.state.selection.to]).toEqual([11, 15]);
  });

  it('refuses to drag text out of the reader', () => {
    const v = mount();
    const e = new Event('dragstart', { bubbles: true, cancelable: true });
    v.dom.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(true);
  });

  it('reports a plain click as a text offset', () => {
    const v = mount();
    v.someProp('handleClick', (f) => f(v, 15, new MouseEvent('click')));
    expect(log).toEqual([`click ${off('passed')}`]);
  });

  it('ignores the right button’s click, which on Linux follows the context menu and closed it', () => {
    const v = mount();
    v.someProp('handleClick', (f) => f(v, 15, new MouseEvent('click', { button: 2 })));
    expect(log).toEqual([]);
  });

  it('opens the menu on a right-click, with the offset under the pointer, and keeps the selection', () => {
    const v = mount();
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, 11, 15)));
    v.posAtCoords = () => ({ pos: 15, inside: -1 });
    const e = mouse(v, 'contextmenu', { button: 2, clientX: 40, clientY: 50 });
    expect(e.defaultPrevented).toBe(true);
    expect(log).toEqual([`menu 40,50 ${off('passed')}`]);
    expect([v.state.selection.from, v.state.selection.to]).toEqual([11, 15]);
    v.posAtCoords = () => null;
    mouse(v, 'contextmenu', { button: 2, clientX: 1, clientY: 2 });
    expect(log.at(-1)).toBe('menu 1,2 null');
  });
});
