/**
 * Bare URLs and e-mail addresses in prose, found the way GFM "autolink literals" are (a
 * simplified reading of the GFM spec, section 6.9, as micromark applies it): `http://` or
 * `https://` after anything but a letter, `www.` after the start, whitespace or one of `*_~(`,
 * running to whitespace or `<`; trailing punctuation
 * (`?!.,:;*_~'"`) is not part of the link, nor a trailing `)` without its `(`, nor a trailing
 * entity-like `&name;`. E-mail addresses: `local@domain.tld`.
 *
 * Why here and not in the Markdown parser: micromark's autolink-literal extension examines every
 * character of the document and was the largest single cost of importing the seeds, while doing
 * this on the text nodes afterwards is one regular-expression pass. The text is never changed:
 * the pieces returned always concatenate back to the input.
 */

/** One piece of text: plain, or a link with the href to give it (unchecked: pass it through `safeHref`). */
export interface AutolinkPiece {
  text: string;
  href?: string;
}

const CANDIDATE = /(?<![a-z])https?:\/\/[^\s<]+|(?<![^\s*_~(])www\.[^\s<]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const TRAILING = /[?!.,:;*_~'"]$/;

/** Trim a candidate to where the GFM rules say the link ends. */
function trimLink(s: string): string {
  let out = s;
  for (;;) {
    const before = out;
    const entity = /&[a-z0-9]+;$/i.exec(out);
    if (entity) out = out.slice(0, entity.index);
    while (TRAILING.test(out)) out = out.slice(0, -1);
    if (out.endsWith(')')) {
      let open = 0;
      let close = 0;
      for (const ch of out) {
        if (ch === '(') open++;
        else if (ch === ')') close++;
      }
      if (close > open) out = out.slice(0, -1);
    }
    if (out === before) return out;
  }
}

/** A www/URL candidate needs a domain with a dot and no underscore in its last two labels. */
function validDomain(link: string): boolean {
  const host = link.replace(/^https?:\/\//i, '').split(/[/?#]/)[0] ?? '';
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l === '')) return false;
  return !labels.slice(-2).some((l) => l.includes('_'));
}

/** Split text into plain pieces and bare-link pieces (see the module comment). */
export function findAutolinks(text: string): AutolinkPiece[] {
  if (!/(?:https?:\/\/|www\.|@)/i.test(text)) return [{ text }];
  const out: AutolinkPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const link = trimLink(raw);
    const isEmail = !/^(?:https?:\/\/|www\.)/i.test(link);
    if (!link || (isEmail ? !/@[\w-]+(?:\.[\w-]+)+$/.test(link) || /[._-]$/.test(link) : !validDomain(link))) continue;
    if (start > last) out.push({ text: text.slice(last, start) });
    const href = isEmail ? `mailto:${link}` : /^www\./i.test(link) ? `http://${link}` : link;
    out.push({ text: link, href });
    last = start + link.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out.length > 0 ? out : [{ text }];
}
