/**
 * Rules of Python-Markdown (the renderer of Pelican sites, whose files start with a `Title:`/`Slug:`
 * metadata header) where they differ from CommonMark, applied to the source before remark parses it.
 */

const LIST_MARKER = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+\S)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

/**
 * In Python-Markdown a list cannot interrupt a paragraph: a line starting with `- ` or `2008. `
 * right after a line of prose continues that paragraph (a hard-wrapped "the 2006⏎- 2008 National
 * Plan" keeps its range hyphen). Such markers are backslash-escaped so that CommonMark reads them
 * as text too; list items after a blank line, a heading or another item stay lists. Fenced code
 * is left alone. Only characters are added (one backslash before a marker), never removed.
 */
export function keepListMarkersInParagraphs(body: string): string {
  const lines = body.split('\n');
  let prev: 'blank' | 'prose' | 'boundary' = 'boundary';
  let inList = false;
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]?.[0] === fence[0] && (f[1]?.length ?? 0) >= fence.length) fence = null;
      continue;
    }
    if (f) {
      fence = f[1] ?? '```';
      prev = 'boundary';
      continue;
    }
    if (!line.trim()) {
      prev = 'blank';
      continue;
    }
    const marker = LIST_MARKER.exec(line);
    if (marker) {
      if (prev === 'prose' && !inList) {
        const indent = marker[1] ?? '';
        const m = marker[2] ?? '';
        // `-` → `\-`; `2008.` → `2008\.` (the digits stay as they are).
        const escaped = /^\d/.test(m) ? `${m.slice(0, -1)}\\${m.slice(-1)}` : `\\${m}`;
        lines[i] = indent + escaped + line.slice(indent.length + m.length);
        prev = 'prose';
        continue;
      }
      inList = true;
      prev = 'prose';
      continue;
    }
    if (ATX_HEADING.test(line)) {
      inList = false;
      prev = 'boundary';
      continue;
    }
    // A non-indented line after a blank line starts a new paragraph: the list (if any) has ended.
    if (prev !== 'prose' && !/^[ \t]/.test(line)) inList = false;
    prev = 'prose';
  }
  return lines.join('\n');
}

/** Backslash escapes of ASCII punctuation removed (`\_` → `_`), as Python-Markdown does before it finds autolinks. */
export function unescapePunctuation(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** One piece of text, marked as superscript or not. */
export interface SuperscriptPiece {
  text: string;
  sup: boolean;
}

const CARET = /(?<![\\^[])\^(?!\^)([^\s^](?:[^\s^]|\\ )*)(?<!\\)\^(?!\^)/g;

/**
 * `^…^` superscripts (Pandoc, and pymdownx's caret extension of Python-Markdown): the text between
 * two carets, without unescaped whitespace, becomes superscript, the carets are markup. `^^…^^`
 * (insertion) and lone carets stay text. The pieces concatenate to the input minus the carets.
 */
export function splitSuperscripts(text: string): SuperscriptPiece[] {
  if (!text.includes('^')) return [{ text, sup: false }];
  const out: SuperscriptPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(CARET)) {
    const at = m.index;
    if (at > last) out.push({ text: text.slice(last, at), sup: false });
    out.push({ text: (m[1] ?? '').replace(/\\ /g, ' '), sup: true });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), sup: false });
  return out;
}
