/**
 * Text positions at the REFI-QDA boundary.
 *
 * The specification counts Unicode code points; NVivo counts UTF-16 code units and, on Windows,
 * counts each CRLF as two; ATLAS.ti is reported to count a line break as one even when the file
 * holds CRLF. Casecoder's canonical offsets are UTF-16 units into the LF-normalised text (the text
 * `faithfulTextToDoc` keeps). This module converts between the two in both directions and picks
 * the producer's unit per file by checking which reading puts selections on word boundaries (or
 * reproduces the selection names ATLAS.ti writes), falling back to what the producer is known for.
 */

/** The unit a producer counted in. */
export type PositionUnit = 'codepoints' | 'utf16';

/** A complete reading rule: the unit, and how many units one CRLF counts as. */
export interface UnitChoice {
  unit: PositionUnit;
  crlfAs: 1 | 2;
}

/**
 * Table from producer positions (index) to canonical offsets (value) for a raw text that may hold
 * CRLF, lone CR and astral characters (BOM already removed). Length is the last valid position + 1.
 * A position inside a CRLF maps before its LF; a UTF-16 position inside a surrogate pair maps into
 * the pair (callers widen it).
 */
export function positionTable(raw: string, choice: UnitChoice): Int32Array {
  const table = new Int32Array(raw.length + 1);
  const crlfTwo = choice.crlfAs === 2;
  const utf16 = choice.unit === 'utf16';
  const n = raw.length;
  let u = 0;
  let canon = 0;
  let r = 0;
  while (r < n) {
    const c = raw.charCodeAt(r);
    if (c === 0x0d && r + 1 < n && raw.charCodeAt(r + 1) === 0x0a) {
      table[u++] = canon;
      if (crlfTwo) table[u++] = canon;
      canon += 1;
      r += 2;
    } else if (c >= 0xd800 && c <= 0xdbff && r + 1 < n && isLow(raw.charCodeAt(r + 1))) {
      table[u++] = canon;
      if (utf16) table[u++] = canon + 1;
      canon += 2;
      r += 2;
    } else {
      table[u++] = canon++;
      r += 1;
    }
  }
  table[u] = canon;
  return table.subarray(0, u + 1);
}

/**
 * A function from canonical offsets to positions in `unit` for the canonical (LF) text: the
 * identity for UTF-16, a code-point count otherwise. Offsets outside the text are clamped.
 */
export function canonicalToRefi(text: string, unit: PositionUnit): (offset: number) => number {
  if (unit === 'utf16') return (o) => Math.max(0, Math.min(o, text.length));
  const cps = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    cps[i] = n;
    if (!isLow(text.charCodeAt(i))) n++;
  }
  cps[text.length] = n;
  return (o) => cps[Math.max(0, Math.min(o, text.length))] ?? n;
}

/** A selection as the detector sees it: producer positions and the selection's `name`. */
export interface SelectionProbe {
  start: number;
  end: number;
  name: string;
}

/** The outcome of unit detection for one text. */
export interface UnitDetection {
  choice: UnitChoice;
  /**
   * How the choice was confirmed: `names` (selection names reproduced), `word-boundaries`
   * (boundaries fit better than any other reading), `prior` (readings disagree nowhere that could
   * be checked, so the producer's known habit decided), or `not-needed` (all readings agree on this
   * text: no CRLF, no characters outside the BMP).
   */
  evidence: 'names' | 'word-boundaries' | 'prior' | 'not-needed';
  /** Selections whose both ends fall on word boundaries under the choice. */
  fit: number;
  /** Selections checked (in range under the choice). */
  total: number;
  candidates: { choice: UnitChoice; fit: number; nameHits: number; outOfRange: number }[];
}

/** The producer's habit, from `Project/@origin` (see research/refi-qda.md §1.6). */
export function priorChoice(origin: string, hasCrlf: boolean): UnitChoice {
  if (/nvivo/i.test(origin)) return { unit: 'utf16', crlfAs: 2 };
  if (/atlas/i.test(origin)) return { unit: 'codepoints', crlfAs: 1 };
  return { unit: 'codepoints', crlfAs: hasCrlf ? 2 : 1 };
}

/**
 * Choose the reading of `selections` for `raw` (BOM removed, line ends as in the file). Every
 * distinct reading is scored: a reproduced selection name counts 4, a selection with both ends on
 * word boundaries counts 1, a selection out of range costs 4. Ties go to {@link priorChoice}.
 */
export function detectUnit(raw: string, selections: readonly SelectionProbe[], origin: string): UnitDetection {
  const hasCrlf = raw.includes('\r\n');
  const hasAstral = /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(raw);
  const prior = priorChoice(origin, hasCrlf);
  const canonical = raw.replace(/\r\n?/g, '\n');
  const options: UnitChoice[] = [prior];
  for (const unit of hasAstral ? (['codepoints', 'utf16'] as const) : [prior.unit]) {
    for (const crlfAs of hasCrlf ? ([1, 2] as const) : [prior.crlfAs]) {
      if (!options.some((o) => o.unit === unit && o.crlfAs === crlfAs)) options.push({ unit, crlfAs });
    }
  }
  const candidates = options.map((choice) => scoreChoice(raw, canonical, choice, selections));
  let best = candidates[0];
  for (const c of candidates) if (best && c.nameHits * 4 + c.fit - c.outOfRange * 4 > best.nameHits * 4 + best.fit - best.outOfRange * 4) best = c;
  const chosen = best ?? { choice: prior, fit: 0, nameHits: 0, outOfRange: 0, total: 0 };
  const others = candidates.filter((c) => c !== chosen);
  const evidence: UnitDetection['evidence'] =
    candidates.length === 1 ? 'not-needed' : chosen.nameHits > 0 && others.every((o) => o.nameHits < chosen.nameHits) ? 'names' : others.every((o) => o.fit < chosen.fit || o.outOfRange > chosen.outOfRange) ? 'word-boundaries' : 'prior';
  return {
    choice: chosen.choice,
    evidence,
    fit: chosen.fit,
    total: chosen.total,
    candidates: candidates.map(({ choice, fit, nameHits, outOfRange }) => ({ choice, fit, nameHits, outOfRange })),
  };
}

function scoreChoice(raw: string, canonical: string, choice: UnitChoice, selections: readonly SelectionProbe[]) {
  const table = positionTable(raw, choice);
  let fit = 0;
  let nameHits = 0;
  let outOfRange = 0;
  let total = 0;
  for (const s of selections) {
    const a = s.start >= 0 && s.start < table.length ? table[s.start] : undefined;
    const b = s.end >= 0 && s.end < table.length ? table[s.end] : undefined;
    if (a === undefined || b === undefined || a > b) {
      outOfRange++;
      continue;
    }
    total++;
    if (onWordBoundary(canonical, a) && onWordBoundary(canonical, b)) fit++;
    const name = squash(s.name.replace(/(…|\.\.\.)$/, ''));
    if (name.length >= 3 && squash(canonical.slice(a, b)).startsWith(name)) nameHits++;
  }
  return { choice, fit, nameHits, outOfRange, total };
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;

/** True when `offset` does not split a word: a text edge, or a non-word character on either side. */
export function onWordBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  const before = String.fromCodePoint(text.codePointAt(isLow(text.charCodeAt(offset - 1)) && offset >= 2 ? offset - 2 : offset - 1) ?? 32);
  const after = String.fromCodePoint(text.codePointAt(offset) ?? 32);
  return !WORD.test(before) || !WORD.test(after);
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
