/**
 * Opening Compare on a large project (issue 10), on generated projects of 10k, 50k and 200k
 * codings, at the character and the segment unit, all three coders, every code and document:
 * - `compare.open_*`: `agreement.compute` as the Compare view asks it — point estimates, without
 *   bootstrap intervals or each figure's reliability data (intervals come later, one figure at a
 *   time, through `agreement.interval`). Baseline in the same run: the whole request a report
 *   makes (bootstrap intervals with 1,000 replicates and the reliability data), which is what the
 *   view asked before.
 * Sizes can be narrowed with BENCH_COMPARE_SIZES=10000,50000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Comparison } from '../../src/core/agreement/index.js';
import type { Result } from '../../src/core/model/result.js';
import { createService } from '../../src/main/service/service.js';
import type { ProjectView } from '../../src/shared/api.js';
import { generateProject } from './generate-project.js';
import { result, type BenchResult } from './harness.js';

const SIZES = (process.env['BENCH_COMPARE_SIZES'] ?? '10000,50000,200000').split(',').map(Number);
const label = (n: number): string => (n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`);

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

export default async function run(): Promise<BenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'cc-bench-compare-'));
  const out: BenchResult[] = [];
  try {
    for (const n of SIZES) {
      process.stdout.write(`  size ${n} …\n`);
      const g = generateProject(join(root, `p${n}`), { codings: n, seed: 11 });
      process.env['CASECODER_HOME'] = mkdtempSync(join(root, 'home-'));
      const svc = createService({ appVersion: 'bench', transport: 'web' });
      const view = value<ProjectView>(await svc.call('project.open', { dir: g.dir }));
      const coderIds = view.data.coders.map((c) => c.id);
      for (const unit of ['character', 'segment'] as const) {
        const ask = async (whole: boolean): Promise<{ ms: number; bytes: number }> => {
          const t0 = performance.now();
          const c = value<Comparison>(await svc.call('agreement.compute', { coderIds, unit, ...(unit === 'segment' ? { overlapThreshold: 0.9 } : {}), ...(whole ? { bootstrap: { samples: 1000, seed: 1 } } : { withData: false }) }));
          const ms = performance.now() - t0;
          return { ms, bytes: Buffer.byteLength(JSON.stringify(c)) };
        };
        const first = await ask(false);
        const whole = await ask(true);
        out.push(
          result(
            `compare.open_${unit}_${label(n)}_ms`,
            first.ms,
            'ms',
            'the whole report request (bootstrap 1,000, reliability data)',
            whole.ms,
            `agreement.compute as the Compare view asks (3 coders, point estimates, no reliability data); one run each; response ${(first.bytes / 1_048_576).toFixed(2)} MB against ${(whole.bytes / 1_048_576).toFixed(1)} MB`,
          ),
        );
      }
      await svc.close();
      rmSync(g.dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return out;
}
