/**
 * Finding 1 (High): an export could overwrite the open project's own files. `casecoder matrix P
 * --counts --format csv -o P/casecoder.json`, run while browser mode holds P, replaced the live
 * store; the one guard (merge.exportCoder) was bypassed with `//` or `..`. Every spelling of every
 * file of the project must now be refused, by every output path, and nothing may change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createService, type Service } from '../../src/main/service/service.js';
import { bytesOf, freshAppHome, must, run, seededProject, temp } from './helpers.js';

describe('finding 1: no export can overwrite a project', () => {
  let root: string;
  let P: string;
  let holder: Service;
  let before: string;
  beforeAll(async () => {
    freshAppHome();
    root = temp();
    P = join(root, 'study');
    holder = await seededProject(P); // holds the lock, as `casecoder web P` would
    before = readFileSync(join(P, 'casecoder.json'), 'utf8');
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(P, join(root, 'elsewhere', 'link-to-project'));
  });
  afterAll(async () => holder.close());

  const spellings = (): string[] => [
    join(P, 'casecoder.json'),
    `${P}//casecoder.json`,
    join(P, 'sources', '..', 'casecoder.json'),
    `${P}/./casecoder.json`,
    join(root, 'elsewhere', 'link-to-project', 'casecoder.json'),
    join(P, '.lock'),
    join(P, 'backups', 'x.json'),
    join(P, 'sources', 'x.json'),
    join(P, 'casecoder.journal'),
    join(P, 'notes.csv'),
    join(P, 'exports', '..', 'casecoder.json'),
  ];

  it('the CLI matrix export refuses every spelling of a project file, and casecoder.json is untouched', async () => {
    for (const target of spellings()) {
      const r = await run('matrix', P, '--counts', '--format', 'csv', '-o', target);
      expect(r.code, `${target}: ${r.out}${r.err}`).not.toBe(0);
      expect(r.err + r.out).toMatch(/project folder/);
    }
    expect(readFileSync(join(P, 'casecoder.json'), 'utf8')).toBe(before);
    expect(readdirSync(join(P, 'sources')).every((n) => n !== 'x.json')).toBe(true);
    expect(bytesOf(join(P, 'casecoder.journal'))).toBeNull();
  });

  it('the agreement report and reliability CSV refuse project files too', async () => {
    const a = await run('agreement', P, '--coders', 'Ana,Ana', '--report', 'csv', '-o', `${P}//casecoder.json`);
    expect(a.code).not.toBe(0);
    const b = await run('agreement', P, '--coders', 'Ana,Ana', '--reliability-csv', `${P}/sources/../casecoder.json`);
    expect(b.code).not.toBe(0);
    expect(readFileSync(join(P, 'casecoder.json'), 'utf8')).toBe(before);
  });

  it('every output path of the service (matrix exports, REFI export, coder export) is refused inside the project', async () => {
    const svc = createService({ appVersion: 'test', transport: 'cli' });
    must(await svc.call('project.open', { dir: P, readOnly: true }));
    const coderId = (must(await svc.call('project.current', {})) as { data: { coders: { id: string }[] } }).data.coders[0]!.id;
    for (const target of spellings()) {
      const attempts = [
        await svc.call('matrix.exportCodeCase', { format: 'csv', outPath: target }),
        await svc.call('matrix.exportCoOccurrence', { format: 'xlsx', rule: 'overlap', outPath: target }),
        await svc.call('matrix.export', { format: 'json', counts: true, outPath: target }),
        await svc.call('refi.export', { format: 'qdc', outPath: target }),
        await svc.call('merge.exportCoder', { coderIds: [coderId], path: target }),
      ];
      for (const r of attempts) expect(r.ok, `${target}`).toBe(false);
    }
    await svc.close();
    expect(readFileSync(join(P, 'casecoder.json'), 'utf8')).toBe(before);
  });

  it('an exports/ subfolder of the project and any folder outside it stay writable', async () => {
    const inside = await run('matrix', P, '--counts', '--format', 'csv', '-o', join(P, 'exports', 'counts.csv'));
    expect(inside.code, inside.err).toBe(0);
    const outside = await run('matrix', P, '--counts', '--format', 'csv', '-o', join(root, 'counts.csv'));
    expect(outside.code, outside.err).toBe(0);
    expect(readFileSync(join(P, 'exports', 'counts.csv'), 'utf8')).toMatch(/Target|case/i);
  });

  it('the holder can still save after every attempt (nothing was replaced under it)', async () => {
    const r = await holder.call('coder.use', { name: 'Ben' });
    expect(r.ok).toBe(true);
  });
});
