import { describe, expect, it } from 'vitest';
import { coderChoices, loadRecentCoders, MAX_RECENT_CODERS, RECENT_CODERS_KEY, rememberCoder, saveRecentCoder } from '../../../src/renderer/src/state/recent-coders.js';

const coders = [
  { id: 'u1', name: 'Ana', auto: false, consensus: false },
  { id: 'u2', name: 'Ben', auto: false, consensus: false },
  { id: 'u3', name: 'auto', auto: true, consensus: false },
  { id: 'u4', name: 'Consensus', auto: false, consensus: true },
  { id: 'u5', name: 'Chloé', auto: false, consensus: false },
];

/** An in-memory Storage stand-in (the browser's is per origin; tests must not share one). */
function memory(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('recent coders', () => {
  it('puts the latest name first, once, whatever its case', () => {
    expect(rememberCoder(['Ben', 'Ana'], 'ana')).toEqual(['ana', 'Ben']);
    expect(rememberCoder(['Ben'], '  ')).toEqual(['Ben']);
    expect(rememberCoder(['a', 'b', 'c', 'd', 'e', 'f'], 'g')).toHaveLength(MAX_RECENT_CODERS);
  });

  it('offers recent names first, then the other human coders by name, never the current one', () => {
    expect(coderChoices(['Ben', 'Zoe'], coders, 'u1')).toEqual([
      { name: 'Ben', recent: true },
      { name: 'Zoe', recent: true },
      { name: 'Chloé', recent: false },
    ]);
    expect(coderChoices([], coders, null).map((c) => c.name)).toEqual(['Ana', 'Ben', 'Chloé']);
    expect(coderChoices(['ana'], coders, 'u1')).toEqual([
      { name: 'Ben', recent: false },
      { name: 'Chloé', recent: false },
    ]);
  });

  it('keeps the list in storage, and reads a damaged entry as empty', () => {
    const s = memory();
    expect(saveRecentCoder('Ana', s)).toEqual(['Ana']);
    expect(saveRecentCoder('Ben', s)).toEqual(['Ben', 'Ana']);
    expect(loadRecentCoders(s)).toEqual(['Ben', 'Ana']);
    expect(loadRecentCoders(memory({ [RECENT_CODERS_KEY]: '{not json' }))).toEqual([]);
    expect(loadRecentCoders(memory({ [RECENT_CODERS_KEY]: '[1, "Ana", null]' }))).toEqual(['Ana']);
    expect(loadRecentCoders(undefined)).toEqual([]);
  });

  it('still switches when storage refuses to write', () => {
    const s = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveRecentCoder('Ana', s)).toEqual(['Ana']);
  });
});
