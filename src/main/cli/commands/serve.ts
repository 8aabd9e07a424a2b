import { resolve } from 'node:path';
import pg from 'pg';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { CliExit, EXIT_DOMAIN, usage } from '../io.js';
import { APP_VERSION } from '../../app/version.js';
import { ensureRendererBuilt } from '../../web/browser-mode.js';
import { createTeamAuth } from '../../team/auth/index.js';
import { createPool } from '../../team/db.js';
import { migrate, MigrationError } from '../../team/migrate.js';
import { listProjects } from '../../team/project-rows.js';
import { startTeamServer } from '../../team/team-server.js';
import { pullProject, pushFolder } from '../../team/transfer.js';
import { DATABASE_URL_ENV } from './users.js';

function dbUrl(ctx: CliContext, given?: string): string {
  const url = given ?? ctx.str('db') ?? process.env[DATABASE_URL_ENV];
  if (!url) usage(`Name the team server's database with --db postgresql://… or ${DATABASE_URL_ENV}.`);
  if (!/^postgres(ql)?:\/\//.test(url)) usage(`Not a PostgreSQL connection string: ${url}`);
  return url;
}

/** Run `work` with a pool on a database whose schema this build knows (migrating when asked). */
async function withDatabase<T>(url: string, apply: boolean, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = createPool(url);
  try {
    try {
      await migrate(pool, { apply });
    } catch (e) {
      if (e instanceof MigrationError) throw new CliExit(EXIT_DOMAIN, e.message);
      throw new CliExit(EXIT_DOMAIN, `Cannot reach the database: ${(e as Error).message}`);
    }
    return await work(pool);
  } finally {
    await pool.end();
  }
}

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [folder] --db postgresql://… [--host H] [--port N] [--origin URL]… [--project ID] [--trust-proxy] [--migrate]  the team server (binds 127.0.0.1 unless --host)',
  options: { db: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, origin: { type: 'string', multiple: true }, project: { type: 'string' }, 'trust-proxy': { type: 'boolean' }, migrate: { type: 'boolean' } },
  async run(ctx) {
    const url = dbUrl(ctx);
    const portRaw = ctx.str('port') ?? '7474';
    if (!/^\d{1,5}$/.test(portRaw)) usage('--port must be a number');
    const host = ctx.str('host') ?? '127.0.0.1';
    const pool = createPool(url, 20);
    try {
      const report = await migrate(pool, { apply: ctx.flags['migrate'] === true });
      if (report.applied.length) ctx.io.out(`Applied migrations ${report.applied.join(', ')}.`);
    } catch (e) {
      await pool.end();
      throw new CliExit(EXIT_DOMAIN, e instanceof MigrationError ? e.message : `Cannot reach the database: ${(e as Error).message}`);
    }
    const folder = ctx.positionals[0];
    if (folder) {
      // Serving a folder: push it first (a copy the first time, a merge of its coding work after).
      const pushed = await pushFolder(pool, resolve(folder));
      if (!pushed.ok) {
        await pool.end();
        throw new CliExit(EXIT_DOMAIN, pushed.error.message);
      }
      ctx.io.out(pushed.value.lines.join('\n'));
    }
    const projects = await listProjects(pool);
    const projectId = ctx.str('project') ?? (projects.length === 1 ? projects[0]?.id : undefined);
    if (!projectId) {
      await pool.end();
      usage(projects.length === 0 ? 'The database holds no project yet: casecoder push <folder> <database URL> first.' : `This database holds several projects: name one with --project (${projects.map((p) => p.id).join(', ')}).`);
    }
    const originFlag = ctx.flags['origin'];
    const origins =
      originFlag === undefined ? [`http://${host.includes(':') ? `[${host}]` : host}:${portRaw}`, ...(host === '127.0.0.1' ? [`http://localhost:${portRaw}`] : [])] : Array.isArray(originFlag) ? originFlag : [String(originFlag)];
    const auth = await createTeamAuth({ pool, projectId, allowedOrigins: origins, trustProxy: ctx.flags['trust-proxy'] === true, log: (line) => ctx.io.out(line) });
    const staticDir = await ensureRendererBuilt((line) => ctx.io.out(line));
    const server = await startTeamServer({ pool, dbUrl: url, auth, staticDir, appVersion: APP_VERSION, host, port: Number(portRaw) });
    ctx.print({ url: server.url, project: projectId }, `Casecoder team server at ${server.url} (project ${projectId}).\nSign in with an account made by casecoder users add. Press Ctrl+C to stop.`);
    await new Promise<void>((done) => {
      const stop = (): void =>
        void server
          .close()
          .then(() => pool.end())
          .then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};

export const migrateCommand: Command = {
  name: 'migrate',
  usage: "migrate --db postgresql://…  bring the team database to this build's schema (back it up with pg_dump first)",
  options: { db: { type: 'string' } },
  async run(ctx) {
    const pool = createPool(dbUrl(ctx));
    try {
      const r = await migrate(pool, { apply: true });
      ctx.print(r, r.applied.length ? `Applied ${r.applied.join(', ')}; the schema is at ${r.current}.` : `Nothing to do; the schema is at ${r.current}.`);
    } catch (e) {
      throw new CliExit(EXIT_DOMAIN, e instanceof MigrationError ? e.message : (e as Error).message);
    } finally {
      await pool.end();
    }
  },
};

export const pushCommand: Command = {
  name: 'push',
  usage: "push <folder> <postgresql://…>  copy a project folder to the team server (or merge its coding work into the server's copy)",
  options: {},
  async run(ctx) {
    const [folder, url] = ctx.positionals;
    if (!folder || !url) usage('casecoder push <folder> <database URL>');
    const r = await withDatabase(dbUrl(ctx, url), false, (pool) => pushFolder(pool, resolve(folder)));
    if (!r.ok) throw new CliExit(EXIT_DOMAIN, r.error.message);
    ctx.print(r.value, r.value.lines.join('\n'));
  },
};

export const pullCommand: Command = {
  name: 'pull',
  usage: "pull <postgresql://…> <folder> [--project ID]  copy the server's project into a new folder (or merge its coding work into an existing one)",
  options: { project: { type: 'string' } },
  async run(ctx) {
    const [url, folder] = ctx.positionals;
    if (!folder || !url) usage('casecoder pull <database URL> <folder>');
    const r = await withDatabase(dbUrl(ctx, url), false, async (pool) => {
      const all = await listProjects(pool);
      const id = ctx.str('project') ?? (all.length === 1 ? all[0]?.id : undefined);
      if (!id) usage(`Name the project with --project (${all.map((p) => p.id).join(', ') || 'the server has none'}).`);
      return pullProject(pool, id, resolve(folder));
    });
    if (!r.ok) throw new CliExit(EXIT_DOMAIN, r.error.message);
    ctx.print(r.value, r.value.lines.join('\n'));
  },
};
