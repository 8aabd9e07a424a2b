/**
 * Where two coders disagree in one document, as a review queue for adjudication.
 *
 * Codings of coder A and coder B (restricted to the compared codes) are paired in three passes:
 * 1. agreements: same code and the very same span (one-to-one);
 * 2. boundary disagreements: same code, overlapping spans with different boundaries (greedy by
 *    largest overlap ratio |A∩B|/|A∪B|);
 * 3. label disagreements: overlapping spans coded with different codes (greedy likewise);
 * what is left is coded by one side only (`a-only`, `b-only`). Items are ordered by position.
 * Pairing always looks at every code; a restriction to some codes (`codeIds`) only chooses which
 * items are listed. So a passage both coders coded with different codes is one label
 * disagreement, listed under either code and decided once, never "only A" under one code and
 * "only B" under the other.
 * A disagreement is *decided* when every coding in it is named by a decision record (a consensus
 * coding's provenance or a rejection, see `decide.ts`).
 */
import { overlapRatio } from '../agreement/segment-match.js';
import type { Coding, Id } from '../model/types.js';

export type DisagreementKind = 'boundary' | 'label' | 'a-only' | 'b-only';

/** One item of the review queue. `start`/`end` span all its codings. */
export interface Disagreement {
  /** Stable id built from the coding ids (survives recomputation). */
  id: string;
  kind: DisagreementKind;
  documentId: Id;
  start: number;
  end: number;
  a: Coding[];
  b: Coding[];
}

/** The review queue of one document and what the coders agreed on. */
export interface DisagreementQueue {
  documentId: Id;
  agreements: { a: Coding; b: Coding }[];
  disagreements: Disagreement[];
}

/** Greedy one-to-one pairing of overlapping codings, largest overlap first (ties by position). */
function pairBy(as: Coding[], bs: Coding[], eligible: (a: Coding, b: Coding) => boolean): [Coding, Coding][] {
  const candidates: { a: Coding; b: Coding; r: number }[] = [];
  for (const a of as) for (const b of bs) if (eligible(a, b)) candidates.push({ a, b, r: overlapRatio(a, b) });
  candidates.sort((x, y) => y.r - x.r || x.a.start - y.a.start || x.b.start - y.b.start || x.a.id.localeCompare(y.a.id) || x.b.id.localeCompare(y.b.id));
  const usedA = new Set<Id>();
  const usedB = new Set<Id>();
  const out: [Coding, Coding][] = [];
  for (const c of candidates) {
    if (usedA.has(c.a.id) || usedB.has(c.b.id)) continue;
    usedA.add(c.a.id);
    usedB.add(c.b.id);
    out.push([c.a, c.b]);
  }
  return out;
}

function item(kind: DisagreementKind, documentId: Id, a: Coding[], b: Coding[]): Disagreement {
  const all = [...a, ...b];
  return {
    id: `${kind}:${all.map((c) => c.id).join('+')}`,
    kind,
    documentId,
    start: Math.min(...all.map((c) => c.start)),
    end: Math.max(...all.map((c) => c.end)),
    a,
    b,
  };
}

/**
 * Build the review queue of `documentId` for coders A and B. `codeIds` restricts the listed items
 * to those with a coding of one of these codes (all codes when omitted); pairing itself always
 * considers every code. Pure and deterministic for a given set of codings.
 */
export function findDisagreements(codings: readonly Coding[], documentId: Id, coderA: Id, coderB: Id, codeIds?: readonly Id[]): DisagreementQueue {
  const codes = codeIds ? new Set(codeIds) : null;
  const mine = (coder: Id) => codings.filter((c) => c.documentId === documentId && c.coderId === coder).sort((x, y) => x.start - y.start || x.end - y.end || x.id.localeCompare(y.id));
  let as = mine(coderA);
  let bs = mine(coderB);
  const agreements: DisagreementQueue['agreements'] = [];
  const exact = pairBy(as, bs, (a, b) => a.codeId === b.codeId && a.start === b.start && a.end === b.end);
  for (const [a, b] of exact) agreements.push({ a, b });
  const drop = (pairs: [Coding, Coding][]) => {
    const ua = new Set(pairs.map((p) => p[0].id));
    const ub = new Set(pairs.map((p) => p[1].id));
    as = as.filter((c) => !ua.has(c.id));
    bs = bs.filter((c) => !ub.has(c.id));
  };
  drop(exact);
  const disagreements: Disagreement[] = [];
  const boundary = pairBy(as, bs, (a, b) => a.codeId === b.codeId && overlapRatio(a, b) > 0);
  for (const [a, b] of boundary) disagreements.push(item('boundary', documentId, [a], [b]));
  drop(boundary);
  const label = pairBy(as, bs, (a, b) => a.codeId !== b.codeId && overlapRatio(a, b) > 0);
  for (const [a, b] of label) disagreements.push(item('label', documentId, [a], [b]));
  drop(label);
  for (const a of as) disagreements.push(item('a-only', documentId, [a], []));
  for (const b of bs) disagreements.push(item('b-only', documentId, [], [b]));
  disagreements.sort((x, y) => x.start - y.start || x.end - y.end || x.id.localeCompare(y.id));
  if (!codes) return { documentId, agreements, disagreements };
  const touches = (cs: Coding[]) => cs.some((c) => codes.has(c.codeId));
  return { documentId, agreements: agreements.filter((p) => codes.has(p.a.codeId)), disagreements: disagreements.filter((d) => touches(d.a) || touches(d.b)) };
}
