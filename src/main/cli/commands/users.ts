import { createInterface } from 'node:readline';
import pg from 'pg';
import type { Command } from '../command.js';
import { CliExit, EXIT_DOMAIN, usage } from '../io.js';
import type { CliContext } from '../context.js';
import { AccountError, accountExists, addAccount, canonicalLogin, listAccounts, setDisabled, setPassword, setRole, type AccountSummary } from '../../team/auth/accounts.js';
import { PasswordHasher } from '../../team/auth/passwords.js';

/** Environment variable naming the team server's database when `--db` is not given. */
export const DATABASE_URL_ENV = 'CASECODER_DATABASE_URL';

/**
 * The password for `users add` and `users passwd`: the first line of standard input (so scripts
 * pipe it and it never appears in the process list or shell history); on a terminal, asked for
 * twice without echo.
 */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) {
      text += chunk;
      if (text.includes('\n')) break;
    }
    return text.split(/\r?\n/)[0] ?? '';
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: stdin, output: process.stderr, terminal: true });
      const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
      out._writeToOutput = (s: string) => void (s.includes(prompt) ? out.output.write(prompt) : undefined);
      rl.question(prompt, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('New password: ');
  const again = await ask('Repeat it: ');
  if (first !== again) throw new CliExit(EXIT_DOMAIN, 'The two passwords differ; nothing changed.');
  return first;
}

function line(a: AccountSummary): string {
  return `${a.login.padEnd(20)} ${a.role.padEnd(12)} ${a.disabled ? 'disabled' : 'active  '} ${a.displayName}`;
}

async function projectOf(ctx: CliContext, pool: pg.Pool): Promise<string> {
  const given = ctx.str('project');
  if (given) return given;
  const r = await pool.query(`SELECT DISTINCT project_id FROM memberships`);
  if (r.rows.length === 1) return r.rows[0].project_id as string;
  usage(r.rows.length === 0 ? 'No accounts yet: name the project with --project ID (the first account must be its owner).' : `This database holds several projects: name one with --project (${r.rows.map((x) => x.project_id).join(', ')}).`);
}

export const usersCommand: Command = {
  name: 'users',
  usage: 'users add|list|role|disable|passwd [login] [role] [--role R] [--name "Full Name"] [--enable] [--db URL] [--project ID]  team-server accounts (password on stdin)',
  options: { db: { type: 'string' }, project: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, enable: { type: 'boolean' } },
  async run(ctx) {
    const [action, login, roleArg] = ctx.positionals;
    const url = ctx.str('db') ?? process.env[DATABASE_URL_ENV];
    if (!url) usage(`Name the team server's database with --db URL or ${DATABASE_URL_ENV}.`);
    if (!action || !['add', 'list', 'role', 'disable', 'passwd'].includes(action)) usage('users add|list|role|disable|passwd');
    if (action !== 'list' && !login) usage(`users ${action} needs a login.`);
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
    // Accounts made from the CLI get the production cost: there is no way to lower it here.
    const hasher = new PasswordHasher();
    try {
      const projectId = await projectOf(ctx, pool);
      if (action === 'list') {
        const all = await listAccounts(pool, projectId);
        ctx.print(all, all.length ? all.map(line).join('\n') : 'No accounts.');
        return;
      }
      let done: AccountSummary;
      if (action === 'add') {
        const name = ctx.str('name');
        // An existing account (a member of another project) joins this one: no new password.
        const existing = await accountExists(pool, canonicalLogin(login!));
        done = await addAccount(pool, hasher, projectId, { login: login!, password: existing ? '' : await readPassword(), role: ctx.str('role') ?? roleArg ?? 'coder', ...(name ? { displayName: name } : {}) }, null);
        if (existing) ctx.io.out(`${done.login} already had an account: it joined project ${projectId} as ${done.role}, its password unchanged.`);
      } else if (action === 'role') {
        const role = roleArg ?? ctx.str('role');
        if (!role) usage('users role <login> <owner|adjudicator|coder|viewer>');
        done = await setRole(pool, projectId, login!, role, null);
      } else if (action === 'disable') {
        done = await setDisabled(pool, projectId, login!, ctx.flags['enable'] !== true, null);
      } else {
        done = await setPassword(pool, hasher, projectId, login!, await readPassword(), null);
      }
      ctx.print(done, line(done));
    } catch (e) {
      if (e instanceof AccountError) throw new CliExit(EXIT_DOMAIN, e.message);
      throw e;
    } finally {
      await pool.end();
    }
  },
};
