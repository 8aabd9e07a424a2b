import { describe, expect, it } from 'vitest';
import { isSafeSourceId, validateSourceContent } from '../../../src/core/persistence/validate-source.js';
import type { PmNodeJson } from '../../../src/core/model/types.js';
import { clone, fixtureSource } from './fixtures.js';

describe('validateSourceContent', () => {
  it('accepts a well-formed content file', () => {
    const s = fixtureSource();
    expect(validateSourceContent(s, 'd_doc1')).toEqual({ ok: true, value: s });
  });

  it('rejects a text that no longer matches its hash', () => {
    const s = { ...fixtureSource(), text: 'The ministry met the embassy three times.' };
    const r = validateSourceContent(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^textHash: does not match the text/);
  });

  it('rejects an id other than the expected one and unsafe ids', () => {
    const r = validateSourceContent(fixtureSource('d_other'), 'd_doc1');
    expect(!r.ok && r.error.message).toBe('id: expected "d_doc1", got "d_other"');
    const bad = validateSourceContent({ ...fixtureSource(), id: '../etc/passwd' });
    expect(!bad.ok && bad.error.message).toMatch(/^id: not a safe file name/);
  });

  it.each([
    ['doc not an object', (s: Record<string, unknown>) => (s.doc = 'text'), 'doc: expected an object, got the string "text"'],
    ['node without type', (s: Record<string, unknown>) => ((s.doc as { content: Record<string, unknown>[] }).content[1]!.type = undefined), 'doc.content[1].type: expected a string, got nothing (missing)'],
    ['marks not an array', (s: Record<string, unknown>) => ((s.doc as { content: { content: Record<string, unknown>[] }[] }).content[0]!.content[0]!.marks = {}), 'doc.content[0].content[0].marks: expected an array, got an object'],
    ['textVersion negative', (s: Record<string, unknown>) => (s.textVersion = -1), 'textVersion: expected an integer ≥ 0, got the number -1'],
  ])('rejects %s naming the field', (_l, mutate, expected) => {
    const s = clone(fixtureSource()) as unknown as Record<string, unknown>;
    mutate(s);
    const r = validateSourceContent(s);
    expect(!r.ok && r.error.message).toBe(expected);
  });

  it('walks a 100,000-deep hostile tree without overflowing the stack', () => {
    let node: PmNodeJson = { type: 'text', text: 'x' };
    for (let i = 0; i < 100_000; i++) node = { type: 'blockquote', content: [node] };
    const ok = validateSourceContent({ ...fixtureSource(), doc: node });
    expect(ok.ok).toBe(true);
    let bad: PmNodeJson = { type: '' };
    for (let i = 0; i < 100_000; i++) bad = { type: 'blockquote', content: [bad] };
    const r = validateSourceContent({ ...fixtureSource(), doc: bad });
    expect(!r.ok && r.error.message).toMatch(/^doc…\(depth 99999\)\.content\[0\]\.type: expected a non-empty string$/);
  });
});

describe('isSafeSourceId', () => {
  it.each(['d_abc123', 'A-1', 'x'])('accepts %s', (id) => expect(isSafeSourceId(id)).toBe(true));
  it.each(['', '..', '../x', 'a/b', 'a\\b', '-x', '_x', 'a.json', 'a\u0000', 'é', 'x'.repeat(129)])('refuses %j', (id) => expect(isSafeSourceId(id)).toBe(false));
});
