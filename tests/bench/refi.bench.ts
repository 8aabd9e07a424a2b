import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { applyRefiImport } from '../../src/core/refi/apply.js';
import { createProject } from '../../src/core/model/project.js';
import { readRefiBytes } from '../../src/main/refi/read-refi-file.js';
import { writeQdpx } from '../../src/main/refi/write-refi-file.js';
import { medianMs, result, type BenchResult } from './harness.js';
import { fixedEnv } from '../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const NVIVO = new URL('../../../shared/fixtures/refi/nvivo-win-12.6_oltas.qdpx', import.meta.url);

/**
 * REFI-QDA throughput on the real NVivo export (1 source of 670 kB with emoji and CRLF, 60 codes,
 * 97 codings). `refi.import_nvivo_ms`: read + unit detection + assembly + apply to a new project,
 * against fflate's plain unzip and UTF-8 decode of the same archive (the floor for any reader).
 * `refi.export_nvivo_ms`: writing that project back as .qdpx, against zipping the same bytes.
 */
export default async function run(): Promise<BenchResult[]> {
  const bytes = new Uint8Array(readFileSync(NVIVO));
  const decoder = new TextDecoder();
  const baseline = await medianMs(() => Object.values(unzipSync(bytes)).reduce((n, f) => n + decoder.decode(f).length, 0), 7);
  let imported: ReturnType<typeof applyRefiImport> | null = null;
  const importMs = await medianMs(async () => {
    const r = await readRefiBytes(bytes, { docxImporter: null });
    if (!r.ok) throw new Error(r.error.message);
    imported = applyRefiImport(createProject('bench', [], coreEnv), r.value, { mode: 'new-project' }, coreEnv);
  }, 7);
  const applied = imported as ReturnType<typeof applyRefiImport> | null;
  if (!applied?.ok) throw new Error('import failed');
  const { data, sources } = applied.value;
  const exportMs = await medianMs(async () => {
    const r = await writeQdpx(data, sources);
    if (!r.ok) throw new Error(r.error.message);
  }, 7);
  const { zipSync, strToU8 } = await import('fflate');
  const zipBase = await medianMs(() => zipSync({ a: strToU8(sources[0]?.text ?? '') }), 7);
  return [result('refi.import_nvivo_ms', importMs, 'ms', 'fflate unzip + UTF-8 decode of the same .qdpx', baseline), result('refi.export_nvivo_ms', exportMs, 'ms', 'fflate zip of the same text', zipBase)];
}
