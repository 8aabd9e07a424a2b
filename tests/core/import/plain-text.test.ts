import { describe, expect, it } from 'vitest';
import { importPlainText } from '../../../src/core/import/plain-text.js';
import { decodeText, decodeWindows1252 } from '../../../src/core/import/decode.js';
import { looksLikeMarkdown, formatFromMagic } from '../../../src/core/import/detect.js';
import { reflowBlocks, splitBlocksByCase, caseLineMatcher } from '../../../src/core/import/sections.js';
import { importTextContent } from '../../../src/core/import/pipeline.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import type { PmNodeJson } from '../../../src/core/model/types.js';

const text = (doc: PmNodeJson): string => buildTextIndex(readerSchema.nodeFromJSON(doc)).text;

describe('plain text', () => {
  it('makes paragraphs at blank lines, joins wrapped lines (a line-end hyphen is kept, never guessed away), keeps bullets and section headings', () => {
    const src = '\n\n\n  Background  \nThe embassy met the   \n minister of govern-\nment often.\n \n\n\n• First item that\n\ncontinues\n• Second\nConcerns\nShort.\n';
    const r = importPlainText(src);
    expect(text(r.doc)).toBe('Background\n\nThe embassy met the minister of govern-ment often.\n\nFirst item that\n\ncontinues\n\nSecond\n\nConcerns\n\nShort.');
    expect((r.doc.content ?? []).map((b) => b.type)).toEqual(['heading', 'paragraph', 'bullet_list', 'paragraph', 'bullet_list', 'heading', 'paragraph']);
  });

  it('reflow joins a sentence broken by a blank line, into a list item too', () => {
    const r = importTextContent('• First item that\n\ncontinues here.\n\nA paragraph cut\n\nby a page break. Next.\n\nNew paragraph.', 'txt', { reflow: true });
    expect(r.ok && text(r.value[0]!.doc)).toBe('First item that continues here.\n\nA paragraph cut by a page break. Next.\n\nNew paragraph.');
    expect(reflowBlocks([])).toEqual([]);
  });

  it('uses a user-given heading list instead of the scorecard names', () => {
    const r = importPlainText('Findings\ntext here\nBackground\nmore', { headings: ['Findings'] });
    expect((r.doc.content ?? []).map((b) => b.type)).toEqual(['heading', 'paragraph']);
  });

  it('turns tab-separated rows into a table', () => {
    const r = importPlainText('Agency:\tIOM\nSite:\tQuito\n');
    expect(r.doc.content?.[0]?.type).toBe('table');
  });
});

describe('decoding', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('handles UTF-8 with and without BOM, UTF-16 LE/BE with BOM, CRLF', () => {
    expect(decodeText(enc('a\r\nb\rc'))).toMatchObject({ ok: true, value: { text: 'a\nb\nc', encoding: 'utf-8', bom: false } });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('é')]))).toMatchObject({ ok: true, value: { text: 'é', bom: true } });
    const le = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]);
    expect(decodeText(le)).toMatchObject({ ok: true, value: { text: 'Aé', encoding: 'utf-16le' } });
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9]);
    expect(decodeText(be)).toMatchObject({ ok: true, value: { text: 'Aé', encoding: 'utf-16be' } });
  });

  it('falls back to windows-1252 with a warning, refuses binary', () => {
    const r = decodeText(new Uint8Array([0x93, 0x51, 0x75, 0x69, 0x74, 0x6f, 0x94, 0x20, 0xe9]));
    expect(r).toMatchObject({ ok: true, value: { text: '“Quito” é', encoding: 'windows-1252' } });
    expect(r.ok && r.value.warnings[0]).toMatch(/Windows-1252/);
    expect(decodeText(new Uint8Array([1, 2, 0, 4, 5]))).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(decodeWindows1252(new Uint8Array([0x80]))).toBe('€');
  });
});

describe('detection and splitting', () => {
  it('tells Markdown from prose and sniffs magic bytes', () => {
    expect(looksLikeMarkdown('## Heading\n\nSome text with **bold**.')).toBe(true);
    expect(looksLikeMarkdown('Plain prose.\nMore prose, nothing else.\n')).toBe(false);
    expect(formatFromMagic(new TextEncoder().encode('%PDF-1.7'))).toBe('pdf');
    expect(formatFromMagic(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('docx');
    expect(formatFromMagic(new TextEncoder().encode('  <!DOCTYPE html><html>'))).toBe('html');
  });

  it('matches case lines with a parenthetical remark, not running text', () => {
    const m = caseLineMatcher(['Israel', 'United Arab Emirates']);
    expect(m('Israel (see also case discussion in book)')).toBe('Israel');
    expect(m('  united arab emirates ')).toBe('United Arab Emirates');
    expect(m('Israel is a destination country')).toBeNull();
  });

  it('skips contents entries: a case named again later with little text in between', () => {
    const p = (t: string): PmNodeJson => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });
    const long = 'x'.repeat(150);
    const { preamble, segments } = splitBlocksByCase([p('Contents'), p('Chad'), p('Oman'), p('Chad'), p(long), p('Oman'), p(long)], ['Chad', 'Oman']);
    expect(segments.map((s) => s.caseName)).toEqual(['Chad', 'Oman']);
    expect(segments.map((s) => s.blocks.length)).toEqual([2, 2]);
    expect(preamble.length).toBe(3);
  });

  it('refuses to split text that names no known case, and empty text', () => {
    expect(importTextContent('Some text.', 'txt', { split: true, caseNames: ['Chad'] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(importTextContent('   \n\n  ', 'txt')).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
