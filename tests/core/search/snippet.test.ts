import { describe, expect, it } from 'vitest';
import { passageSnippets, snippetAfter, snippetBefore } from '../../../src/core/search/snippet.js';

describe('snippetBefore', () => {
  it('starts at a whole word when it has to shorten', () => {
    expect(snippetBefore('the embassy worked hard to build relationships with ', 20)).toEqual({ text: 'relationships with ', cut: true });
  });
  it('keeps a cut that falls between words', () => {
    expect(snippetBefore('aaa bbb ccc ', 8)).toEqual({ text: 'bbb ccc ', cut: true });
  });
  it('stays inside the paragraph: a heading does not run into the text', () => {
    expect(snippetBefore('Summary\n\nThe Argentine ', 60)).toEqual({ text: 'The Argentine ', cut: false });
  });
  it('drops a partial first word of stored context whose start is unknown', () => {
    expect(snippetBefore('ntine case demonstrates ', 60, false)).toEqual({ text: 'case demonstrates ', cut: true });
  });
  it('keeps a line break (a verbatim slice) and says nothing was cut at a paragraph start', () => {
    expect(snippetBefore('one\ntwo ', 60)).toEqual({ text: 'one\ntwo ', cut: false });
  });
});

describe('snippetAfter', () => {
  it('ends at a whole word when it has to shorten', () => {
    expect(snippetAfter(' and practical assistance. Embassy officials', 20)).toEqual({ text: ' and practical', cut: true });
  });
  it('stops at the end of the paragraph, with no ellipsis', () => {
    expect(snippetAfter(' officials.\n\nIndirect pressure\n\nIndirect', 60)).toEqual({ text: ' officials.', cut: false });
  });
  it('drops a partial last word of stored context whose end is unknown', () => {
    expect(snippetAfter(' tenaciously reinfo', 60, false)).toEqual({ text: ' tenaciously', cut: true });
  });
  it('keeps a whole last word when stored context ends with a space', () => {
    expect(snippetAfter(' tenaciously ', 60, false)).toEqual({ text: ' tenaciously', cut: true });
  });
});

describe('passageSnippets', () => {
  it('shows a passage after a heading without the heading, and a full stored context from a whole word', () => {
    const { before, after } = passageSnippets('Summary\n\n', 'ntrast, the embassy kept up the presst', 32);
    expect(before).toEqual({ text: '', cut: false });
    expect(after.text).toBe('ntrast, the embassy kept up the');
    expect(after.cut).toBe(true);
  });
  it('treats a short stored context as the edge of the document', () => {
    expect(passageSnippets('The ', ' end.', 32)).toEqual({ before: { text: 'The ', cut: false }, after: { text: ' end.', cut: false } });
  });
});
