import type { DomainError, Result } from '../../core/model/result.js';
import { checkOutputPath } from '../store/output-path.js';

/** Exit codes of the CLI contract. */
export const EXIT_OK = 0;
export const EXIT_DOMAIN = 1;
export const EXIT_USAGE = 2;

/** Thrown by commands to end with a message and exit code; caught once in main. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** End with exit code 2 and a usage message. */
export function usage(message: string): never {
  throw new CliExit(EXIT_USAGE, message);
}

/** Unwrap a service result, or end with the domain error (exit 2 for usage errors, else 1). */
export function need<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw fromError(r.error);
}

/** The CliExit for a domain error. */
export function fromError(e: DomainError): CliExit {
  return new CliExit(e.code === 'usage' ? EXIT_USAGE : EXIT_DOMAIN, e.message.split('\n')[0] ?? e.message);
}

/** Where command output goes (injectable for tests). */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CliOutput = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

/** The real path to write a command's output file to, or a usage error (never into a project's own files). */
export function checkedOutput(path: string, option: string): string {
  return need(checkOutputPath(path, option));
}
