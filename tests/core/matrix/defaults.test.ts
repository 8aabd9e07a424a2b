import { describe, expect, it } from 'vitest';
import { defaultMatrices, A6_MATRIX_NAME, CYCLE_MATRIX_NAME } from '../../../src/core/matrix/defaults.js';
import { baseProject } from './fixture-project.js';
import type { Code } from '../../../src/core/model/types.js';

const code = (id: string, name: string, parentId: string | null = null): Code => ({
  id,
  name,
  parentId,
  color: '#336699',
  description: '',
  inclusion: '',
  exclusion: '',
  example: '',
  shortcut: null,
  order: 0,
});

describe('defaultMatrices', () => {
  it('builds the A6 outcomes and scorecard-cycle matrices from the shipped codebook', () => {
    const ms = defaultMatrices(baseProject().codebook);
    expect(ms.map((m) => m.name)).toEqual([A6_MATRIX_NAME, CYCLE_MATRIX_NAME]);
    expect(ms[0]?.columns).toEqual(['sd-legislation', 'sd-institution-building', 'sd-norms-practices']);
    expect(ms[1]?.columns).toEqual(['sd-direct-diplomacy', 'sd-indirect-pressure', 'sd-concerns', 'sd-conditioning-factors']);
    expect(ms[0]?.scale).toEqual(['none', 'weak', 'moderate', 'strong']);
    expect(ms[0]?.notApplicable).toBe('not applicable');
    expect(ms[0]?.rows).toEqual([]);
  });

  it("resolves columns by path, so a codebook with other ids and the book's long headings works", () => {
    const codebook = [code('o', 'Outcomes'), code('x1', 'Legislation and other policy', 'o'), code('x2', 'Institution building', 'o'), code('x3', 'The promotion and adoption of new norms and practices', 'o')];
    const ms = defaultMatrices(codebook);
    expect(ms).toHaveLength(1);
    expect(ms[0]?.columns).toEqual(['x1', 'x2', 'x3']);
  });

  it('returns nothing for a codebook without any of the default codes', () => {
    expect(defaultMatrices([code('a', 'Something else')])).toEqual([]);
  });
});
