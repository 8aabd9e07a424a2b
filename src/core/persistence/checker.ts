/**
 * A small path-aware structural checker for the content files (`sources/<id>.json`) and the
 * migration steps. The project file itself is checked by its zod schema
 * (`model/project-schema.ts`); both word their messages with the one {@link describe}. Checks throw
 * a private {@link InvalidField} inside this module family; {@link runCheck} converts it to a
 * `Result` at the edge, so nothing throws across the persistence API.
 */
import { err, ok, type Result } from '../model/result.js';
import { describe } from '../model/project-schema.js';

export { describe };

/** A plain JSON object as seen by the checker. */
export type Rec = Record<string, unknown>;

/** Raised by a check; carries the field path and what was wrong. Never escapes {@link runCheck}. */
export class InvalidField extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** Fail the current check at `path`. */
export function fail(path: string, problem: string): never {
  throw new InvalidField(path, problem);
}

function join(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}

/** The value must be a plain (non-array, non-null) object. */
export function record(value: unknown, at: string): Rec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(at || '(root)', `expected an object, got ${describe(value)}`);
  return value as Rec;
}

/** `o[key]` must be a string (empty allowed unless `nonEmpty`). */
export function str(o: Rec, key: string, at: string, nonEmpty = false): string {
  const v = o[key];
  if (typeof v !== 'string') fail(join(at, key), `expected a string, got ${describe(v)}`);
  if (nonEmpty && v.length === 0) fail(join(at, key), 'expected a non-empty string');
  return v;
}

/** `o[key]` must be a string or null. */
export function strOrNull(o: Rec, key: string, at: string): string | null {
  const v = o[key];
  if (v !== null && typeof v !== 'string') fail(join(at, key), `expected a string or null, got ${describe(v)}`);
  return v;
}

/** `o[key]` must be an integer ≥ `min`. */
export function int(o: Rec, key: string, at: string, min = 0): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(join(at, key), `expected an integer ≥ ${min}, got ${describe(v)}`);
  return v;
}

/** `o[key]`, when present, must be a boolean. */
export function optBool(o: Rec, key: string, at: string): void {
  const v = o[key];
  if (v !== undefined && typeof v !== 'boolean') fail(join(at, key), `expected true, false or nothing, got ${describe(v)}`);
}

/** `o[key]` must be one of `allowed`. */
export function oneOf<T extends string>(o: Rec, key: string, at: string, allowed: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    fail(join(at, key), `expected one of ${allowed.join(', ')}, got ${describe(v)}`);
  }
  return v as T;
}

/** `o[key]` must be an array. */
export function list(o: Rec, key: string, at: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(join(at, key), `expected an array, got ${describe(v)}`);
  return v;
}

/** `o[key]` must be an array of strings. */
export function stringList(o: Rec, key: string, at: string): string[] {
  const items = list(o, key, at);
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== 'string') fail(`${join(at, key)}[${i}]`, `expected a string, got ${describe(items[i])}`);
  }
  return items as string[];
}

/**
 * Check every element of `o[key]` with `each` (given the element as an object and its path) and
 * require the `id` fields to be unique non-empty strings when `uniqueIds` is set.
 */
export function records(o: Rec, key: string, at: string, each: (item: Rec, path: string) => void, uniqueIds = true): void {
  const items = list(o, key, at);
  const seen = uniqueIds ? new Set<string>() : null;
  const base = join(at, key);
  for (let i = 0; i < items.length; i++) {
    const path = `${base}[${i}]`;
    const item = record(items[i], path);
    if (seen) {
      const id = str(item, 'id', path, true);
      if (seen.has(id)) fail(`${path}.id`, `duplicate id ${JSON.stringify(id)}`);
      seen.add(id);
    }
    each(item, path);
  }
}

/**
 * Run a check and convert its outcome to a `Result`: the checked value on success, or
 * `err('invalid', '<path>: <problem>', { path })` naming the first offending field.
 */
export function runCheck<T>(value: unknown, check: (value: unknown) => void): Result<T> {
  try {
    check(value);
    return ok(value as T);
  } catch (e) {
    if (e instanceof InvalidField) return err('invalid', e.message, { path: e.path });
    return err('invalid', `validation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
