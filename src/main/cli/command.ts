import type { CliContext } from './context.js';

/** One option of a command (node:util parseArgs style). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
}

/** A CLI command: a small named module with its own options and tests. */
export interface Command {
  name: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(ctx: CliContext): Promise<void>;
}
