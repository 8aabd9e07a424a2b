import { useEffect } from 'react';
import type { Coding, Id } from '../../../core/model/types.js';
import { shownCoders } from '../../../core/codings/visibility.js';
import { useProject } from '../state/project-store.js';
import { useWorkflow } from '../features/workflow/store.js';
import { codeSelection, codeWith, uncode } from './commands.js';
import { useReader } from './reader-store.js';
import { revealRange } from './selection.js';

/** True when a key event comes from a text field, where keys are typing, not commands. The one such guard. */
export function typing(e: Pick<KeyboardEvent, 'target'>): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable === true);
}

/** A main view that a key switches to (the workspace's tabs). */
export interface KeyedView {
  id: string;
  label: string;
  key: string;
}

/** One keyboard shortcut: what it is called in the `?` overlay, when it applies, and what it does. */
export interface Binding {
  /** As shown to the user, e.g. `Ctrl+K`. */
  keys: string;
  label: string;
  group: 'Coding' | 'Reader' | 'History' | 'Views' | 'Help';
  /** `reader`: only while the reader view is shown and nothing else (palette, menu) has the keys. */
  scope: 'anywhere' | 'reader';
  /** Applies also while the focus is in a text field. */
  inFields?: boolean;
  match(e: KeyboardEvent): boolean;
  /** Returns false when the key did nothing (it is then left to the browser). */
  run(e: KeyboardEvent): boolean | void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** The modifier as the user's keyboard names it. */
export const MOD = isMac ? '⌘' : 'Ctrl+';

const mod = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey;
const bare = (e: KeyboardEvent): boolean => !mod(e) && !e.altKey;

/** The codings the reader shows in its document (the coder view applies), in text order. */
export function shownDocumentCodings(): Coding[] {
  const { data, view } = useProject.getState();
  const docId = useReader.getState().activeDocId;
  if (!data || !docId) return [];
  const shown = shownCoders(useWorkflow.getState().coderView, view?.coderId ?? null);
  return data.codings.filter((c) => c.documentId === docId && (!shown || shown.has(c.coderId))).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The coding after (dir 1) or before (dir -1) `current` in text order, wrapping; the first or last when none is current. */
export function stepCoding(sorted: readonly Pick<Coding, 'id'>[], current: Id | null, dir: 1 | -1): Id | null {
  if (sorted.length === 0) return null;
  const at = sorted.findIndex((c) => c.id === current);
  const next = at < 0 ? (dir === 1 ? 0 : sorted.length - 1) : (at + dir + sorted.length) % sorted.length;
  return sorted[next]?.id ?? null;
}

function selectStep(dir: 1 | -1): boolean {
  const sorted = shownDocumentCodings();
  const r = useReader.getState();
  const id = stepCoding(sorted, r.selectedCodingId, dir);
  const c = sorted.find((x) => x.id === id);
  if (!c) return false;
  r.selectCoding(c.id);
  if (r.mounted) revealRange(r.mounted.view, r.mounted.loaded, c.start, c.start, false);
  return true;
}

/**
 * The application's keymap: every shortcut in one table, which both the key handler and the `?`
 * overlay read, so the overlay cannot drift from what the keys do. `views` are the workspace's tabs.
 */
export function bindings(views: readonly KeyedView[]): Binding[] {
  const project = (): ReturnType<typeof useProject.getState> => useProject.getState();
  const reader = (): ReturnType<typeof useReader.getState> => useReader.getState();
  return [
    {
      keys: '1 – 9',
      label: 'Code the selection with the code of that shortcut',
      group: 'Coding',
      scope: 'reader',
      match: (e) => bare(e) && /^[1-9]$/.test(e.key),
      run: (e) => {
        const code = project().data?.codebook.find((c) => c.shortcut === e.key);
        if (!code) return false;
        void codeWith(code);
      },
    },
    { keys: `${MOD}K`, label: 'Code the selection by name (palette)', group: 'Coding', scope: 'reader', inFields: true, match: (e) => mod(e) && !e.altKey && e.key.toLowerCase() === 'k', run: () => reader().setPalette(true) },
    { keys: 'V', label: 'In-vivo: the selection becomes a new code', group: 'Coding', scope: 'reader', match: (e) => bare(e) && e.key.toLowerCase() === 'v', run: () => void codeSelection({ inVivo: true }) },
    {
      keys: 'Delete',
      label: 'Remove the selected coding',
      group: 'Coding',
      scope: 'reader',
      match: (e) => bare(e) && (e.key === 'Delete' || e.key === 'Backspace'),
      run: () => {
        const id = reader().selectedCodingId;
        if (!id || !shownDocumentCodings().some((c) => c.id === id)) return false;
        void uncode(id);
      },
    },
    { keys: '] / [', label: 'Select the next / previous coding', group: 'Reader', scope: 'reader', match: (e) => bare(e) && (e.key === ']' || e.key === '['), run: (e) => selectStep(e.key === ']' ? 1 : -1) },
    {
      keys: 'Esc',
      label: 'Clear the selected coding, close a menu',
      group: 'Reader',
      scope: 'reader',
      match: (e) => e.key === 'Escape',
      run: () => {
        const r = reader();
        if (r.menu) return r.openMenu(null);
        if (!r.selectedCodingId) return false;
        r.selectCoding(null);
      },
    },
    { keys: `${MOD}F`, label: 'Find in the document', group: 'Reader', scope: 'reader', inFields: true, match: (e) => mod(e) && !e.altKey && e.key.toLowerCase() === 'f', run: () => reader().setFind(true) },
    { keys: 'Right-click', label: 'Code, uncode, recode or write a memo here', group: 'Reader', scope: 'reader', match: () => false, run: () => false },
    { keys: `${MOD}Z`, label: 'Undo (names the step)', group: 'History', scope: 'anywhere', match: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z', run: () => void project().undo() },
    { keys: `Shift+${MOD}Z, ${MOD}Y`, label: 'Redo', group: 'History', scope: 'anywhere', match: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'), run: () => void project().redo() },
    ...views.map((v): Binding => ({
      keys: `Alt+${v.key.toUpperCase()}`,
      label: `Show ${v.label}`,
      group: 'Views',
      scope: 'anywhere',
      inFields: true,
      match: (e) => e.altKey && !mod(e) && e.key.toLowerCase() === v.key,
      run: () => project().setView(v.id),
    })),
    { keys: '?', label: 'Show these shortcuts', group: 'Help', scope: 'anywhere', match: (e) => !mod(e) && e.key === '?', run: () => reader().setShortcuts(!reader().shortcutsOpen) },
  ];
}

/** Find and run the binding for `e`; true when one handled it (the caller then prevents the default). */
export function dispatchKey(list: readonly Binding[], e: KeyboardEvent): boolean {
  const inField = typing(e);
  const r = useReader.getState();
  const readerKeys = useProject.getState().activeView === 'reader' && !r.paletteOpen && !r.shortcutsOpen;
  for (const b of list) {
    if (!b.match(e)) continue;
    if (inField && !b.inFields) continue;
    if (b.scope === 'reader' && !readerKeys) continue;
    if (b.run(e) === false) continue;
    return true;
  }
  return false;
}

/** Install the keymap on the window while the workspace is shown. */
export function useKeymap(views: readonly KeyedView[]): void {
  useEffect(() => {
    const list = bindings(views);
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented) return;
      if (dispatchKey(list, e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [views]);
}
