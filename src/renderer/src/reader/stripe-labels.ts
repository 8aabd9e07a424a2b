import type { Coder, Coding, Id } from '../../../core/model/types.js';

/** Line styles that tell coders apart in the margin, in coder order (colour stays the code's). */
export const CODER_LINE_STYLES = ['solid', 'dashed', 'dotted', 'double'] as const;

/**
 * Each coder's line style: coders who have codings here take the styles in project order, so
 * the same coder keeps the same line across documents whenever the same coders are present.
 */
export function coderLineStyles(coders: readonly Pick<Coder, 'id'>[], codings: readonly Pick<Coding, 'coderId'>[]): Map<Id, (typeof CODER_LINE_STYLES)[number]> {
  const present = new Set(codings.map((c) => c.coderId));
  const out = new Map<Id, (typeof CODER_LINE_STYLES)[number]>();
  let i = 0;
  for (const c of coders) {
    if (!present.has(c.id)) continue;
    out.set(c.id, CODER_LINE_STYLES[i % CODER_LINE_STYLES.length] as (typeof CODER_LINE_STYLES)[number]);
    i++;
  }
  return out;
}

/** A coder's initials: the first letter of each of up to two words ("Ana Lima" → "AL"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (
    words
      .slice(0, 2)
      .map((w) => [...w][0]?.toUpperCase() ?? '')
      .join('') || '?'
  );
}

/** A stripe's label: the code's name, with the coder's initials when the margin shows several coders. */
export function stripeLabel(codeName: string, coderName: string, manyCoders: boolean): string {
  return manyCoders ? `${codeName} · ${initials(coderName)}` : codeName;
}

/** Longest label drawn, px (a label runs down its bracket and past it when the bracket is short). */
export const MAX_LABEL = 150;

/**
 * How far each bracket's vertical label may run: down to the next bracket in its lane (2 px
 * before it), at most {@link MAX_LABEL}; so a short coding still shows its code's name and labels
 * in one lane never overlap.
 */
export function labelRoom(brackets: readonly { id: string; top: number; lane: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  const byLane = new Map<number, { id: string; top: number }[]>();
  for (const b of brackets) byLane.set(b.lane, [...(byLane.get(b.lane) ?? []), b]);
  for (const lane of byLane.values()) {
    lane.sort((a, b) => a.top - b.top);
    lane.forEach((b, i) => {
      const next = lane[i + 1];
      out.set(b.id, Math.max(0, Math.min(MAX_LABEL, next ? next.top - b.top - 4 : MAX_LABEL)));
    });
  }
  return out;
}
