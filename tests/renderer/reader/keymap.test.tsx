import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TextSelection } from 'prosemirror-state';
import { at, calls, closeService, freshProject, key, render, unmount, until } from './reader-kit.js';
import { useProject } from '../../../src/renderer/src/state/project-store.js';
import { useReader } from '../../../src/renderer/src/reader/reader-store.js';
import { useWorkflow } from '../../../src/renderer/src/features/workflow/store.js';
import { ReaderView } from '../../../src/renderer/src/reader/ReaderView.js';
import { bindings, dispatchKey, stepCoding, typing, useKeymap, type KeyedView } from '../../../src/renderer/src/reader/keymap.js';
import { ShortcutsOverlay, shortcutGroups } from '../../../src/renderer/src/reader/ShortcutsOverlay.js';
import type { Coding } from '../../../src/core/model/types.js';

const VIEWS: KeyedView[] = [
  { id: 'reader', label: 'Reader', key: 'r' },
  { id: 'passages', label: 'Passages', key: 'p' },
];

function Harness(): React.JSX.Element {
  useKeymap(VIEWS);
  const loaded = useReader((s) => s.loaded);
  return (
    <>
      <input aria-label="a field" />
      {loaded && <ReaderView loaded={loaded} />}
      <ShortcutsOverlay views={VIEWS} />
    </>
  );
}

function select(start: number, end: number): void {
  const { view: v, loaded } = useReader.getState().mounted!;
  v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, loaded.index.offsetToPos(start, 1), loaded.index.offsetToPos(end, -1))));
}
const codings = (): Coding[] => useProject.getState().data!.codings;
const field = (): HTMLInputElement => document.querySelector('input[aria-label="a field"]')!;

beforeEach(async () => {
  calls.length = 0;
  await freshProject();
  await useProject.getState().boot();
  useProject.getState().setView('reader');
  render(<Harness />);
  await until(() => useReader.getState().mounted !== null, 'the reader');
});
afterEach(() => unmount());
afterAll(() => closeService());

describe('the typing guard', () => {
  it('knows text fields from everything else', () => {
    const el = (html: string): EventTarget => {
      const d = document.createElement('div');
      d.innerHTML = html;
      return d.firstElementChild!;
    };
    expect(typing({ target: el('<input>') })).toBe(true);
    expect(typing({ target: el('<textarea></textarea>') })).toBe(true);
    expect(typing({ target: el('<select></select>') })).toBe(true);
    const editable = el('<div></div>') as HTMLElement;
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    expect(typing({ target: editable })).toBe(true);
    expect(typing({ target: el('<button></button>') })).toBe(false);
    expect(typing({ target: null })).toBe(false);
  });
});

describe('stepCoding', () => {
  const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  it('steps forward and back, wrapping', () => {
    expect(stepCoding(list, null, 1)).toBe('a');
    expect(stepCoding(list, null, -1)).toBe('c');
    expect(stepCoding(list, 'b', 1)).toBe('c');
    expect(stepCoding(list, 'c', 1)).toBe('a');
    expect(stepCoding(list, 'a', -1)).toBe('c');
    expect(stepCoding([], null, 1)).toBeNull();
  });
});

