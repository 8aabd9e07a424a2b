import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { createService } from '../../../src/main/service/service.js';
import { startWebServer, type WebServer } from '../../../src/main/web/server.js';

function raw(port: number, path: string, opts: { method?: string; host?: string; token?: string; body?: string }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: opts.host ?? `127.0.0.1:${port}`, ...(opts.token ? { 'x-casecoder-token': opts.token } : {}), 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser-mode server', () => {
  let web: WebServer;
  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    const staticDir = mkdtempSync(join(tmpdir(), 'cc-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'a.js'), 'console.log(1)');
    web = await startWebServer(createService({ appVersion: 'test', transport: 'web' }), { staticDir });
  });
  afterAll(async () => web.close());

  it('binds loopback only and prints a tokenised URL', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('answers 401 to API calls without the right token, whether or not the operation exists', async () => {
    expect((await raw(web.port, '/api/app.info', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await raw(web.port, '/api/app.info', { method: 'POST', body: '{}', token: 'wrong' })).status).toBe(401);
    expect((await raw(web.port, '/api/no.such.op', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await raw(web.port, '/api/events', {})).status).toBe(401);
  });

  it('answers 403 to a foreign Host header (DNS rebinding), even with the token', async () => {
    const r = await raw(web.port, '/api/app.info', { method: 'POST', body: '{}', token: web.token, host: `attacker.example:${web.port}` });
    expect(r.status).toBe(403);
    expect((await raw(web.port, '/', { host: 'attacker.example' })).status).toBe(403);
  });

  it('serves the API with the token, and no CORS headers', async () => {
    const r = await raw(web.port, '/api/app.info', { method: 'POST', body: '{}', token: web.token });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { version: 'test', transport: 'web' } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect((await raw(web.port, '/api/no.such.op', { method: 'POST', body: '{}', token: web.token })).status).toBe(404);
    const bad = await raw(web.port, '/api/app.info', { method: 'POST', body: '{not json', token: web.token });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'usage' } });
  });

  it('serves static files with a CSP and never outside its folder', async () => {
    const index = await raw(web.port, '/', {});
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await raw(web.port, '/assets/a.js', {})).status).toBe(200);
    expect((await raw(web.port, '/../package.json', {})).status).toBe(404);
    expect((await raw(web.port, '/assets/%2e%2e/%2e%2e/package.json', {})).status).toBe(404);
  });
});
