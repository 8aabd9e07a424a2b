import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { importBytes } from '../../src/main/import/import-file.js';
import { configureImportPool, importPool } from '../../src/main/import/worker-pool.js';
import { createService, type Service } from '../../src/main/service/service.js';
import { SEEDS, seedPath } from '../fixtures/import/seeds.js';
import { footnoteFlood } from '../fixtures/import/hostile.js';
import { makeCaseStudies } from './make-case-studies.js';
import { medianMs, result, type BenchResult } from './harness.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function newService(home: string): Promise<{ svc: Service; dir: string }> {
  process.env['CASECODER_HOME'] = home;
  const dir = join(mkdtempSync(join(tmpdir(), 'cc-bench-')), 'p');
  const svc = createService({ appVersion: 'bench', transport: 'cli' });
  const r = await svc.call('project.create', { dir });
  if (!r.ok) throw new Error(r.error.message);
  return { svc, dir };
}

/**
 * Time of one `import.files` of `paths` in a fresh project, after warming every worker of the pool,
 * and the cores the process used meanwhile (CPU time / wall time, all threads: besides the
 * workers, V8's garbage-collector and compiler threads work for each worker).
 */
async function timedBatch(home: string, paths: string[], warm: string): Promise<{ ms: number; cores: number }> {
  const { svc, dir } = await newService(home);
  try {
    const w = await svc.call('import.files', { paths: [warm], format: 'md' });
    if (!w.ok) throw new Error(w.error.message);
    // Both runs start with all their workers ready: worker start-up is not part of either figure.
    await importPool().warm();
    const t = performance.now();
    const cpu = process.cpuUsage();
    const r = await svc.call('import.files', { paths });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (!r.ok) throw new Error(r.error.message);
    return { ms, cores: (used.user + used.system) / 1000 / ms };
  } finally {
    await svc.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

/**
 * Issue 14's budgets, each against its baseline in the same run:
 * - `import.md_vs_remark`: Markdown import of the Markdown seeds vs remark-parse alone on the same text (≤ 1.5×);
 * - `import.footnotes_20k_ms`: the 20,000-footnote file (< 3 s), vs remark-parse alone on it;
 * - `import.batch_200_speedup`: 200 generated case studies (~10 MB) in one batch on the worker
 *   pool vs the same batch one file at a time (one worker) (≥ 1.6×);
 * - `service.app_info_during_hostile_import_ms`: `app.info` while a 100,000-footnote file is being
 *   imported vs `app.info` on an idle service (< 50 ms).
 */
export default async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const home = mkdtempSync(join(tmpdir(), 'cc-bench-home-'));

  const md = [SEEDS.s000, SEEDS.s001, SEEDS.s003].map((s) => readFileSync(seedPath(s)));
  const texts = md.map((b) => new TextDecoder().decode(b));
  const ours = await medianMs(async () => {
    for (const b of md) {
      const r = await importBytes(b, 'x.md', { format: 'md' });
      if (!r.ok) throw new Error(r.error.message);
    }
  }, 7);
  const remark = await medianMs(() => texts.forEach((t) => unified().use(remarkParse).parse(t)), 7);
  out.push(result('import.md_vs_remark_ms', ours, 'ms', 'remark-parse alone on the same three seeds', remark, 'budget ratio ≤ 1.5'));

  const flood = footnoteFlood(20_000);
  const floodBytes = new TextEncoder().encode(flood);
  const floodMs = await medianMs(async () => {
    const r = await importBytes(floodBytes, 'flood.md', { format: 'md' });
    if (!r.ok) throw new Error(r.error.message);
  }, 3);
  const floodRemark = await medianMs(() => unified().use(remarkParse).parse(flood), 3);
  out.push(result('import.footnotes_20k_ms', floodMs, 'ms', 'remark-parse alone on the same file', floodRemark, `budget < 3000 ms; ${(floodBytes.length / 1048576).toFixed(1)} MB`));

  const folder = mkdtempSync(join(tmpdir(), 'cc-bench-cases-'));
  const bytes = makeCaseStudies(folder, 200);
  const warm = seedPath(SEEDS.s000);
  await configureImportPool({ size: 1 });
  const serial = await timedBatch(home, [folder], warm);
  await configureImportPool({ size: 2 });
  const parallel = await timedBatch(home, [folder], warm);
  const cores = `cores used: ${serial.cores.toFixed(2)} one at a time, ${parallel.cores.toFixed(2)} in parallel`;
  out.push(result('import.batch_200_ms', parallel.ms, 'ms', 'the same batch one file at a time (one worker)', serial.ms, `speed-up ${(serial.ms / parallel.ms).toFixed(2)}× (budget ≥ 1.6×); ${(bytes / 1048576).toFixed(1)} MB; ${cores}`));
  rmSync(folder, { recursive: true, force: true });

  const { svc, dir } = await newService(home);
  try {
    const hostile = join(mkdtempSync(join(tmpdir(), 'cc-bench-hostile-')), 'flood.md');
    writeFileSync(hostile, footnoteFlood(100_000));
    const ping = async (): Promise<number> => {
      const t = performance.now();
      const r = await svc.call('app.info', {});
      if (!r.ok) throw new Error(r.error.message);
      return performance.now() - t;
    };
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push(await ping());
    await svc.call('import.files', { paths: [warm], format: 'md' });
    let importing = true;
    const imp = svc.call('import.files', { paths: [hostile] }).finally(() => {
      importing = false;
    });
    const busy: number[] = [];
    await new Promise((r) => setTimeout(r, 300));
    while (importing && busy.length < 40) {
      busy.push(await ping());
      await new Promise((r) => setTimeout(r, 100));
    }
    await imp;
    out.push(result('service.app_info_during_hostile_import_ms', median(busy), 'ms', 'app.info on an idle service', median(idle), `median of ${busy.length} calls during the import; budget < 50 ms`));
    rmSync(join(hostile, '..'), { recursive: true, force: true });
  } finally {
    await svc.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
    await configureImportPool({});
  }
  return out;
}
