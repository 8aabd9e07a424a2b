import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { passagesToCsv, passagesToMarkdown, retrievePassages, PASSAGE_CSV_COLUMNS } from '../../../src/core/retrieval/passages.js';
import { coOccurrenceTable, frequencyByCase, frequencyByDocument } from '../../../src/core/retrieval/frequency.js';
import { setMemo, findMemo } from '../../../src/core/memos/memos.js';
import { baseProject, TEXTS } from '../matrix/fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

describe('retrieval', () => {
  it('filters by code with and without sub-codes, by case, document and coder, in reading order', () => {
    const p = baseProject();
    const withKids = retrievePassages(p, { codeIds: ['sd-outcomes'] });
    const alone = retrievePassages(p, { codeIds: ['sd-outcomes'], includeChildren: false });
    expect(alone.map((x) => x.codingId)).toEqual(['c9']);
    expect(withKids.map((x) => x.codingId).sort()).toEqual(['c1', 'c11', 'c2', 'c3', 'c5', 'c6', 'c7', 'c9'].sort());
    const arg = retrievePassages(p, { codeIds: ['sd-outcomes'], caseIds: ['k-arg'], coderIds: ['u-ana'] });
    expect(arg.map((x) => x.codingId)).toEqual(['c1', 'c3']);
    expect(retrievePassages(p, { documentIds: ['d-chad'] }).map((x) => x.codingId)).toEqual(['c11', 'c9']);
    const all = retrievePassages(p);
    expect(all).toHaveLength(p.codings.length);
    for (let i = 1; i < all.length; i++) {
      const a = all[i - 1];
      const b = all[i];
      if (a && b && a.documentId === b.documentId) expect(a.start).toBeLessThanOrEqual(b.start);
    }
  });

  it('gives each passage its document, case, code path, coder, page and context', () => {
    const p = baseProject();
    const c3 = retrievePassages(p, { codeIds: ['sd-institution-building'] }).find((x) => x.codingId === 'c3');
    expect(c3).toMatchObject({ document: 'Argentina case study', case: 'Argentina', code: 'Outcomes/Institution building', coder: 'Ana', page: 12 });
  });

  it('exports CSV that a CSV parser reads back, and escaped Markdown', () => {
    const p = baseProject();
    const ps = retrievePassages(p);
    const parsed = Papa.parse<string[]>(passagesToCsv(ps).trim(), { newline: '\r\n' });
    expect(parsed.data[0]).toEqual([...PASSAGE_CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(ps.length + 1);
    const c7 = parsed.data.find((r) => r[11] === 'c7');
    expect(c7?.[7]).toBe('Border guards began screening returning migrants; training reached <100> officers.');
    const md = passagesToMarkdown(ps);
    expect(md).toContain('## Armenia case study (Armenia)');
    expect(md).toContain('\\<100\\>');
    expect(md).toContain('p. 12');
  });

  it('counts codes per case and per document with the matrix area’s functions, and co-occurrence', () => {
    const p = baseProject();
    const byCase = frequencyByCase(p);
    if (!byCase.ok) throw new Error(byCase.error.message);
    const row = byCase.value.codes.findIndex((c) => c.id === 'sd-legislation');
    const col = byCase.value.cases.findIndex((c) => c.id === 'k-arm');
    expect(byCase.value.counts[row]?.[col]).toBe(2);
    const byDoc = frequencyByDocument(p, { coderIds: ['u-ana'] });
    if (!byDoc.ok) throw new Error(byDoc.error.message);
    expect(byDoc.value.cases.map((c) => c.name)).toEqual(['Argentina case study', 'Armenia case study', 'Chad case study']);
    expect(byDoc.value.counts[byDoc.value.codes.findIndex((c) => c.id === 'sd-legislation')]?.[1]).toBe(1);
    const co = coOccurrenceTable(p, { rule: 'overlap' });
    if (!co.ok) throw new Error(co.error.message);
    const i = co.value.codes.findIndex((c) => c.id === 'sd-outcomes');
    const j = co.value.codes.findIndex((c) => c.id === 'sd-legislation');
    expect(co.value.counts[i]?.[j]).toBe(1); // c9 and c11 overlap in Chad (same coder)
    const para = coOccurrenceTable(p, { rule: 'paragraph', texts: new Map(Object.entries(TEXTS)) });
    expect(para.ok).toBe(true);
  });
});

describe('memos', () => {
  it('keeps one memo per target and coder; empty text deletes it; unknown targets are refused', () => {
    const p = baseProject();
    const a = setMemo(p, { kind: 'document', id: 'd-arg' }, 'u-ana', 'Check the 2008 dates', coreEnv);
    if (!a.ok) throw new Error(a.error.message);
    const b = setMemo(a.value.data, { kind: 'document', id: 'd-arg' }, 'u-ana', 'Checked', coreEnv);
    if (!b.ok) throw new Error(b.error.message);
    expect(b.value.data.memos).toHaveLength(1);
    expect(findMemo(b.value.data, { kind: 'document', id: 'd-arg' }, 'u-ana')?.text).toBe('Checked');
    const c = setMemo(b.value.data, { kind: 'document', id: 'd-arg' }, 'u-ana', '  ', coreEnv);
    expect(c.ok && c.value.data.memos).toEqual([]);
    expect(setMemo(p, { kind: 'document', id: 'nope' }, 'u-ana', 'x', coreEnv)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
