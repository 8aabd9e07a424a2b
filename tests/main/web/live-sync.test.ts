import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, type IncomingMessage } from 'node:http';
import type { ApiEvent, Mutation, ProjectView } from '../../../src/shared/api.js';
import type { Coding } from '../../../src/core/model/types.js';
import { createService } from '../../../src/main/service/service.js';
import { startWebServer, type WebServer } from '../../../src/main/web/server.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');

/** One SSE connection, as a tab holds it: every event it receives, parsed. */
function subscribe(web: WebServer): Promise<{ events: ApiEvent[]; ids: string[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const events: ApiEvent[] = [];
    const ids: string[] = [];
    const req = request({ host: '127.0.0.1', port: web.port, path: '/api/events', headers: { host: `127.0.0.1:${web.port}`, 'x-casecoder-token': web.token } }, (res: IncomingMessage) => {
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString();
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          for (const line of frame.split('\n')) {
            if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as ApiEvent);
            if (line.startsWith('id: ')) ids.push(line.slice(4));
          }
        }
      });
      resolve({ events, ids, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A call as a tab makes it: its client id and the project it shows in headers. */
function call<T>(web: WebServer, op: string, args: unknown, origin: { client?: string; project?: string } = {}): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${web.port}`, 'x-casecoder-token': web.token, 'content-type': 'application/json' };
    if (origin.client) headers['x-casecoder-client'] = origin.client;
    if (origin.project !== undefined) headers['x-casecoder-project'] = encodeURIComponent(origin.project);
    const req = request({ host: '127.0.0.1', port: web.port, path: `/api/${op}`, method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('live sync over browser mode', () => {
  let web: WebServer;
  let dirA: string;
  let dirB: string;
  beforeEach(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    const staticDir = mkdtempSync(join(tmpdir(), 'cc-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    dirA = join(mkdtempSync(join(tmpdir(), 'cc-live-')), 'a');
    dirB = join(mkdtempSync(join(tmpdir(), 'cc-live-')), 'b');
    const service = createService({ appVersion: 'test', transport: 'web' });
    web = await startWebServer(service, { staticDir });
    return async () => {
      await web.close();
      await service.close();
    };
  });

  it('sends every change set, with its author and revision, to every connection', async () => {
    const tab1 = await subscribe(web);
    const tab2 = await subscribe(web);
    const view = await call<ProjectView>(web, 'project.create', { dir: dirA }, { client: 't1' });
    if (!view.ok) throw new Error(view.error.message);
    await call(web, 'coder.use', { name: 'Ana' }, { client: 't1', project: view.value.dir });
    const imp = await call<Mutation<{ files: { documentIds: string[] }[] }>>(web, 'import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt')] }, { client: 't1', project: view.value.dir });
    if (!imp.ok) throw new Error(imp.error.message);
    const documentId = imp.value.value.files[0]?.documentIds[0] as string;
    const added = await call<Mutation<Coding>>(web, 'coding.add', { documentId, codeId: 'sd-concerns', start: 10, end: 40 }, { client: 't2', project: view.value.dir });
    if (!added.ok) throw new Error(added.error.message);
    for (const tab of [tab1, tab2]) {
      await until(() => tab.events.some((e) => e.type === 'patch' && e.patch.revision === added.value.patch.revision));
      const e = tab.events.find((x) => x.type === 'patch' && x.patch.revision === added.value.patch.revision);
      expect(e).toMatchObject({ type: 'patch', dir: view.value.dir, author: { client: 't2' }, patch: { base: added.value.patch.base, changes: { upsert: { codings: [{ id: added.value.value.id }] } } } });
      expect(tab.ids).toContain(String(added.value.patch.revision));
      // Every revision once, in order, each continuing the one before.
      const patches = tab.events.flatMap((x) => (x.type === 'patch' ? [x.patch] : []));
      for (let i = 1; i < patches.length; i++) expect(patches[i]?.base).toBe(patches[i - 1]?.revision);
    }
    // A coding change is small on the wire, whatever the project holds.
    expect(JSON.stringify(added.value.patch).length).toBeLessThan(2048);
    tab1.close();
    tab2.close();
  });

  it('tells every connection when a project is opened or closed, and refuses calls meant for the project shown before', async () => {
    const tab = await subscribe(web);
    const a = await call<ProjectView>(web, 'project.create', { dir: dirA }, { client: 't1' });
    const b = await call<ProjectView>(web, 'project.create', { dir: dirB }, { client: 't2' });
    if (!a.ok || !b.ok) throw new Error('create failed');
    await until(() => tab.events.filter((e) => e.type === 'project').length === 2);
    expect(tab.events.filter((e) => e.type === 'project')).toEqual([
      { type: 'project', dir: a.value.dir, author: { client: 't1', coderId: null } },
      { type: 'project', dir: b.value.dir, author: { client: 't2', coderId: null } },
    ]);
    // Tab 1 still shows project A: its edit must not land in B, nor may it close B.
    const stale = await call(web, 'code.create', { name: 'Lost' }, { client: 't1', project: a.value.dir });
    expect(stale.ok ? null : stale.error.code).toBe('conflict');
    const close = await call(web, 'project.close', {}, { client: 't1', project: a.value.dir });
    expect(close.ok ? null : close.error.code).toBe('conflict');
    const current = await call<ProjectView>(web, 'project.current', {}, { client: 't1', project: a.value.dir });
    expect(current.ok && current.value.dir).toBe(b.value.dir);
    expect(current.ok && current.value.data.codebook.some((c) => c.name === 'Lost')).toBe(false);
    // Following B, the same call goes through; closing is announced.
    expect((await call(web, 'code.create', { name: 'Kept' }, { client: 't1', project: b.value.dir })).ok).toBe(true);
    expect((await call(web, 'project.close', {}, { client: 't2', project: b.value.dir })).ok).toBe(true);
    await until(() => tab.events.some((e) => e.type === 'project' && e.dir === null));
    tab.close();
  });

  it("keeps both windows' edits of one matrix and one code: each sends only what it changed", async () => {
    const view = await call<ProjectView>(web, 'project.create', { dir: dirA }, { client: 't1' });
    if (!view.ok) throw new Error(view.error.message);
    const on = { project: view.value.dir };
    const list = await call<Mutation<{ id: string; name: string; columns: string[] }[]>>(web, 'matrix.list', {}, { client: 't1', ...on });
    if (!list.ok) throw new Error(list.error.message);
    const m = list.value.value[0] as { id: string; name: string; columns: string[] };
    // Both windows opened the editor on the same matrix; window 1 adds a column and saves, then window 2 renames it.
    expect((await call(web, 'matrix.edit', { matrixId: m.id, edits: [{ kind: 'addColumn', codeId: 'sd-concerns', before: null }] }, { client: 't1', ...on })).ok).toBe(true);
    const renamed = await call<Mutation<{ matrix: { name: string; columns: string[] } }>>(web, 'matrix.edit', { matrixId: m.id, edits: [{ kind: 'rename', name: 'Outcomes by case' }] }, { client: 't2', ...on });
    if (!renamed.ok) throw new Error(renamed.error.message);
    expect(renamed.value.value.matrix).toMatchObject({ name: 'Outcomes by case', columns: [...m.columns, 'sd-concerns'] });
    // The same for a code: one window saves its definition, the other its name.
    expect((await call(web, 'code.update', { id: 'sd-concerns', patch: { description: 'Concerns raised by officials' } }, { client: 't1', ...on })).ok).toBe(true);
    const code = await call<Mutation<{ name: string; description: string }>>(web, 'code.update', { id: 'sd-concerns', patch: { name: 'Concerns voiced' } }, { client: 't2', ...on });
    expect(code.ok && code.value.value).toMatchObject({ name: 'Concerns voiced', description: 'Concerns raised by officials' });
  });
});
