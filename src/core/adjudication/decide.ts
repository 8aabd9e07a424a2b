/**
 * Adjudication decisions, written to a consensus coder (`consensus: true`).
 *
 * Accept A / accept B / accept both / edit each write consensus codings whose `provenance` names
 * who decided, when, the decision and every coding that was considered (`fromCodingIds`). A
 * rejection writes no coding; it is recorded as a memo on the document by the consensus coder,
 * readable by people and ending in a marker line `[adjudication reject: <coding ids>]` so the
 * decision counts towards progress. Accepting both sides of a boundary disagreement (one code, two
 * extents) writes their union, one coding. Deciding again on the same codings replaces the earlier
 * decision (its consensus codings and rejection memos are removed first).
 */
import { makeAnchor } from '../codings/anchor.js';
import type { CoreEnv } from '../model/ids.js';
import { ensureCoder } from '../model/project.js';
import { err, ok, type Result } from '../model/result.js';
import type { Coder, Coding, Id, Memo, ProjectData, Provenance } from '../model/types.js';
import type { Disagreement, DisagreementQueue } from './disagreements.js';

/** Name given to the consensus coder when the project has none yet. */
export const DEFAULT_CONSENSUS_NAME = 'Consensus';

const REJECT_MARKER = /\[adjudication reject: ([^\]]*)\]\s*$/;

/** One decision on a set of codings of one document. */
export interface DecisionRequest {
  documentId: Id;
  /** Every coding that was considered (both coders' side of the disagreement). */
  fromCodingIds: Id[];
  decision: Provenance['decision'];
  /** accept-a / accept-b / accept-both: the codings whose code and span the consensus takes. */
  keep?: Id[];
  /** edit: the span and code the consensus takes (offsets into the canonical text). */
  edit?: { start: number; end: number; codeId: Id };
}

/** Who decides and when. */
export interface DecisionContext {
  decidedBy: Id;
  at: string;
}

/** The project's consensus coder (the first coder flagged `consensus`), if any. */
export function consensusCoder(data: ProjectData): Coder | undefined {
  return data.coders.find((c) => c.consensus);
}

/** The consensus coder, created (flagged `consensus: true`) when the project has none. */
export function ensureConsensusCoder(data: ProjectData, env: CoreEnv): { data: ProjectData; coder: Coder } {
  const existing = consensusCoder(data);
  if (existing) return { data, coder: existing };
  const taken = data.coders.some((c) => c.name.toLowerCase() === DEFAULT_CONSENSUS_NAME.toLowerCase());
  return ensureCoder(data, taken ? `${DEFAULT_CONSENSUS_NAME} (adjudicated)` : DEFAULT_CONSENSUS_NAME, env, { consensus: true });
}

/** Coding ids named by a rejection memo, or null when the memo is not one. */
export function rejectedIds(memo: Memo): Id[] | null {
  const m = REJECT_MARKER.exec(memo.text);
  return m ? (m[1] ?? '').split(/\s+/).filter((s) => s !== '') : null;
}

/** Every coding id of `documentId` that some decision of the consensus coder names. */
export function decidedCodingIds(data: ProjectData, documentId: Id): Set<Id> {
  const out = new Set<Id>();
  const consensus = consensusCoder(data);
  if (!consensus) return out;
  for (const c of data.codings) if (c.coderId === consensus.id && c.documentId === documentId && c.provenance) for (const id of c.provenance.fromCodingIds) out.add(id);
  for (const m of data.memos) {
    if (m.coderId !== consensus.id || m.target.kind !== 'document' || m.target.id !== documentId) continue;
    for (const id of rejectedIds(m) ?? []) out.add(id);
  }
  return out;
}

/** True when every coding of the disagreement is named by a decision. */
export function isDecided(d: Disagreement, decided: ReadonlySet<Id>): boolean {
  return [...d.a, ...d.b].every((c) => decided.has(c.id));
}

