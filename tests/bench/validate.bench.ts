import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateProjectData } from '../../src/core/persistence/validate-project.js';
import { generateProject } from './generate-project.js';
import { medianMs, result, type BenchResult } from './harness.js';

/**
 * Whole-project validation (at open and at compaction) against the one zod schema of the stored
 * project, on a generated 50,000-coding project; baseline: JSON.parse of the same casecoder.json.
 */
export default async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-validate-bench-'));
  try {
    generateProject(join(dir, 'p'), { codings: 50_000 });
    const json = readFileSync(join(dir, 'p', 'casecoder.json'), 'utf8');
    const data: unknown = JSON.parse(json);
    if (!validateProjectData(data).ok) throw new Error('the generated project does not validate');
    const validate = await medianMs(() => validateProjectData(data), 7);
    const parse = await medianMs(() => JSON.parse(json), 7);
    return [result('persistence.validate_50k_ms', validate, 'ms', 'JSON.parse of the same casecoder.json', parse)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
