import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileQuery, regexRisk } from '../../../src/core/search/query.js';
import { searchTexts } from '../../../src/core/search/search.js';
import { documentSections, matchSections, notesStart } from '../../../src/core/search/sections.js';
import { importTextContent, resolveTextFormat } from '../../../src/core/import/pipeline.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';

const SEED_000 = readFileSync(new URL('../../../../shared/seeds/000_b19cde1f6a69a6f8.txt', import.meta.url), 'utf8');

function seedDoc(): { text: string; index: ReturnType<typeof buildTextIndex>; doc: ReturnType<typeof readerSchema.nodeFromJSON> } {
  const parts = importTextContent(SEED_000, resolveTextFormat('md'));
  if (!parts.ok) throw new Error(parts.error.message);
  const doc = readerSchema.nodeFromJSON(parts.value[0]?.doc);
  const index = buildTextIndex(doc);
  return { text: index.text, index, doc };
}

describe('search', () => {
  it('finds every occurrence of "sanctions" in seed 000, case-insensitively, with context inside the paragraph', () => {
    const { text } = seedDoc();
    const r = searchTexts([{ id: 'd', text }], { text: 'sanctions', mode: 'plain' });
    if (!r.ok) throw new Error(r.error.message);
    const expected = [...text.matchAll(/sanctions/gi)].map((m) => m.index);
    expect(expected.length).toBeGreaterThan(0);
    expect(r.value.total).toBe(expected.length);
    const hits = r.value.groups[0]?.hits ?? [];
    expect(hits.map((h) => h.start)).toEqual(expected);
    for (const h of hits) {
      expect(text.slice(h.start, h.end).toLowerCase()).toBe('sanctions');
      expect(h.before.includes('\n\n')).toBe(false);
      expect(text.slice(h.start - h.before.length, h.start)).toBe(h.before);
    }
  });

  it('cuts contexts at whole words, never mid-word, and says when it cut', () => {
    const { text } = seedDoc();
    const r = searchTexts([{ id: 'd', text }], { text: 'sanctions', mode: 'plain' }, { context: 30 });
    if (!r.ok) throw new Error(r.error.message);
    const hits = r.value.groups[0]?.hits ?? [];
    expect(hits.some((h) => h.cutBefore) && hits.some((h) => h.cutAfter)).toBe(true);
    for (const h of hits) {
      const b = h.start - h.before.length;
      const a = h.end + h.after.length;
      if (h.cutBefore && h.before) expect(/\s/.test(text[b - 1] ?? ' ') || /\s/.test(text[b] ?? ' ')).toBe(true);
      if (h.cutAfter && h.after) expect(/\s/.test(text[a] ?? ' ') || /\s/.test(text[a - 1] ?? ' ')).toBe(true);
      expect(h.before.length).toBeLessThanOrEqual(30);
      expect(h.after.length).toBeLessThanOrEqual(30);
    }
  });

  it('whole-word mode skips matches inside longer words, in any script', () => {
    const docs = [{ id: 'a', text: 'Tier rating; Tiers; frontier. Tier\n\nçtier tier' }];
    const r = searchTexts(docs, { text: 'tier', mode: 'word' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.groups[0]?.hits.map((h) => h.start)).toEqual([0, 30, 42]);
    const cs = searchTexts(docs, { text: 'Tier', mode: 'word', caseSensitive: true });
    expect(cs.ok && cs.value.total).toBe(2);
  });

  it('regex mode works and skips empty matches; bad and dangerous patterns are refused', () => {
    const r = searchTexts([{ id: 'a', text: 'Law 26.364 and Law 14' }], { text: 'Law \\d+(\\.\\d+)?', mode: 'regex' });
    expect(r.ok && r.value.groups[0]?.hits.map((h) => h.match)).toEqual(['Law 26.364', 'Law 14']);
    expect(searchTexts([{ id: 'a', text: 'abc' }], { text: 'x*', mode: 'regex' })).toMatchObject({ ok: true, value: { total: 0 } });
    expect(compileQuery({ text: '(a+)+$', mode: 'regex' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(compileQuery({ text: '(\\w*\\s?)*x', mode: 'regex' })).toMatchObject({ ok: false });
    expect(compileQuery({ text: '((ab)*c)+', mode: 'regex' })).toMatchObject({ ok: false });
    expect(compileQuery({ text: '(a)\\1', mode: 'regex' })).toMatchObject({ ok: false });
    expect(compileQuery({ text: '([a-z]', mode: 'regex' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(compileQuery({ text: 'x'.repeat(501), mode: 'plain' })).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(compileQuery({ text: '  ', mode: 'plain' })).toMatchObject({ ok: false });
    expect(regexRisk('(foo|bar)+ \\d{2,4} [(+*)]+')).toBeNull();
  });

  it('plain mode takes regex metacharacters literally', () => {
    const r = searchTexts([{ id: 'a', text: 'cost $2 (million) or $2.5' }], { text: '$2 (million)', mode: 'plain' });
    expect(r.ok && r.value.total).toBe(1);
  });

  it('stops at the hit cap and at the time budget, saying which', () => {
    const text = Array.from({ length: 50 }, () => 'a a a a').join('\n\n');
    const capped = searchTexts([{ id: 'a', text }], { text: 'a', mode: 'plain' }, { maxHits: 7 });
    expect(capped.ok && [capped.value.total, capped.value.truncated]).toEqual([7, 'hits']);
    let t = 0;
    const timed = searchTexts([{ id: 'a', text }], { text: 'a', mode: 'plain' }, { budgetMs: 10, clock: () => (t += 4) });
    expect(timed.ok && timed.value.truncated).toBe('time');
    expect(timed.ok && timed.value.total).toBeLessThan(200);
  });
});

describe('sections', () => {
  it('finds the Direct diplomacy section of seed 000, stopping at the next heading and before the notes', () => {
    const { doc, index, text } = seedDoc();
    const limit = notesStart(doc, index);
    expect(limit).toBeLessThan(text.length);
    const secs = documentSections(index, limit);
    const dd = secs.find((s) => s.heading === 'Direct diplomacy');
    expect(dd).toBeDefined();
    if (!dd) return;
    expect(text.slice(dd.start, dd.end).startsWith('Scorecard diplomacy meetings to discuss TIP')).toBe(true);
    const next = index.headings.find((h) => h.offset > dd.headingStart);
    expect(dd.end).toBeLessThanOrEqual(next?.offset ?? Infinity);
    expect(/\s$/.test(text.slice(dd.start, dd.end))).toBe(false);
    // Outcomes contains its sub-sections (Legislation …) and ends before a same-level heading.
    const out = secs.find((s) => s.heading === 'Outcomes');
    const leg = secs.find((s) => s.heading === 'Legislation');
    expect(out && leg && out.start <= leg.headingStart && leg.end <= out.end).toBe(true);
    for (const s of secs) expect(s.end).toBeLessThanOrEqual(limit);
    const m = matchSections([{ id: 'd', sections: secs }], 'direct diplomacy', 'plain');
    expect(m.ok && m.value.map((x) => x.heading)).toEqual(['Direct diplomacy']);
    expect(matchSections([{ id: 'd', sections: secs }], '^(Legislation|Concerns)$', 'regex')).toMatchObject({ ok: true, value: [{ heading: expect.any(String) }, { heading: expect.any(String) }] });
  });
});
