import { useEffect } from 'react';
import type { Coding } from '../../../core/model/types.js';
import { api } from '../lib/api.js';
import { applyMutation, useProject, type LoadedDocument } from '../state/project-store.js';
import { useWorkflow } from '../features/workflow/store.js';
import { readerHandle, revealRange, selectionOffsets } from './reader-handle.js';

/** True when a key event comes from a text field, where keys are typing. */
function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

/** Make the selection a new code named after it, and code it (one undo step). */
export async function codeInVivoFromSelection(): Promise<void> {
  const { view, loaded } = readerHandle;
  const store = useProject.getState();
  const sel = view && loaded ? selectionOffsets(view, loaded) : null;
  if (!sel || !loaded) return store.toast('info', 'Select a passage first: it becomes the new code’s name');
  await applyMutation(api.call('coding.inVivo', { documentId: loaded.id, start: sel.start, end: sel.end }));
}

/**
 * Reader keys (while the reader view is shown): Ctrl/Cmd+F find, Ctrl/Cmd+K code palette, V
 * in-vivo code, ] and [ select the next and previous coding (in text order), Delete removes the
 * selected coding, Escape clears the selection.
 */
export function useReaderKeys(loaded: LoadedDocument, codings: readonly Coding[]): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (useProject.getState().activeView !== 'reader') return;
      const mod = e.ctrlKey || e.metaKey;
      const wf = useWorkflow.getState();
      const key = e.key.toLowerCase();
      if (mod && !e.altKey && key === 'f') {
        e.preventDefault();
        wf.setFind(true);
        return;
      }
      if (mod && !e.altKey && key === 'k') {
        e.preventDefault();
        wf.setPalette(true);
        return;
      }
      if (mod || e.altKey || typing(e) || wf.paletteOpen) return;
      if (key === 'v') {
        e.preventDefault();
        void codeInVivoFromSelection();
      } else if (e.key === ']' || e.key === '[') {
        e.preventDefault();
        const sorted = [...codings].sort((a, b) => a.start - b.start || a.end - b.end);
        if (sorted.length === 0) return;
        const cur = sorted.findIndex((c) => c.id === wf.selectedCodingId);
        const next = cur < 0 ? (e.key === ']' ? 0 : sorted.length - 1) : (cur + (e.key === ']' ? 1 : -1) + sorted.length) % sorted.length;
        const c = sorted[next];
        if (!c) return;
        wf.selectCoding(c.id);
        if (readerHandle.view) revealRange(readerHandle.view, loaded, c.start, c.start, false);
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && wf.selectedCodingId && codings.some((c) => c.id === wf.selectedCodingId)) {
        e.preventDefault();
        void useProject.getState().removeCoding(wf.selectedCodingId);
        wf.selectCoding(null);
      } else if (e.key === 'Escape' && wf.selectedCodingId) {
        wf.selectCoding(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [loaded, codings]);
}
