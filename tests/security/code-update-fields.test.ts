/**
 * Finding 4 (Low): `code.update` stored any field it was given (`id`, `parentId`, `order`, unknown
 * keys); a parent cycle made codes and their codings vanish, a changed id orphaned its codings,
 * and validation at commit caught neither. Now the schema takes only editable fields, and a commit
 * refuses a parent cycle or codings whose code does not exist.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshAppHome, must, seededProject, temp } from './helpers.js';

describe('finding 4: code.update takes editable fields only, commits refuse cycles and orphans', () => {
  it('refuses id, parentId, order and unknown keys with a usage error naming the field; nothing is stored', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    const svc = await seededProject(dir);
    const data = (must(await svc.call('project.current', {})) as { data: { codebook: { id: string; parentId: string | null }[] } }).data;
    const [a, b] = data.codebook.filter((c) => c.parentId === null);
    const before = readFileSync(join(dir, 'casecoder.json'), 'utf8');
    for (const patch of [{ id: 'c_new' }, { parentId: b!.id }, { order: -1 }, { evil: '<script>' }]) {
      const r = await svc.call('code.update', { id: a!.id, patch });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('usage');
        expect(r.error.message).toContain(Object.keys(patch)[0]!);
      }
    }
    expect(readFileSync(join(dir, 'casecoder.json'), 'utf8')).toBe(before);
    await svc.close();
  });

  it('a commit that would create a parent cycle or orphan codings is refused by the store', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    const svc = await seededProject(dir);
    const session = svc.context.session!;
    const d = session.data;
    const [a, b] = d.codebook.filter((c) => c.parentId === null);
    const cycle = { ...d, codebook: d.codebook.map((c) => (c.id === a!.id ? { ...c, parentId: b!.id } : c.id === b!.id ? { ...c, parentId: a!.id } : c)) };
    expect((await session.store.commit(cycle)).ok).toBe(false);
    const orphan = { ...d, codebook: d.codebook.map((c) => (c.id === d.codings[0]!.codeId ? { ...c, id: 'c_renamed' } : c)) };
    expect((await session.store.commit(orphan)).ok).toBe(false);
    await svc.close();
  });
});
