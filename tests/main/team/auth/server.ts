/**
 * A minimal HTTP server around the auth half, for tests: `/auth/*` routes, `POST /api/<op>` and
 * `GET /events` behave as the team server core must (401 without a session, CSRF check, mayCall,
 * reads computed over the viewer's filtered project, events filtered per subscriber). Reads are
 * real core functions over an in-memory project; writes of `coding.add` append to it and fan out.
 * The full stack (PostgreSQL storage, the service) is the server core's; this exercises the seam.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { retrievePassages } from '../../../../src/core/retrieval/passages.js';
import { codeCaseCounts } from '../../../../src/core/matrix/counts.js';
import { applyChangeSet, type ChangeSet } from '../../../../src/core/ops/change-set.js';
import type { ProjectData } from '../../../../src/core/model/types.js';
import { createTeamAuth, type TeamAuthImpl, type TeamAuthOptions } from '../../../../src/main/team/auth/index.js';
import type { Viewer } from '../../../../src/main/team/auth-contract.js';
import type { TestPostgres } from '../../../support/postgres.js';
import { coding, teamProject } from './fixture.js';

/** A low scrypt cost, set explicitly (production never lowers it). */
export const TEST_SCRYPT = { logN: 10, r: 8, p: 1 };

/**
 * A fresh database with the auth migration applied. The change log table is the server core's
 * (`001_core.sql`); until both halves are merged, the columns the audit view reads are created here.
 */
export async function authDatabase(cluster: TestPostgres, name: string): Promise<pg.Pool> {
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: cluster.url(name), max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS change_sets (project_id text NOT NULL, rev bigint NOT NULL, author text, coder_id text, client text, label text NOT NULL,
    changes jsonb NOT NULL, keys text[] NOT NULL, idempotency_key text, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (project_id, rev))`);
  for (const file of ['002_auth.sql', '004_project_roles.sql']) await pool.query(readFileSync(new URL(`../../../../src/main/team/migrations/${file}`, import.meta.url), 'utf8'));
  return pool;
}

export interface AuthTestServer {
  origin: string;
  auth: TeamAuthImpl;
  project: () => ProjectData;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function body(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

/** Starts the test server on 127.0.0.1 with the fixture project. */
export async function startAuthServer(pool: pg.Pool, options: Partial<TeamAuthOptions> = {}): Promise<AuthTestServer> {
  let data = teamProject();
  let revision = 0;
  const streams = new Set<{ viewer: Viewer; res: ServerResponse }>();
  let server: Server | null = null;
  let auth: TeamAuthImpl | null = null;
  server = createServer((req, res) => {
    void (async () => {
      if (await auth!.handleAuthRoute(req, res)) return;
      const viewer = await auth!.authenticate(req);
      if (!viewer) return json(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Sign in first.' } });
      if (req.url === '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': open\n\n');
        const entry = { viewer, res };
        streams.add(entry);
        req.on('close', () => streams.delete(entry));
        return;
      }
      if (!auth!.checkCsrf(req)) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'CSRF' } });
      const op = (req.url ?? '').replace(/^\/api\//, '');
      const args = (await body(req)) as Record<string, unknown>;
      const allowed = auth!.mayCall(viewer, op, args, data);
      if (!allowed.ok) return json(res, 403, { ok: false, error: { code: 'forbidden', message: allowed.message } });
      const visible = auth!.filterProject(viewer, data);
      if (op === 'project.current') return json(res, 200, { ok: true, value: { data: visible } });
      if (op === 'retrieval.passages') return json(res, 200, { ok: true, value: retrievePassages(visible, args) });
      if (op === 'matrix.exportCodeCase') return json(res, 200, codeCaseCounts(visible, args));
      if (op === 'coding.add') {
        const a = args as { documentId: string; codeId: string; start: number; end: number };
        const cs: ChangeSet = { upsert: { codings: [coding(`c_${++revision}_${viewer.login}`, viewer.coderId!, a.documentId, a.codeId, a.start, a.end)] }, remove: {} };
        const before = data;
        data = applyChangeSet(data, cs);
        for (const s of streams) {
          const seen = auth!.filterChangeSet(s.viewer, cs, before);
          s.res.write(seen ? `id: ${revision}\ndata: ${JSON.stringify(seen)}\n\n` : `: rev ${revision} nothing visible\n\n`);
        }
        return json(res, 200, { ok: true, value: cs.upsert.codings![0] });
      }
      return json(res, 200, { ok: true, value: null });
    })().catch((e: Error) => json(res, 500, { ok: false, error: { code: 'invalid', message: e.message } }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  auth = await createTeamAuth({ pool, projectId: 'p_team', allowedOrigins: [origin], scrypt: TEST_SCRYPT, log: () => undefined, ...options });
  return {
    origin,
    auth,
    project: () => data,
    close: async () => {
      for (const s of streams) s.res.end();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
}
