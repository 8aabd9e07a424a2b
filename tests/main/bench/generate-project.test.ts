import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDanglingReferences } from '../../../src/core/persistence/references.js';
import { openProjectFolder } from '../../../src/main/store/project-store.js';
import { generateProject } from '../../bench/generate-project.js';

const root = mkdtempSync(join(tmpdir(), 'cc-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('generateProject (the large-project generator of benches and e2e runs)', () => {
  it('writes a project that opens, validates, has no dangling reference, and whose anchors quote their documents', async () => {
    const g = generateProject(join(root, 'a'), { codings: 3_000, documents: 40, seed: 7 });
    expect(g).toMatchObject({ documents: 40, codings: 3_000 });
    const opened = await openProjectFolder(g.dir, { readOnly: true });
    if (!opened.ok) throw new Error(opened.error.message);
    const { store, messages } = opened.value;
    expect(messages).toEqual([]);
    const data = store.data;
    expect(findDanglingReferences(data)).toEqual([]);
    expect(data.codings).toHaveLength(3_000);
    expect(new Set(data.codings.map((c) => c.coderId)).size).toBe(3);
    expect(new Set(data.codings.map((c) => c.documentId)).size).toBeGreaterThan(30);
    expect(data.matrices.length).toBeGreaterThan(0);
    expect(data.ratings.length).toBeGreaterThan(0);
    expect(data.memos.length).toBeGreaterThan(0);
    for (const c of data.codings.slice(0, 500)) {
      const src = await store.readSource(c.documentId);
      if (!src.ok) throw new Error(src.error.message);
      expect(src.value.text.slice(c.start, c.end)).toBe(c.exact);
      expect(src.value.text.slice(Math.max(0, c.start - c.prefix.length), c.start)).toBe(c.prefix);
    }
    await store.close();
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateProject(join(root, 'b1'), { codings: 500, documents: 10, seed: 3 });
    const b = generateProject(join(root, 'b2'), { codings: 500, documents: 10, seed: 3 });
    const c = generateProject(join(root, 'b3'), { codings: 500, documents: 10, seed: 4 });
    const read = (d: string) => readFileSync(join(d, 'casecoder.json'), 'utf8');
    expect(read(a.dir)).toBe(read(b.dir));
    expect(read(a.dir)).not.toBe(read(c.dir));
    expect(JSON.parse(read(a.dir))).toEqual(JSON.parse(JSON.stringify(JSON.parse(read(a.dir)))));
  });
});
