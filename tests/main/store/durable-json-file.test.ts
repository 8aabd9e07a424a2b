import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableJsonFile } from '../../../src/main/store/durable-json-file.js';
import { nodeFsOps, type FsOps } from '../../../src/main/store/durable-write.js';
import { tempDir } from './helpers.js';

interface Doc {
  n: number;
}

describe('DurableJsonFile (lowdb adapter)', () => {
  it('writes to disk even under NODE_ENV=test, unlike JSONFilePreset (D10)', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const path = join(tempDir(), 'casecoder.json');
    const file = new DurableJsonFile<Doc>(path);
    await file.write({ n: 1 });
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n');
    expect(await file.read()).toEqual({ n: 1 });
  });

  it('reads null for a missing file and throws on an unparseable one', async () => {
    const dir = tempDir();
    expect(await new DurableJsonFile<Doc>(join(dir, 'none.json')).read()).toBeNull();
    writeFileSync(join(dir, 'bad.json'), '{"n":');
    await expect(new DurableJsonFile<Doc>(join(dir, 'bad.json')).read()).rejects.toThrow(SyntaxError);
  });

  it('group-commits: 1,000 concurrent writes all resolve, far fewer files are written, the newest wins (D8)', async () => {
    const path = join(tempDir(), 'casecoder.json');
    let renames = 0;
    const ops: FsOps = { ...nodeFsOps, rename: (a, b) => (renames++, nodeFsOps.rename(a, b)) };
    const file = new DurableJsonFile<Doc>(path, ops);
    const resolvedAfter: number[] = [];
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        file.write({ n: i }).then(() => {
          // When write(i) resolves, a state at least as new as i is on disk.
          resolvedAfter.push((JSON.parse(readFileSync(path, 'utf8')) as Doc).n - i);
        }),
      ),
    );
    expect(resolvedAfter.every((d) => d >= 0)).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ n: 999 });
    expect(renames).toBeLessThanOrEqual(3);
    expect(file.lastWritten).toEqual({ n: 999 });
  });

  it('a failed write rejects its callers, keeps the file, and the next write succeeds', async () => {
    const dir = tempDir();
    const path = join(dir, 'casecoder.json');
    let fail = false;
    const ops: FsOps = { ...nodeFsOps, rename: (a, b) => (fail ? Promise.reject(Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' })) : nodeFsOps.rename(a, b)) };
    const file = new DurableJsonFile<Doc>(path, ops);
    await file.write({ n: 1 });
    fail = true;
    await expect(file.write({ n: 2 })).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n');
    expect(file.lastWritten).toEqual({ n: 1 });
    fail = false;
    await file.write({ n: 3 });
    expect(readFileSync(path, 'utf8')).toBe('{"n":3}\n');
    expect(readdirSync(dir)).toEqual(['casecoder.json']);
  });

  it('refuses to serialise an unserialisable state without touching the file (D9)', async () => {
    const path = join(tempDir(), 'casecoder.json');
    const file = new DurableJsonFile<unknown>(path);
    await file.write({ n: 1 });
    await expect(file.write({ big: 10n })).rejects.toThrow(TypeError);
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n');
  });
});
