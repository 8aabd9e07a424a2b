import { describe, expect, it } from 'vitest';
import { coderLabel, fmt3, krippendorffReading, strengthOf } from '../../../../src/renderer/src/features/compare/strength.js';

describe('strength labels', () => {
  it('follows the Landis–Koch bands at their edges and names undefined figures', () => {
    expect([-0.01, 0, 0.2, 0.21, 0.4, 0.6, 0.8, 0.81, 1].map((v) => strengthOf(v).label)).toEqual(['poor', 'slight', 'slight', 'fair', 'fair', 'moderate', 'substantial', 'almost perfect', 'almost perfect']);
    expect(strengthOf(null)).toEqual({ label: 'n/a', className: 'strength-na' });
  });
  it('reads alpha as Krippendorff advises and formats figures', () => {
    expect([0.8, 0.7999, 0.667, 0.6, null].map(krippendorffReading)).toEqual(['reliable (α ≥ .800)', 'tentative (α ≥ .667)', 'tentative (α ≥ .667)', 'not reliable (α < .667)', 'undefined']);
    expect(fmt3(0.74319)).toBe('0.743');
    expect(fmt3(null)).toBe('n/a');
  });
  it('labels consensus and machine coders', () => {
    expect(coderLabel({ name: 'C', consensus: true })).toBe('C (consensus)');
    expect(coderLabel({ name: 'Bot', auto: true })).toBe('Bot (auto)');
    expect(coderLabel({ name: 'Ana' })).toBe('Ana');
  });
});
