import { describe, expect, it } from 'vitest';
import { createProject, ensureCoder } from '../../../src/core/model/project.js';
import { buildCoderExport, coderExportFileName, mergeWork, parseCoderExport } from '../../../src/core/merge/index.js';
import { sha256Hex } from '../../../src/core/util/hash.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const text = 'Alpha beta gamma. Delta epsilon.';
function project(): ProjectData {
  let p = createProject('Study: Ecuador/2024', [{ id: 'k1', name: 'Concerns', parentId: null, color: '#112233', description: '', inclusion: '', exclusion: '', example: '', shortcut: '1', order: 0 }], coreEnv);
  p = { ...p, documents: [{ id: 'd1', caseId: null, title: 'Doc', sourceFile: 'doc.txt', format: 'txt', textHash: sha256Hex(text), chars: text.length, importedAt: '', textVersion: 1 }] };
  p = ensureCoder(p, 'Ana', coreEnv).data;
  p = ensureCoder(p, 'Ben', coreEnv).data;
  const [ana, ben] = p.coders;
  const g = (id: string, coderId: string, start: number, end: number) => ({
    id,
    documentId: 'd1',
    codeId: 'k1',
    coderId,
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(0, start),
    suffix: text.slice(end),
    memo: '',
    created: 't',
    updated: 't',
  });
  return { ...p, codings: [g('g1', ana!.id, 0, 5), g('g2', ben!.id, 6, 10)] };
}

describe('coder export', () => {
  it('holds only the chosen coder’s codings, the codebook and document hashes, and round-trips', () => {
    const p = project();
    const ana = p.coders[0]!.id;
    const e = buildCoderExport(p, [ana], '2025-03-01T00:00:00Z');
    if (!e.ok) throw new Error(e.error.message);
    expect(e.value.codings.map((c) => c.id)).toEqual(['g1']);
    expect(e.value.documents).toEqual([{ id: 'd1', title: 'Doc', textHash: sha256Hex(text), chars: text.length }]);
    const back = parseCoderExport(JSON.stringify(e.value));
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value).toEqual(e.value);
    expect(coderExportFileName(e.value)).toBe('Study-Ecuador-2024-Ana.casecoder-coder.json');
    // Merged into a project with the same document under another id: the coding lands there.
    const other = { ...createProject('Other', [], coreEnv), documents: [{ ...p.documents[0]!, id: 'dX' }] };
    const m = mergeWork(other, back.value, new Map([['dX', text]]), { id: 'r', at: 't', source: { kind: 'coder-export', name: 'x.json' } }, coreEnv);
    if (!m.ok) throw new Error(m.error.message);
    expect(m.value.data.codings).toMatchObject([{ documentId: 'dX', codeId: 'k1', exact: 'Alpha' }]);
    expect(m.value.data.coders.map((c) => c.name)).toEqual(['Ana']);
  });

  it('refuses unknown coders, wrong formats, newer versions and damaged content with specific errors', () => {
    const p = project();
    expect(buildCoderExport(p, ['nobody'], 't')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(buildCoderExport(p, [], 't')).toMatchObject({ ok: false });
    expect(parseCoderExport('not json')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(parseCoderExport('{"format":"other"}')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const good = buildCoderExport(p, [p.coders[0]!.id], 't');
    if (!good.ok) throw new Error('x');
    expect(parseCoderExport(JSON.stringify({ ...good.value, version: 99 }))).toMatchObject({ ok: false, error: { code: 'newer-version' } });
    const bad = { ...good.value, codings: [{ ...good.value.codings[0], start: -1 }] };
    const r = parseCoderExport(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('codings[0].start');
    expect(parseCoderExport(JSON.stringify({ ...good.value, documents: [{ id: 'd', title: 't', textHash: 'abc', chars: 1 }] }))).toMatchObject({ ok: false });
    expect(parseCoderExport('\ufeff' + JSON.stringify(good.value)).ok).toBe(true);
  });
});
