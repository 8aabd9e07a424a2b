/**
 * Every action at every project size (issue 10): coding.add, undo, redo, open, compaction and
 * memory on generated projects of 1k, 10k, 50k, 200k and 1M codings, each paired in the same run
 * with its bare baseline (append + fdatasync of the same bytes; read + JSON.parse; stringify +
 * write + fsync + rename); the throughput of 8 concurrent clients against one client (pipelined
 * commits share fdatasyncs); memory growth over 1,000 actions in a child process (memory-probe.ts).
 * Sizes can be narrowed with BENCH_SIZES=1000,10000.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Result } from '../../src/core/model/result.js';
import type { Coding } from '../../src/core/model/types.js';
import { createService } from '../../src/main/service/service.js';
import type { Mutation, ProjectView } from '../../src/shared/api.js';
import { generateProject } from './generate-project.js';
import { result, type BenchResult } from './harness.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Counts fdatasync calls of every file handle (only the journal's happen while coding). */
let datasyncs = 0;
{
  const probe = await open(join(tmpdir(), `cc-bench-probe-${process.pid}`), 'w');
  const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  rmSync(join(tmpdir(), `cc-bench-probe-${process.pid}`), { force: true });
  const real = proto.datasync;
  proto.datasync = function (this: unknown) {
    datasyncs++;
    return real.call(this);
  };
}

/** Heap and RSS growth over 1,000 actions, measured in a child process (see memory-probe.ts). */
function memoryGrowth(dir: string): { heapUsedBefore: number; heapUsedAfter: number; rssBefore: number; rssAfter: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'memory-probe.ts'), dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ReturnType<typeof memoryGrowth>;
}

