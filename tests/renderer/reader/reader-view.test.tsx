import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { TextSelection } from 'prosemirror-state';
import { at, closeService, freshProject, render, unmount, until } from './reader-kit.js';
import { useProject } from '../../../src/renderer/src/state/project-store.js';
import { useReader } from '../../../src/renderer/src/reader/reader-store.js';
import { clickTarget, ReaderView } from '../../../src/renderer/src/reader/ReaderView.js';
import { placeMenu } from '../../../src/renderer/src/reader/ReaderMenu.js';
import { draggedExtent } from '../../../src/renderer/src/reader/ResizeHandles.js';
import { coderLineStyles, initials, stripeLabel } from '../../../src/renderer/src/reader/stripe-labels.js';
import { codeWith } from '../../../src/renderer/src/reader/commands.js';
import type { Coding } from '../../../src/core/model/types.js';

function select(start: number, end: number): void {
  const { view: v, loaded } = useReader.getState().mounted!;
  v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, loaded.index.offsetToPos(start, 1), loaded.index.offsetToPos(end, -1))));
}
const codings = (): Coding[] => useProject.getState().data!.codings;
const codes = () => useProject.getState().data!.codebook;
/** A plain click at canonical offset `o`, as ProseMirror reports it. */
function clickAt(o: number): void {
  const { view: v, loaded } = useReader.getState().mounted!;
  act(() => {
    v.someProp('handleClick', (f) => f(v, loaded.index.offsetToPos(o, 1), new MouseEvent('click')));
  });
}
function rightClickAt(o: number | null): void {
  const { view: v, loaded } = useReader.getState().mounted!;
  v.posAtCoords = () => (o === null ? null : { pos: loaded.index.offsetToPos(o, 1), inside: -1 });
  act(() => {
    v.dom.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 30, clientY: 40 }));
  });
}
const menu = (): HTMLElement | null => document.querySelector('[role=menu][aria-label="Reader menu"]');
const item = (name: string, within: ParentNode = menu()!): HTMLButtonElement => [...within.querySelectorAll<HTMLButtonElement>('[role=menuitem]')].find((b) => b.textContent?.trim().startsWith(name))!;

function Pane(): React.JSX.Element | null {
  const loaded = useReader((s) => s.loaded);
  return loaded ? <ReaderView loaded={loaded} /> : null;
}

/** Two codings: "ministry drafted a law" (outer, code 1) and "law" inside it (code 2). */
let outer: Coding;
let inner: Coding;
beforeEach(async () => {
  await freshProject();
  await useProject.getState().boot();
  render(<Pane />);
  await until(() => useReader.getState().mounted !== null, 'the reader');
  select(at(0, 4), at(0, 26));
  outer = (await codeWith(codes()[0]!))!;
  select(at(0, 23), at(0, 26));
  inner = (await codeWith(codes()[1]!))!;
});
afterEach(() => unmount());
afterAll(() => closeService());

describe('clicking coded text selects its coding', () => {
  it('selects the innermost coding, then the next one out on a second click', () => {
    clickAt(at(0, 24));
    expect(useReader.getState().selectedCodingId).toBe(inner.id);
    clickAt(at(0, 24));
    expect(useReader.getState().selectedCodingId).toBe(outer.id);
    clickAt(at(0, 24));
    expect(useReader.getState().selectedCodingId).toBe(inner.id);
  });

  it('selects the outer coding where it is alone, and nothing on uncoded text', () => {
    clickAt(at(0, 6));
    expect(useReader.getState().selectedCodingId).toBe(outer.id);
    clickAt(at(1, 3));
    expect(useReader.getState().selectedCodingId).toBeNull();
  });

  it('opens the inspector on the clicked coding', async () => {
    clickAt(at(0, 6));
    await until(() => document.querySelector('.coding-inspector') !== null, 'the inspector');
    expect(document.querySelector('.coding-inspector blockquote')?.textContent).toBe('ministry drafted a law');
  });

  it('chooses the click target by the codings’ extents', () => {
    const list = [{ ...outer }, { ...inner }];
    expect(clickTarget(list, at(0, 24), null)).toBe(inner.id);
    expect(clickTarget(list, at(0, 24), inner.id)).toBe(outer.id);
    expect(clickTarget(list, at(0, 24), outer.id)).toBe(inner.id);
    expect(clickTarget(list, at(2, 0), null)).toBeNull();
  });
});

