/**
 * Schema migrations of `casecoder.json`: an ordered registry of pure, single-step functions
 * `v(n) → v(n+1)`, applied one step at a time on open.
 *
 * Invariants:
 * - A step never mutates its input (the caller may still hold it, e.g. to back it up byte for
 *   byte); it returns a new object. The framework stamps `schemaVersion = to` after each step.
 * - Versions only go up. A file newer than the build is never down-converted: the store opens it
 *   read-only instead (see `load.ts`).
 * - The store writes a backup of the original bytes before it commits a migrated state.
 *
 * Schema version 1 is the first released schema, so {@link PROJECT_MIGRATIONS} is empty today. A
 * future v2 adds `{ from: 1, to: 2, summary, up }` here, plus a golden fixture test.
 */
import { err, ok, type Result } from '../model/result.js';
import { describe } from '../model/project-schema.js';

/** A parsed JSON object, before its shape is known. */
type Rec = Record<string, unknown>;

/** One migration step. */
export interface Migration {
  /** Version this step reads. */
  from: number;
  /** Version this step produces; always `from + 1`. */
  to: number;
  /** One line for the user ("codings gained a memo field"). */
  summary: string;
  /** Pure: returns a new object and leaves `data` untouched. May throw on data it cannot convert. */
  up(data: Readonly<Rec>): Rec;
}

/** The registry of released migrations, ascending. Empty while schema 1 is the only schema. */
export const PROJECT_MIGRATIONS: readonly Migration[] = [];

/** What every version of `casecoder.json` has in common. */
export interface VersionHeader {
  format: 'casecoder';
  schemaVersion: number;
}

/** Read the format marker and schema version of a parsed file, before knowing its shape. */
export function readVersionHeader(value: unknown): Result<VersionHeader> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return err('invalid', `(root): expected an object, got ${describe(value)}`);
  const o = value as Rec;
  if (o.format !== 'casecoder') return err('invalid', `format: expected "casecoder", got ${describe(o.format)}`);
  const v = o.schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return err('invalid', `schemaVersion: expected an integer ≥ 0, got ${describe(v)}`);
  return ok({ format: 'casecoder', schemaVersion: v });
}

/**
 * The steps leading from version `from` to `to`, in order. Fails with `unsupported` when the
 * registry has a gap, a step that does not go up by exactly one, or when `from > to`.
 */
export function planMigrations(from: number, to: number, registry: readonly Migration[] = PROJECT_MIGRATIONS): Result<Migration[]> {
  if (from > to) return err('unsupported', `cannot migrate down from schema ${from} to ${to}`);
  const steps: Migration[] = [];
  for (let v = from; v < to; v++) {
    const step = registry.find((m) => m.from === v);
    if (!step) return err('unsupported', `no migration from schema ${v} to ${v + 1}`);
    if (step.to !== v + 1) return err('unsupported', `migration from schema ${v} goes to ${step.to}, expected ${v + 1}`);
    steps.push(step);
  }
  return ok(steps);
}

/** A migrated value and the summaries of the steps applied (empty when already current). */
export interface Migrated {
  data: Rec;
  fromVersion: number;
  steps: string[];
}

/**
 * Migrate parsed file contents step by step up to version `to`. Returns the input object itself
 * when no step is needed. A step that throws, or returns something that is not an object, yields
 * `err('invalid', 'migration v<n>→v<n+1> failed: …')`. The result is not yet validated.
 */
export function migrateProject(value: unknown, to: number, registry: readonly Migration[] = PROJECT_MIGRATIONS): Result<Migrated> {
  const header = readVersionHeader(value);
  if (!header.ok) return header;
  const from = header.value.schemaVersion;
  const plan = planMigrations(from, to, registry);
  if (!plan.ok) return plan;
  let data = value as Rec;
  const steps: string[] = [];
  for (const step of plan.value) {
    let next: unknown;
    try {
      next = step.up(data);
    } catch (e) {
      return err('invalid', `migration v${step.from}→v${step.to} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next) || next === data) {
      return err('invalid', `migration v${step.from}→v${step.to} must return a new object, got ${next === data ? 'its input' : describe(next)}`);
    }
    data = { ...(next as Rec), schemaVersion: step.to };
    steps.push(`v${step.from}→v${step.to}: ${step.summary}`);
  }
  return ok({ data, fromVersion: from, steps });
}
