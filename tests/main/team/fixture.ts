/**
 * Shared set-up of the team server tests: a database per test (migrated), a project folder from
 * seed 000 with named coders, and a permissive stand-in for the auth half used ONLY in these
 * storage and transport tests (it lets every request through as the user its header names).
 */
import { readdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { addDocument } from '../../../src/core/documents/add-document.js';
import { ensureCoder } from '../../../src/core/model/project.js';
import type { ProjectData, SourceContent } from '../../../src/core/model/types.js';
import { importFile } from '../../../src/main/import/import-file.js';
import { newProjectData } from '../../../src/main/service/defaults.js';
import { createProjectFolder } from '../../../src/main/store/project-store.js';
import type { TeamAuth, TeamRole, Viewer } from '../../../src/main/team/auth-contract.js';
import { createPool } from '../../../src/main/team/db.js';
import { migrate } from '../../../src/main/team/migrate.js';
import type { TestPostgres } from '../../support/postgres.js';
import { SYSTEM_ENV } from '../../../src/shared/system-env.js';

/** Random ids and the clock, as the service gives core: folders made by separate processes never share ids. */
const coreEnv = SYSTEM_ENV;

export const SEEDS = '/work/shared/seeds';

let dbCount = 0;

/** A fresh, migrated database on `cluster`: its URL and a pool. */
export async function freshDatabase(cluster: TestPostgres, poolSize = 10): Promise<{ url: string; pool: pg.Pool }> {
  const name = `team_${process.pid}_${++dbCount}`;
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = cluster.url(name);
  const pool = createPool(url, poolSize);
  await migrate(pool, { apply: true });
  return { url, pool };
}

/** Seed 000 as a project folder in `dir`, with coders named `coders`; returns its data. */
export async function seedFolder(dir: string, coders: string[], consensus = false): Promise<ProjectData> {
  const seedsDir = process.env.CASECODER_SEEDS ?? SEEDS;
  const file = join(seedsDir, readdirSync(seedsDir).find((f) => f.startsWith('000_')) as string);
  const base = newProjectData('Seed 000', coreEnv);
  if (!base.ok) throw new Error(base.error.message);
  const imported = await importFile(file, { format: 'md' });
  if (!imported.ok) throw new Error(imported.error.message);
  let data = base.value;
  const sources: SourceContent[] = [];
  for (const d of imported.value) {
    const added = addDocument(data, { title: d.title, format: d.format, doc: d.doc, sourceFile: '000.txt', caseName: 'Ecuador' }, coreEnv);
    if (!added.ok) throw new Error(added.error.message);
    data = added.value.data;
    if (added.value.source) sources.push(added.value.source);
  }
  for (const name of coders) data = ensureCoder(data, name, coreEnv).data;
  if (consensus) data = ensureCoder(data, 'Consensus', coreEnv, { consensus: true }).data;
  const created = await createProjectFolder(dir, base.value);
  if (!created.ok) throw new Error(created.error.message);
  for (const s of sources) {
    const w = await created.value.store.writeSource(s);
    if (!w.ok) throw new Error(w.error.message);
  }
  const c = await created.value.store.commit(data);
  if (!c.ok) throw new Error(c.error.message);
  await created.value.store.close();
  return data;
}

/**
 * Test double of the auth half: header `x-test-user: <userId>:<role>:<coderId|->` names the
 * viewer; everything is visible and allowed. Never used by the shipped server.
 */
export function permissiveAuth(): TeamAuth {
  return {
    authenticate(req: IncomingMessage): Promise<Viewer | null> {
      const h = req.headers['x-test-user'];
      if (typeof h !== 'string') return Promise.resolve(null);
      const [userId, role, coderId] = h.split(':');
      return Promise.resolve({ userId: userId as string, login: userId as string, role: role as TeamRole, coderId: coderId && coderId !== '-' ? coderId : null });
    },
    checkCsrf: () => true,
    filterChangeSet: (_v, cs) => cs,
    filterProject: (_v, p) => p,
    mayCall: () => ({ ok: true }),
    handleAuthRoute: () => Promise.resolve(false),
  };
}

/** A JSON API call as `user` (`userId:role:coderId`), with an optional idempotency key. */
export async function call(
  base: string,
  user: string,
  op: string,
  args: unknown,
  opts: { key?: string; project?: string } = {},
): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-test-user': user };
  if (opts.key) headers['idempotency-key'] = opts.key;
  if (opts.project) headers['x-casecoder-project'] = encodeURIComponent(opts.project);
  const res = await fetch(`${base}api/${op}`, { method: 'POST', headers, body: JSON.stringify(args) });
  return { status: res.status, body: (await res.json()) as never };
}
