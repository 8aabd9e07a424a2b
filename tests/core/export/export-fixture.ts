import type { ProjectData } from '../../../src/core/model/types.js';
import { adjudicateRating, adoptAgreedRatings } from '../../../src/core/matrix/consensus.js';
import { AT, ratedProject } from '../matrix/fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

/** Export options that keep golden files stable. */
export const STAMP = { appVersion: '0.1.0-test', date: '2026-01-15' };

/** The rated fixture with consensus: agreed cells adopted, three disagreements adjudicated. */
export function adjudicatedProject(): ProjectData {
  const adopted = adoptAgreedRatings(ratedProject(), { matrixId: 'mx-a6-outcomes', consensusCoderId: 'u-con', fromCoderIds: ['u-ana', 'u-ben'], at: AT }, coreEnv);
  if (!adopted.ok) throw new Error(adopted.error.message);
  let data = adopted.value.data;
  const decisions: [string, string, string, string][] = [
    ['k-arg', 'sd-institution-building', 'moderate', 'Unit exists; US role in its creation is indirect.'],
    ['k-arm', 'sd-legislation', 'strong', 'Amendment tracks the report’s recommendation closely.'],
    ['k-arm', 'sd-norms-practices', 'moderate', ''],
    ['k-chad', 'sd-institution-building', 'not applicable', 'No institution-building activity to assess.'],
  ];
  for (const [caseId, codeId, value, note] of decisions) {
    const r = adjudicateRating(data, { matrixId: 'mx-a6-outcomes', caseId, codeId, consensusCoderId: 'u-con', fromCoderIds: ['u-ana', 'u-ben'], value, note, at: AT }, coreEnv);
    if (!r.ok) throw new Error(r.error.message);
    data = r.value.data;
  }
  return data;
}
