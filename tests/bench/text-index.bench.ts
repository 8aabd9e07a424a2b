import { readFileSync } from 'node:fs';
import { readerSchema } from '../../src/core/document/schema.js';
import { buildTextIndex } from '../../src/core/document/text-index.js';
import { faithfulTextToDoc } from '../../src/core/document/plain-text.js';
import { medianMs, result, type BenchResult } from './harness.js';

/** Text index on seed 002 (248 KB): build time vs parsing the same document JSON; 10,000 round-trips vs array reads. */
export default async function run(): Promise<BenchResult[]> {
  const raw = readFileSync(new URL('../../../shared/seeds/002_3a38896384b8e93f.txt', import.meta.url), 'utf8');
  const json = JSON.stringify(faithfulTextToDoc(raw));
  const doc = readerSchema.nodeFromJSON(JSON.parse(json));
  const build = await medianMs(() => buildTextIndex(doc), 9);
  const parse = await medianMs(() => JSON.parse(json), 9);
  const idx = buildTextIndex(doc);
  const size = doc.content.size;
  const positions = Array.from({ length: 10_000 }, (_, i) => Math.floor((((i * 7919) % 10_000) / 10_000) * size));
  let sink = 0;
  const rt = await medianMs(() => {
    for (const p of positions) sink += idx.offsetToPos(idx.posToOffset(p));
  }, 9);
  const arr = Float64Array.from(positions);
  const base = await medianMs(() => {
    for (let i = 0; i < arr.length; i++) sink += arr[(i * 31) % arr.length] ?? 0;
  }, 9);
  void sink;
  return [result('text_index.build_ms', build, 'ms', 'JSON.parse of the same document', parse), result('text_index.roundtrip_10k_ms', rt, 'ms', '10,000 random array reads', base)];
}
