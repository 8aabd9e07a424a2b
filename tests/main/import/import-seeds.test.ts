import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/main/import/import-file.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import { SEEDS, SEED_002_CASES, canonicalText, missingWords, readSeed, seedPath } from '../../fixtures/import/seeds.js';

async function importSeed(name: string, opts = {}) {
  const r = await importFile(seedPath(name), opts);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

/**
 * Characters of `source` missing from `text` (compared without whitespace, in order), except a
 * bullet that starts a line: each returned with a little context.
 */
function lostCharacters(source: string, text: string): string[] {
  const lost: string[] = [];
  const bare = text.replace(/\s+/g, '');
  let j = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (/\s/.test(c)) continue;
    if (bare[j] === c) {
      j++;
      continue;
    }
    const lineStart = /(^|\n)[ \t]*$/.test(source.slice(Math.max(0, i - 200), i));
    if (!(lineStart && /[-*•◦▪–]/.test(c) && /\s/.test(source[i + 1] ?? ''))) lost.push(source.slice(Math.max(0, i - 20), i + 20));
  }
  return lost;
}

/** The seeds written in Markdown: their users choose Markdown (a `.txt` is never switched silently). */
const MARKDOWN_SEEDS: readonly string[] = [SEEDS.s000, SEEDS.s001, SEEDS.s003];
const asChosen = (name: string): { format?: 'md' } => (MARKDOWN_SEEDS.includes(name) ? { format: 'md' } : {});

describe('importing the seed corpus', () => {
  for (const [key, name] of Object.entries(SEEDS)) {
    it(`${key}: the canonical text holds every visible word of the source (as a multiset)`, async () => {
      const docs = await importSeed(name, asChosen(name));
      expect(docs).toHaveLength(1);
      const text = canonicalText(docs[0]!.doc);
      expect(text.length).toBeGreaterThan(10_000);
      expect(missingWords(readSeed(name), text)).toEqual([]);
    });
  }

  it('seed 000 imported as Markdown is titled Ecuador, with its sections and 32 linked footnotes', async () => {
    const [doc] = await importSeed(SEEDS.s000, { format: 'md' });
    expect(doc!.format).toBe('md');
    expect(doc!.title).toBe('Ecuador');
    const node = readerSchema.nodeFromJSON(doc!.doc);
    const idx = buildTextIndex(node);
    expect(idx.headings.map((h) => h.text)).toEqual([
      'Background',
      'Direct diplomacy',
      'Indirect pressure',
      'Concerns',
      'Outcomes',
      'Legislation',
      'The promotion and adoption of new norms and practices',
      'Institution building',
      'Conditioning factors',
    ]);
    const refs: string[] = [];
    node.descendants((n) => {
      if (n.type.name === 'footnote_ref') refs.push(String(n.attrs['label']));
      return true;
    });
    const last = node.lastChild!;
    expect(last.type.name).toBe('footnotes');
    const labels: string[] = [];
    last.forEach((fn) => labels.push(String(fn.attrs['label'])));
    expect(refs).toHaveLength(32);
    expect(labels).toEqual(refs);
    expect(labels[0]).toBe('99');
    expect(idx.text).not.toContain('[TOC]');
    expect(idx.text).not.toContain('Template: case');
    expect(idx.text).not.toContain('{.img-fluid}');
    expect(idx.text).toContain('[Image: Ecuador’s TIP ranking and policy during governments, 2003–2014]');
    expect(idx.text).toContain('Figure 4: Ecuador’s TIP ranking');
    expect(idx.text).not.toMatch(/<div|class=/);
    expect(JSON.stringify(doc!.doc)).toContain('"type":"table"');
  });

  it('a .txt that looks like Markdown stays plain text, every character kept, with Markdown offered', async () => {
    for (const name of MARKDOWN_SEEDS) {
      const [doc] = await importSeed(name);
      expect(doc!.format).toBe('txt');
      expect(doc!.suggestedFormat).toBe('md');
      expect(doc!.warnings.join(' ')).toMatch(/looks like Markdown/);
      // Every non-space character of the source, in order; only list-item markers become structure.
      expect(lostCharacters(readSeed(name), canonicalText(doc!.doc))).toEqual([]);
    }
    expect((await importSeed(SEEDS.s004))[0]).toMatchObject({ format: 'txt' });
    expect((await importSeed(SEEDS.s004))[0]!.suggestedFormat).toBeUndefined();
    const chosen = (await importSeed(SEEDS.s003, { format: 'txt' }))[0]!;
    expect(chosen.format).toBe('txt');
    expect(chosen.suggestedFormat).toBeUndefined();
    expect((await importSeed(SEEDS.s003, { format: 'md' }))[0]!.format).toBe('md');
  });

  it('seed 002 split by case gives 15 documents, each with its section headings', async () => {
    const docs = await importSeed(SEEDS.s002, { splitCases: SEED_002_CASES });
    expect(docs.map((d) => d.caseName)).toEqual(SEED_002_CASES);
    // each part is titled by its section line, e.g. "Israel (see also case discussion in book)"
    expect(docs.map((d) => d.title)).toEqual(SEED_002_CASES.map((c) => (['Armenia', 'Israel', 'Japan', 'Zimbabwe'].includes(c) ? `${c} (see also case discussion in book)` : c)));
    for (const d of docs) {
      const idx = buildTextIndex(readerSchema.nodeFromJSON(d.doc));
      const names = idx.headings.map((h) => h.text);
      expect(idx.headings[0]!.level).toBe(1);
      expect(names[0]!.startsWith(d.caseName!)).toBe(true);
      expect(names).toContain('Outcomes');
      expect(names).toContain('Conditioning factors');
      expect(names.length).toBeGreaterThanOrEqual(6);
      expect(idx.text.length).toBeGreaterThan(5000);
    }
    const israel = docs.find((d) => d.caseName === 'Israel')!;
    expect(buildTextIndex(readerSchema.nodeFromJSON(israel.doc)).headings[0]!.text).toBe('Israel (see also case discussion in book)');
    expect(docs[0]!.warnings.join(' ')).toMatch(/before the first case/);
  });

  it('seed 002 without splitting shows its scorecard section headings', async () => {
    const [doc] = await importSeed(SEEDS.s002);
    const idx = buildTextIndex(readerSchema.nodeFromJSON(doc!.doc));
    expect(idx.headings.filter((h) => h.text === 'Summary').length).toBeGreaterThanOrEqual(13);
  });

  it('seeds 003 and 004 read as paragraphs: no empty blocks, no hard-wrapped lines', async () => {
    for (const name of [SEEDS.s003, SEEDS.s004]) {
      const [doc] = await importSeed(name);
      const node = readerSchema.nodeFromJSON(doc!.doc);
      let empty = 0;
      let breaks = 0;
      let blocks = 0;
      node.descendants((n) => {
        if (n.isTextblock) {
          blocks++;
          if (n.textContent.trim() === '') empty++;
        }
        if (n.type.name === 'hard_break') breaks++;
        return true;
      });
      expect(empty).toBe(0);
      expect(breaks).toBe(0);
      const text = buildTextIndex(node).text;
      expect(text.startsWith('\n')).toBe(false);
      // Average block length well above a single hard-wrapped line (~90 characters).
      expect(text.length / blocks).toBeGreaterThan(150);
    }
  });
});
