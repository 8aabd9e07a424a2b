/**
 * Finding 2, replayed end to end as another OS user: `casecoder web` passed the URL with its token
 * to the browser opener on a command line, so any local user read it from the process list, then
 * used it to overwrite the owner's shell start-up file. Now: the token is on no process's command
 * line, the redirect file that carries it is unreadable by the other user, and even with the token
 * that user can neither write a dotfile through any output path nor read a system file through any
 * import or open. Needs root (to create the second user); elsewhere it is skipped with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { API_OPERATIONS } from '../../src/shared/api.js';
import { startBrowserMode } from '../../src/main/web/browser-mode.js';
import type { WebServer } from '../../src/main/web/server.js';
import { freshAppHome, seededProject, temp } from './helpers.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasTools = ['useradd', 'runuser', 'ps', 'curl'].every((t) => spawnSync('which', [t]).status === 0);
if (!isRoot) console.log('tests/security/token-other-user: skipped, it must run as root to create a second OS user');
else if (!hasTools) console.log('tests/security/token-other-user: skipped, needs useradd, runuser, ps and curl');

const ATTACKER = `ccsec${process.pid}`.slice(0, 31);

function asAttacker(cmd: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync('runuser', ['-u', ATTACKER, '--', ...cmd], { encoding: 'utf8', cwd: '/' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking this process (the server under attack runs in it). */
function asAttackerAsync(cmd: string[]): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('runuser', ['-u', ATTACKER, '--', ...cmd], { cwd: '/' });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (status) => resolve({ status, out, err }));
  });
}

/** One attack per operation that takes a path: a dotfile to write, or a system file to read. */
function attacks(home: string, P: string): Record<string, unknown[]> {
  const dot = join(home, '.bashrc');
  return {
    'matrix.export': [{ format: 'csv', counts: true, outPath: dot }],
    'matrix.exportCodeCase': [{ format: 'csv', outPath: dot }],
    'matrix.exportCoOccurrence': [{ format: 'csv', rule: 'overlap', outPath: dot }],
    'refi.export': [{ format: 'qdc', outPath: dot }],
    'merge.exportCoder': [{ coderIds: [], path: dot }],
    'import.files': [{ paths: ['/etc/shadow'] }],
    'refi.import': [{ path: '/etc/shadow' }],
    'refi.inspect': [{ path: '/etc/shadow' }],
    'case.importAttributes': [{ path: '/etc/shadow' }],
    'merge.run': [{ path: '/etc/shadow' }, { path: '/etc' }],
    'project.open': [{ dir: '/etc' }, { dir: join(home, '.config') }],
    'project.create': [{ dir: '/etc/cron.d/cc' }, { dir: join(home, '.config', 'autostart', 'cc') }],
    'folder.list': [{ dir: '/etc' }],
    // Named for completeness (they take no path of their own): their targets are fixed.
    'project.choose': [{ purpose: 'open' }],
    'import.upload': [{ files: [{ name: '../../.bashrc', dataBase64: Buffer.from('echo pwned').toString('base64') }] }],
    _project: [P],
  };
}

