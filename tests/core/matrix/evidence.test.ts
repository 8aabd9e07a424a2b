import { describe, expect, it } from 'vitest';
import { formatEvidence, resolveEvidence, suggestEvidence } from '../../../src/core/matrix/evidence.js';
import { baseProject, TEXTS } from './fixture-project.js';

describe('evidence', () => {
  it('suggests passages of the code and its descendants in the case, in text order, optionally by coder', () => {
    const data = baseProject();
    const all = suggestEvidence(data, 'k-arg', 'sd-outcomes');
    expect(all.map((e) => e.codingId)).toEqual(['c1', 'c2', 'c3']);
    expect(all[0]).toMatchObject({ documentTitle: 'Argentina case study', page: 11, quote: TEXTS['d-arg']!.slice(all[0]!.start, all[0]!.end) });
    expect(all[2]?.page).toBe(12);
    expect(suggestEvidence(data, 'k-arg', 'sd-legislation', ['u-ben']).map((e) => e.codingId)).toEqual(['c2']);
    expect(suggestEvidence(data, 'k-chad', 'sd-legislation').map((e) => e.codingId)).toEqual(['c11']);
    expect(suggestEvidence(data, 'k-chad', 'sd-outcomes').map((e) => e.codingId)).toEqual(['c11', 'c9']);
  });

  it('resolves ids in order and skips ones that no longer exist', () => {
    expect(resolveEvidence(baseProject(), ['c5', 'gone', 'c1']).map((e) => e.codingId)).toEqual(['c5', 'c1']);
  });

  it('formats a citation with page and a cut quote', () => {
    const [ref] = resolveEvidence(baseProject(), ['c3']);
    expect(formatEvidence(ref!, 20)).toBe("Argentina case study, p. 12: “A prosecutors' unit…”");
    const [arm] = resolveEvidence(baseProject(), ['c5']);
    expect(formatEvidence(arm!)).toBe('Armenia case study: “The criminal code was amended in 2006”');
  });
});
