/**
 * Memory growth over 1,000 actions, measured in a process of its own (journal.bench.ts spawns it
 * with --expose-gc, so the figure is not blurred by the bench's own heap): open the project
 * through the service, warm up (100 actions: JIT, caches, the first history steps), full GC twice,
 * read heapUsed and RSS; then 1,000 actions (600 coding.add, 200 undo, 200 redo), full GC twice,
 * read them again. Prints one JSON line `{ heapUsedBefore, heapUsedAfter, rssBefore, rssAfter }` (bytes).
 *
 * Usage: `node --expose-gc --import tsx tests/bench/memory-probe.ts PROJECT_DIR`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../src/core/model/result.js';
import { createService } from '../../src/main/service/service.js';
import type { ProjectView } from '../../src/shared/api.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const dir = process.argv[2];
if (!dir) throw new Error('usage: memory-probe.ts PROJECT_DIR');

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function settle(): NodeJS.MemoryUsage {
  (gc as () => void)();
  (gc as () => void)();
  return process.memoryUsage();
}

process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-mem-home-'));
const svc = createService({ appVersion: 'bench', transport: 'web' });
const view = value<ProjectView>(await svc.call('project.open', { dir }));
value(await svc.call('coder.use', { name: 'Ana' }));
const doc = view.data.documents[7] as { id: string; chars: number };
const code = view.data.codebook.find((c) => !view.data.codebook.some((k) => k.parentId === c.id)) as { id: string };
let n = 0;
const add = async (): Promise<void> => {
  const start = (n++ * 37) % Math.max(1, doc.chars - 60);
  value(await svc.call('coding.add', { documentId: doc.id, codeId: code.id, start, end: start + 40 + (n % 13) }));
};
/** 3 adds, 1 undo, 1 redo per round: 600 adds, 200 undos, 200 redos in 200 rounds. */
const round = async (): Promise<void> => {
  await add();
  await add();
  await add();
  value(await svc.call('history.undo', {}));
  value(await svc.call('history.redo', {}));
};
for (let i = 0; i < 20; i++) await round();
const before = settle();
for (let i = 0; i < 200; i++) await round();
const after = settle();
await svc.close();
process.stdout.write(JSON.stringify({ heapUsedBefore: before.heapUsed, heapUsedAfter: after.heapUsed, rssBefore: before.rss, rssAfter: after.rss }) + '\n');
