import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../src/core/import/markdown.js';
import { keepListMarkersInParagraphs, splitSuperscripts, unescapePunctuation } from '../../../src/core/import/python-markdown.js';
import { importPlainText } from '../../../src/core/import/plain-text.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import type { PmNodeJson } from '../../../src/core/model/types.js';

const text = (doc: PmNodeJson): string => buildTextIndex(readerSchema.nodeFromJSON(doc)).text;
const types = (doc: PmNodeJson): string[] => (doc.content ?? []).map((b) => b.type);

describe('Python-Markdown (Pelican) rules for files with a Title: header', () => {
  it('a list cannot interrupt a paragraph: the hard-wrapped range hyphen stays text', () => {
    const r = importMarkdown('Title: Ecuador\nSlug: case-studies/ecuador\n\nThe GOE adopted the 2006\n- 2008 National Plan against trafficking.\n');
    expect(text(r.doc)).toBe('The GOE adopted the 2006 - 2008 National Plan against trafficking.');
    expect(types(r.doc)).toEqual(['paragraph']);
  });

  it('lists after a blank line, a heading or another item stay lists; fenced code is untouched', () => {
    const src = 'Title: T\n\nProse.\n\n- one\n- two\nlazy\n- three\n\n## H\n- under heading\n\n```\ntext\n- in code\n```\n';
    const r = importMarkdown(src);
    expect(types(r.doc)).toEqual(['paragraph', 'bullet_list', 'heading', 'bullet_list', 'paragraph']);
    expect(r.doc.content?.[1]?.content).toHaveLength(3);
    expect(keepListMarkersInParagraphs('a\n1. b\n\n2. c')).toBe('a\n1\\. b\n\n2. c');
  });

  it('without the header, CommonMark rules hold (a list interrupts a paragraph)', () => {
    expect(types(importMarkdown('The 2006\n- 2008 plan\n').doc)).toEqual(['paragraph', 'bullet_list']);
  });

  it('backslash escapes inside <http://…> autolinks leave neither the text nor the target', () => {
    const r = importMarkdown('See <http://www.example.org/where\\_we\\_work/page\\#top>.\n');
    const p = r.doc.content?.[0]?.content ?? [];
    const link = p.find((n) => n.marks?.some((m) => m.type === 'link'));
    expect(link?.text).toBe('http://www.example.org/where_we_work/page#top');
    expect(link?.marks?.[0]?.attrs?.['href']).toBe('http://www.example.org/where_we_work/page#top');
    expect(text(r.doc)).toBe('See http://www.example.org/where_we_work/page#top.');
    expect(unescapePunctuation('a\\_b\\\\c\\d')).toBe('a_b\\c\\d');
  });

  it('^…^ superscripts become sup marks; ^^…^^, lone carets and footnote brackets stay text', () => {
    const r = importMarkdown('The 20^th^ report, x^^ins^^, 2^10 and [^a][^b] and y^a\\ b^.\n');
    const p = r.doc.content?.[0]?.content ?? [];
    const sups = p.filter((n) => n.marks?.some((m) => m.type === 'sup')).map((n) => n.text);
    expect(sups).toEqual(['th', 'a b']);
    expect(text(r.doc)).toBe('The 20th report, x^^ins^^, 2^10 and [^a][^b] and ya b.');
    expect(splitSuperscripts('no carets')).toEqual([{ text: 'no carets', sup: false }]);
  });
});

describe('plain-text lists and headings', () => {
  it('a wrapped line starting with "- " continues its paragraph and keeps the dash; • always starts an item', () => {
    const r = importPlainText('The GOE adopted the 2006\n- 2008 National Plan.\n\n- one\n- two\nPlan:\n• three\n');
    expect(text(r.doc)).toBe('The GOE adopted the 2006 - 2008 National Plan.\n\none\n\ntwo Plan:\n\nthree');
    expect(types(r.doc)).toEqual(['paragraph', 'bullet_list']);
    expect(r.doc.content?.[1]?.content).toHaveLength(3);
  });

  it('a wrapped line holding only a section word is prose, not a heading', () => {
    const r = importPlainText('Scorecard diplomacy was successful in getting progress on\nlegislation\nand implementation, though slowly.\n\nThe report named\nOutcomes\nas its last part.\n');
    expect(types(r.doc)).toEqual(['paragraph', 'paragraph']);
    expect(text(r.doc)).toContain('progress on legislation and implementation');
  });

  it('a section line after a finished sentence or a blank line is still a heading', () => {
    const r = importPlainText('The law passed in 2005.\nLegislation\nThe new law was slow.\n\nOutcomes\nText.\n');
    expect(types(r.doc)).toEqual(['paragraph', 'heading', 'paragraph', 'heading', 'paragraph']);
  });
});
