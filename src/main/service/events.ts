import type { ApiEvent } from '../../shared/api.js';

/** A tiny typed event hub for server-pushed events (progress, patches). */
export class EventHub {
  private listeners = new Set<(e: ApiEvent) => void>();

  /** Subscribe; returns the unsubscribe function. */
  on(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: ApiEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A failing listener (a closed stream) must not break the others.
      }
    }
  }
}
