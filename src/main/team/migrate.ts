/**
 * Schema migrations of the team server: numbered SQL files in `migrations/` (`001_core.sql`,
 * `002_auth.sql`, …), applied in order, each in its own transaction, under a PostgreSQL advisory
 * lock so two servers starting at once serialise. A database that ran a migration this build does
 * not know (a newer casecoder wrote it) is refused: migrations never run backwards. Nothing is
 * applied unless the caller asks (`casecoder serve --migrate` or `casecoder migrate`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type pg from 'pg';
import { checkout } from './db.js';

/** One migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The folder of this build's migrations. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** An arbitrary, fixed advisory-lock key for "casecoder migrations". */
const LOCK_KEY = 0x6361_7365;

/** Read `NNN_name.sql` files from `dir`, ordered by number; refuses duplicate numbers. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const out: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = /^(\d{3})_([\w-]+)\.sql$/.exec(file);
    if (!m) continue;
    const version = Number(m[1]);
    if (out.some((x) => x.version === version)) throw new Error(`Two migrations are numbered ${m[1]} in ${dir}`);
    out.push({ version, name: m[2] as string, sql: readFileSync(join(dir, file), 'utf8') });
  }
  return out;
}

/** What {@link migrate} found and did. */
export interface MigrationReport {
  applied: string[];
  pending: string[];
  current: number;
}

/** The reason a database cannot be used by this build, as an Error with a clear message. */
export class MigrationError extends Error {}

const label = (m: Pick<Migration, 'version' | 'name'>): string => `${String(m.version).padStart(3, '0')}_${m.name}`;

/**
 * Check the database's schema against `migrations`, and with `apply` bring it up to date.
 * Throws {@link MigrationError} when the database has a migration this build lacks, or when
 * migrations are pending and `apply` is false (the server then refuses to start).
 */
export async function migrate(pool: pg.Pool, opts: { apply: boolean; migrations?: Migration[] }): Promise<MigrationReport> {
  const migrations = opts.migrations ?? readMigrations();
  const client = await checkout(pool);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = (await client.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
      const known = new Map(migrations.map((m) => [m.version, m]));
      const unknown = done.filter((d) => known.get(d.version)?.name !== d.name);
      if (unknown.length > 0) {
        throw new MigrationError(`The database was set up by a newer or different casecoder (it has migration ${unknown.map(label).join(', ')}, which this build does not know). Upgrade casecoder; migrations never run backwards.`);
      }
      const doneSet = new Set(done.map((d) => d.version));
      const pending = migrations.filter((m) => !doneSet.has(m.version));
      const report: MigrationReport = { applied: [], pending: pending.map(label), current: done.at(-1)?.version ?? 0 };
      if (pending.length === 0) return report;
      if (!opts.apply) {
        throw new MigrationError(`The database needs migration ${report.pending.join(', ')}. Back it up (pg_dump), then run casecoder serve --migrate (or casecoder migrate).`);
      }
      for (const m of pending) {
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw new MigrationError(`Migration ${label(m)} failed and was rolled back: ${(e as Error).message}`);
        }
        report.applied.push(label(m));
        report.current = m.version;
      }
      report.pending = [];
      return report;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
