/**
 * Context snippets around a passage or a search match: the words just before and after it, never
 * crossing a paragraph (a heading is its own paragraph, so it never runs into the text after it),
 * never cut mid-word, and saying whether something was left out (so the UI shows "…" only then).
 */

/** A piece of context, a verbatim slice of the text; `cut` when text was left out on the far side. */
export interface Snippet {
  text: string;
  cut: boolean;
}

const space = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

/**
 * The end of `before` (the text preceding a passage), at most about `max` characters, within the
 * passage's paragraph and starting at a whole word. `startsAtBoundary`: `before` itself begins at
 * the start of a paragraph or the document (else its first word may be partial and is dropped).
 */
export function snippetBefore(before: string, max: number, startsAtBoundary = true): Snippet {
  const para = before.lastIndexOf('\n\n');
  let text = para >= 0 ? before.slice(para + 2) : before;
  let known = para >= 0 || startsAtBoundary;
  let from = 0;
  if (text.length > max) {
    from = text.length - max;
    known = true;
    if (!space(text[from - 1]) && !space(text[from])) {
      const ws = text.slice(from).search(/\s/);
      if (ws >= 0) from += ws;
    }
  } else if (!known && text.length > 0 && !space(text[0])) {
    // the stored context began somewhere unknown: its first word may be partial
    const ws = text.search(/\s/);
    from = ws >= 0 ? ws : text.length;
  }
  text = text.slice(from);
  const cut = from > 0 || !known;
  return { text: text.trimStart(), cut };
}

/**
 * The start of `after` (the text following a passage), at most about `max` characters, within the
 * passage's paragraph and ending at a whole word. `endsAtBoundary`: `after` itself ends at the end
 * of a paragraph or the document (else its last word may be partial and is dropped).
 */
export function snippetAfter(after: string, max: number, endsAtBoundary = true): Snippet {
  const para = after.indexOf('\n\n');
  let text = para >= 0 ? after.slice(0, para) : after;
  let known = para >= 0 || endsAtBoundary;
  let to = text.length;
  if (text.length > max) {
    to = max;
    known = true;
    if (!space(text[to - 1]) && !space(text[to])) {
      const ws = Math.max(text.lastIndexOf(' ', to), text.lastIndexOf('\n', to));
      if (ws > 0) to = ws;
    }
  } else if (!known && text.length > 0 && !space(text[text.length - 1])) {
    const ws = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'));
    to = ws >= 0 ? ws : 0;
  }
  const cut = to < text.length || !known;
  text = text.slice(0, to);
  return { text: text.trimEnd(), cut };
}

/**
 * The context of a coded passage from its stored `prefix` and `suffix` (each at most `stored`
 * characters; a shorter one reaches the document's edge, a full one may begin or end mid-word).
 */
export function passageSnippets(prefix: string, suffix: string, stored: number): { before: Snippet; after: Snippet } {
  return { before: snippetBefore(prefix, prefix.length, prefix.length < stored), after: snippetAfter(suffix, suffix.length, suffix.length < stored) };
}
