/**
 * User text to LaTeX that pdfLaTeX, XeLaTeX and LuaLaTeX all set the same way.
 *
 * The choice (issue 12): **transliterate with a warning**, not a fontspec variant. A table goes
 * into someone else's document (a journal template, arXiv, a co-author's thesis), most of which
 * run pdfLaTeX; a fontspec variant would impose an engine and fonts on the whole document, and
 * XeLaTeX cannot set colour emoji at all. So:
 * - the ten special characters are escaped, straight quotes stay straight (`\textquotedbl`, which
 *   needs T1 under pdfLaTeX: the fragment says so), typographic punctuation becomes its LaTeX command;
 * - Latin letters with diacritics become accent commands (é → `\'{e}`, ñ → `\~{n}`), lossless in
 *   every engine and every input encoding;
 * - anything the standard fonts cannot set (CJK, emoji, Greek, Cyrillic, other scripts) is written
 *   as its code points, `[U+4EBA U+53E3]`, and reported, so nothing disappears silently.
 */

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  '"': '\\textquotedbl{}',
  "'": '\\textquotesingle{}',
  '`': '\\textasciigrave{}',
  '\u00a0': '\\nobreakspace{}',
  '\u2018': '\\textquoteleft{}',
  '\u2019': '\\textquoteright{}',
  '\u201c': '\\textquotedblleft{}',
  '\u201d': '\\textquotedblright{}',
  '\u201a': '\\quotesinglbase{}',
  '\u201e': '\\quotedblbase{}',
  '\u00ab': '\\guillemotleft{}',
  '\u00bb': '\\guillemotright{}',
  '\u2039': '\\guilsinglleft{}',
  '\u203a': '\\guilsinglright{}',
  '\u2013': '\\textendash{}',
  '\u2014': '\\textemdash{}',
  '\u2026': '\\dots{}',
  '\u2022': '\\textbullet{}',
  '\u00b7': '\\textperiodcentered{}',
  '\u20ac': '\\texteuro{}',
  '\u00a3': '\\pounds{}',
  '\u00a2': '\\textcent{}',
  '\u00a5': '\\textyen{}',
  '\u00a9': '\\textcopyright{}',
  '\u00ae': '\\textregistered{}',
  '\u2122': '\\texttrademark{}',
  '\u00b0': '\\textdegree{}',
  '\u00a7': '\\S{}',
  '\u00b6': '\\P{}',
  '\u00d7': '\\texttimes{}',
  '\u00f7': '\\textdiv{}',
  '\u00b1': '\\textpm{}',
  '\u00bd': '\\textonehalf{}',
  '\u00bc': '\\textonequarter{}',
  '\u00be': '\\textthreequarters{}',
  '\u00b5': '\\textmu{}',
  '\u00ac': '\\textlnot{}',
  '\u00a1': '\\textexclamdown{}',
  '\u00bf': '\\textquestiondown{}',
  '\u2020': '\\dag{}',
  '\u2021': '\\ddag{}',
  '\u2212': '\\textminus{}',
  '\u00df': '\\ss{}',
  '\u00e6': '\\ae{}',
  '\u00c6': '\\AE{}',
  '\u0153': '\\oe{}',
  '\u0152': '\\OE{}',
  '\u00f8': '\\o{}',
  '\u00d8': '\\O{}',
  '\u0142': '\\l{}',
  '\u0141': '\\L{}',
  '\u0131': '\\i{}',
  '\u0110': '\\DJ{}',
  '\u0111': '\\dj{}',
  '\u00f0': '\\dh{}',
  '\u00d0': '\\DH{}',
  '\u00fe': '\\th{}',
  '\u00de': '\\TH{}',
};

// Greek letters in running text (α in agreement notes, κ, …) set in math mode, which every engine has.
const GREEK = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi', 'rho', 'final sigma', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega'];
GREEK.forEach((name, i) => {
  if (name === 'omicron' || name === 'final sigma') return;
  SPECIAL[String.fromCodePoint(0x3b1 + i)] = `\\ensuremath{\\${name}}`;
});

/** Combining marks → LaTeX accent commands (all in the LaTeX kernel for T1 and TU). */
const ACCENT: Record<string, string> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0306': 'u',
  '\u0307': '.',
  '\u0308': '"',
  '\u030a': 'r',
  '\u030b': 'H',
  '\u030c': 'v',
  '\u0323': 'd',
  '\u0327': 'c',
  '\u0328': 'k',
  '\u0331': 'b',
};

/** The result of {@link latexText}: the LaTeX, and the characters written as code points. */
export interface LatexText {
  tex: string;
  /** Runs of characters the standard fonts cannot set, as they were (empty when none). */
  replaced: string[];
}

const codePoints = (run: string): string => `[${[...run].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ')}]`;

/** One character (a grapheme's base plus marks, NFD) to LaTeX, or null when it cannot be set. */
function oneChar(base: string, marks: string): string | null {
  if (marks === '') {
    if (base in SPECIAL) return SPECIAL[base] as string;
    if (/^[\x20-\x7e]$/.test(base)) return base;
    return null;
  }
  const inner = base === 'i' ? '\\i' : base === 'j' ? '\\j' : /^[A-Za-z]$/.test(base) ? base : null;
  if (inner === null) return null;
  let out = inner;
  for (const m of marks) {
    const a = ACCENT[m];
    if (!a) return null;
    out = `\\${a}{${out}}`;
  }
  return out;
}

/**
 * User text as LaTeX under the rules of the module doc. Line breaks become spaces; a `-` before
 * another `-` is kept apart (`-{}`) so `--` stays two hyphens rather than an en dash.
 */
export function latexText(text: string): LatexText {
  const replaced: string[] = [];
  let out = '';
  let run = '';
  const flush = (): void => {
    if (run) {
      replaced.push(run);
      out += codePoints(run);
      run = '';
    }
  };
  const src = text.replace(/\s*[\r\n]+\s*/g, ' ').normalize('NFC');
  // grapheme-ish split: a base code point followed by its combining marks (after NFD)
  for (const g of src.match(/\P{M}\p{M}*/gu) ?? []) {
    const direct = SPECIAL[g];
    const nfd = g.normalize('NFD');
    const base = [...nfd][0] ?? '';
    const tex = direct ?? oneChar(base, nfd.slice(base.length));
    if (tex === null) {
      run += g;
      continue;
    }
    flush();
    out += tex === '-' && out.endsWith('-') ? '{}-' : tex;
  }
  flush();
  return { tex: out, replaced };
}
