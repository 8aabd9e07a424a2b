import type { PmNodeJson } from '../model/types.js';
import { plainText } from './pm-build.js';

/**
 * The scorecard-diplomacy section names (the default codebook's structure), with the heading
 * level each gets: the cycle's steps are level 2, the kinds of outcome under "Outcomes" level 3.
 * Variants seen in real case studies are included ("Institutions", "Legislation and other policy").
 */
export const SCORECARD_SECTIONS: readonly { name: string; level: number }[] = [
  { name: 'Summary', level: 2 },
  { name: 'Background', level: 2 },
  { name: 'Direct diplomacy', level: 2 },
  { name: 'Indirect pressure', level: 2 },
  { name: 'Concerns', level: 2 },
  { name: 'Outcomes', level: 2 },
  { name: 'Legislation', level: 3 },
  { name: 'Legislation and other policy', level: 3 },
  { name: 'Institution building', level: 3 },
  { name: 'Institutions', level: 3 },
  { name: 'The promotion and adoption of new norms and practices', level: 3 },
  { name: 'Promotion and adoption of new norms and practices', level: 3 },
  { name: 'Institution building and the promotion and adoption of new norms and practices', level: 3 },
  { name: 'Conditioning factors', level: 2 },
];

/** Comparison key for a bare line: case-folded, whitespace collapsed, a trailing colon dropped. */
export function lineKey(line: string): string {
  return line.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '').toLowerCase();
}

/**
 * Builds the lookup for bare-line headings: the user's list (all level 2) when given, else the
 * scorecard sections. Returns the heading level for a line, or 0 when the line is not a heading
 * (a line starting with a lower-case letter never is).
 */
export function headingMatcher(names?: readonly string[]): (line: string) => number {
  const map = new Map<string, number>();
  if (names && names.length > 0) for (const n of names) map.set(lineKey(n), 2);
  else for (const s of SCORECARD_SECTIONS) map.set(lineKey(s.name), s.level);
  // A heading is written with a capital: a lower-case "legislation" is a word of running prose.
  return (line) => (line.length > 200 || /^\s*\p{Ll}/u.test(line) ? 0 : (map.get(lineKey(line)) ?? 0));
}

/**
 * Returns the case name a line announces, or null: the line must consist of a known case name,
 * optionally followed by a parenthetical remark (`Israel (see also case discussion in book)`).
 * Matching ignores case and surrounding whitespace; the returned name is spelled as given.
 */
export function caseLineMatcher(caseNames: readonly string[]): (line: string) => string | null {
  const map = new Map<string, string>();
  for (const n of caseNames) if (n.trim()) map.set(lineKey(n), n.trim());
  return (line) => {
    if (line.length > 300) return null;
    const m = /^\s*([^()]+?)\s*(\([^()]*\))?\s*$/.exec(line);
    if (!m) return null;
    return map.get(lineKey(m[1] ?? '')) ?? null;
  };
}

function isBareBlock(b: PmNodeJson): boolean {
  return (b.type === 'paragraph' || b.type === 'heading') && (b.content ?? []).every((c) => c.type === 'text');
}

/**
 * Turn top-level paragraphs that consist only of a section name into headings (section names from
 * `headingMatcher`), and paragraphs naming a case into level-1 headings. Existing headings are
 * left alone. Pure: returns a new block list.
 */
export function promoteHeadings(blocks: readonly PmNodeJson[], names?: readonly string[], caseNames: readonly string[] = []): PmNodeJson[] {
  const level = headingMatcher(names);
  const isCase = caseLineMatcher(caseNames);
  return blocks.map((b) => {
    if (b.type !== 'paragraph' || !isBareBlock(b)) return b;
    const text = plainText([b]);
    const l = isCase(text) ? 1 : level(text);
    if (!l) return b;
    return { type: 'heading', attrs: { level: l }, content: (b.content ?? []).map((c) => ({ type: 'text', text: c.text ?? '' })) };
  });
}

/** Deep copy of plain JSON (core has no `structuredClone` in its type library). */
function cloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

const SENTENCE_END = /[.!?…:;"”’)\]»]$/;
const CONTINUES = /^[a-zà-ÿ(]/;

function lastTextOf(b: PmNodeJson): string {
  return plainText([b]).trimEnd();
}

/**
 * Reflow: join paragraphs that a page break or a stray blank line cut inside a sentence (the
 * first does not end a sentence and the next starts in lower case), and carry such a continuation
 * into the last item of a preceding list. Only whitespace changes; every word stays.
 */
export function reflowBlocks(blocks: readonly PmNodeJson[]): PmNodeJson[] {
  const out: PmNodeJson[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    const first = b.type === 'paragraph' ? plainText([b]).trimStart() : '';
    if (prev && b.type === 'paragraph' && CONTINUES.test(first)) {
      const target = prev.type === 'paragraph' ? prev : prev.type === 'bullet_list' || prev.type === 'ordered_list' ? lastParagraphOfList(prev) : null;
      if (target && !SENTENCE_END.test(lastTextOf(target))) {
        const joiner: PmNodeJson[] = lastTextOf(target).endsWith('-') ? [] : [{ type: 'text', text: ' ' }];
        target.content = [...(target.content ?? []), ...joiner, ...(b.content ?? [])];
        continue;
      }
    }
    out.push(cloneJson(b));
  }
  return out;
}

function lastParagraphOfList(list: PmNodeJson): PmNodeJson | null {
  const item = list.content?.[list.content.length - 1];
  const last = item?.content?.[item.content.length - 1];
  return last && last.type === 'paragraph' ? last : null;
}

/** One part of a document split by case. */
export interface CaseSegment {
  caseName: string;
  /** The line as written, e.g. "Israel (see also case discussion in book)". */
  heading: string;
  blocks: PmNodeJson[];
}

/**
 * Split top-level blocks at paragraphs or headings that consist of a known case name. Table rows
 * never split (a table of contents that lists the cases stays whole). A candidate whose segment
 * holds under 100 characters of text while the same case is named again later is treated as a
 * contents entry, not a split point. Returns the preamble before the first case separately.
 */
export function splitBlocksByCase(blocks: readonly PmNodeJson[], caseNames: readonly string[]): { preamble: PmNodeJson[]; segments: CaseSegment[] } {
  const isCase = caseLineMatcher(caseNames);
  const points: { index: number; caseName: string; heading: string }[] = [];
  blocks.forEach((b, index) => {
    if (!isBareBlock(b)) return;
    const text = plainText([b]).trim();
    const name = isCase(text);
    if (name) points.push({ index, caseName: name, heading: text });
  });
  const kept = points.filter((p, i) => {
    const end = points[i + 1]?.index ?? blocks.length;
    const size = plainText(blocks.slice(p.index + 1, end)).length;
    const later = points.slice(i + 1).some((q) => q.caseName === p.caseName);
    return !(size < 100 && later);
  });
  const preamble = blocks.slice(0, kept[0]?.index ?? blocks.length).map((b) => cloneJson(b));
  const segments: CaseSegment[] = [];
  kept.forEach((p, i) => {
    const end = kept[i + 1]?.index ?? blocks.length;
    const heading: PmNodeJson = { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: p.heading }] };
    const body = blocks.slice(p.index + 1, end).map((b) => cloneJson(b));
    const existing = segments.find((s) => s.caseName === p.caseName);
    if (existing) existing.blocks.push(heading, ...body);
    else segments.push({ caseName: p.caseName, heading: p.heading, blocks: [heading, ...body] });
  });
  return { preamble, segments };
}