/** Progress of adjudicating one queue. */
export function adjudicationProgress(queue: DisagreementQueue, decided: ReadonlySet<Id>): { decided: number; total: number; agreementsCopied: number } {
  return {
    decided: queue.disagreements.filter((d) => isDecided(d, decided)).length,
    total: queue.disagreements.length,
    agreementsCopied: queue.agreements.filter((p) => decided.has(p.a.id) && decided.has(p.b.id)).length,
  };
}

function withoutDecisionsOn(data: ProjectData, consensusId: Id, documentId: Id, ids: ReadonlySet<Id>): ProjectData {
  const codings = data.codings.filter((c) => !(c.coderId === consensusId && c.documentId === documentId && c.provenance?.fromCodingIds.some((x) => ids.has(x))));
  const memos = data.memos.filter((m) => !(m.coderId === consensusId && m.target.kind === 'document' && m.target.id === documentId && (rejectedIds(m) ?? []).some((x) => ids.has(x))));
  return codings.length === data.codings.length && memos.length === data.memos.length ? data : { ...data, codings, memos };
}

function describeCoding(data: ProjectData, c: Coding): string {
  const coder = data.coders.find((u) => u.id === c.coderId)?.name ?? c.coderId;
  const code = data.codebook.find((k) => k.id === c.codeId)?.name ?? c.codeId;
  const quote = c.exact.length > 60 ? `${c.exact.slice(0, 57)}…` : c.exact;
  return `${coder}: ${code} ${c.start}–${c.end} “${quote}”`;
}

/**
 * Merge codings of the same code whose spans overlap or touch into one coding over their union
 * (its quote rebuilt from the parts' quotes, its prefix from the first, its suffix from the last,
 * memos joined). Codings of different codes, or apart, are returned as they are, in text order.
 */
export function unionSameCode(codings: readonly Coding[]): Coding[] {
  const sorted = [...codings].sort((x, y) => x.codeId.localeCompare(y.codeId) || x.start - y.start || y.end - x.end);
  const out: Coding[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (!last || last.codeId !== c.codeId || c.start > last.end) {
      out.push(c);
      continue;
    }
    if (c.end <= last.end) {
      if (c.memo && !last.memo.includes(c.memo)) out[out.length - 1] = { ...last, memo: last.memo ? `${last.memo}\n${c.memo}` : c.memo };
      continue;
    }
    const memo = [last.memo, c.memo].filter((m, i, all) => m !== '' && all.indexOf(m) === i).join('\n');
    out[out.length - 1] = { ...last, end: c.end, exact: last.exact + c.exact.slice(last.end - c.start), suffix: c.suffix, memo };
  }
  return out.sort((x, y) => x.start - y.start || x.end - y.end || x.codeId.localeCompare(y.codeId));
}

/**
 * Apply one decision: returns the new data, the consensus coder's id and the ids of the consensus
 * codings written. `text` is the document's canonical text (needed for `edit`). Errors (`invalid`,
 * `not-found`): unknown or foreign codings, `keep` outside `fromCodingIds`, a missing or empty edit
 * span, an unknown code.
 */
