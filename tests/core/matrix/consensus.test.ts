import { describe, expect, it } from 'vitest';
import { adjudicateRating, adoptAgreedRatings, ratingDisagreements } from '../../../src/core/matrix/consensus.js';
import { findRating } from '../../../src/core/matrix/ratings.js';
import { AT, ratedProject } from './fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const M = 'mx-a6-outcomes';

describe('rating disagreements', () => {
  it('lists the cells where Ana and Ben differ, with spread', () => {
    const r = ratingDisagreements(ratedProject(), M, ['u-ana', 'u-ben']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((d) => [d.caseId, d.codeId, d.kind, d.spread])).toEqual([
      ['k-arg', 'sd-institution-building', 'differ', 1],
      ['k-arm', 'sd-legislation', 'differ', 1],
      ['k-arm', 'sd-norms-practices', 'differ', 1],
      ['k-chad', 'sd-institution-building', 'differ', 0],
    ]);
    expect(r.value[0]?.values.map((v) => v.value)).toEqual(['moderate', 'strong']);
  });

  it('lists cells only one coder rated when asked', () => {
    const r = ratingDisagreements(ratedProject(), M, ['u-ana', 'u-ben'], { includeMissing: true });
    expect(r.ok && r.value.filter((d) => d.kind === 'missing').map((d) => d.caseId + d.codeId)).toEqual(['k-chadsd-norms-practices']);
  });

  it('rejects fewer than two coders and unknown ones', () => {
    expect(ratingDisagreements(ratedProject(), M, ['u-ana']).ok).toBe(false);
    expect(ratingDisagreements(ratedProject(), M, ['u-ana', 'x']).ok).toBe(false);
    expect(ratingDisagreements(ratedProject(), 'x', ['u-ana', 'u-ben']).ok).toBe(false);
  });
});

describe('adjudication', () => {
  it('records provenance: accept-a, accept-b, accept-both, edit and reject', () => {
    let data = ratedProject();
    const decide = (caseId: string, codeId: string, value: string | null): string => {
      const r = adjudicateRating(data, { matrixId: M, caseId, codeId, consensusCoderId: 'u-con', fromCoderIds: ['u-ana', 'u-ben'], value, at: AT }, coreEnv);
      if (!r.ok) throw new Error(r.error.message);
      data = r.value.data;
      return r.value.rating.provenance?.decision ?? '';
    };
    expect(decide('k-arg', 'sd-institution-building', 'moderate')).toBe('accept-a');
    expect(decide('k-arm', 'sd-legislation', 'moderate')).toBe('accept-b');
    expect(decide('k-arg', 'sd-legislation', 'strong')).toBe('accept-both');
    expect(decide('k-arm', 'sd-norms-practices', 'weak')).toBe('edit');
    expect(decide('k-chad', 'sd-norms-practices', null)).toBe('reject');
    const both = findRating(data, M, 'k-arg', 'sd-legislation', 'u-con');
    // evidence defaults to the union of the agreeing sources' evidence
    expect(both?.evidence).toEqual(['c1', 'c2']);
    expect(both?.provenance?.fromCodingIds).toHaveLength(2);
    expect(findRating(data, M, 'k-arm', 'sd-legislation', 'u-con')?.evidence).toEqual(['c6']);
  });

  it('refuses a coder that is not a consensus coder, or one that is its own source', () => {
    const data = ratedProject();
    const a = adjudicateRating(data, { matrixId: M, caseId: 'k-arg', codeId: 'sd-legislation', consensusCoderId: 'u-ana', fromCoderIds: ['u-ben'], value: 'weak' }, coreEnv);
    expect(!a.ok && a.error.message).toMatch(/not a consensus coder/);
    const b = adjudicateRating(data, { matrixId: M, caseId: 'k-arg', codeId: 'sd-legislation', consensusCoderId: 'u-con', fromCoderIds: ['u-con'], value: 'weak' }, coreEnv);
    expect(b.ok).toBe(false);
    const c = adjudicateRating(data, { matrixId: M, caseId: 'k-arg', codeId: 'sd-legislation', consensusCoderId: 'u-con', fromCoderIds: ['u-ana'], value: 'huge' }, coreEnv);
    expect(!c.ok && c.error.code).toBe('invalid');
  });

  it('adopts every agreed cell the consensus has not decided, and leaves disagreements alone', () => {
    const r = adoptAgreedRatings(ratedProject(), { matrixId: M, consensusCoderId: 'u-con', fromCoderIds: ['u-ana', 'u-ben'], at: AT }, coreEnv);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.adopted).toBe(4);
    const con = r.value.data.ratings.filter((x) => x.coderId === 'u-con');
    expect(con.map((x) => `${x.caseId}/${x.codeId}=${x.value}`)).toEqual(['k-arg/sd-legislation=strong', 'k-arg/sd-norms-practices=weak', 'k-arm/sd-institution-building=moderate', 'k-chad/sd-legislation=none']);
    expect(con[0]?.note).toBe('Law 26.364 (2008) followed direct US pressure; 50% of cases cite it & "Tier 2" <mattered>.\nLaw 26.364 cites the report.');
    // the report: what it filled, and what it left with why
    expect(r.value.filled.map((c) => `${c.case} × ${c.column} = ${c.value}`)).toEqual([
      'Argentina × Outcomes/Legislation = strong',
      'Argentina × Outcomes/Norms and practices = weak',
      'Armenia × Outcomes/Institution building = moderate',
      'Chad × Outcomes/Legislation = none',
    ]);
    expect(r.value.left.every((c) => c.reason === 'disagree' || c.reason === 'not-rated-by-all')).toBe(true);
    expect(r.value.left.length).toBeGreaterThan(0);
    const again = adoptAgreedRatings(r.value.data, { matrixId: M, consensusCoderId: 'u-con', fromCoderIds: ['u-ana', 'u-ben'] }, coreEnv);
    expect(again.ok && again.value.adopted).toBe(0);
    expect(again.ok && again.value.left.filter((c) => c.reason === 'already-decided')).toHaveLength(4);
  });
});
