import { describe, expect, it } from 'vitest';
import { buildMatrixView, formatPercent } from '../../../src/core/matrix/view.js';
import { adoptAgreedRatings } from '../../../src/core/matrix/consensus.js';
import { AT, ratedProject } from './fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const M = 'mx-a6-outcomes';

describe('buildMatrixView', () => {
  it("shows one coder's ratings with notes, evidence, passage counts and disagreement flags", () => {
    const r = buildMatrixView(ratedProject(), M, { coder: 'u-ana', mode: 'ratings' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v.rows.map((x) => x.name)).toEqual(['Argentina', 'Armenia', 'Chad']);
    expect(v.columns.map((c) => c.path)).toEqual(['Outcomes/Legislation', 'Outcomes/Institution building', 'Outcomes/Norms and practices']);
    expect(v.cells.map((row) => row.map((c) => c.label))).toEqual([
      ['strong', 'moderate', 'weak'],
      ['strong', 'moderate', 'moderate'],
      ['none', 'not applicable', 'none'],
    ]);
    const argLeg = v.cells[0]![0]!;
    expect(argLeg.heat).toBe(1);
    expect(argLeg.passages).toBe(1); // Ana's own coding only
    expect(argLeg.evidence.map((e) => [e.codingId, e.page])).toEqual([['c1', 11]]);
    expect(v.cells[2]![1]).toMatchObject({ notApplicable: true, scaleIndex: null, heat: null, disagreement: true });
    expect(v.cells[0]![1]!.disagreement).toBe(true);
    expect(v.cells[0]![0]!.disagreement).toBe(false);
    expect(v.cells[2]![0]!.heat).toBe(0);
  });

  it('shows counts and coverage over all coders', () => {
    const counts = buildMatrixView(ratedProject(), M, { coder: 'all', mode: 'counts' });
    expect(counts.ok && counts.value.cells.map((row) => row.map((c) => c.label))).toEqual([
      ['2', '1', '0'],
      ['2', '0', '1'],
      ['1', '0', '0'],
    ]);
    expect(counts.ok && counts.value.coder).toBeNull();
    expect(counts.ok && counts.value.cells[0]![0]!.heat).toBe(1);
    expect(counts.ok && counts.value.cells[0]![2]!.heat).toBeNull();
    const cov = buildMatrixView(ratedProject(), M, { coder: 'all', mode: 'coverage' });
    expect(cov.ok && cov.value.cells[0]![0]!.label).toMatch(/^\d+\.\d%$/);
    expect(cov.ok && cov.value.maxCoverage).toBeGreaterThan(0);
  });

  it("shows the consensus coder's matrix once adjudicated, and says when there is none", () => {
    const adopted = adoptAgreedRatings(ratedProject(), { matrixId: M, consensusCoderId: 'u-con', fromCoderIds: ['u-ana', 'u-ben'], at: AT }, coreEnv);
    expect(adopted.ok).toBe(true);
    if (!adopted.ok) return;
    const r = buildMatrixView(adopted.value.data, M, { coder: 'consensus', mode: 'ratings' });
    expect(r.ok && r.value.coder?.name).toBe('Consensus');
    expect(r.ok && r.value.cells[0]!.map((c) => c.label)).toEqual(['strong', '', 'weak']);
    // a consensus coder without codings of its own shows the independent coders' passages
    const all = buildMatrixView(adopted.value.data, M, { coder: 'all', mode: 'counts' });
    expect(r.ok && all.ok && r.value.cells.map((row) => row.map((c) => c.passages))).toEqual(all.ok && all.value.cells.map((row) => row.map((c) => c.passages)));
    expect(all.ok && all.value.maxPassages).toBeGreaterThan(0);
    const none = ratedProject();
    none.coders = none.coders.filter((c) => !c.consensus);
    const missing = buildMatrixView(none, M, { coder: 'consensus', mode: 'ratings' });
    expect(!missing.ok && missing.error.message).toMatch(/no consensus coder/);
  });

  it('rejects unknown matrices, coders and modes', () => {
    expect(buildMatrixView(ratedProject(), 'x', { coder: 'u-ana', mode: 'ratings' }).ok).toBe(false);
    expect(buildMatrixView(ratedProject(), M, { coder: 'x', mode: 'ratings' }).ok).toBe(false);
    expect(buildMatrixView(ratedProject(), M, { coder: 'u-ana', mode: 'bogus' as 'ratings' }).ok).toBe(false);
  });

  it('formats percentages', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatPercent(1)).toBe('100.0%');
  });
});
