import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotText, writeSnapshot } from '../../../src/main/store/store.js';
import { fixtureCoding, fixtureProject } from '../../core/persistence/fixtures.js';
import { tempDir } from './helpers.js';

describe('writeSnapshot', () => {
  it('writes in chunks exactly the text of snapshotText: lists longer than a chunk, empty lists, non-ASCII text', async () => {
    const d = fixtureProject(0);
    const codings = Array.from({ length: 12_345 }, (_, i) => ({ ...fixtureCoding(i + 1), memo: i % 1000 === 0 ? 'naïve “quoted” \u2028 text' : '' }));
    for (const data of [
      { ...d, codings },
      { ...d, codings: [], memos: [] },
      { ...d, codings: codings.slice(0, 5_000) },
    ]) {
      const path = join(tempDir(), 'casecoder.json');
      const marker = { generation: 3, revision: 42 };
      const bytes = await writeSnapshot(path, data, marker);
      const text = readFileSync(path, 'utf8');
      expect(text).toBe(snapshotText(data, marker));
      expect(bytes).toBe(Buffer.byteLength(text));
    }
  });
});
