import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { CliContext } from './context.js';
import { CliExit, EXIT_DOMAIN, EXIT_OK, EXIT_USAGE, processOutput, type CliOutput } from './io.js';
import { APP_VERSION } from '../app/version.js';
import { initCommand } from './commands/init.js';
import { caseCommand } from './commands/case.js';
import { importCommand } from './commands/import.js';
import { infoCommand } from './commands/info.js';
import { textCommand } from './commands/text.js';
import { codeCommand } from './commands/code.js';
import { webCommand } from './commands/web.js';
import { migrateCommand, pullCommand, pushCommand, serveCommand } from './commands/serve.js';
import { agreementCommand } from './commands/agreement.js';
import { mergeCommand } from './commands/merge.js';
import { exportCommand } from './commands/export.js';
import { rateCommand } from './commands/rate.js';
import { matrixCommand } from './commands/matrix.js';
import { restoreCommand } from './commands/restore.js';
import { usersCommand } from './commands/users.js';

/** Every command of the CLI contract, by name. */
export const COMMANDS: Command[] = [
  initCommand,
  caseCommand,
  importCommand,
  infoCommand,
  textCommand,
  codeCommand,
  agreementCommand,
  mergeCommand,
  webCommand,
  serveCommand,
  migrateCommand,
  pushCommand,
  pullCommand,
  exportCommand,
  rateCommand,
  matrixCommand,
  restoreCommand,
  usersCommand,
];

function help(): string {
  return ['Usage: casecoder <command> <dir> [options] [--json]', '', 'Commands:', ...COMMANDS.map((c) => '  ' + c.usage)].join('\n');
}

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CliOutput = processOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version') {
    io.out(APP_VERSION);
    return EXIT_OK;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`Unknown command "${name}". Run casecoder --help.`);
    return EXIT_USAGE;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...cmd.options, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`${(e as Error).message}\nUsage: casecoder ${cmd.usage}`);
    return EXIT_USAGE;
  }
  const ctx = new CliContext(parsed.positionals, parsed.values as Record<string, string | boolean | string[] | undefined>, io, APP_VERSION);
  try {
    await cmd.run(ctx);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CliExit) {
      io.err(e.message);
      return e.exitCode;
    }
    io.err(`Unexpected error: ${(e as Error).message}`);
    return EXIT_DOMAIN;
  } finally {
    await ctx.service.close();
  }
}

export { EXIT_USAGE };
