/**
 * Krippendorff's (1995; 2004 book pp. 251–256) unitizing alpha α_U, kept for compatibility with
 * DKPro Statistics and older publications. The 2016 family (`u-alpha.ts`) supersedes it: α_U
 * misbehaves with more than two coders (Krippendorff et al. 2016).
 *
 * Per value c, each coder's continuum is cut into that coder's units of c and the maximal gaps
 * between them ("sections"). For two overlapping sections of different coders:
 *   δ² = (b₁ − b₂)² + (e₁ − e₂)² when both are units; l² when one is a unit lying wholly inside the
 *   other's gap (l its length); 0 otherwise.
 * D_o(c) = 2/(R(R−1)L²) Σ_{coder pairs} Σ_{overlapping section pairs} δ².
 * D_e(c) = (2/L) Σ_{units g} [ (N_c−1)(2l_g³ − 3l_g² + l_g)/3 + l_g² Σ_{gaps h, len_h ≥ l_g} (len_h − l_g + 1) ]
 *          / [ RL(RL − 1) − Σ_g l_g(l_g − 1) ]   (N_c units of c over all coders, gaps of all coders)
 * α_U(c) = 1 − D_o(c)/D_e(c); overall α_U = 1 − Σ_c D_o(c)/Σ_c D_e(c).
 * The expected term follows DKPro's corrected reading of the 1995 formula (see research note §3.1).
 */
import { type Continuum, type Segment, sortedSegments } from './continuum.js';
import type { AgreementResult } from './types.js';
import { undefinedResult } from './values.js';

interface Section {
  start: number;
  end: number;
  unit: boolean;
}

/** δ² between two overlapping sections of different coders (zero when they do not overlap). */
export function sectionDistance(a: Section, b: Section): number {
  if (a.start >= b.end || b.start >= a.end) return 0;
  if (a.unit && b.unit) return (a.start - b.start) ** 2 + (a.end - b.end) ** 2;
  if (a.unit && !b.unit && b.start <= a.start && a.end <= b.end) return (a.end - a.start) ** 2;
  if (b.unit && !a.unit && a.start <= b.start && b.end <= a.end) return (b.end - b.start) ** 2;
  return 0;
}

function sectionsOf(units: Segment[], begin: number, end: number): Section[] {
  const out: Section[] = [];
  let pos = begin;
  for (const u of units) {
    if (u.start > pos) out.push({ start: pos, end: u.start, unit: false });
    out.push({ start: u.start, end: u.end, unit: true });
    pos = u.end;
  }
  if (pos < end) out.push({ start: pos, end, unit: false });
  return out;
}

/** D_o(c) and D_e(c) of one value. */
function valueDisagreements(perCoder: Segment[][], begin: number, L: number): { Do: number; De: number } {
  const R = perCoder.length;
  const sections = perCoder.map((u) => sectionsOf(u, begin, begin + L));
  let observed = 0;
  for (let i = 0; i < R; i++) {
    for (let j = i + 1; j < R; j++) {
      const a = sections[i] ?? [];
      const b = sections[j] ?? [];
      let p = 0;
      let q = 0;
      while (p < a.length && q < b.length) {
        const sa = a[p] as Section;
        const sb = b[q] as Section;
        observed += sectionDistance(sa, sb);
        if (sa.end <= sb.end) p++;
        else q++;
      }
    }
  }
  const Do = (2 * observed) / (R * (R - 1) * L * L);
  const units = perCoder.flat();
  const gaps = sections
    .flat()
    .filter((s) => !s.unit)
    .map((s) => s.end - s.start)
    .sort((x, y) => x - y);
  const suffix = new Float64Array(gaps.length + 1);
  for (let i = gaps.length - 1; i >= 0; i--) suffix[i] = (suffix[i + 1] ?? 0) + (gaps[i] ?? 0);
  const Nc = units.length;
  let sum = 0;
  let selfPairs = 0;
  for (const g of units) {
    const l = g.end - g.start;
    selfPairs += l * (l - 1);
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((gaps[mid] ?? 0) >= l) hi = mid;
      else lo = mid + 1;
    }
    const count = gaps.length - lo;
    const fits = (suffix[lo] ?? 0) - count * (l - 1);
    sum += ((Nc - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * fits;
  }
  const De = ((2 / L) * sum) / (R * L * (R * L - 1) - selfPairs);
  return { Do, De };
}

/** α_U per value and overall. */
export interface AlphaU1995Result extends AgreementResult {
  perValue: { value: string; result: AgreementResult }[];
}

/**
 * Krippendorff's 1995 α_U over all values of the continuum (or only `values` when given).
 * Segments of the same value by one coder must not overlap (null with 'overlapping-segments').
 */
export function alphaU1995(c: Continuum, values?: readonly string[]): AlphaU1995Result {
  const metric = 'alpha_U_1995';
  const R = c.coders.length;
  const begin = c.begin ?? 0;
  const sorted = sortedSegments(c, false);
  if (!sorted.ok) return { ...undefinedResult(metric, 'nominal', sorted.reason, 0, R, sorted.detail), perValue: [] };
  if (R < 2) return { ...undefinedResult(metric, 'nominal', 'no-pairable-units', 0, R), perValue: [] };
  const all = values ?? [...new Set(sorted.coders.flat().map((s) => s.value))].sort();
  let sumDo = 0;
  let sumDe = 0;
  const perValue = all.map((value) => {
    const { Do, De } = valueDisagreements(
      sorted.coders.map((segs) => segs.filter((s) => s.value === value)),
      begin,
      c.length,
    );
    sumDo += Do;
    sumDe += De;
    const result: AgreementResult =
      De > 0 ? { metric, level: 'nominal', value: 1 - Do / De, units: c.length, coders: R, observed: Do, expected: De } : { ...undefinedResult(metric, 'nominal', 'single-value', c.length, R), observed: Do, expected: De };
    return { value, result };
  });
  const overall: AgreementResult = sumDe > 0 ? { metric, level: 'nominal', value: 1 - sumDo / sumDe, units: c.length, coders: R, observed: sumDo, expected: sumDe } : undefinedResult(metric, 'nominal', 'single-value', c.length, R);
  overall.definition = "Krippendorff's 1995 unitizing alpha α_U: 1 − Σ_c D_o(c)/Σ_c D_e(c) (compatibility; prefer uα)";
  return { ...overall, perValue };
}
