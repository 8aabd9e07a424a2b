/**
 * Concurrent acknowledgements share one fsync (issue 10): coding.add calls from several clients
 * are pipelined — the next is computed while the previous one's fdatasync is in flight — so they
 * land in one group commit; each is still answered only once durable, and in arrival order.
 */
import { mkdtempSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src/core/model/result.js';
import type { Coding } from '../../../src/core/model/types.js';
import { createService, type Service } from '../../../src/main/service/service.js';
import type { ApiEvent, ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import { durableState } from '../store/helpers.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');
const N = 16;

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Counts every fdatasync of every open file (the journal's is the only one during coding). */
async function countDatasyncs(): Promise<{ count: () => number; restore: () => void }> {
  const probe = await fsp.open(join(tmpdir(), `cc-probe-${process.pid}`), 'w');
  const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  const spy = vi.spyOn(proto, 'datasync');
  return { count: () => spy.mock.calls.length, restore: () => spy.mockRestore() };
}

async function project(): Promise<{ svc: Service; dir: string; documentId: string }> {
  process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
  const dir = join(mkdtempSync(join(tmpdir(), 'cc-pipe-')), 'p');
  const svc = createService({ appVersion: 't', transport: 'web' });
  value<ProjectView>(await svc.call('project.create', { dir }));
  const imp = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt')] }));
  value(await svc.call('coder.use', { name: 'Ana' }));
  return { svc, dir, documentId: imp.value.files[0]?.documentIds[0] as string };
}

describe('pipelined commits', () => {
  let restore = (): void => undefined;
  afterEach(() => restore());

  it(`${N} concurrent coding.add calls from several clients share fdatasyncs; sequential ones do not`, async () => {
    const { svc, dir, documentId } = await project();
    const syncs = await countDatasyncs();
    restore = syncs.restore;

    // Control: one at a time, every acknowledgement costs its own fdatasync.
    const before = syncs.count();
    for (let i = 0; i < 4; i++) value(await svc.call('coding.add', { documentId, codeId: 'sd-concerns', start: 10 + i, end: 40 + i }));
    expect(syncs.count() - before).toBe(4);

    const events: ApiEvent[] = [];
    svc.onEvent((e) => events.push(e));
    const answeredOrder: number[] = [];
    const start = syncs.count();
    const calls = Array.from({ length: N }, (_, i) =>
      svc.call('coding.add', { documentId, codeId: 'sd-concerns', start: 100 + i * 3, end: 130 + i * 3 }, { client: `tab-${i % 8}` }).then((r) => {
        answeredOrder.push(i);
        return value<Mutation<Coding>>(r);
      }),
    );
    const results = await Promise.all(calls);
    const used = syncs.count() - start;
    // Pipelined: the first add syncs alone, the others are computed meanwhile and share the next sync(s).
    expect(used).toBeGreaterThanOrEqual(1);
    expect(used).toBeLessThanOrEqual(N / 4);

    // Answered in arrival order, each with the next revision and a base chained to the previous one.
    expect(answeredOrder).toEqual(results.map((_, i) => i));
    for (const [i, r] of results.entries()) {
      if (i > 0) expect(r.patch.base).toBe((results[i - 1] as Mutation<Coding>).patch.revision);
      expect(r.patch.revision).toBe(r.patch.base + 1);
    }
    // Events went out in the same order, one per change.
    const patches = events.flatMap((e) => (e.type === 'patch' ? [e.patch.revision] : []));
    expect(patches).toEqual(results.map((r) => r.patch.revision));

    // Durable: every acknowledged coding is on disk (snapshot + journal read independently).
    const disk = durableState(dir);
    const ids = new Set(disk.codings.map((c) => c.id));
    for (const r of results) expect(ids.has(r.value.id)).toBe(true);

    // Undo after pipelined adds takes back the latest one, as for sequential adds.
    const undone = value<Mutation<string>>(await svc.call('history.undo', {}));
    expect(undone.patch.changes.remove['codings']).toEqual([(results.at(-1) as Mutation<Coding>).value.id]);
    await svc.close();
  });

  it('pipelined undo and redo interleaved with adds keep the history exact', async () => {
    const { svc, dir, documentId } = await project();
    const a = svc.call('coding.add', { documentId, codeId: 'sd-concerns', start: 10, end: 40 });
    const b = svc.call('coding.add', { documentId, codeId: 'sd-concerns', start: 50, end: 90 });
    const u = svc.call('history.undo', {});
    const c = svc.call('coding.add', { documentId, codeId: 'sd-concerns', start: 100, end: 140 });
    const r = svc.call('history.redo', {});
    const [ra, rb, ru, rc, rr] = await Promise.all([a, b, u, c, r]);
    const first = value<Mutation<Coding>>(ra as Result<unknown>);
    const second = value<Mutation<Coding>>(rb as Result<unknown>);
    expect(value<Mutation<string>>(ru as Result<unknown>).patch.changes.remove['codings']).toEqual([second.value.id]);
    const third = value<Mutation<Coding>>(rc as Result<unknown>);
    // A new change after an undo clears redo: the redo has nothing to do.
    const redo = value<Mutation<string | null>>(rr as Result<unknown>);
    expect(redo.value).toBeNull();
    expect(redo.patch.canRedo).toBe(false);
    const ids = durableState(dir).codings.map((x) => x.id);
    expect(ids).toContain(first.value.id);
    expect(ids).toContain(third.value.id);
    expect(ids).not.toContain(second.value.id);
    await svc.close();
  });
});
