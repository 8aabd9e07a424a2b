import { describe, expect, it } from 'vitest';
import { widenHit } from '../../../src/core/search/scope.js';

const text = 'Chad remained engaged in fighting. The U.S. embassy reported smuggling of children across the border. Officials denied it!\n\nA second paragraph on smuggling routes.';

const at = (word: string, from = 0): [number, number] => {
  const s = text.indexOf(word, from);
  return [s, s + word.length];
};

describe('widenHit', () => {
  it('keeps the hit, or widens it to its sentence or its paragraph', () => {
    const [s, e] = at('smuggling');
    expect(widenHit(text, s, e, 'hit')).toEqual({ start: s, end: e });
    const sentence = widenHit(text, s, e, 'sentence');
    expect(text.slice(sentence.start, sentence.end)).toBe('The U.S. embassy reported smuggling of children across the border.');
    const para = widenHit(text, s, e, 'paragraph');
    expect(text.slice(para.start, para.end)).toBe('Chad remained engaged in fighting. The U.S. embassy reported smuggling of children across the border. Officials denied it!');
  });

  it('stays inside the hit’s paragraph and covers every sentence a hit touches', () => {
    const [s, e] = at('smuggling', text.indexOf('\n\n'));
    expect(text.slice(...(Object.values(widenHit(text, s, e, 'sentence')) as [number, number]))).toBe('A second paragraph on smuggling routes.');
    expect(text.slice(...(Object.values(widenHit(text, s, e, 'paragraph')) as [number, number]))).toBe('A second paragraph on smuggling routes.');
    const [a] = at('fighting');
    const [, b] = at('embassy');
    expect(text.slice(...(Object.values(widenHit(text, a, b, 'sentence')) as [number, number]))).toBe('Chad remained engaged in fighting. The U.S. embassy reported smuggling of children across the border.');
  });
});