const SIZES = (process.env['BENCH_SIZES'] ?? '1000,10000,50000,200000,1000000').split(',').map(Number);
const label = (n: number): string => (n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** The physical floor: append `bytes` bytes to one append handle and fdatasync; returns a timer of one such append. */
async function bareAppender(dir: string, bytes: number): Promise<{ once: () => Promise<number>; close: () => Promise<void> }> {
  const h = await open(join(dir, 'bare.jsonl'), 'a');
  const buf = Buffer.alloc(bytes, 0x61);
  buf[buf.length - 1] = 0x0a;
  return {
    once: async () => {
      const t0 = performance.now();
      await h.write(buf, 0, buf.length);
      await h.datasync();
      return performance.now() - t0;
    },
    close: () => h.close(),
  };
}

async function bareSave(dir: string, data: unknown): Promise<number> {
  const t0 = performance.now();
  const text = JSON.stringify(data);
  const tmp = join(dir, 'bare.tmp');
  const h = await open(tmp, 'w');
  await h.writeFile(text);
  await h.sync();
  await h.close();
  await rename(tmp, join(dir, 'bare.json'));
  return performance.now() - t0;
}

async function size(n: number, root: string): Promise<BenchResult[]> {
  const t0 = performance.now();
  const g = generateProject(join(root, `p${n}`), { codings: n, seed: 11 });
  const genMs = performance.now() - t0;
  process.env['CASECODER_HOME'] = mkdtempSync(join(root, 'home-'));
  const out: BenchResult[] = [];
  const L = label(n);

  // Open: through the service (lock, parse, validate, index, backup) vs bare read + JSON.parse.
  const opens: number[] = [];
  const parses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const svc = createService({ appVersion: 'bench', transport: 'web' });
    const a = performance.now();
    value<ProjectView>(await svc.call('project.open', { dir: g.dir }));
    opens.push(performance.now() - a);
    await svc.close();
    const b = performance.now();
    JSON.parse(await readFile(join(g.dir, 'casecoder.json'), 'utf8'));
    parses.push(performance.now() - b);
  }
  out.push(result(`journal.open_${L}_ms`, median(opens), 'ms', 'bare read + JSON.parse of casecoder.json', median(parses), `${(g.bytes / 1_048_576).toFixed(1)} MB casecoder.json; generated in ${Math.round(genMs)} ms`));

  const svc = createService({ appVersion: 'bench', transport: 'web' });
  const view = value<ProjectView>(await svc.call('project.open', { dir: g.dir }));
  value(await svc.call('coder.use', { name: 'Ana' }));
  const doc = view.data.documents[7] as { id: string; chars: number };
  const code = view.data.codebook.find((c) => !view.data.codebook.some((k) => k.parentId === c.id)) as { id: string };

  // coding.add acknowledged (durable), one at a time as the UI sends them; each sample is paired
  // with one bare append + fdatasync of the same bytes right after it (the machine is shared, so
  // interleaving keeps both under the same load).
  gc();
  // The first add after open also builds the coding index (document, coder, code) in one pass.
  const firstAt = performance.now();
  const probe = value<Mutation<Coding>>(await svc.call('coding.add', { documentId: doc.id, codeId: code.id, start: 1, end: 41 }));
  const firstMs = performance.now() - firstAt;
  const bytes = Buffer.byteLength(JSON.stringify(probe));
  const session = svc.context.session;
  const lineBytes = Buffer.byteLength(JSON.stringify({ v: 1, seq: 1, gen: 0, at: new Date().toISOString(), by: 'u_x', label: 'Code “x”', changes: probe.patch.changes })) + 10;
  const bare = await bareAppender(g.dir, lineBytes);
  const adds: number[] = [];
  const addBase: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const start = (i * 37) % Math.max(1, doc.chars - 60);
    const a = performance.now();
    value(await svc.call('coding.add', { documentId: doc.id, codeId: code.id, start, end: start + 40 + (i % 13) }));
    adds.push(performance.now() - a);
    addBase.push(await bare.once());
  }
  const tail = adds.slice(100).sort((x, y) => x - y);
  out.push(
    result(
      `journal.coding_add_${L}_ms`,
      median(adds.slice(100)),
      'ms',
      'bare append + fdatasync of the same bytes',
      median(addBase.slice(100)),
      `median of 900 acknowledged adds, each paired with one bare append; p90 ${tail[Math.floor(tail.length * 0.9)]?.toFixed(2)} ms`,
    ),
  );
  out.push(result(`journal.first_coding_add_${L}_ms`, firstMs, 'ms', 'bare append + fdatasync (median)', median(addBase.slice(100)), 'the first add after open: builds the coding index, one sample'));
  out.push(result(`journal.coding_response_${L}_bytes`, bytes, 'bytes', 'budget 2 KB', 2048, 'a coding.add result: the coding and its change set'));

  // Undo and redo of the latest 200 steps, paired the same way.
  const undos: number[] = [];
  const redos: number[] = [];
  const travelBase: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    value(await svc.call('history.undo', {}));
    undos.push(performance.now() - a);
    travelBase.push(await bare.once());
  }
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    value(await svc.call('history.redo', {}));
    redos.push(performance.now() - a);
    travelBase.push(await bare.once());
  }
  await bare.close();
  out.push(result(`journal.undo_${L}_ms`, median(undos), 'ms', 'bare append + fdatasync', median(travelBase.slice(0, 200))));
  out.push(result(`journal.redo_${L}_ms`, median(redos), 'ms', 'bare append + fdatasync', median(travelBase.slice(200))));

  // Throughput: 8 clients each sending 40 adds one after another, all at once, against one client
  // sending 320. Pipelined commits let the 8 clients' entries share fdatasyncs.
  const PER_CLIENT = 40;
  const CLIENTS = 8;
  let k = 0;
  const addOnce = async (client: string): Promise<void> => {
    const start = (k++ * 53) % Math.max(1, doc.chars - 60);
    value(await svc.call('coding.add', { documentId: doc.id, codeId: code.id, start, end: start + 30 + (k % 11) }, { client }));
  };
  let t = performance.now();
  let s0 = datasyncs;
  for (let i = 0; i < PER_CLIENT * CLIENTS; i++) await addOnce('solo');
  const seqPerS = (PER_CLIENT * CLIENTS * 1000) / (performance.now() - t);
  const seqSyncs = (datasyncs - s0) / (PER_CLIENT * CLIENTS);
  t = performance.now();
  s0 = datasyncs;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < PER_CLIENT; i++) await addOnce(`tab-${c}`);
    }),
  );
  const parPerS = (PER_CLIENT * CLIENTS * 1000) / (performance.now() - t);
  const parSyncs = (datasyncs - s0) / (PER_CLIENT * CLIENTS);
  out.push(result(`journal.coding_add_8_clients_${L}_per_s`, parPerS, 'adds/s', 'one client, sequential adds', seqPerS, `fdatasyncs per add: ${parSyncs.toFixed(2)} with 8 clients, ${seqSyncs.toFixed(2)} with one`));

  // Compaction: fold the journal into a new snapshot vs bare stringify + write + fsync + rename.
  const store = session?.store;
  if (!store) throw new Error('no session');
  const compacts: number[] = [];
  const bares: number[] = [];
  for (let i = 0; i < 3; i++) {
    value(await svc.call('coding.add', { documentId: doc.id, codeId: code.id, start: i, end: i + 30 }));
    const a = performance.now();
    value(await store.compact());
    compacts.push(performance.now() - a);
    bares.push(await bareSave(g.dir, store.data));
  }
  out.push(result(`journal.compaction_${L}_ms`, median(compacts), 'ms', 'bare stringify + write + fsync + rename', median(bares), 'includes whole-project validation; written in chunks so coding goes on'));
  await svc.close();

  // Memory over 1,000 actions, in a child process with its own heap (the project is closed here).
  const mem = memoryGrowth(g.dir);
  const mb = (x: number): number => x / 1_048_576;
  out.push(
    result(
      `journal.rss_growth_1000_actions_${L}_mb`,
      mb(mem.rssAfter - mem.rssBefore),
      'MB',
      'budget 5 MB',
      5,
      `child process, full GC before and after; 600 adds, 200 undos, 200 redos after 100 warm-up actions; RSS ${mb(mem.rssBefore).toFixed(1)} → ${mb(mem.rssAfter).toFixed(1)} MB`,
    ),
  );
  out.push(
    result(
      `journal.heap_growth_1000_actions_${L}_mb`,
      mb(mem.heapUsedAfter - mem.heapUsedBefore),
      'MB',
      'budget 5 MB (for RSS)',
      5,
      `heapUsed ${mb(mem.heapUsedBefore).toFixed(1)} → ${mb(mem.heapUsedAfter).toFixed(1)} MB (history, journal counters and the added codings included)`,
    ),
  );
  rmSync(g.dir, { recursive: true, force: true });
  return out;
}

export default async function run(): Promise<BenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'cc-bench-journal-'));
  const all: BenchResult[] = [];
  try {
    for (const n of SIZES) {
      process.stdout.write(`  size ${n} …\n`);
      all.push(...(await size(n, root)));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return all;
}
