/**
 * Single-writer lock (research §5, C1/C2): a second opener — another process or the same one —
 * gets a read-only store whose message names the holder; a lock left by a dead process on this
 * host is taken over.
 */
import { existsSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { acquireProjectLock, processAlive } from '../../../src/main/store/project-lock.js';
import { createProjectFolder, openProjectFolder } from '../../../src/main/store/project-store.js';
import { fixtureCoding, fixtureProject } from '../../core/persistence/fixtures.js';
import { bundleChild, runChild, tempDir } from './helpers.js';

let holdLockChild: string[] = [];
beforeAll(async () => {
  holdLockChild = await bundleChild('hold-lock-child', tempDir());
});

async function newProject(): Promise<string> {
  const dir = tempDir();
  const c = await createProjectFolder(dir, fixtureProject(2));
  if (!c.ok) throw new Error(c.error.message);
  await c.value.store.close();
  return dir;
}

/** Start a child that opens `dir` and holds it; resolves once it reports READY. */
async function holder(dir: string): Promise<{ pid: number; release: () => Promise<void>; kill: () => Promise<void> }> {
  const run = runChild(holdLockChild, [dir], null, true);
  const pid = run.pid ?? -1;
  let ready: string | undefined;
  const done = run.done;
  for (let i = 0; i < 400 && !ready; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const lockText = existsSync(join(dir, '.lock')) ? readFileSync(join(dir, '.lock'), 'utf8') : '';
    if (lockText.includes(`"pid":${pid}`)) ready = lockText;
  }
  if (!ready) throw new Error('the holder never took the lock');
  return {
    pid,
    release: async () => {
      run.endStdin();
      await done;
    },
    kill: async () => {
      process.kill(pid, 'SIGKILL');
      await done;
    },
  };
}

describe('project lock', () => {
  it('a second opener in another process gets a read-only store naming the holder', async () => {
    const dir = await newProject();
    const h = await holder(dir);
    const before = readFileSync(join(dir, 'casecoder.json'));
    const r = await openProjectFolder(dir);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.store.readOnly).toBe(true);
    expect(r.value.messages[0]).toMatch(new RegExp(`^Opened read-only: the project is in use by pid ${h.pid} on host ${hostname()} since \\d{4}-.*Z \\(if that process is no longer running, delete .*\\.lock\\)\\.$`));
    const c = await r.value.store.commit({ ...r.value.store.data, codings: [...r.value.store.data.codings, fixtureCoding(3)] });
    expect(!c.ok && c.error.code).toBe('read-only');
    expect(!c.ok && c.error.message).toContain(`pid ${h.pid}`);
    await r.value.store.close();
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toContain(`"pid":${h.pid}`); // closing a read-only store never removes another's lock
    await h.release();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
    expect(readFileSync(join(dir, 'casecoder.json'))).toEqual(before);
  });

  it('a stale lock left by a killed process is taken over, with a message', async () => {
    const dir = await newProject();
    const h = await holder(dir);
    await h.kill();
    expect(processAlive(h.pid)).toBe(false);
    expect(existsSync(join(dir, '.lock'))).toBe(true);
    const r = await openProjectFolder(dir);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.store.readOnly).toBe(false);
    expect(r.value.messages[0]).toMatch(new RegExp(`^Took over a stale lock left by pid ${h.pid} on host `));
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toContain(`"pid":${process.pid}`);
    expect((await r.value.store.commit(r.value.store.data)).ok).toBe(true);
    await r.value.store.close();
  });

  it('a second opener in the same process is read-only too', async () => {
    const dir = await newProject();
    const first = await openProjectFolder(dir);
    const second = await openProjectFolder(dir);
    expect(first.ok && first.value.store.readOnly).toBe(false);
    expect(second.ok && second.value.store.readOnly).toBe(true);
    expect(second.ok && second.value.messages[0]).toContain(`pid ${process.pid}`);
    if (second.ok) await second.value.store.close();
    if (first.ok) await first.value.store.close();
    const third = await openProjectFolder(dir);
    expect(third.ok && third.value.store.readOnly).toBe(false);
    if (third.ok) await third.value.store.close();
  });

  it('respects a lock from another host (it cannot be checked) and treats an old unreadable lock as stale', async () => {
    const dir = await newProject();
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: 1, host: 'other-machine', time: '2026-01-01T00:00:00Z', instance: 'x' }));
    const foreign = await acquireProjectLock(dir);
    expect(!foreign.acquired && foreign.message).toMatch(/^in use by pid 1 on host other-machine since 2026-01-01T00:00:00Z/);
    writeFileSync(join(dir, '.lock'), '');
    const fresh = await acquireProjectLock(dir);
    expect(!fresh.acquired && fresh.message).toMatch(/unreadable \.lock/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, '.lock'), old, old);
    const taken = await acquireProjectLock(dir);
    expect(taken.acquired).toBe(true);
    if (taken.acquired) await taken.lock.release();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });
});
