import { useEffect, type RefObject } from 'react';

/**
 * While `open`, a mouse press outside `ref`'s element calls `close` (menus and popovers close
 * when the user clicks elsewhere). `onOpen` runs each time it opens.
 */
export function useClickAway(ref: RefObject<HTMLElement | null>, open: boolean, close: () => void, onOpen?: () => void): void {
  useEffect(() => {
    if (!open) return;
    onOpen?.();
    const away = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
    // `close` and `onOpen` are read when the menu opens; a new closure per render must not re-register.
  }, [open]);
}