describe.skipIf(!isRoot || !hasTools)('finding 2 end to end: another OS user gains nothing', () => {
  let home: string;
  let P: string;
  let web: WebServer;
  let psAtStart = '';
  let redirect: string | null = null;
  const startup = '# owner start-up file\n';
  beforeAll(async () => {
    spawnSync('userdel', [ATTACKER]);
    const added = spawnSync('useradd', ['-M', '-r', '-s', '/usr/sbin/nologin', ATTACKER], { encoding: 'utf8' });
    if (added.status !== 0) throw new Error(`useradd failed: ${added.stderr}`);
    freshAppHome();
    home = temp('cc-sec-owner-');
    writeFileSync(join(home, '.bashrc'), startup);
    mkdirSync(join(home, '.config'));
    P = join(home, 'study');
    const seeded = await seededProject(P);
    await seeded.close();
    // A desktop "browser opener" that stays in the process table while the test looks at it.
    const bin = temp('cc-sec-bin-');
    chmodSync(bin, 0o755);
    writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\nsleep 15\n', { mode: 0o755 });
    process.env['PATH'] = `${bin}:${process.env['PATH'] ?? ''}`;
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('casecoder-open-')));
    web = await startBrowserMode({ dir: P, roots: [home], openBrowser: true, redirectLifetimeMs: 30_000 });
    await new Promise((r) => setTimeout(r, 800));
    psAtStart = asAttacker(['ps', '-eo', 'args']).out;
    const made = readdirSync(tmpdir()).filter((n) => n.startsWith('casecoder-open-') && !before.has(n));
    redirect = made.length ? join(tmpdir(), made[0]!, 'open.html') : null;
  });
  afterAll(async () => {
    await web?.close();
    spawnSync('userdel', [ATTACKER]);
  });

  it('the token is on no process command line the other user can list (and the opener did run)', () => {
    expect(psAtStart).toMatch(/xdg-open/);
    expect(psAtStart).not.toContain(web.token);
  });

  it('the redirect file carries the token, is 0600 in a private folder, and the other user cannot read it', () => {
    expect(redirect).not.toBeNull();
    const path = redirect as string;
    expect(readFileSync(path, 'utf8')).toContain(web.token);
    expect(statSync(path).mode & 0o077).toBe(0);
    const read = asAttacker(['cat', path]);
    expect(read.status).not.toBe(0);
    expect(read.out).not.toContain(web.token);
  });

  it('even with the token, the other user writes no dotfile and reads no system file through any path argument', async () => {
    const table = attacks(home, P);
    for (const [op, list] of Object.entries(table)) {
      if (op.startsWith('_')) continue;
      for (const args of list) {
        const r = await asAttackerAsync(['curl', '-s', '-X', 'POST', '-H', `x-casecoder-token: ${web.token}`, '-H', 'content-type: application/json', '--data', JSON.stringify(args), `http://127.0.0.1:${web.port}/api/${op}`]);
        expect(r.status, `${op} ${r.err}`).toBe(0);
        const body = JSON.parse(r.out) as { ok: boolean; value?: unknown };
        if (op === 'import.upload') continue; // accepted, but lands in a private temp folder (checked below)
        expect(body.ok, `${op} ${JSON.stringify(args)} → ${r.out.slice(0, 200)}`).toBe(false);
      }
    }
    expect(readFileSync(join(home, '.bashrc'), 'utf8')).toBe(startup);
    expect(existsSync(join(home, '.config', 'autostart'))).toBe(false);
    const view = JSON.parse((await asAttackerAsync(['curl', '-s', '-X', 'POST', '-H', `x-casecoder-token: ${web.token}`, '--data', '{}', `http://127.0.0.1:${web.port}/api/project.current`])).out) as {
      value: { data: { documents: { id: string }[] } };
    };
    for (const d of view.value.data.documents) {
      const c = await asAttackerAsync(['curl', '-s', '-X', 'POST', '-H', `x-casecoder-token: ${web.token}`, '--data', JSON.stringify({ id: d.id }), `http://127.0.0.1:${web.port}/api/document.content`]);
      expect(c.out).not.toMatch(/root:[^"]*:\d+:/);
    }
  });

  it('the attack table covers every operation whose arguments hold a path (a new one must be added here)', async () => {
    const { API_SCHEMAS } = await import('../../src/shared/api-schemas.js');
    const { PATH_KINDS } = await import('../../src/shared/contract/fields.js');
    type Def = { type: string; innerType?: unknown; shape?: Record<string, unknown>; element?: unknown; options?: unknown[] };
    const hasPath = (s: unknown): boolean => {
      if (PATH_KINDS.has(s as never)) return true;
      const def = (s as { _zod: { def: Def } })._zod.def;
      if (def.innerType) return hasPath(def.innerType);
      if (def.shape) return Object.values(def.shape).some(hasPath);
      if (def.element) return hasPath(def.element);
      if (def.options) return def.options.some(hasPath);
      return false;
    };
    const withPaths = API_OPERATIONS.filter((op) => hasPath(API_SCHEMAS[op]));
    expect(withPaths.length).toBeGreaterThan(8);
    const covered = Object.keys(attacks(home, P));
    for (const op of withPaths) expect(covered, op).toContain(op);
  });

  it('the redirect file is deleted once the server is done with it', async () => {
    await web.close();
    expect(redirect && existsSync(redirect)).toBe(false);
  });
});
