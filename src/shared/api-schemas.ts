/**
 * The argument checks of the contract (`./api.ts`), run at the service's single entry for every
 * transport (CLI, browser mode, Electron). Each schema is the one declared with its operation in
 * `./contract/<noun>.ts`, so the argument type and its check cannot drift apart.
 */
import type { z } from 'zod';
import { err, ok, type Result } from '../core/model/result.js';
import { DECLARATIONS, type OpArgs, type OpName } from './api.js';
import { PATH_KINDS, type PathKind } from './contract/fields.js';
import type { OpTable } from './contract/declare.js';

export type { PathKind } from './contract/fields.js';

function schemasOf<T extends OpTable>(table: T): { [K in keyof T]: T[K]['args'] } {
  const out = {} as { [K in keyof T]: T[K]['args'] };
  for (const name of Object.keys(table) as (keyof T)[]) out[name] = table[name]!.args;
  return out;
}

/** Every operation's argument schema. */
export const API_SCHEMAS = schemasOf(DECLARATIONS);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${JSON.stringify(value)?.slice(0, 60)}`;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

/**
 * Check `args` against `op`'s schema. A refusal is a `usage` error naming the operation and the
 * field (`coding.add: start: expected a number, got the string "3"`); unknown keys are refused.
 */
export function checkArgs<K extends OpName>(op: K, args: unknown): Result<OpArgs<K>> {
  const schema = API_SCHEMAS[op] as z.ZodType<OpArgs<K>> | undefined;
  if (!schema) return err('usage', `Unknown operation: ${op}`);
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return err('usage', `${op}: the arguments must be an object, not ${describe(args)}`);
  const parsed = schema.safeParse(args);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const at = fieldName(issue.path);
    return err('usage', `${op}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => (at ? `${at}.${k}` : k)).join(', ')}`);
  }
  let got = '';
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') {
    let v: unknown = args;
    for (const k of issue.path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
    got = v === undefined ? ', but it is missing' : `, got ${describe(v)}`;
  }
  const field = fieldName(issue.path) || 'arguments';
  return err('usage', `${op}: ${field}: ${issue.message}${got}`);
}

/** A path found in an operation's arguments, by its schema. */
export interface PathArgument {
  field: string;
  kind: PathKind;
  value: string;
}

function walk(schema: z.ZodType, value: unknown, at: (string | number)[], out: PathArgument[]): void {
  const kind = PATH_KINDS.get(schema);
  if (kind) {
    if (typeof value === 'string') out.push({ field: fieldName(at), kind, value });
    return;
  }
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  if (value === undefined || value === null) return;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return walk(def['innerType'] as z.ZodType, value, at, out);
    case 'object': {
      const shape = def['shape'] as Record<string, z.ZodType>;
      for (const [k, s] of Object.entries(shape)) walk(s, (value as Record<string, unknown>)[k], [...at, k], out);
      return;
    }
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => walk(def['element'] as z.ZodType, v, [...at, i], out));
      return;
    case 'union':
      for (const option of def['options'] as z.ZodType[]) if (option.safeParse(value).success) return walk(option, value, at, out);
      return;
    default:
      return;
  }
}

/** Every path argument in (already checked) `args` of `op`, with how the operation uses it. */
export function pathArguments(op: OpName, args: unknown): PathArgument[] {
  const out: PathArgument[] = [];
  walk(API_SCHEMAS[op] as z.ZodType, args, [], out);
  return out;
}
