/**
 * How an operation of the API contract is declared: once, as its name (the key of its domain's
 * table), its argument schema and its result type. The operation list, the argument types
 * (`z.output` of the schema) and the argument checks of every transport all follow from it, so a
 * field added to a schema is a field of the type, with nothing to keep in step by hand.
 */
import type { z } from 'zod';

/** A marker carrying an operation's result type (it holds no value at run time). */
export interface ResultType<R> {
  readonly __result?: R;
}

/** One operation: its argument schema and (as a type only) its result. */
export interface OpDeclaration<S extends z.ZodType = z.ZodType, R = unknown> {
  readonly args: S;
  readonly result: ResultType<R>;
}

/** The result type `R` of an operation, for {@link op}: `op(schema, returns<Mutation<Code>>())`. */
export function returns<R>(): ResultType<R> {
  return {};
}

/** Declare an operation from its argument schema and its result type. */
export function op<S extends z.ZodType, R>(args: S, result: ResultType<R>): OpDeclaration<S, R> {
  return { args, result };
}

/** A domain's table of operations, by name. */
export type OpTable = Record<string, OpDeclaration>;

/** Name → `{ args, result }` types of a table of declarations. */
export type OpsOf<T extends OpTable> = {
  [K in keyof T]: T[K] extends OpDeclaration<infer S, infer R> ? { args: z.output<S>; result: R } : never;
};
