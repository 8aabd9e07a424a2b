/**
 * Finding 5 (Low): damage was not always reported. `info` showed a backup's contents for a damaged
 * casecoder.json without saying so; a folder whose casecoder.json was missing but whose backups/
 * held copies was "not a Casecoder project" and never offered a restore; and no backup was taken
 * before imports in the same session, so a restore lost everything since the last open.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createService } from '../../src/main/service/service.js';
import { freshAppHome, run, seededProject, temp } from './helpers.js';

describe('finding 5: damage is reported and a restore is offered', () => {
  it('info says it shows a recovered backup when casecoder.json is damaged', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    await (await seededProject(dir)).close();
    writeFileSync(join(dir, 'casecoder.json'), '{"format":"casecoder", torn');
    const human = await run('info', dir);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/damaged.*backup/i);
    const json = await run('info', dir, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ recoveredFromBackup: true });
  });

  it('a missing casecoder.json next to backups offers a restore (CLI message, API details), and restore brings it back', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    await (await seededProject(dir)).close();
    rmSync(join(dir, 'casecoder.json'));
    const info = await run('info', dir);
    expect(info.code).not.toBe(0);
    expect(info.err + info.out).toMatch(/casecoder restore/);
    const svc = createService({ appVersion: 'test', transport: 'web' });
    const r = await svc.call('project.open', { dir });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details).toMatchObject({ restorable: true });
    await svc.close();
    const restored = await run('restore', dir);
    expect(restored.code, restored.err).toBe(0);
    expect(readdirSync(dir)).toContain('casecoder.json');
  });

  it('a backup is taken before an import in the same session', async () => {
    freshAppHome();
    const dir = join(temp(), 'p');
    const svc = await seededProject(dir);
    const before = readdirSync(join(dir, 'backups')).length;
    const r = await svc.call('import.upload', { files: [{ name: 'b.md', dataBase64: Buffer.from('Another text entirely.\n').toString('base64') }] });
    expect(r.ok).toBe(true);
    expect(readdirSync(join(dir, 'backups')).length).toBeGreaterThan(before);
    await svc.close();
  });
});