describe('the right-click menu', () => {
  it('lists the codings under the pointer with select, memo, recode and uncode', async () => {
    rightClickAt(at(0, 24));
    await until(() => menu() !== null, 'the menu');
    const groups = [...menu()!.querySelectorAll('[role=group]')].map((g) => g.getAttribute('aria-label'));
    expect(groups).toEqual([`Coding ${codes()[1]!.name}`, `Coding ${codes()[0]!.name}`]);
    expect([...menu()!.querySelectorAll('[role=group]')][0]!.querySelectorAll('[role=menuitem]').length).toBe(4);
  });

  it('uncodes from the menu and closes it', async () => {
    rightClickAt(at(0, 24));
    await until(() => menu() !== null, 'the menu');
    act(() => item('Uncode').click());
    await until(() => codings().length === 1, 'the removal');
    expect(codings()[0]?.id).toBe(outer.id);
    expect(menu()).toBeNull();
  });

  it('recodes from the menu', async () => {
    rightClickAt(at(0, 24));
    await until(() => menu() !== null, 'the menu');
    act(() => item('Recode to').click());
    const target = codes()[3]!;
    const sub = menu()!.querySelector('[aria-label="Recode to"]')!;
    act(() => item(target.name.slice(0, 6), sub).click());
    await until(() => codings().find((c) => c.id === inner.id)?.codeId === target.id, 'the recode');
  });

  it('selects the coding for its memo from the menu', async () => {
    rightClickAt(at(0, 6));
    await until(() => menu() !== null, 'the menu');
    act(() => item('Memo').click());
    expect(useReader.getState().selectedCodingId).toBe(outer.id);
    await until(() => document.querySelector('.coding-inspector textarea') !== null, 'the memo field');
  });

  it('codes the selection it was opened on', async () => {
    select(at(2, 0), at(2, 9));
    rightClickAt(at(2, 3));
    await until(() => menu() !== null, 'the menu');
    const code = codes()[2]!;
    act(() => item(code.name.slice(0, 6)).click());
    await until(() => codings().length === 3, 'the new coding');
    expect(codings().at(-1)).toMatchObject({ codeId: code.id, exact: 'Sanctions' });
  });

  it('says what to do when opened on plain text with nothing selected, and closes on Escape', async () => {
    rightClickAt(null);
    await until(() => menu() !== null, 'the menu');
    expect(menu()!.textContent).toMatch(/Select a passage/);
    act(() => {
      menu()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    expect(menu()).toBeNull();
  });

  it('fits inside the window', () => {
    expect(placeMenu(10, 10, 300, 200, 1024, 768)).toEqual({ left: 10, top: 10 });
    expect(placeMenu(1000, 700, 300, 200, 1024, 768)).toEqual({ left: 720, top: 564 });
    expect(placeMenu(-5, -5, 300, 900, 1024, 768)).toEqual({ left: 4, top: 4 });
  });
});

describe('drag handles', () => {
  it('show on the selected coding only', async () => {
    expect(document.querySelectorAll('.resize-handle').length).toBe(0);
    act(() => useReader.getState().selectCoding(outer.id));
    await until(() => document.querySelectorAll('.resize-handle').length === 2, 'the handles');
    expect([...document.querySelectorAll('.resize-handle')].map((h) => h.getAttribute('aria-valuenow'))).toEqual([String(outer.start), String(outer.end)]);
  });

  it('move one edge; an edge dragged past the other swaps them', () => {
    expect(draggedExtent({ start: 10, end: 20 }, 'end', 25)).toEqual({ start: 10, end: 25 });
    expect(draggedExtent({ start: 10, end: 20 }, 'start', 4)).toEqual({ start: 4, end: 20 });
    expect(draggedExtent({ start: 10, end: 20 }, 'start', 30)).toEqual({ start: 20, end: 30 });
  });
});

describe('stripe labels', () => {
  it('label by code, with initials only when several coders are shown', () => {
    expect(stripeLabel('Legislation', 'Ana Lima', false)).toBe('Legislation');
    expect(stripeLabel('Legislation', 'Ana Lima', true)).toBe('Legislation · AL');
    expect(initials('  ben ')).toBe('B');
    expect(initials('')).toBe('?');
  });

  it('give each coder present a line style, in project order', () => {
    const coders = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'e' }, { id: 'f' }];
    const styles = coderLineStyles(coders, [{ coderId: 'f' }, { coderId: 'b' }, { coderId: 'c' }, { coderId: 'd' }, { coderId: 'e' }]);
    expect([...styles]).toEqual([
      ['b', 'solid'],
      ['c', 'dashed'],
      ['d', 'dotted'],
      ['e', 'double'],
      ['f', 'solid'],
    ]);
  });
});

describe('stripe label room', () => {
  it('runs each label down to the next bracket of its lane, at most 150 px', async () => {
    const { labelRoom } = await import('../../../src/renderer/src/reader/stripe-labels.js');
    const room = labelRoom([
      { id: 'a', top: 0, lane: 0 },
      { id: 'b', top: 40, lane: 0 },
      { id: 'c', top: 10, lane: 1 },
      { id: 'd', top: 42, lane: 0 },
    ]);
    expect([...room].sort()).toEqual([
      ['a', 36],
      ['b', 0],
      ['c', 150],
      ['d', 150],
    ]);
  });
});
