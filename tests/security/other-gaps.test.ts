/**
 * Finding 6 (Low): other gaps. A `javascript:` href from a received sources/*.json rendered live;
 * a 0444 casecoder.json was replaced and came back 0644; an undone import left the text in
 * sources/; wrongly typed arguments gave TypeErrors with code `io`; objects became "[object Object]"
 * names; NUL and RLO were accepted in coder names; the CLI's read-only refusal did not name the
 * lock holder; a failed `web` start left a stale .lock; the server did not check Origin.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readerSchema } from '../../src/core/document/schema.js';
import { createService } from '../../src/main/service/service.js';
import { startBrowserMode } from '../../src/main/web/browser-mode.js';
import { apiCall, freshAppHome, must, run, seededProject, temp } from './helpers.js';

describe('finding 6: other gaps', () => {
  it('a javascript: link in stored content is drawn as inert text, never as a live link', () => {
    const mark = readerSchema.marks['link']!.create({ href: 'javascript:alert(document.domain)' });
    const spec = readerSchema.marks['link']!.spec.toDOM!(mark, true) as unknown as [string, Record<string, string>];
    expect(spec[0]).not.toBe('a');
    expect(JSON.stringify(spec)).not.toContain('javascript:');
    const ok = readerSchema.marks['link']!.create({ href: 'https://example.org/' });
    expect((readerSchema.marks['link']!.spec.toDOM!(ok, true) as unknown as [string, Record<string, string>])[1]['href']).toBe('https://example.org/');
  });

  it('a 0444 casecoder.json opens read-only and keeps its mode; other rewrites keep theirs', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    await (await seededProject(dir)).close();
    chmodSync(join(dir, 'casecoder.json'), 0o444);
    const svc = createService({ appVersion: 'test', transport: 'cli' });
    const view = must(await svc.call('project.open', { dir })) as { readOnly: boolean; messages: string[] };
    expect(view.readOnly).toBe(true);
    expect(view.messages.join(' ')).toMatch(/read-only \(mode 0444\)/);
    expect((await svc.call('coder.use', { name: 'Ben' })).ok).toBe(false);
    await svc.close();
    expect(statSync(join(dir, 'casecoder.json')).mode & 0o777).toBe(0o444);
    chmodSync(join(dir, 'casecoder.json'), 0o600);
    const again = createService({ appVersion: 'test', transport: 'cli' });
    must(await again.call('project.open', { dir }));
    must(await again.call('coder.use', { name: 'Ben' }));
    await again.close();
    expect(statSync(join(dir, 'casecoder.json')).mode & 0o777).toBe(0o600);
  });

  it('undoing an import and closing removes the document text from sources/', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    const svc = await seededProject(dir);
    const up = must(await svc.call('import.upload', { files: [{ name: 'secret.md', dataBase64: Buffer.from('A confidential interview.\n').toString('base64') }] })) as { value: { files: { documentIds: string[] }[] } };
    const id = up.value.files[0]!.documentIds[0]!;
    must(await svc.call('history.undo', {}));
    await svc.close();
    expect(readdirSync(join(dir, 'sources'))).not.toContain(`${id}.json`);
  });

  it('wrong types, objects as names and control characters are usage errors naming the field', async () => {
    freshAppHome();
    const svc = await seededProject(join(temp(), 'p'));
    const cases: [string, unknown, string][] = [
      ['coding.add', { documentId: 'd', codeId: 'c', start: '3', end: 9 }, 'start'],
      ['coder.use', { name: { toString: 1 } }, 'name'],
      ['coder.use', { name: 'Ana\u0000' }, 'name'],
      ['coder.use', { name: 'evil\u202Etxt.exe' }, 'name'],
      ['case.create', { names: [{}] }, 'names[0]'],
      ['document.rename', { id: 'x', title: ['a'] }, 'title'],
      ['import.upload', { files: 'x' }, 'files'],
    ];
    for (const [op, args, field] of cases) {
      const r = await svc.call(op, args);
      expect(r.ok, op).toBe(false);
      if (!r.ok) {
        expect(r.error.code, `${op} ${r.error.message}`).toBe('usage');
        expect(r.error.message).toContain(field);
      }
    }
    const names = (must(await svc.call('project.current', {})) as { data: { coders: { name: string }[] } }).data.coders.map((c) => c.name);
    expect(names.some((n) => n.includes('[object Object]') || n.includes('\u0000') || n.includes('\u202E'))).toBe(false);
    await svc.close();
  });

  it('the CLI names who holds the lock when it cannot write', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    const holder = await seededProject(dir);
    const r = await run('case', dir, 'add', 'Ecuador');
    expect(r.code).not.toBe(0);
    expect(r.err + r.out).toMatch(new RegExp(`pid ${process.pid}|${process.pid}`));
    await holder.close();
  });

  it('a failed web start (port in use) releases the project lock', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    await (await seededProject(dir)).close();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    await expect(startBrowserMode({ dir, port, roots: [dir], openBrowser: false })).rejects.toThrow();
    blocker.close();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('the server refuses API calls from another origin, even with the token', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    await (await seededProject(dir)).close();
    const web = await startBrowserMode({ dir, roots: [dir], openBrowser: false });
    try {
      const evil = await apiCall(web.port, web.token, 'project.current', {}, { origin: 'http://evil.example' });
      expect(evil.status).toBe(403);
      const same = await apiCall(web.port, web.token, 'project.current', {}, { origin: `http://127.0.0.1:${web.port}` });
      expect(same.status).toBe(200);
    } finally {
      await web.close();
    }
  });
});
