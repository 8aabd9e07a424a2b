import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFsOps, writeFileDurably, type FsOps } from '../../../src/main/store/durable-write.js';
import { tempDir } from './helpers.js';

/** Real file-system calls, recorded in order; `failOn` makes one named step throw EIO. */
function recordingOps(log: string[], failOn?: string): FsOps {
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    log.push(name);
    if (failOn && name.startsWith(failOn)) throw Object.assign(new Error(`EIO: injected at ${name}`), { code: 'EIO' });
    return run();
  };
  const short = (p: string): string => (basename(p).includes('.tmp-') ? 'tmp' : basename(p));
  return {
    open: (p, flags) =>
      step(`open ${short(p)} ${flags}`, async () => {
        const h = await nodeFsOps.open(p, flags);
        const wrapped = {
          writeFile: (d: string | Uint8Array) => step(`write ${short(p)}`, () => h.writeFile(d)),
          sync: () => step(`sync ${short(p)}`, () => h.sync()),
          close: () => step(`close ${short(p)}`, () => h.close()),
        };
        return wrapped as unknown as FileHandle;
      }),
    rename: (a, b) => step(`rename ${short(a)}→${short(b)}`, () => nodeFsOps.rename(a, b)),
    link: (a, b) => step(`link ${short(a)}→${short(b)}`, () => nodeFsOps.link(a, b)),
    unlink: (p) => step(`unlink ${short(p)}`, () => nodeFsOps.unlink(p)),
    access: (p) => step(`access ${short(p)}`, () => nodeFsOps.access(p)),
  };
}

describe('writeFileDurably', () => {
  it('follows the protocol: unique temp (wx) → write → fsync → close → rename → fsync dir (D1)', async () => {
    const dir = tempDir();
    const target = join(dir, 'casecoder.json');
    const log: string[] = [];
    await writeFileDurably(target, 'one', { ops: recordingOps(log) });
    const dirName = basename(dir);
    expect(log).toEqual(['open tmp wx', 'write tmp', 'sync tmp', 'close tmp', 'rename tmp→casecoder.json', `open ${dirName} r`, `sync ${dirName}`, `close ${dirName}`]);
    expect(readFileSync(target, 'utf8')).toBe('one');
    expect(readdirSync(dir)).toEqual(['casecoder.json']);
  });

  it('uses a different temp name for every write', async () => {
    const dir = tempDir();
    const target = join(dir, 'x.json');
    const temps = new Set<string>();
    const ops: FsOps = { ...nodeFsOps, open: (p, f) => (p.includes('.tmp-') && temps.add(p), nodeFsOps.open(p, f)) };
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileDurably(target, `v${i}`, { ops })));
    expect(temps.size).toBe(20);
    expect(readFileSync(target, 'utf8')).toMatch(/^v\d+$/);
  });

  it.each(['write tmp', 'sync tmp', 'close tmp', 'rename'])('leaves the target untouched and no temp behind when "%s" fails (D6)', async (failOn) => {
    const dir = tempDir();
    const target = join(dir, 'casecoder.json');
    writeFileSync(target, 'old content');
    const log: string[] = [];
    await expect(writeFileDurably(target, 'new content', { ops: recordingOps(log, failOn) })).rejects.toThrow(/EIO/);
    expect(readFileSync(target, 'utf8')).toBe('old content');
    expect(readdirSync(dir)).toEqual(['casecoder.json']);
    expect(log).not.toContain(`open ${basename(dir)} r`);
  });

  it('exclusive mode creates a file but never replaces one', async () => {
    const dir = tempDir();
    const target = join(dir, 'sources.json');
    await writeFileDurably(target, 'first', { exclusive: true });
    await expect(writeFileDurably(target, 'second', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual(['sources.json']);
  });

  it('writes into a missing folder fail cleanly', async () => {
    const target = join(tempDir(), 'missing', 'x.json');
    await expect(writeFileDurably(target, 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync(target)).toBe(false);
  });
});
