/**
 * Opening damaged, missing and newer-version project files (research §5, R1–R3, M3): a damaged
 * casecoder.json is never overwritten; it is kept aside byte for byte and the newest usable
 * backup is restored. With nothing usable, the open fails and nothing at all is written.
 */
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src/core/model/types.js';
import { createProjectFolder, openProjectFolder } from '../../../src/main/store/project-store.js';
import { fixtureCoding, fixtureProject } from '../../core/persistence/fixtures.js';
import { tempDir } from './helpers.js';

/** A project with two backups (3 then 4 codings), whose casecoder.json holds 5 codings. */
async function projectWithBackups(): Promise<{ dir: string; newestBackup: string }> {
  const dir = tempDir();
  const c = await createProjectFolder(dir, fixtureProject(3));
  if (!c.ok) throw new Error(c.error.message);
  const { store } = c.value;
  await store.backup('first');
  await new Promise((r) => setTimeout(r, 5));
  await store.commit({ ...store.data, codings: [...store.data.codings, fixtureCoding(4)] });
  const b = await store.backup('second');
  if (!b.ok) throw new Error(b.error.message);
  await store.commit({ ...store.data, codings: [...store.data.codings, fixtureCoding(5)] });
  await store.close();
  return { dir, newestBackup: b.value };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const name of readdirSync(join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(dir, rel)).toString('base64');
    }
  };
  walk('');
  return out;
}

const damage: [string, (good: Buffer) => Buffer][] = [
  ['truncated mid-file', (g) => g.subarray(0, Math.floor(g.length / 2))],
  ['empty', () => Buffer.alloc(0)],
  ['zero-filled (lost data blocks)', (g) => Buffer.alloc(g.length)],
  ['invalid UTF-8 inside a string', (g) => Buffer.concat([g.subarray(0, 40), Buffer.from([0xc3, 0x28]), g.subarray(42)])],
  ['valid JSON, invalid structure', (g) => Buffer.from(g.toString('utf8').replace('"start":', '"start":-'))],
  ['another program’s JSON', () => Buffer.from('{"hello":"world"}')],
];

describe('opening a damaged casecoder.json', () => {
  it.each(damage)('%s: restores the newest usable backup and keeps the damaged file aside untouched', async (_label, corrupt) => {
    const { dir, newestBackup } = await projectWithBackups();
    const bad = corrupt(readFileSync(join(dir, 'casecoder.json')));
    writeFileSync(join(dir, 'casecoder.json'), bad);
    const r = await openProjectFolder(dir);
    if (!r.ok) throw new Error(r.error.message);
    const { store, messages } = r.value;
    expect(store.readOnly).toBe(false);
    expect(store.data.codings.map((c) => c.id)).toEqual(['k_1', 'k_2', 'k_3', 'k_4']);
    expect(messages[0]).toMatch(
      /^casecoder\.json is damaged \(.+\)\. Restored the newest usable backup, backups\/casecoder-.*-second-.*\.json \(saved .*\); changes made after it are not in the project\. The damaged file is kept unchanged as casecoder\.json\.damaged-\d{8}T\d{9}Z\.$/,
    );
    const aside = readdirSync(dir).filter((n) => n.startsWith('casecoder.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!)).equals(bad)).toBe(true);
    // The project is whole again: casecoder.json holds the restored state, byte-equal to the backup.
    expect(readFileSync(join(dir, 'casecoder.json')).equals(readFileSync(newestBackup))).toBe(true);
    await store.close();
    const again = await openProjectFolder(dir);
    expect(again.ok && again.value.messages.filter((m) => m.includes('damaged'))).toEqual([]);
    if (again.ok) await again.value.store.close();
  });

  it('skips a damaged newest backup and restores the next one', async () => {
    const { dir, newestBackup } = await projectWithBackups();
    writeFileSync(newestBackup, '{"format":"casecoder","schemaVersion":1');
    writeFileSync(join(dir, 'casecoder.json'), '');
    const r = await openProjectFolder(dir);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.store.data.codings).toHaveLength(3);
    expect(r.value.messages[0]).toContain('-first-');
    await r.value.store.close();
  });

  it('restores from a backup when casecoder.json is missing', async () => {
    const { dir } = await projectWithBackups();
    unlinkSync(join(dir, 'casecoder.json'));
    const r = await openProjectFolder(dir);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.messages[0]).toMatch(/^casecoder\.json is missing\. Restored the newest usable backup/);
    expect(r.value.store.data.codings).toHaveLength(4);
    await r.value.store.close();
  });

  it('with no usable backup: a clear corrupt error and not one byte written (R3)', async () => {
    const { dir } = await projectWithBackups();
    for (const n of readdirSync(join(dir, 'backups'))) writeFileSync(join(dir, 'backups', n), '{}');
    writeFileSync(join(dir, 'casecoder.json'), '{"format":"casecoder", "schemaVersion": 1, "proj');
    const before = snapshot(dir);
    const r = await openProjectFolder(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('corrupt');
      expect(r.error.message).toMatch(/^casecoder\.json is damaged \(not valid JSON .*\) and no usable backup exists in backups\/ \(unusable backups: .*\); nothing was changed$/);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('read-only open of a damaged file shows the backup and repairs nothing', async () => {
    const { dir } = await projectWithBackups();
    writeFileSync(join(dir, 'casecoder.json'), 'garbage');
    const before = snapshot(dir);
    const r = await openProjectFolder(dir, { readOnly: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.store.readOnly).toBe(true);
    expect(r.value.store.data.codings).toHaveLength(4);
    expect(r.value.messages[0]).toMatch(/showing backup .* read-only\. Nothing was repaired/);
    await r.value.store.close();
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('opening a file from a newer Casecoder (M3)', () => {
  it('opens read-only, refuses every write, and leaves every byte unchanged', async () => {
    const { dir } = await projectWithBackups();
    const newer = { ...fixtureProject(2), schemaVersion: SCHEMA_VERSION + 1, newField: { x: 1 } };
    writeFileSync(join(dir, 'casecoder.json'), JSON.stringify(newer));
    const before = snapshot(dir);
    const r = await openProjectFolder(dir);
    if (!r.ok) throw new Error(r.error.message);
    const { store, messages } = r.value;
    expect(store.readOnly).toBe(true);
    expect(messages[0]).toBe(
      `Opened read-only: casecoder.json was written by a newer Casecoder (schema ${SCHEMA_VERSION + 1}; this version understands up to ${SCHEMA_VERSION}). Nothing will be saved; update Casecoder to edit this project.`,
    );
    expect(store.data.codings).toHaveLength(2);
    const commit = await store.commit({ ...fixtureProject(3) });
    expect(!commit.ok && commit.error).toMatchObject({ code: 'read-only', message: expect.stringContaining('newer Casecoder') });
    expect((await store.backup('try')).ok).toBe(false);
    await store.close();
    expect(snapshot(dir)).toEqual(before);
  });

  it('a newer file that no longer fits today’s shape is refused with newer-version, nothing written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'casecoder.json'), JSON.stringify({ format: 'casecoder', schemaVersion: 99, tables: [] }));
    const before = snapshot(dir);
    const r = await openProjectFolder(dir);
    expect(!r.ok && r.error.code).toBe('newer-version');
    expect(snapshot(dir)).toEqual(before);
  });
});
