/**
 * A real PostgreSQL for tests: Debian's server binaries, a cluster in a temporary folder owned by
 * an unprivileged user (initdb and postgres refuse to run as root), reachable only through a unix
 * socket in that folder (no TCP port to collide with). Durability settings are off: only an OS
 * crash could corrupt it, and the folder is thrown away. `.ci/run` installs the `postgresql` package.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running test cluster. */
export interface TestPostgres {
  /** The socket folder; pass as `host` to a client (a path means a unix socket). */
  host: string;
  port: number;
  user: string;
  /** A connection string for database `db` (default `postgres`). */
  url(db?: string): string;
  /** `pg_ctl restart -m fast` (faults: clients see their connections dropped). */
  restart(): void;
  /**
   * The same restart without blocking this process: its clients keep running while the server is
   * down, so they meet the refused connections too, not only the dropped ones.
   */
  restartInBackground(): Promise<void>;
  /** `pg_ctl stop -m immediate` without a restart. */
  stopImmediate(): void;
  start(): void;
  /** Stop the server and remove the folder. */
  destroy(): void;
}

/** The folder of Debian's PostgreSQL server binaries (the newest installed), or null. */
export function postgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

/** Why a real PostgreSQL cannot run here, or null when it can. */
export function postgresUnavailable(): string | null {
  if (!postgresBinDir()) return 'PostgreSQL server binaries not found under /usr/lib/postgresql (Debian package `postgresql`)';
  return null;
}

/** Run `bin/<tool>` as the unprivileged `postgres` user when we are root, else as ourselves. */
function asOwner(bin: string, tool: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const cmd = isRoot ? 'runuser' : join(bin, tool);
  const full = isRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
  const r = spawnSync(cmd, full, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/** {@link asOwner} without blocking the event loop. */
function asOwnerInBackground(bin: string, tool: string, args: string[]): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  const child = spawn(isRoot ? 'runuser' : join(bin, tool), isRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} failed (${code}): ${stderr}`))));
  });
}

/**
 * Start a throwaway cluster (about 1.5 s). Call `destroy()` in `afterAll`.
 * Throws with the tool's message when PostgreSQL cannot start.
 */
export function startTestPostgres(): TestPostgres {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresUnavailable() ?? 'no PostgreSQL');
  const root = mkdtempSync(join(tmpdir(), 'casecoder-pg-'));
  chmodSync(root, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', root]);
  const data = join(root, 'data');
  const port = 5433 + Math.floor(Math.random() * 20000);
  asOwner(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = [`-c listen_addresses=''`, `-c unix_socket_directories=${root}`, `-c port=${port}`, '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200'].join(' ');
  const ctlArgs = (...args: string[]) => ['-D', data, '-w', '-l', join(root, 'log'), ...args];
  const ctl = (...args: string[]) => asOwner(bin, 'pg_ctl', ctlArgs(...args));
  const start = () => ctl('-o', options, 'start');
  start();
  return {
    host: root,
    port,
    user: 'postgres',
    url: (db = 'postgres') => `postgresql://postgres@/${db}?host=${encodeURIComponent(root)}&port=${port}`,
    restart: () => ctl('-m', 'fast', '-o', options, 'restart'),
    restartInBackground: () => asOwnerInBackground(bin, 'pg_ctl', ctlArgs('-m', 'fast', '-o', options, 'restart')),
    stopImmediate: () => ctl('-m', 'immediate', 'stop'),
    start,
    destroy: () => {
      try {
        ctl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
