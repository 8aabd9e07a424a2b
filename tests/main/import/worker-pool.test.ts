import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportWorkerPool } from '../../../src/main/import/worker-pool.js';

describe('import worker pool', () => {
  it('warm() starts every worker before a batch, which then parses on all of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-pool-'));
    const pool = new ImportWorkerPool({ size: 2 });
    try {
      expect(pool.workers).toBe(0);
      await pool.warm();
      expect(pool.workers).toBe(2);
      const files = [1, 2, 3, 4].map((i) => {
        const f = join(dir, `case-${i}.md`);
        writeFileSync(f, `# Case ${i}\n\nThe ministry answered the embassy ${i} times.\n`);
        return f;
      });
      const results = await Promise.all(files.map((f) => pool.import(f)));
      expect(results.map((r) => (r.ok ? r.value[0]?.title : r.error.message))).toEqual(['Case 1', 'Case 2', 'Case 3', 'Case 4']);
      expect(pool.workers).toBe(2);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(pool.workers).toBe(0);
  }, 120_000);
});
