import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './harness.js';

/** Runs every `*.bench.ts` in this folder (or those named on the command line) in sequence. */
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const all: BenchResult[] = [];
for (const f of files) {
  process.stdout.write(`bench ${f} …\n`);
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: () => Promise<BenchResult[]> };
  const rs = await mod.default();
  all.push(...rs);
  for (const r of rs) process.stdout.write(`  ${r.name}: ${r.value} ${r.unit} (baseline ${r.baseline}: ${r.baselineValue} ${r.unit}, ratio ${r.ratio})${r.note ? ' — ' + r.note : ''}\n`);
}
const root = join(here, '..', '..');
const resultsPath = join(root, 'bench-results.json');
// A partial run (benches or sizes named) updates its figures and keeps the others' from earlier runs.
const fresh = new Set(all.map((r) => r.name));
const earlier = only.length > 0 && existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchResult[]).filter((r) => !fresh.has(r.name)) : [];
writeFileSync(resultsPath, JSON.stringify([...earlier, ...all], null, 2) + '\n');
const lines = ['| name | value | unit | baseline | baseline value | ratio |', '|---|---|---|---|---|---|'];
for (const r of all) lines.push(`| ${r.name} | ${r.value} | ${r.unit} | ${r.baseline} | ${r.baselineValue} | ${r.ratio} |`);
writeFileSync(join(root, 'bench-results.txt'), lines.join('\n') + '\n');
process.stdout.write('\n' + lines.join('\n') + '\n');
