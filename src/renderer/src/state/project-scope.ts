import { create, type StateCreator, type StoreApi, type UseBoundStore } from 'zustand';

/**
 * Per-project UI state, reset in one place.
 *
 * A feature store that remembers ids, a comparison or an open panel of one project shows stale
 * and broken state once another project is open (Compare showed project A's table with raw ids as
 * headers and then failed on every call). So every feature store is made with
 * {@link createProjectStore}, which registers it here, and {@link resetProjectStores} returns all
 * of them to their initial state when a project closes or another one opens. Feature folders may
 * not import `zustand` directly (an ESLint rule), so a new feature cannot forget to register.
 */

interface Registered {
  name: string;
  reset(): void;
}

const registry: Registered[] = [];
const registered = new WeakSet<object>();
let generation = 0;

/** Options of {@link createProjectStore}. */
export interface ProjectStoreOptions<T> {
  /** Fields that are the user's preferences rather than the project's state: kept across projects. */
  keep?: readonly (keyof T)[];
}

/**
 * Create a zustand store whose state belongs to the open project: it goes back to its initial
 * state (except the `keep` fields) whenever {@link resetProjectStores} runs. `name` identifies it in
 * {@link projectStoreNames} (tests, diagnostics).
 */
export function createProjectStore<T extends object>(name: string, init: StateCreator<T, [], []>, opts: ProjectStoreOptions<T> = {}): UseBoundStore<StoreApi<T>> {
  const store = create<T>()(init);
  const initial = store.getInitialState();
  registry.push({
    name,
    reset() {
      const now = store.getState();
      const kept: Partial<T> = {};
      for (const k of opts.keep ?? []) kept[k] = now[k];
      store.setState({ ...initial, ...kept }, true);
    },
  });
  registered.add(store);
  return store;
}

/** True when `store` was made with {@link createProjectStore} (tests check every feature store is). */
export function isProjectStore(store: unknown): boolean {
  return (typeof store === 'function' || (typeof store === 'object' && store !== null)) && registered.has(store);
}

/** Return every per-project store to its initial state; called when a project closes or another opens. */
export function resetProjectStores(): void {
  generation++;
  for (const r of registry) r.reset();
}

/**
 * A number that changes at every reset. An async action records it before awaiting and drops its
 * result when it changed meanwhile (the answer belongs to the project that was closed).
 */
export function projectGeneration(): number {
  return generation;
}

/** The names of the registered stores, in registration order. */
export function projectStoreNames(): string[] {
  return registry.map((r) => r.name);
}
