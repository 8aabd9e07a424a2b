import { useEffect, useState } from 'react';
import { useProject } from '../../state/project-store.js';

const PREFIX = 'casecoder-memo-draft:';

function read(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, text: string | null): void {
  try {
    if (text === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, text);
  } catch {
    // Private windows may refuse storage: the page still warns before unloading an unsaved draft.
  }
}

/** The storage key of a memo draft: project folder, what the memo is on, and the coder writing it. */
export function memoDraftKey(target: string, coderId: string | null): string | null {
  const dir = useProject.getState().view?.dir;
  return dir ? `${dir}|${target}|${coderId ?? ''}` : null;
}

/**
 * A memo's text while it is being written. A draft typed but not saved is kept in the browser's
 * storage (per project, target and coder) so it survives a reload, and the page asks before it is
 * closed or reloaded with an unsaved draft. `saved` is the stored memo; once it equals the draft
 * (the memo was saved), the draft is dropped. Returns the text, its setter and whether it is unsaved.
 */
export function useMemoDraft(key: string | null, saved: string): { text: string; setText(t: string): void; dirty: boolean; discard(): void } {
  const [text, setLocal] = useState(() => (key ? (read(key) ?? saved) : saved));
  // Another memo (or coder) opened: take its draft, or its saved text.
  useEffect(() => setLocal(key ? (read(key) ?? saved) : saved), [key]);
  // The memo was saved (or changed elsewhere): a draft equal to it is no longer a draft.
  useEffect(() => {
    if (!key) return;
    const draft = read(key);
    if (draft === null) setLocal(saved);
    else if (draft === saved) write(key, null);
  }, [saved]);
  const dirty = text !== saved;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent): void => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return {
    text,
    dirty,
    setText(t) {
      setLocal(t);
      if (key) write(key, t === saved ? null : t);
    },
    discard() {
      setLocal(saved);
      if (key) write(key, null);
    },
  };
}
