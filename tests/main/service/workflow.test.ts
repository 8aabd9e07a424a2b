import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../src/core/model/result.js';
import type { Code, Coding, ProjectData } from '../../../src/core/model/types.js';
import type { ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import type { SearchResult } from '../../../src/core/search/search.js';
import type { SectionMatch } from '../../../src/core/search/sections.js';
import type { Passage } from '../../../src/core/retrieval/passages.js';
import { createService, type Service } from '../../../src/main/service/service.js';
import { durableState } from '../store/helpers.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
/** The durable state on disk: casecoder.json plus the journal (see durableState). */
const onDisk = (dir: string): ProjectData => durableState(dir);

describe('workflow service', () => {
  let svc: Service;
  let dir: string;
  let docId: string;
  beforeEach(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-wf-')), 'p');
    svc = createService({ appVersion: 't', transport: 'web' });
    value<ProjectView>(await svc.call('project.create', { dir }));
    value(await svc.call('coder.use', { name: 'Ana' }));
    const m = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt')], format: 'md', caseName: 'Ecuador' }));
    docId = m.value.files[0]?.documentIds[0] as string;
    return async () => svc.close();
  });

  it('creates, renames, moves, merges and deletes codes; each is one undo step and bumps the codebook version', async () => {
    const v0 = onDisk(dir).project.codebookVersion;
    const sub = value<Mutation<Code>>(await svc.call('code.create', { name: 'Shelters', parentId: 'sd-institution-building' })).value;
    value(await svc.call('code.update', { id: sub.id, patch: { name: 'Victim shelters', shortcut: '9' } }));
    value(await svc.call('code.move', { id: sub.id, parentId: null, index: 0 }));
    expect(onDisk(dir).project.codebookVersion).toBe(v0 + 3);
    const g = value<Mutation<Coding>>(await svc.call('coding.add', { documentId: docId, codeId: sub.id, start: 0, end: 20 })).value;
    const merged = value<Mutation<{ moved: number; collapsed: number }>>(await svc.call('code.merge', { sourceId: sub.id, targetId: 'sd-concerns' }));
    expect(merged.value).toEqual({ moved: 1, collapsed: 0 });
    expect(onDisk(dir).codings.find((x) => x.id === g.id)?.codeId).toBe('sd-concerns');
    expect(value<Mutation<string>>(await svc.call('history.undo', {})).value).toBe('Merge “Victim shelters” into “Concerns”');
    expect(onDisk(dir).codings.find((x) => x.id === g.id)?.codeId).toBe(sub.id);
    value(await svc.call('history.redo', {}));
    const del = value<Mutation<{ codes: number; codings: number }>>(await svc.call('code.delete', { id: 'sd-concerns' }));
    expect(del.value.codings).toBe(1);
    expect(onDisk(dir).codings).toHaveLength(0);
    value(await svc.call('history.undo', {}));
    expect(onDisk(dir).codings).toHaveLength(1);
  });

  it('searches "sanctions", codes all hits as the auto coder in one step, and undoes it', async () => {
    const found = value<SearchResult>(await svc.call('search.run', { text: 'sanctions', mode: 'word' }));
    expect(found.total).toBeGreaterThan(0);
    const r = value<Mutation<{ added: number; existing: number }>>(await svc.call('search.codeHits', { text: 'sanctions', mode: 'word', codeId: 'sd-indirect-pressure', as: 'auto' }));
    expect(r.value.added).toBe(found.total);
    const d = onDisk(dir);
    const auto = d.coders.find((c) => c.name === 'auto');
    expect(auto?.auto).toBe(true);
    expect(d.codings.every((g) => g.coderId === auto?.id && g.exact.toLowerCase() === 'sanctions')).toBe(true);
    const again = value<Mutation<{ added: number; existing: number }>>(await svc.call('search.codeHits', { text: 'sanctions', mode: 'word', codeId: 'sd-indirect-pressure', as: 'auto' }));
    expect(again.value).toEqual({ added: 0, existing: found.total });
    value(await svc.call('history.undo', {}));
    expect(onDisk(dir).codings).toHaveLength(0);
    expect(onDisk(dir).coders.some((c) => c.name === 'auto')).toBe(false);
    const bad = await svc.call('search.run', { text: '(a+)+', mode: 'regex' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('codes the sentence around each hit when asked, once per sentence, and refuses an unknown scope', async () => {
    const found = value<SearchResult>(await svc.call('search.run', { text: 'sanctions', mode: 'word' }));
    const r = value<Mutation<{ added: number; existing: number }>>(await svc.call('search.codeHits', { text: 'sanctions', mode: 'word', codeId: 'sd-indirect-pressure', as: 'auto', scope: 'sentence' }));
    const auto = onDisk(dir).codings;
    expect(auto).toHaveLength(r.value.added);
    expect(r.value.added).toBeGreaterThan(0);
    expect(r.value.added).toBeLessThanOrEqual(found.total);
    expect(r.patch.undoLabel).toMatch(/sentence/);
    for (const g of auto) {
      expect(g.exact).toMatch(/\bsanctions\b/i);
      expect(g.exact.length).toBeGreaterThan('sanctions'.length + 10);
      expect(g.exact).not.toContain('\n\n');
    }
    const spans = new Set(auto.map((g) => `${g.start}-${g.end}`));
    expect(spans.size).toBe(auto.length);
    value(await svc.call('history.undo', {}));
    expect(onDisk(dir).codings).toHaveLength(0);
    const bad = await svc.call('search.codeHits', { text: 'sanctions', mode: 'word', codeId: 'sd-indirect-pressure', as: 'auto', scope: 'chapter' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(onDisk(dir).codings).toHaveLength(0);
  });

  it('codes by section as the current coder, with a preview', async () => {
    const preview = value<SectionMatch[]>(await svc.call('autocode.sectionsPreview', { pattern: 'Direct diplomacy', mode: 'plain' }));
    expect(preview.map((s) => s.heading)).toEqual(['Direct diplomacy']);
    const r = value<Mutation<{ added: number }>>(await svc.call('autocode.sections', { pattern: 'Direct diplomacy', mode: 'plain', codeId: 'sd-direct-diplomacy', as: 'me' }));
    expect(r.value.added).toBe(1);
    const g = onDisk(dir).codings[0];
    expect(g?.exact.startsWith('Scorecard diplomacy meetings')).toBe(true);
    expect(onDisk(dir).coders.find((c) => c.id === g?.coderId)?.name).toBe('Ana');
    const none = await svc.call('autocode.sections', { pattern: 'No such heading', mode: 'plain', codeId: 'sd-direct-diplomacy', as: 'me' });
    expect(none).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('edits a coding, adds memos and an in-vivo code, retrieves and exports passages, round-trips the codebook', async () => {
    const g = value<Mutation<Coding>>(await svc.call('coding.add', { documentId: docId, codeId: 'sd-concerns', start: 0, end: 30 })).value;
    const u = value<Mutation<Coding>>(await svc.call('coding.update', { id: g.id, end: 40, memo: 'why' })).value;
    expect(u).toMatchObject({ end: 40, memo: 'why' });
    value(await svc.call('memo.set', { target: { kind: 'document', id: docId }, text: 'Read twice' }));
    expect(onDisk(dir).memos[0]).toMatchObject({ text: 'Read twice', target: { kind: 'document', id: docId } });
    const iv = value<Mutation<{ code: Code; coding: Coding }>>(await svc.call('coding.inVivo', { documentId: docId, start: 100, end: 130 }));
    expect(iv.value.code.name.length).toBeGreaterThan(0);
    value(await svc.call('history.undo', {}));
    expect(onDisk(dir).codebook.some((c) => c.id === iv.value.code.id)).toBe(false);
    const ps = value<Passage[]>(await svc.call('retrieval.passages', { codeIds: ['sd-concerns'] }));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ case: 'Ecuador', memo: 'why', coder: 'Ana' });
    const csv = value<{ text: string; fileName: string }>(await svc.call('retrieval.export', { format: 'csv' }));
    expect(csv.text.split('\r\n')[1]).toContain('Concerns');
    expect(csv.fileName).toMatch(/_passages_\d{4}-\d{2}-\d{2}\.csv$/);
    const md = value<{ text: string; fileName: string }>(await svc.call('codebook.export', { format: 'md' }));
    expect(md.fileName).toMatch(/_codebook_v\d+_\d{4}-\d{2}-\d{2}\.md$/);
    expect(md.text).toContain('## Direct diplomacy');
    const json = value<{ text: string }>(await svc.call('codebook.export', { format: 'json' }));
    const imp = value<Mutation<{ added: number; unchanged: number }>>(await svc.call('codebook.import', { json: json.text }));
    expect(imp.value.added).toBe(0);
    expect(await svc.call('codebook.import', { json: '{' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const co = await svc.call('retrieval.cooccurrence', { rule: 'paragraph' });
    expect(co.ok).toBe(true);
  });
});
