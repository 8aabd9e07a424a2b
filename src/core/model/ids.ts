/**
 * Where core gets new ids and the current time. Core never makes them itself: every reducer that
 * creates an object takes a {@link CoreEnv} from its caller (the service passes the system one,
 * `src/shared/system-env.ts`; tests pass {@link fixedEnv}), so the same input and the same env
 * always give the same project.
 */
export interface CoreEnv {
  /** A new unique id, optionally prefixed (`c_`, `d_` …). */
  newId(prefix?: string): string;
  /** The current time as an ISO-8601 string. */
  now(): string;
}

/**
 * A deterministic env: ids `<prefix>000001`, `<prefix>000002` … (one counter for all prefixes)
 * and a clock that starts at `start` and advances one second per call.
 */
export function fixedEnv(start = '2026-01-01T00:00:00.000Z'): CoreEnv {
  let ids = 0;
  let ticks = 0;
  const t0 = Date.parse(start);
  return {
    newId: (prefix = '') => `${prefix}${String(++ids).padStart(6, '0')}`,
    now: () => new Date(t0 + 1000 * ticks++).toISOString(),
  };
}
