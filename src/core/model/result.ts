/**
 * Domain errors are values, not exceptions, across every boundary (API, CLI, importers).
 */

/** Machine-readable error kinds. The CLI maps `usage` to exit code 2 and the rest to 1. */
export type ErrorCode = 'usage' | 'not-found' | 'invalid' | 'conflict' | 'read-only' | 'io' | 'unsupported' | 'too-large' | 'corrupt' | 'newer-version' | 'locked';

export interface DomainError {
  code: ErrorCode;
  /** One line, specific, for a human. */
  message: string;
  details?: unknown;
}

export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

/** Wrap a success value. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** Wrap a domain error. */
export function err(code: ErrorCode, message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** Thrown only inside a layer and converted to a Result at its edge. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Unwrap a result or throw a {@link DomainException}; for code paths that convert at their edge. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new DomainException(r.error.code, r.error.message, r.error.details);
}
