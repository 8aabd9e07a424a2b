/**
 * How agreement figures and their subjects are written, in one place for the UI, the CLI and the
 * reports: fixed decimals without a negative zero, and document labels that stay distinct when
 * two documents share a title.
 */

/** A figure with `digits` decimals, "n/a" when undefined; never "-0.000" (a tiny negative rounds to 0). */
export function formatFigure(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  const s = value.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * A label per document: its title, plus its id in brackets when another document has the same
 * title (ignoring case and surrounding spaces), e.g. "Ecuador [d_k3…]". `shortId` shortens the id
 * to that many characters after its prefix (the whole id when omitted).
 */
export function documentLabels(documents: readonly { id: string; title: string }[], shortId?: number): Map<string, string> {
  const count = new Map<string, number>();
  const key = (t: string): string => t.trim().toLowerCase();
  for (const d of documents) count.set(key(d.title), (count.get(key(d.title)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const d of documents) {
    const title = d.title.trim() === '' ? d.id : d.title.trim();
    if ((count.get(key(d.title)) ?? 0) < 2 && d.title.trim() !== '') out.set(d.id, title);
    else {
      const cut = d.id.indexOf('_') + 1;
      const id = shortId === undefined ? d.id : d.id.slice(0, cut + shortId);
      out.set(d.id, d.title.trim() === '' ? id : `${title} [${id}]`);
    }
  }
  return out;
}
