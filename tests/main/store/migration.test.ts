/**
 * The migration path of open (research §5, M2): a file at an older schema is backed up byte for
 * byte before the migrated state is committed. Exercised with the synthetic v0 → v1 step of
 * tests/core/persistence/load.test.ts (v1 is the first released schema).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProjectFolder, openProjectFolder } from '../../../src/main/store/project-store.js';
import { interpretProjectBytes } from '../../../src/main/store/backups.js';
import type { Migration } from '../../../src/core/persistence/migrations.js';
import { fixtureProject } from '../../core/persistence/fixtures.js';
import { toV0, V0_TO_V1 } from '../../core/persistence/migration-fixtures.js';
import { tempDir } from './helpers.js';

async function v0Project(): Promise<{ dir: string; original: Buffer }> {
  const dir = tempDir();
  const c = await createProjectFolder(dir, fixtureProject(4));
  if (!c.ok) throw new Error(c.error.message);
  await c.value.store.close();
  const original = Buffer.from(`${JSON.stringify(toV0(fixtureProject(4)), null, 2)}\n`);
  writeFileSync(join(dir, 'casecoder.json'), original);
  return { dir, original };
}

describe('opening an older schema', () => {
  it('backs up the original bytes, then commits the migrated, validated state', async () => {
    const { dir, original } = await v0Project();
    const r = await openProjectFolder(dir, { migrations: [V0_TO_V1] });
    if (!r.ok) throw new Error(r.error.message);
    const { store, messages } = r.value;
    expect(store.readOnly).toBe(false);
    const backups = readdirSync(join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^casecoder-\d{8}T\d{9}Z-pre-migration-v0-[0-9a-f]{12}\.json$/);
    expect(readFileSync(join(dir, 'backups', backups[0]!)).equals(original)).toBe(true);
    expect(messages[0]).toBe(`Upgraded the project from schema 0 to 1 (v0→v1: codebook renamed, codings gained memos); the original is kept as backups/${backups[0]}.`);
    const disk = interpretProjectBytes(readFileSync(join(dir, 'casecoder.json')));
    expect(disk.kind).toBe('current');
    if (disk.kind === 'current') {
      expect(disk.steps).toEqual([]); // already migrated on disk
      expect(disk.data.codebook).toEqual(fixtureProject(4).codebook);
      expect(disk.data.codings.map((c) => c.memo)).toEqual(['', '', '', '']);
    }
    expect(store.data.schemaVersion).toBe(1);
    await store.close();
  });

  it('a failed migration is reported and leaves the file untouched', async () => {
    const { dir, original } = await v0Project();
    const throwing: Migration = {
      ...V0_TO_V1,
      up: () => {
        throw new Error('cannot read codes');
      },
    };
    const r = await openProjectFolder(dir, { migrations: [throwing] });
    expect(!r.ok && r.error).toMatchObject({ code: 'corrupt', message: expect.stringContaining('migration v0→v1 failed: cannot read codes') });
    expect(readFileSync(join(dir, 'casecoder.json')).equals(original)).toBe(true);
  });

  it('a read-only open migrates in memory only', async () => {
    const { dir, original } = await v0Project();
    const r = await openProjectFolder(dir, { readOnly: true, migrations: [V0_TO_V1] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.store.data.schemaVersion).toBe(1);
    expect(r.value.messages[0]).toBe('Shown migrated from schema 0 in memory only; the file was not changed (read-only).');
    expect(readFileSync(join(dir, 'casecoder.json')).equals(original)).toBe(true);
    expect(readdirSync(dir)).not.toContain('backups');
  });
});
