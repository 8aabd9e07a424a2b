import type { Migration } from '../../../src/core/persistence/migrations.js';
import { fixtureProject } from './fixtures.js';

/** A synthetic v0 (codings without memo, codebook called `codes`) and its step to v1. */
export const V0_TO_V1: Migration = {
  from: 0,
  to: 1,
  summary: 'codebook renamed, codings gained memos',
  up: ({ codes, codings, ...rest }) => ({ ...rest, codebook: codes, codings: (codings as Record<string, unknown>[]).map((c) => ({ ...c, memo: '' })) }),
};

/** Turn a v1 project into the synthetic v0 shape. */
export function toV0(data = fixtureProject(4)): Record<string, unknown> {
  const { codebook, codings, ...rest } = data;
  return { ...rest, schemaVersion: 0, codes: codebook, codings: codings.map(({ memo: _memo, ...c }) => c) };
}