describe('the keymap', () => {
  it('codes the selection with a number key, once', async () => {
    const one = useProject.getState().data!.codebook.find((c) => c.shortcut === '1')!;
    select(at(0, 4), at(0, 12));
    const e = key('1');
    expect(e.defaultPrevented).toBe(true);
    await until(() => codings().length === 1, 'the coding');
    expect(codings()[0]?.codeId).toBe(one.id);
    expect(calls.filter((op) => op === 'coding.add')).toHaveLength(1);
  });

  it('leaves number keys to a text field', () => {
    select(at(0, 4), at(0, 12));
    const e = key('1', {}, field());
    expect(e.defaultPrevented).toBe(false);
    expect(calls).not.toContain('coding.add');
  });

  it('leaves a number without a code to the browser', () => {
    expect(key('9').defaultPrevented).toBe(false);
  });

  it('does reader keys only while the reader is shown', () => {
    useProject.getState().setView('passages');
    select(at(0, 4), at(0, 12));
    expect(key('1').defaultPrevented).toBe(false);
    expect(key('k', { ctrlKey: true }).defaultPrevented).toBe(false);
    expect(useReader.getState().paletteOpen).toBe(false);
  });

  it('opens the palette and find with Ctrl+K and Ctrl+F, even from a field', () => {
    expect(key('k', { ctrlKey: true }, field()).defaultPrevented).toBe(true);
    expect(useReader.getState().paletteOpen).toBe(true);
    useReader.getState().setPalette(false);
    key('f', { metaKey: true });
    expect(useReader.getState().findOpen).toBe(true);
  });

  it('gives the palette the keys while it is open', () => {
    useReader.getState().setPalette(true);
    select(at(0, 4), at(0, 12));
    expect(key('1').defaultPrevented).toBe(false);
  });

  it('makes an in-vivo code with V', async () => {
    select(at(2, 0), at(2, 9));
    key('v');
    await until(() => codings().length === 1, 'the in-vivo coding');
    expect(useProject.getState().data!.codebook.some((c) => c.name === 'Sanctions')).toBe(true);
  });

  it('selects the next and previous coding with ] and [, and Delete removes the selected one', async () => {
    for (const [s, e] of [
      [at(1, 0), at(1, 4)],
      [at(0, 4), at(0, 12)],
    ]) {
      select(s!, e!);
      key('1');
      await until(() => codings().length === (s === at(1, 0) ? 1 : 2), 'a coding');
    }
    const first = codings().find((c) => c.start === at(0, 4))!;
    const second = codings().find((c) => c.start === at(1, 0))!;
    key(']');
    expect(useReader.getState().selectedCodingId).toBe(first.id);
    key(']');
    expect(useReader.getState().selectedCodingId).toBe(second.id);
    key('[');
    expect(useReader.getState().selectedCodingId).toBe(first.id);
    key('Delete');
    await until(() => codings().length === 1, 'the removal');
    expect(codings()[0]?.id).toBe(second.id);
    expect(useReader.getState().selectedCodingId).toBeNull();
  });

  it('skips codings the coder view hides', async () => {
    select(at(0, 4), at(0, 12));
    key('1');
    await until(() => codings().length === 1, 'the coding');
    useWorkflow.getState().setCoderView({ mode: 'chosen', chosen: ['nobody'] });
    expect(key(']').defaultPrevented).toBe(false);
    expect(useReader.getState().selectedCodingId).toBeNull();
    useWorkflow.getState().setCoderView({ mode: 'all', chosen: [] });
  });

  it('clears the selected coding with Escape, and leaves Escape alone otherwise', () => {
    useReader.getState().selectCoding('g_x');
    expect(key('Escape').defaultPrevented).toBe(true);
    expect(useReader.getState().selectedCodingId).toBeNull();
    expect(key('Escape').defaultPrevented).toBe(false);
  });

  it('closes the menu with Escape first', () => {
    useReader.getState().selectCoding('g_x');
    useReader.getState().openMenu({ x: 1, y: 1, selection: null, codingIds: [] });
    key('Escape');
    expect(useReader.getState().menu).toBeNull();
    expect(useReader.getState().selectedCodingId).toBe('g_x');
  });

  it('undoes and redoes with Ctrl+Z, Shift+Ctrl+Z and Ctrl+Y, not while typing', async () => {
    select(at(0, 4), at(0, 12));
    key('1');
    await until(() => codings().length === 1, 'the coding');
    key('z', { ctrlKey: true }, field());
    expect(calls).not.toContain('history.undo');
    key('z', { ctrlKey: true });
    await until(() => codings().length === 0, 'the undo');
    key('z', { ctrlKey: true, shiftKey: true });
    await until(() => codings().length === 1, 'the redo');
    key('z', { ctrlKey: true });
    await until(() => codings().length === 0, 'the second undo');
    key('y', { ctrlKey: true });
    await until(() => codings().length === 1, 'the redo with Ctrl+Y');
  });

  it('switches views with Alt and the view’s letter, even from a field', () => {
    key('p', { altKey: true }, field());
    expect(useProject.getState().activeView).toBe('passages');
    key('r', { altKey: true });
    expect(useProject.getState().activeView).toBe('reader');
  });

  it('ignores a key another handler already took', () => {
    select(at(0, 4), at(0, 12));
    const e = new KeyboardEvent('keydown', { key: '1', cancelable: true });
    e.preventDefault();
    window.dispatchEvent(e);
    expect(calls).not.toContain('coding.add');
  });
});

describe('the ? overlay', () => {
  it('opens with ?, lists every binding of the keymap, and closes with Escape', async () => {
    key('?', { shiftKey: true });
    await until(() => document.querySelector('[role=dialog][aria-label="Keyboard shortcuts"]') !== null, 'the overlay');
    const dialog = document.querySelector('[role=dialog][aria-label="Keyboard shortcuts"]')!;
    const shown = [...dialog.querySelectorAll('kbd')].map((k) => k.textContent);
    expect(shown).toEqual(bindings(VIEWS).map((b) => b.keys));
    expect([...dialog.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Coding', 'Reader', 'History', 'Views', 'Help']);
    key('Escape', {}, dialog);
    expect(useReader.getState().shortcutsOpen).toBe(false);
  });

  it('keeps bare keys from coding while it is open', () => {
    useReader.getState().setShortcuts(true);
    select(at(0, 4), at(0, 12));
    expect(dispatchKey(bindings(VIEWS), new KeyboardEvent('keydown', { key: '1' }))).toBe(false);
  });

  it('groups bindings in the keymap’s order', () => {
    const groups = shortcutGroups(bindings(VIEWS));
    expect(groups.map((g) => g.items.length).reduce((a, b) => a + b, 0)).toBe(bindings(VIEWS).length);
    expect(groups.find((g) => g.group === 'Views')?.items.map((b) => b.keys)).toEqual(['Alt+R', 'Alt+P']);
  });
});
