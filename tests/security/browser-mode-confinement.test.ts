/**
 * Finding 2 (High on shared machines), the token holder's side: with the token, browser mode read
 * any file the owner could (`import.files` took the shadow password file, `document.content`
 * returned it; `project.open` took any path) and wrote any path (every export's `outPath`: the
 * owner's shell start-up file was overwritten). Now no operation reads or writes a path outside
 * what the server was started on or the user picked under the roots, whatever the arguments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserMode } from '../../src/main/web/browser-mode.js';
import type { WebServer } from '../../src/main/web/server.js';
import { apiCall, freshAppHome, seededProject, temp } from './helpers.js';

/** Files a token holder must never read, and the owner's start-up file it must never write. */
const SYSTEM_FILE = '/etc/shadow';

describe('finding 2: a token holder stays inside browser mode', () => {
  let home: string;
  let P: string;
  let web: WebServer;
  let bashrc: string;
  const call = (op: string, args: unknown) => apiCall(web.port, web.token, op, args);
  beforeAll(async () => {
    freshAppHome();
    home = temp('cc-sec-home-');
    bashrc = join(home, '.bashrc');
    writeFileSync(bashrc, "# the owner's shell start-up file\n");
    mkdirSync(join(home, 'studies'));
    P = join(home, 'studies', 'p');
    const seeded = await seededProject(P);
    await seeded.close();
    symlinkSync('/etc', join(home, 'studies', 'etc-link'));
    web = await startBrowserMode({ dir: P, roots: [home], openBrowser: false });
  });
  afterAll(async () => web?.close());

  it('reads no file by path: import.files, refi.import, case.importAttributes, merge.run of a file', async () => {
    const attempts = [
      await call('import.files', { paths: [SYSTEM_FILE] }),
      await call('import.files', { paths: ['/etc'] }),
      await call('refi.import', { path: SYSTEM_FILE }),
      await call('refi.inspect', { path: SYSTEM_FILE }),
      await call('case.importAttributes', { path: SYSTEM_FILE }),
      await call('merge.run', { path: SYSTEM_FILE }),
      await call('merge.run', { path: '/etc/passwd' }),
      await call('merge.run', { path: join(home, 'studies', 'etc-link') }),
    ];
    for (const r of attempts) expect(r.body).toMatchObject({ ok: false });
    const view = (await call('project.current', {})).body as { value: { data: { documents: { id: string }[] } } };
    expect(view.value.data.documents).toHaveLength(1);
    for (const d of view.value.data.documents) {
      const c = (await call('document.content', { id: d.id })).body as { value: { text: string } };
      expect(c.value.text).not.toMatch(/root:/);
    }
  });

  it('opens and creates projects only under the roots, never a system folder, a hidden folder or through a link out', async () => {
    for (const dir of ['/etc', '/', '/root', join(home, '.ssh'), join(home, 'studies', 'etc-link'), '../../etc', 'relative']) {
      expect((await call('project.open', { dir })).body, dir).toMatchObject({ ok: false });
      expect((await call('project.create', { dir: join(dir, 'x') })).body, dir).toMatchObject({ ok: false });
    }
    expect((await call('project.create', { dir: join(temp(), 'outside') })).body).toMatchObject({ ok: false });
    expect((await call('folder.list', { dir: '/etc' })).body).toMatchObject({ ok: false });
    const listing = (await call('folder.list', { dir: home })).body as { ok: boolean; value: { folders: { name: string }[] } };
    expect(listing.ok, JSON.stringify(listing)).toBe(true);
    expect(listing.value.folders.map((f) => f.name)).not.toContain('.ssh');
  });

  it('writes no path: every export goes back as a download, the shell start-up file is untouched', async () => {
    const coders = ((await call('project.current', {})).body as { value: { data: { coders: { id: string }[] } } }).value.data.coders.map((c) => c.id);
    const targets = [bashrc, join(home, '.profile'), join(P, 'casecoder.json'), '/tmp/x.csv'];
    for (const outPath of targets) {
      const attempts = [
        await call('matrix.exportCodeCase', { format: 'csv', outPath }),
        await call('matrix.exportCoOccurrence', { format: 'md', rule: 'overlap', outPath }),
        await call('matrix.export', { format: 'tidy', counts: true, outPath }),
        await call('refi.export', { format: 'qdc', outPath }),
        await call('merge.exportCoder', { coderIds: coders, path: outPath }),
      ];
      for (const r of attempts) expect(r.body, outPath).toMatchObject({ ok: false, error: { code: 'usage' } });
    }
    expect(readFileSync(bashrc, 'utf8')).toBe("# the owner's shell start-up file\n");
    const download = (await call('matrix.exportCodeCase', { format: 'csv' })).body as { ok: boolean; value: { dataBase64: string } };
    expect(download.ok).toBe(true);
    expect(download.value.dataBase64.length).toBeGreaterThan(0);
  });

  it('uploads cannot name a path either: a hostile upload name lands nowhere but a private temp folder', async () => {
    const r = await call('import.upload', { files: [{ name: '../../.bashrc', dataBase64: Buffer.from('echo pwned').toString('base64') }] });
    expect(r.status).toBe(200);
    expect(readFileSync(bashrc, 'utf8')).toBe("# the owner's shell start-up file\n");
  });
});
