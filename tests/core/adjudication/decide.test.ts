import { describe, expect, it } from 'vitest';
import { acceptAgreements, adjudicationProgress, applyDecision, consensusCoder, decidedCodingIds, findDisagreements, unionSameCode } from '../../../src/core/adjudication/index.js';
import { createProject, ensureCoder } from '../../../src/core/model/project.js';
import type { Coding, ProjectData } from '../../../src/core/model/types.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const text = 'The minister met the ambassador. Parliament passed the law in 2005. Shelters opened in Quito.';
const code = (id: string, name: string) => ({ id, name, parentId: null, color: '#000000', description: '', inclusion: '', exclusion: '', example: '', shortcut: null, order: 0 });

function setup(): { data: ProjectData; A: string; B: string } {
  let p = createProject('t', [code('dip', 'Diplomacy'), code('leg', 'Legislation'), code('ins', 'Institutions')], coreEnv);
  p = { ...p, documents: [{ id: 'd', caseId: null, title: 'D', sourceFile: '', format: 'txt', textHash: '', chars: text.length, importedAt: '', textVersion: 1 }] };
  p = ensureCoder(p, 'Ana', coreEnv).data;
  p = ensureCoder(p, 'Ben', coreEnv).data;
  const A = p.coders[0]!.id;
  const B = p.coders[1]!.id;
  const g = (id: string, coderId: string, codeId: string, phrase: string, extra = 0): Coding => {
    const start = text.indexOf(phrase);
    const end = start + phrase.length + extra;
    return { id, documentId: 'd', codeId, coderId, start, end, exact: text.slice(start, end), prefix: '', suffix: '', memo: '', created: '', updated: '' };
  };
  p = {
    ...p,
    codings: [
      g('a1', A, 'dip', 'The minister met the ambassador'),
      g('b1', B, 'dip', 'The minister met the ambassador'), // agreement
      g('a2', A, 'leg', 'Parliament passed the law'),
      g('b2', B, 'leg', 'Parliament passed the law in 2005'), // boundary
      g('a3', A, 'ins', 'Shelters opened'),
      g('b3', B, 'leg', 'Shelters opened in Quito'), // label
      g('a4', A, 'dip', 'ambassador'), // a-only (a1/b1 already paired)
    ],
  };
  return { data: p, A, B };
}

describe('findDisagreements', () => {
  it('separates agreements, boundary, label and one-sided disagreements, in text order', () => {
    const { data, A, B } = setup();
    const q = findDisagreements(data.codings, 'd', A, B);
    expect(q.agreements.map((p) => [p.a.id, p.b.id])).toEqual([['a1', 'b1']]);
    expect(q.disagreements.map((d) => [d.kind, d.a.map((c) => c.id), d.b.map((c) => c.id)])).toEqual([
      ['a-only', ['a4'], []],
      ['boundary', ['a2'], ['b2']],
      ['label', ['a3'], ['b3']],
    ]);
    // Restricted to Legislation, the Shelters passage (Institutions by A, Legislation by B) is still
    // one label disagreement, not "only B" here and "only A" under Institutions.
    const leg = findDisagreements(data.codings, 'd', A, B, ['leg']).disagreements;
    const ins = findDisagreements(data.codings, 'd', A, B, ['ins']).disagreements;
    expect(leg.map((d) => d.kind)).toEqual(['boundary', 'label']);
    expect(ins.map((d) => [d.kind, d.a.map((c) => c.id), d.b.map((c) => c.id)])).toEqual([['label', ['a3'], ['b3']]]);
    expect(ins[0]?.id).toBe(leg[1]?.id);
    expect(findDisagreements(data.codings, 'd', A, B, ['ins']).agreements).toEqual([]);
  });
});

