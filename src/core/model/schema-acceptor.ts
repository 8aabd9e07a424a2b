/**
 * {@link compileAcceptor}: a zod schema turned into a plain predicate that answers only "does the
 * schema accept this value?", without building the parsed copy zod's `safeParse` returns.
 *
 * Whole-project validation (at open and at compaction) is the heaviest use of the project schema:
 * `safeParse` re-creates every object and array of a 200,000-coding project, one payload per
 * value, and the garbage collector pays for all of it, only for the copy to be thrown away (the
 * store keeps the parsed input). The acceptor walks the same schema definition once, up front,
 * into nested closures that read the value in place. It is generated from the schema, so the
 * rules stay in one home (`project-schema.ts`); the messages stay zod's: a caller that gets
 * `false` asks `safeParse` why.
 *
 * Exactness: type tests mirror zod's own parsers for the kinds compiled here (string, number,
 * boolean, null, enum, literal, strip-mode object, array, optional, nullable); every check
 * attached to a schema (lengths, bounds, integer formats, `.check`/`.refine` rules) is run
 * through zod's own check function, honouring its `when` guard. Any other kind (records, unions,
 * coercion, catch-alls, transforms, …) is delegated to zod for that subtree. A property test
 * compares the acceptor with `safeParse` on random damaged projects.
 */
import type { z } from 'zod';

/** A compiled "does the schema accept this value" test. */
export type Acceptor = (value: unknown) => boolean;

/** The parts of zod's internal schema object the compiler reads. */
interface Internals {
  def: {
    type: string;
    coerce?: boolean;
    checks?: CheckLike[];
    shape?: Record<string, z.ZodType>;
    catchall?: unknown;
    element?: z.ZodType;
    innerType?: z.ZodType;
  };
  traits: Set<string>;
  values?: Set<unknown>;
}

interface CheckLike {
  _zod: {
    check: (payload: { value: unknown; issues: unknown[] }) => unknown;
    def: { when?: (payload: { value: unknown; issues: unknown[] }) => boolean };
  };
}

const internals = (schema: z.ZodType): Internals => (schema as unknown as { _zod: Internals })._zod;

/**
 * Compile `schema` into an {@link Acceptor}. The result is `true` exactly when
 * `schema.safeParse(value).success` would be, for values built of JSON data (plain objects,
 * arrays, strings, finite numbers, booleans, null).
 */
export function compileAcceptor(schema: z.ZodType): Acceptor {
  const zod = internals(schema);
  const typeTest = compileType(schema, zod);
  const checks: CheckLike[] = [...(zod.traits.has('$ZodCheck') ? [schema as unknown as CheckLike] : []), ...(zod.def.checks ?? [])];
  if (checks.length === 0) return typeTest;
  const passes = compileChecks(checks);
  return (v) => typeTest(v) && passes(v);
}

/** A test that is true when none of `checks` reports an issue on a value of the right type. */
function compileChecks(checks: CheckLike[]): Acceptor {
  // Checks push issues only on failure, so one scratch payload serves every call; it is emptied
  // (replaced) only after a failure, and drops its value so it pins nothing.
  const payload: { value: unknown; issues: unknown[] } = { value: undefined, issues: [] };
  return (v) => {
    payload.value = v;
    for (const ch of checks) {
      const when = ch._zod.def.when;
      if (when && !when(payload)) continue;
      if (ch._zod.check(payload) instanceof Promise) throw new Error('compileAcceptor: asynchronous checks are not supported');
      if (payload.issues.length > 0) {
        payload.issues = [];
        payload.value = undefined;
        return false;
      }
    }
    payload.value = undefined;
    return true;
  };
}

/** zod's own verdict, for kinds not compiled here. */
function delegate(schema: z.ZodType): Acceptor {
  return (v) => schema.safeParse(v).success;
}

function compileType(schema: z.ZodType, zod: Internals): Acceptor {
  const { def, traits } = zod;
  if (def.coerce) return delegate(schema);
  switch (def.type) {
    case 'string':
      return traits.has('$ZodString') && !hasFormat(traits) ? (v) => typeof v === 'string' : delegate(schema);
    case 'number':
      return traits.has('$ZodNumber') ? (v) => typeof v === 'number' && Number.isFinite(v) : delegate(schema);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'enum':
    case 'literal': {
      const values = zod.values;
      return values ? (v) => values.has(v) : delegate(schema);
    }
    case 'optional': {
      if (!traits.has('$ZodOptional') || traits.has('$ZodExactOptional') || !def.innerType) return delegate(schema);
      if ((internals(def.innerType) as { optin?: string }).optin === 'defaulted') return delegate(schema);
      const inner = compileAcceptor(def.innerType);
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      if (!def.innerType) return delegate(schema);
      const inner = compileAcceptor(def.innerType);
      return (v) => v === null || inner(v);
    }
    case 'array': {
      if (!def.element) return delegate(schema);
      const item = compileAcceptor(def.element);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
        return true;
      };
    }
    case 'object': {
      // Strip mode only (unknown keys are ignored); strict and loose objects are zod's.
      if (def.catchall !== undefined || !def.shape) return delegate(schema);
      const fields = Object.entries(def.shape).map(([key, s]) => [key, compileAcceptor(s)] as const);
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
        const o = v as Record<string, unknown>;
        for (const [key, accepts] of fields) if (!accepts(o[key])) return false;
        return true;
      };
    }
    default:
      return delegate(schema);
  }
}

/** String formats (email, uuid, …) carry their own pattern check; leave them to zod. */
function hasFormat(traits: Set<string>): boolean {
  return traits.has('$ZodStringFormat');
}
