import { describe, expect, it } from 'vitest';
import { coderLabel, fmt3, fmtInterval, krippendorffReading, strengthOf } from '../../../../src/renderer/src/features/compare/strength.js';

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
  it('labels degenerate figures by what happened, not by a band (issue 11: alpha 0.000 read "slight")', () => {
    expect(strengthOf(0, ['never-agree']).label).toBe('no agreement');
    expect(strengthOf(0, ['one-coder-only']).label).toBe('no agreement (one coder)');
    expect(strengthOf(null, ['nobody-coded']).label).toBe('nothing coded');
    expect(strengthOf(0.9, ['no-uncoded-units']).label).toBe('almost perfect');
  });
  it('never prints a negative zero and writes intervals', () => {
    expect(fmt3(-0.0002)).toBe('0.000');
    expect(fmtInterval({ interval: { lower: -0.00001, upper: 0.5, confidence: 0.95 } })).toBe('95% CI [0.000, 0.500]');
    expect(fmtInterval({})).toBe('');
  });
  it('labels consensus and machine coders', () => {
    expect(coderLabel({ name: 'C', consensus: true })).toBe('C (consensus)');
    expect(coderLabel({ name: 'Bot', auto: true })).toBe('Bot (auto)');
    expect(coderLabel({ name: 'Ana' })).toBe('Ana');
  });
});