describe('applyDecision', () => {
  const ctx = { decidedBy: 'u_judge', at: '2025-04-01T00:00:00Z' };
  it('writes consensus codings with provenance, replaces a re-decision, and tracks progress', () => {
    const { data, A, B } = setup();
    const q = findDisagreements(data.codings, 'd', A, B);
    const [aOnly, boundary, label] = q.disagreements;
    let r = applyDecision(data, text, { documentId: 'd', fromCodingIds: ['a2', 'b2'], decision: 'accept-b', keep: ['b2'] }, ctx, coreEnv);
    if (!r.ok) throw new Error(r.error.message);
    let d = r.value.data;
    const consensus = consensusCoder(d);
    expect(consensus).toMatchObject({ name: 'Consensus', consensus: true });
    const written = d.codings.filter((c) => c.coderId === consensus!.id);
    expect(written).toMatchObject([{ codeId: 'leg', exact: 'Parliament passed the law in 2005', provenance: { decidedBy: 'u_judge', fromCodingIds: ['a2', 'b2'], decision: 'accept-b' } }]);
    expect(adjudicationProgress(q, decidedCodingIds(d, 'd'))).toMatchObject({ decided: 1, total: 3 });
    // Decide again (edit): the earlier decision is replaced, not added to.
    r = applyDecision(d, text, { documentId: 'd', fromCodingIds: ['a2', 'b2'], decision: 'edit', edit: { start: text.indexOf('Parliament'), end: text.indexOf(' in 2005'), codeId: 'leg' } }, ctx, coreEnv);
    if (!r.ok) throw new Error(r.error.message);
    d = r.value.data;
    expect(d.codings.filter((c) => c.coderId === consensus!.id).map((c) => [c.exact, c.provenance?.decision])).toEqual([['Parliament passed the law', 'edit']]);
    // Reject the one-sided coding: no coding, a memo that counts as a decision.
    r = applyDecision(d, text, { documentId: 'd', fromCodingIds: aOnly!.a.map((c) => c.id), decision: 'reject' }, ctx, coreEnv);
    if (!r.ok) throw new Error(r.error.message);
    d = r.value.data;
    expect(d.memos.at(-1)?.text).toMatch(/rejected[\s\S]*Ana: Diplomacy[\s\S]*\[adjudication reject: a4\]$/);
    r = applyDecision(d, text, { documentId: 'd', fromCodingIds: [...label!.a, ...label!.b].map((c) => c.id), decision: 'accept-both', keep: ['a3', 'b3'] }, ctx, coreEnv);
    if (!r.ok) throw new Error(r.error.message);
    d = r.value.data;
    expect(adjudicationProgress(q, decidedCodingIds(d, 'd'))).toMatchObject({ decided: 3, total: 3, agreementsCopied: 0 });
    const copied = acceptAgreements(d, q, ctx, coreEnv);
    expect(copied.copied).toBe(1);
    expect(adjudicationProgress(q, decidedCodingIds(copied.data, 'd')).agreementsCopied).toBe(1);
    expect(acceptAgreements(copied.data, q, ctx, coreEnv).copied).toBe(0);
    // Reject replaces an accept on the same codings.
    const rej = applyDecision(copied.data, text, { documentId: 'd', fromCodingIds: ['a3', 'b3'], decision: 'reject' }, ctx, coreEnv);
    if (!rej.ok) throw new Error(rej.error.message);
    expect(rej.value.data.codings.filter((c) => c.coderId === consensus!.id && c.provenance?.fromCodingIds.includes('a3'))).toEqual([]);
    void boundary;
  });

  it('accepting both sides of a boundary disagreement writes one coding over their union', () => {
    const { data, A, B } = setup();
    const boundary = findDisagreements(data.codings, 'd', A, B).disagreements.find((x) => x.kind === 'boundary')!;
    const r = applyDecision(data, text, { documentId: 'd', fromCodingIds: ['a2', 'b2'], decision: 'accept-both', keep: ['a2', 'b2'] }, ctx, coreEnv);
    if (!r.ok) throw new Error(r.error.message);
    const consensus = consensusCoder(r.value.data)!;
    const written = r.value.data.codings.filter((c) => c.coderId === consensus.id);
    expect(written.map((c) => [c.codeId, c.start, c.end, c.exact])).toEqual([['leg', boundary.start, boundary.end, 'Parliament passed the law in 2005']]);
    expect(written[0]!.exact).toBe(text.slice(written[0]!.start, written[0]!.end));
    expect(written[0]!.provenance).toMatchObject({ decision: 'accept-both', fromCodingIds: ['a2', 'b2'] });
    expect(r.value.codingIds).toHaveLength(1);
  });

  it('unions overlapping and touching spans of one code and keeps other codes apart', () => {
    const g = (id: string, codeId: string, start: number, end: number): Coding => ({
      id,
      documentId: 'd',
      codeId,
      coderId: 'u',
      start,
      end,
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - 5), start),
      suffix: text.slice(end, end + 5),
      memo: id,
      created: '',
      updated: '',
    });
    const out = unionSameCode([g('x', 'leg', 10, 20), g('y', 'leg', 15, 30), g('z', 'leg', 30, 40), g('w', 'dip', 12, 18), g('v', 'leg', 50, 60)]);
    expect(out.map((c) => [c.codeId, c.start, c.end])).toEqual([
      ['leg', 10, 40],
      ['dip', 12, 18],
      ['leg', 50, 60],
    ]);
    expect(out[0]!.exact).toBe(text.slice(10, 40));
    expect(out[0]!.prefix).toBe(text.slice(5, 10));
    expect(out[0]!.suffix).toBe(text.slice(40, 45));
    expect(out[0]!.memo).toBe('x\ny\nz');
    // Nested: the outer one stands.
    expect(unionSameCode([g('x', 'leg', 10, 40), g('y', 'leg', 15, 30)]).map((c) => [c.start, c.end])).toEqual([[10, 40]]);
  });

  it('refuses bad requests with specific errors', () => {
    const { data } = setup();
    expect(applyDecision(data, text, { documentId: 'd', fromCodingIds: [], decision: 'reject' }, ctx, coreEnv)).toMatchObject({ ok: false });
    expect(applyDecision(data, text, { documentId: 'd', fromCodingIds: ['zz'], decision: 'reject' }, ctx, coreEnv)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(applyDecision(data, text, { documentId: 'x', fromCodingIds: ['a1'], decision: 'reject' }, ctx, coreEnv)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(applyDecision(data, text, { documentId: 'd', fromCodingIds: ['a1'], decision: 'accept-a', keep: ['b1'] }, ctx, coreEnv)).toMatchObject({ ok: false });
    expect(applyDecision(data, text, { documentId: 'd', fromCodingIds: ['a1'], decision: 'edit' }, ctx, coreEnv)).toMatchObject({ ok: false });
    expect(applyDecision(data, text, { documentId: 'd', fromCodingIds: ['a1'], decision: 'edit', edit: { start: 5, end: 5, codeId: 'dip' } }, ctx, coreEnv)).toMatchObject({ ok: false });
    expect(applyDecision(data, text, { documentId: 'd', fromCodingIds: ['a1'], decision: 'edit', edit: { start: 0, end: 5, codeId: 'nope' } }, ctx, coreEnv)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
