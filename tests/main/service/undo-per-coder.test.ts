/**
 * Undo is per coder (issues 10 and 11): coder B's Undo never offers or undoes coder A's steps, and
 * an undo whose items someone else changed since is refused with a clear message, changing nothing.
 * Steps are change sets, so a step's memory is the size of its change.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/model/result.js';
import type { Coding } from '../../../src/core/model/types.js';
import { createService } from '../../../src/main/service/service.js';
import type { ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import { durableState } from '../store/helpers.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('undo per coder', () => {
  it("B's undo takes back only B's step; A's undo of an item B changed since is refused", async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-undo-')), 'p');
    const svc = createService({ appVersion: 't', transport: 'web' });
    value<ProjectView>(await svc.call('project.create', { dir }));
    const imp = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt')] }));
    const documentId = imp.value.files[0]?.documentIds[0] as string;
    value(await svc.call('coder.use', { name: 'Ana' }));
    const a1 = value<Mutation<Coding>>(await svc.call('coding.add', { documentId, codeId: 'sd-concerns', start: 10, end: 40 }));
    value(await svc.call('coder.use', { name: 'Ben' }));
    const view = value<ProjectView>(await svc.call('project.current', {}));
    // Ben has done nothing yet: nothing of Ana's (nor the session's import) is offered to him.
    expect(view.canUndo).toBe(false);
    const b1 = value<Mutation<Coding>>(await svc.call('coding.add', { documentId, codeId: 'sd-concerns', start: 50, end: 90 }));
    expect(b1.patch.undoLabel).toMatch(/^Code /);
    const undone = value<Mutation<string>>(await svc.call('history.undo', {}));
    expect(undone.patch.changes).toEqual({ upsert: {}, remove: { codings: [b1.value.id] } });
    expect(undone.patch.canUndo).toBe(false);
    expect(durableState(dir).codings.map((c) => c.id)).toEqual([a1.value.id]);
    expect(value<Mutation<string | null>>(await svc.call('history.undo', {})).value).toBeNull();

    // Ben edits Ana's coding; Ana's undo of adding it would throw his edit away: refused.
    value(await svc.call('coding.update', { id: a1.value.id, memo: "Ben's note" }));
    value(await svc.call('coder.use', { name: 'Ana' }));
    const anaView = value<ProjectView>(await svc.call('project.current', {}));
    expect(anaView.undoLabel).toBe(a1.patch.undoLabel);
    const refused = await svc.call('history.undo', {});
    expect(!refused.ok && refused.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^Cannot undo “Code .+”: Ben changed the same items since\./) });
    expect(durableState(dir).codings.map((c) => [c.id, c.memo])).toEqual([[a1.value.id, "Ben's note"]]);
    await svc.close();
  });
});
