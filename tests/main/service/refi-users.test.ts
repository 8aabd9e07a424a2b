import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/model/result.js';
import type { Mutation } from '../../../src/shared/api.js';
import type { RefiImportOutcome, RefiPreview } from '../../../src/shared/api.js';
import { createService } from '../../../src/main/service/service.js';
import { fixturePath } from '../refi/refi-test-kit.js';
import { durableState } from '../store/helpers.js';

const NVIVO_WIN = fixturePath('nvivo-win-12.6_oltas.qdpx');

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== '.lock') out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('refi.inspect and refi.import with users mapped to coders', () => {
  it('inspect reads the users and the rule without changing the project; import puts the codings under the mapped coder', async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    const svc = createService({ appVersion: 'test', transport: 'cli' });
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-refi-users-')), 'p');
    value(await svc.call('project.create', { dir }));
    value(await svc.call('coder.use', { name: 'Ana' }));
    const before = snapshot(dir);
    const preview = value<RefiPreview>(await svc.call('refi.inspect', { path: NVIVO_WIN }));
    expect(preview.users.map((u) => [u.name, u.codings, u.coderId, u.role])).toEqual([
      ['Gergo', 97, null, null],
      ['floriansipos', 0, null, null],
    ]);
    expect(preview.attribution.differing).toBe(97);
    expect(preview.counts).toMatchObject({ documents: 1, codings: 97, matrices: 0, ratings: 0 });
    expect(snapshot(dir)).toEqual(before);

    // A mapping to a coder that does not exist changes nothing: no commit, no backup.
    const refused = await svc.call('refi.import', { path: NVIVO_WIN, users: [{ user: preview.users[0]?.guid ?? '', coderId: 'u_nobody' }] });
    expect(refused.ok ? '' : refused.error.code).toBe('not-found');
    expect(snapshot(dir)).toEqual(before);

    const ana = durableState(dir).coders.find((c) => c.name === 'Ana');
    const done = value<Mutation<RefiImportOutcome>>(await svc.call('refi.import', { path: NVIVO_WIN, users: [{ user: 'Gergo', coderId: ana?.id ?? '' }] })).value;
    expect(done.attribution.users.map((u) => [u.name, u.codings, u.coder])).toEqual([
      ['Gergo', 97, 'Ana'],
      ['floriansipos', 0, 'floriansipos'],
    ]);
    const data = durableState(dir);
    expect(new Set(data.codings.map((c) => c.coderId))).toEqual(new Set([ana?.id]));
    expect(done.lines).toContain("97 codings named one user on the selection and another on the coding; the selection's user was taken.");
  });

  it('a fresh project offers to leave its default codes out of a .qdpx import, and does so only when asked', async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    const svc = createService({ appVersion: 'test', transport: 'cli' });
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-refi-defaults-')), 'p');
    value(await svc.call('project.create', { dir }));
    const fresh = durableState(dir);
    expect(fresh.codebook).toHaveLength(8);
    const preview = value<RefiPreview>(await svc.call('refi.inspect', { path: NVIVO_WIN }));
    expect(preview.defaultCodes).toBe(8);
    value(await svc.call('refi.import', { path: NVIVO_WIN, leaveOutDefaults: true }));
    const after = durableState(dir);
    expect(after.codebook.filter((c) => fresh.codebook.some((d) => d.id === c.id))).toEqual([]);
    expect(after.codebook.length).toBe(preview.counts.codes);
    expect(after.codings).toHaveLength(97);
    // once anything is coded, nothing is offered and nothing is dropped
    expect(value<RefiPreview>(await svc.call('refi.inspect', { path: NVIVO_WIN })).defaultCodes).toBe(0);
    await svc.close();
  });

  it('without the option the default codes stay beside the imported ones', async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    const svc = createService({ appVersion: 'test', transport: 'cli' });
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-refi-defaults-')), 'p');
    value(await svc.call('project.create', { dir }));
    const preview = value<RefiPreview>(await svc.call('refi.inspect', { path: NVIVO_WIN }));
    value(await svc.call('refi.import', { path: NVIVO_WIN }));
    const after = durableState(dir);
    expect(after.codebook.length).toBe(preview.counts.codes + 8);
    await svc.close();
  });
});
