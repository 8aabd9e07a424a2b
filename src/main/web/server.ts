import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { isOpName, type ApiEvent, type CallOrigin } from '../../shared/api.js';
import type { Service } from '../service/service.js';
import { readBody, serveStatic } from './http.js';
import { hostAllowed, originAllowed, tokenMatches } from './security.js';

export { MAX_BODY_BYTES } from './http.js';

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: serves the built renderer and the API contract on 127.0.0.1 only.
 * `POST /api/<op>` with the token header; `GET /api/events` streams server events (SSE) and needs
 * the token header too (the client reads it with fetch, not EventSource, so the token never sits in a URL).
 */
export async function startWebServer(service: Service, opts: { port?: number; staticDir: string; token?: string }): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `Internal error: ${(e as Error).message}`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostAllowed(req.headers.host, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden host');
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      if (!originAllowed(req.headers.origin, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden origin');
      if (!tokenMatches(req.headers['x-casecoder-token'], token)) return send(res, 401, 'text/plain; charset=utf-8', 'Missing or wrong token');
      const op = url.slice('/api/'.length).split('?')[0] ?? '';
      if (op === 'events' && req.method === 'GET') return events(req, res);
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Use POST');
      if (!isOpName(op)) return send(res, 404, 'text/plain; charset=utf-8', `Unknown operation ${op}`);
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'text/plain; charset=utf-8', 'Request too large');
      let args: unknown;
      try {
        args = body.length ? JSON.parse(body) : {};
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'usage', message: 'The request body is not JSON' } });
      }
      const result = await service.call(op, args, originOf(req));
      return sendJson(res, 200, result);
    }
    await serveStatic(req, res, url, opts.staticDir);
  }

  /** Every connection (every tab) gets every event: patches by anyone, project switches, progress. */
  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const off = service.onEvent((e: ApiEvent) => res.write(sseFrame(e)));
    req.on('close', off);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One SSE frame; a patch carries its revision as the event id. */
export function sseFrame(e: ApiEvent): string {
  return `${e.type === 'patch' ? `id: ${e.patch.revision}\n` : ''}data: ${JSON.stringify(e)}\n\n`;
}

/** The longest value accepted in an origin header (a client id, a project folder). */
const MAX_ORIGIN_CHARS = 4096;

/**
 * A call's origin from its headers: `x-casecoder-client` (the tab's id) and `x-casecoder-project`
 * (the project folder it shows, URI-encoded since folders can hold any character).
 */
export function originOf(req: Pick<IncomingMessage, 'headers'>): CallOrigin {
  const one = (name: string): string | undefined => {
    const v = req.headers[name];
    return typeof v === 'string' && v.length > 0 && v.length <= MAX_ORIGIN_CHARS ? v : undefined;
  };
  const client = one('x-casecoder-client');
  let project: string | undefined;
  try {
    const raw = one('x-casecoder-project');
    project = raw === undefined ? undefined : decodeURIComponent(raw);
  } catch {
    project = '';
  }
  return { ...(client ? { client } : {}), ...(project !== undefined ? { project } : {}) };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
