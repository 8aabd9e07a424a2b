/**
 * A small team project: two coders (A, B), a consensus coder, two cases with one document each,
 * codings, ratings and memos by each coder on both documents.
 */
import { createProject } from '../../../../src/core/model/project.js';
import type { Coding, Memo, ProjectData, Rating } from '../../../../src/core/model/types.js';
import type { Viewer } from '../../../../src/main/team/auth-contract.js';
import { SYSTEM_ENV } from '../../../../src/shared/system-env.js';

/** Random ids and the clock, as the service gives core. */
const coreEnv = SYSTEM_ENV;

export const A = 'coder_a';
export const B = 'coder_b';
export const CONSENSUS = 'coder_consensus';
export const DOC1 = 'd_one';
export const DOC2 = 'd_two';
export const CASE1 = 'case_one';
export const CASE2 = 'case_two';

export const viewerA: Viewer = { userId: 'u_a', login: 'alice', role: 'coder', coderId: A };
export const viewerB: Viewer = { userId: 'u_b', login: 'bob', role: 'coder', coderId: B };
export const adjudicator: Viewer = { userId: 'u_j', login: 'judy', role: 'adjudicator', coderId: 'coder_j' };
export const owner: Viewer = { userId: 'u_o', login: 'olga', role: 'owner', coderId: 'coder_o' };
export const reader: Viewer = { userId: 'u_v', login: 'victor', role: 'viewer', coderId: null };

const T = '2026-12-06T00:00:00.000Z';

export function coding(id: string, coderId: string, documentId: string, codeId: string, start = 0, end = 5): Coding {
  return { id, documentId, codeId, coderId, start, end, exact: 'Text.', prefix: '', suffix: '', memo: '', created: T, updated: T };
}

/** The project (its codebook is the default scorecard codebook's first codes). */
export function teamProject(): ProjectData {
  const base = createProject('Team fixture', [], coreEnv);
  const codebook = [
    { id: 'k_leg', name: 'Legislation', parentId: null, color: '#336699', description: '', inclusion: '', exclusion: '', example: '', shortcut: null, order: 0 },
    { id: 'k_inst', name: 'Institution building', parentId: null, color: '#993366', description: '', inclusion: '', exclusion: '', example: '', shortcut: null, order: 1 },
  ];
  const doc = (id: string, caseId: string) => ({ id, caseId, title: id, sourceFile: `${id}.md`, format: 'md' as const, textHash: 'h', chars: 100, importedAt: T, textVersion: 1 });
  const codings = [coding('c_a1', A, DOC1, 'k_leg'), coding('c_a2', A, DOC2, 'k_leg'), coding('c_b1', B, DOC1, 'k_inst', 10, 20), coding('c_b2', B, DOC2, 'k_inst', 10, 20), coding('c_b3', B, DOC2, 'k_leg', 30, 40)];
  const rating = (id: string, coderId: string, caseId: string, value: string): Rating => ({ id, matrixId: 'm_1', caseId, codeId: 'k_leg', coderId, value, note: `note by ${coderId}`, evidence: [], updated: T });
  const memo = (id: string, coderId: string | null, target: Memo['target']): Memo => ({ id, target, coderId, text: `memo by ${coderId}`, updated: T });
  return {
    ...base,
    coders: [
      { id: A, name: 'alice' },
      { id: B, name: 'bob' },
      { id: CONSENSUS, name: 'Consensus', consensus: true },
    ],
    codebook,
    cases: [
      { id: CASE1, name: 'Case one', attributes: {} },
      { id: CASE2, name: 'Case two', attributes: {} },
    ],
    documents: [doc(DOC1, CASE1), doc(DOC2, CASE2)],
    codings,
    matrices: [{ id: 'm_1', name: 'Outcomes', columns: ['k_leg', 'k_inst'], rows: [CASE1, CASE2], scale: ['none', 'some', 'much'], notApplicable: 'n/a' }],
    ratings: [rating('r_a1', A, CASE1, 'some'), rating('r_b1', B, CASE1, 'much'), rating('r_b2', B, CASE2, 'none')],
    memos: [
      memo('mm_a', A, { kind: 'document', id: DOC1 }),
      memo('mm_b', B, { kind: 'document', id: DOC1 }),
      memo('mm_bc', B, { kind: 'case', id: CASE2 }),
      memo('mm_bk', B, { kind: 'code', id: 'k_leg' }),
      memo('mm_shared', null, { kind: 'project' }),
    ],
  };
}
