/**
 * The reader's interface for the rest of the renderer. Features import from here only: they never
 * import ProseMirror or reach into the reader's files, so the reader can change inside.
 *
 * - state: {@link useReader} (active document, selected coding, open panels) and {@link whenMounted};
 * - commands: {@link codeWith}, {@link codeSelection}, {@link uncode}, {@link recode}, {@link resize};
 * - navigation: {@link openPassage};
 * - keys: {@link useKeymap}, {@link typing}; the `?` overlay {@link ShortcutsOverlay}.
 */
import type { Id } from '../../../core/model/types.js';
import { useReader, whenMounted, type JumpTarget } from './reader-store.js';

export { useReader, whenMounted, type JumpTarget, type LoadedDocument } from './reader-store.js';
export { codeSelection, codeWith, recode, resize, uncode, type CodeWith } from './commands.js';
export { typing, useKeymap, type KeyedView } from './keymap.js';
export { ShortcutsOverlay } from './ShortcutsOverlay.js';
export { ReaderView } from './ReaderView.js';

/** Open a passage in the reader (switching view and document) and select it; resolves once it is shown. */
export async function openPassage(t: Omit<JumpTarget, 'seq'>): Promise<void> {
  useReader.getState().jumpTo(t);
  await whenMounted(t.documentId);
}

/** The document the reader shows (or is loading). */
export function useActiveDocumentId(): Id | null {
  return useReader((s) => s.activeDocId);
}
