import { readFileSync } from 'node:fs';
import { importBytes, importFile } from '../../src/main/import/import-file.js';
import type { SourceFormat } from '../../src/core/model/types.js';
import { SEEDS, seedPath } from '../fixtures/import/seeds.js';
import { makeDocx } from '../fixtures/import/make-docx.js';
import { makePdf } from '../fixtures/import/make-pdf.js';
import { medianMs, result, type BenchResult } from './harness.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Import throughput. `import.seeds_ms`: importing all five seeds from disk (format detection,
 * parsing, headings, validation) vs merely reading and decoding the same files. Then MB/s per
 * format, each against the read+decode rate of the same bytes.
 */
export default async function run(): Promise<BenchResult[]> {
  const files = Object.values(SEEDS).map(seedPath);
  const read = (): number => files.reduce((n, f) => n + decoder.decode(readFileSync(f)).length, 0);
  const importAll = async (): Promise<void> => {
    for (const f of files) {
      const r = await importFile(f);
      if (!r.ok) throw new Error(r.error.message);
    }
  };
  const out: BenchResult[] = [];
  const all = await medianMs(importAll, 5);
  const base = await medianMs(read, 5);
  out.push(result('import.seeds_ms', all, 'ms', 'read + UTF-8 decode of the five seeds', base));

  const groups: [string, SourceFormat, Uint8Array[]][] = [
    ['md', 'md', [SEEDS.s000, SEEDS.s001, SEEDS.s003].map((s) => readFileSync(seedPath(s)))],
    ['txt', 'txt', [SEEDS.s002, SEEDS.s004].map((s) => readFileSync(seedPath(s)))],
    ['docx', 'docx', [await makeDocx()]],
    ['pdf', 'pdf', [makePdf(Array.from({ length: 20 }, (_, p) => Array.from({ length: 40 }, (_, l) => `Page ${p + 1} line ${l + 1} of the hand-made test report.`)))]],
  ];
  for (const [name, format, inputs] of groups) {
    const bytes = inputs.reduce((n, b) => n + b.length, 0);
    const t = await medianMs(async () => {
      for (const b of inputs) {
        const r = await importBytes(b, `x.${format}`, { format });
        if (!r.ok) throw new Error(r.error.message);
      }
    }, 5);
    const d = await medianMs(() => inputs.forEach((b) => new TextDecoder('latin1').decode(b)), 5);
    const mbps = (ms: number): number => bytes / 1048576 / (ms / 1000);
    out.push(result(`import.${name}_mb_per_s`, mbps(t), 'MB/s', 'decoding the same bytes', mbps(d), `${(bytes / 1024).toFixed(0)} KB${name === 'docx' || name === 'pdf' ? ' (generated fixture)' : ' (seeds)'}`));
  }
  return out;
}
