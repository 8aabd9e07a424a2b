import { mkdtempSync, rmSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectData } from '../../src/core/model/types.js';
import { createProjectFolder, openProjectFolder } from '../../src/main/store/project-store.js';
import { fixtureCoding, fixtureProject } from '../core/persistence/fixtures.js';
import { medianMs, result, type BenchResult } from './harness.js';

const CODINGS = 50_000;

/** The bare physical path: stringify, write a temp file, fsync, rename (no validation, no dir fsync). */
async function bareSave(dir: string, data: ProjectData, i: number): Promise<void> {
  const text = JSON.stringify(data);
  const tmp = join(dir, `bare.tmp-${i}`);
  const handle = await open(tmp, 'w');
  await handle.writeFile(text);
  await handle.sync();
  await handle.close();
  await rename(tmp, join(dir, 'bare.json'));
}

/**
 * Durable save of a project with 50,000 codings (validate + stringify + temp/fsync/rename/dir
 * fsync through lowdb) against the bare stringify + write + fsync + rename of the same data; and
 * opening it (read, parse, validate, lock, open-time backup) against a bare read + JSON.parse.
 */
export default async function run(): Promise<BenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'cc-bench-store-'));
  try {
    const base = fixtureProject(0);
    const data: ProjectData = { ...base, codings: Array.from({ length: CODINGS }, (_, i) => fixtureCoding(i + 1)) };
    const dir = join(root, 'project');
    const created = await createProjectFolder(dir, data);
    if (!created.ok) throw new Error(created.error.message);
    const { store } = created.value;
    const bytes = JSON.stringify(data).length;
    let i = 0;
    // Each commit is a new state (one coding's memo changes), as after a user action.
    const next = (): ProjectData => {
      i++;
      const codings = store.data.codings.slice();
      codings[i % CODINGS] = { ...(codings[i % CODINGS] as ProjectData['codings'][number]), memo: `edit ${i}` };
      return { ...store.data, codings };
    };
    const save = await medianMs(async () => {
      const r = await store.commit(next());
      if (!r.ok) throw new Error(r.error.message);
    }, 7);
    const bare = await medianMs(() => bareSave(root, next(), i), 7);
    await store.close();

    const openMs = await medianMs(async () => {
      const o = await openProjectFolder(dir);
      if (!o.ok) throw new Error(o.error.message);
      await o.value.store.close();
    }, 5);
    const parseMs = await medianMs(async () => JSON.parse(await readFile(join(dir, 'casecoder.json'), 'utf8')), 5);
    const mb = (bytes / 1_048_576).toFixed(1);
    return [
      result('store.save_50k_ms', save, 'ms', 'bare stringify + write + fsync + rename', bare, `${mb} MB casecoder.json; includes validation and directory fsync`),
      result('store.open_50k_ms', openMs, 'ms', 'bare read + JSON.parse', parseMs, 'includes validation, lock, and the open-time backup (deduplicated after the first)'),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