export function applyDecision(data: ProjectData, text: string, req: DecisionRequest, ctx: DecisionContext, env: CoreEnv): Result<{ data: ProjectData; consensusCoderId: Id; codingIds: Id[] }> {
  if (req.fromCodingIds.length === 0) return err('invalid', 'A decision needs the codings it decides on');
  const byId = new Map(data.codings.map((c) => [c.id, c]));
  const from: Coding[] = [];
  for (const id of req.fromCodingIds) {
    const c = byId.get(id);
    if (!c) return err('not-found', `No coding with id ${id}`);
    if (c.documentId !== req.documentId) return err('invalid', `Coding ${id} is not in document ${req.documentId}`);
    from.push(c);
  }
  const ensured = ensureConsensusCoder(data, env);
  const consensusId = ensured.coder.id;
  if (from.some((c) => c.coderId === consensusId)) return err('invalid', 'Decide on the coders’ codings, not on the consensus coder’s own');
  let next = withoutDecisionsOn(ensured.data, consensusId, req.documentId, new Set(req.fromCodingIds));
  const provenance: Provenance = { decidedBy: ctx.decidedBy, fromCodingIds: [...req.fromCodingIds], decision: req.decision, at: ctx.at };
  const written: Coding[] = [];
  if (req.decision === 'reject') {
    const lines = ['Adjudication: rejected', ...from.map((c) => `- ${describeCoding(next, c)}`), `[adjudication reject: ${req.fromCodingIds.join(' ')}]`];
    const memo: Memo = { id: env.newId('m_'), target: { kind: 'document', id: req.documentId }, coderId: consensusId, text: lines.join('\n'), updated: ctx.at };
    return ok({ data: { ...next, memos: [...next.memos, memo] }, consensusCoderId: consensusId, codingIds: [] });
  }
  if (req.decision === 'edit') {
    const e = req.edit;
    if (!e) return err('invalid', 'An edit needs the span and code to keep');
    if (!next.codebook.some((k) => k.id === e.codeId)) return err('not-found', `No code with id ${e.codeId}`);
    const anchor = makeAnchor(text, e.start, e.end);
    if (!anchor) return err('invalid', `The range ${e.start}–${e.end} is empty or outside the text (0–${text.length})`);
    written.push({ id: env.newId('g_'), documentId: req.documentId, codeId: e.codeId, coderId: consensusId, ...anchor, memo: '', created: ctx.at, updated: ctx.at, provenance });
  } else {
    const keep = req.keep ?? [];
    if (keep.length === 0) return err('invalid', `${req.decision} needs the codings to keep`);
    const kept: Coding[] = [];
    for (const id of keep) {
      const c = from.find((x) => x.id === id);
      if (!c) return err('invalid', `Coding ${id} is not among the codings decided on`);
      kept.push(c);
    }
    // Two overlapping codings of one code (a boundary disagreement) become their union, never two nested codings.
    for (const c of unionSameCode(kept))
      written.push({
        id: env.newId('g_'),
        documentId: c.documentId,
        codeId: c.codeId,
        coderId: consensusId,
        start: c.start,
        end: c.end,
        exact: c.exact,
        prefix: c.prefix,
        suffix: c.suffix,
        memo: c.memo,
        created: ctx.at,
        updated: ctx.at,
        provenance,
      });
  }
  // The same span and code twice in the consensus would count twice: fold into the existing coding.
  const codings = [...next.codings];
  const ids: Id[] = [];
  for (const w of written) {
    const at = codings.findIndex((c) => c.coderId === consensusId && c.documentId === w.documentId && c.codeId === w.codeId && c.start === w.start && c.end === w.end);
    const existing = at >= 0 ? codings[at] : undefined;
    if (existing) {
      const merged = [...new Set([...(existing.provenance?.fromCodingIds ?? []), ...provenance.fromCodingIds])];
      codings[at] = { ...existing, updated: ctx.at, provenance: { ...(existing.provenance ?? provenance), fromCodingIds: merged } };
      ids.push(existing.id);
    } else {
      codings.push(w);
      ids.push(w.id);
    }
  }
  next = { ...next, codings };
  return ok({ data: next, consensusCoderId: consensusId, codingIds: ids });
}

/**
 * Copy every agreement of a queue not yet in the consensus (decision `accept-both`, one consensus
 * coding per agreeing pair). Returns the new data and how many were copied.
 */
export function acceptAgreements(data: ProjectData, queue: DisagreementQueue, ctx: DecisionContext, env: CoreEnv): { data: ProjectData; consensusCoderId: Id; copied: number } {
  const ensured = ensureConsensusCoder(data, env);
  const decided = decidedCodingIds(ensured.data, queue.documentId);
  let next = ensured.data;
  let copied = 0;
  for (const { a, b } of queue.agreements) {
    if (decided.has(a.id) && decided.has(b.id)) continue;
    const r = applyDecision(next, '', { documentId: queue.documentId, fromCodingIds: [a.id, b.id], decision: 'accept-both', keep: [a.id] }, ctx, env);
    if (r.ok) {
      next = r.value.data;
      copied++;
    }
  }
  return { data: copied > 0 ? next : data, consensusCoderId: ensured.coder.id, copied };
}
