/**
 * Arguments generated from the contract's argument schemas (zod → JSON Schema), so the blind
 * tests cover every operation that can name a coder, including ones added later, without a
 * hand-picked list.
 */
import { z } from 'zod';
import { API_SCHEMAS } from '../../../../src/shared/api-schemas.js';
import { API_OPERATIONS, type OpName } from '../../../../src/shared/api.js';
import { CODER_ARGS } from '../../../../src/main/team/auth/access.js';

type Json = { type?: string | string[]; properties?: Record<string, Json>; required?: string[]; items?: Json; anyOf?: Json[]; oneOf?: Json[]; enum?: unknown[]; const?: unknown; minItems?: number };

function jsonSchema(op: OpName): Json {
  return z.toJSONSchema(API_SCHEMAS[op] as z.ZodType, { unrepresentable: 'any', io: 'input' }) as Json;
}

/** A placeholder value of a schema: the first enum value, "x", 0, false, [] or an object of its required fields. */
function sample(s: Json, coder: string, key = ''): unknown {
  if (CODER_ARGS.includes(key)) return s.type === 'array' || s.items ? [coder] : coder;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((x) => x.type !== 'null') ?? alt[0]!, coder, key);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) if (s.required?.includes(k) || CODER_ARGS.includes(k) || hasCoderKey(v)) out[k] = sample(v, coder, k);
    return out;
  }
  if (type === 'array') return s.items && (hasCoderKey(s.items) || (s.minItems ?? 0) > 0) ? [sample(s.items, coder)] : [];
  if (type === 'string') return 'x';
  if (type === 'number' || type === 'integer') return 0;
  if (type === 'boolean') return false;
  return null;
}

function hasCoderKey(s: Json): boolean {
  if (s.properties) for (const [k, v] of Object.entries(s.properties)) if (CODER_ARGS.includes(k) || hasCoderKey(v)) return true;
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) if (hasCoderKey(alt)) return true;
  return s.items ? hasCoderKey(s.items) : false;
}

/** Every operation whose arguments can name a coder, with arguments naming `coder`. */
export function opsNamingACoder(coder: string): { op: OpName; args: Record<string, unknown> }[] {
  return API_OPERATIONS.filter((op) => hasCoderKey(jsonSchema(op))).map((op) => ({ op, args: sample(jsonSchema(op), coder) as Record<string, unknown> }));
}

/** Every coding operation addressing one coding by `id`, with arguments naming `codingId`. */
export function opsAddressingACoding(codingId: string): { op: OpName; args: Record<string, unknown> }[] {
  return API_OPERATIONS.filter((op) => op.startsWith('coding.') && jsonSchema(op).required?.includes('id')).map((op) => ({ op, args: { ...(sample(jsonSchema(op), '') as object), id: codingId } }));
}

/** Operations with a top-level coder argument the caller may leave out (the operation then picks a default). */
export function opsWithOptionalCoder(): OpName[] {
  return API_OPERATIONS.filter((op) => {
    const s = jsonSchema(op);
    return Object.keys(s.properties ?? {}).some((k) => CODER_ARGS.includes(k) && !s.required?.includes(k));
  });
}
