/**
 * The 2016/2019 unitizing alphas for text continua (Krippendorff, Mathet, Bouvry & Widlöcher 2016,
 * Quality & Quantity 50:2347–2364; Krippendorff 2019, Content Analysis 4th ed. §12.6, eqs. 32–37),
 * as reconstructed and numerically confirmed in research/agreement.md §3.2.
 *
 * Every coder's segments, plus φ (irrelevant matter) for the gaps, partition [0, L). Then
 * - l_ck = 1/(m−1) Σ_i Σ_{j≠i} Σ_g Σ_h |S_ig(c) ∩ S_jh(k)| (length coincidences, l_·· = mL);
 * - C_c = Σ |S_ig|² over segments of value c ≠ φ (an indivisible unit cannot pair with itself),
 *   C_φ = Σ |S_ig| over φ (each φ position is its own unit); C = Σ_c C_c;
 * - ε_ck = l_·· (l_c· l_·k − [c = k] C_c)/(l_··² − C);
 * - uα = 1 − (l_·· − Σ_c l_cc)/(l_·· − Σ_c ε_cc) (nominal values);
 * - |uα: the same with every value collapsed to "relevant" while keeping segment boundaries —
 *   agreement on which stretches are relevant; undefined without any φ;
 * - cuα (TENTATIVE: matches one published number, 0.724): the valued × valued sub-matrix l*_ck, with
 *   C*_c = Σ a_ig² where a_ig = 1/(m−1) Σ_{j≠i} Σ_{h valued} |S_ig ∩ S_jh| — agreement on codes where
 *   coders agree a stretch is relevant.
 * A coder's segments must not overlap (null with 'overlapping-segments'); for multi-code text
 * compute per code (binary) or per semantic domain of mutually exclusive codes.
 * Cost: one sweep over the sorted segment boundaries, O(B·m) for B boundaries and m coders.
 */
import { type Continuum, PHI, type Segment, sortedSegments } from './continuum.js';
import type { AgreementResult, AgreementTable } from './types.js';
import { undefinedResult } from './values.js';

/** uα, |uα and cuα of one continuum, with the length-coincidence table. */
export interface UnitizingAlphas {
  uAlpha: AgreementResult;
  binaryUAlpha: AgreementResult;
  cuAlpha: AgreementResult;
  table: AgreementTable;
}

function alphaFromLengths(metric: string, coders: number, total: number, l: number[][], corrections: number[], empty: 'single-value' | 'no-coincident-units'): AgreementResult {
  const size = l.length;
  const margins = l.map((row) => row.reduce((s, x) => s + x, 0));
  const lTot = margins.reduce((s, x) => s + x, 0);
  if (lTot === 0) return undefinedResult(metric, 'nominal', empty, total, coders);
  const C = corrections.reduce((s, x) => s + x, 0);
  let diag = 0;
  let eDiag = 0;
  for (let c = 0; c < size; c++) {
    diag += l[c]?.[c] ?? 0;
    eDiag += (lTot * ((margins[c] ?? 0) ** 2 - (corrections[c] ?? 0))) / (lTot * lTot - C);
  }
  const De = lTot - eDiag;
  const Do = lTot - diag;
  if (!(De > 0) || !Number.isFinite(De)) return { ...undefinedResult(metric, 'nominal', 'single-value', total, coders), observed: Do / lTot, expected: De / lTot };
  return { metric, level: 'nominal', value: 1 - Do / De, units: total, coders, observed: Do / lTot, expected: De / lTot, details: { l: lTot, C } };
}

/**
 * Compute uα, |uα and cuα of a continuum in one sweep. Values are the segments' `value` strings;
 * the table's last row/column is φ.
 */
export function unitizingAlphas(c: Continuum): UnitizingAlphas {
  const m = c.coders.length;
  const L = c.length;
  const fail = (reason: Parameters<typeof undefinedResult>[2], detail?: string): UnitizingAlphas => {
    const r = (metric: string) => undefinedResult(metric, 'nominal', reason, Math.max(L, 0), m, detail);
    return { uAlpha: r('u_alpha'), binaryUAlpha: r('binary_u_alpha'), cuAlpha: r('cu_alpha'), table: { kind: 'unitizing-coincidence', rowLabels: [], columnLabels: [], counts: [] } };
  };
  const sorted = sortedSegments(c, true);
  if (!sorted.ok) return fail(sorted.reason, sorted.detail);
  if (m < 2) return fail('no-pairable-units', 'fewer than two coders');
  const begin = c.begin ?? 0;
  const end = begin + L;
  const values = [...new Set(sorted.coders.flat().map((s) => s.value))].sort();
  const index = new Map(values.map((v, i) => [v, i]));
  const V = values.length;
  const phi = V;
  const l = Array.from({ length: V + 1 }, () => new Array<number>(V + 1).fill(0));
  const corr = new Array<number>(V + 1).fill(0);
  // Row mass of every valued segment in the valued-only sub-matrix (for cuα).
  const mass = sorted.coders.map((segs) => new Float64Array(segs.length));
  for (const segs of sorted.coders) {
    let covered = 0;
    for (const s of segs) {
      const len = s.end - s.start;
      covered += len;
      const k = index.get(s.value) ?? 0;
      corr[k] = (corr[k] ?? 0) + len * len;
    }
    corr[phi] = (corr[phi] ?? 0) + (L - covered);
  }
  const bounds = [begin, end];
  for (const segs of sorted.coders) for (const s of segs) bounds.push(s.start, s.end);
  const points = [...new Set(bounds)].sort((a, b) => a - b);
  const ptr = new Array<number>(m).fill(0);
  const cur = new Array<number>(m).fill(phi);
  const curSeg = new Array<number>(m).fill(-1);
  const count = new Array<number>(V + 1).fill(0);
  for (let t = 0; t + 1 < points.length; t++) {
    const x = points[t] as number;
    const len = (points[t + 1] as number) - x;
    count.fill(0);
    let valued = 0;
    for (let i = 0; i < m; i++) {
      const segs = sorted.coders[i] as Segment[];
      while ((ptr[i] ?? 0) < segs.length && (segs[ptr[i] ?? 0] as Segment).end <= x) ptr[i] = (ptr[i] ?? 0) + 1;
      const s = segs[ptr[i] ?? 0];
      if (s && s.start <= x) {
        cur[i] = index.get(s.value) ?? 0;
        curSeg[i] = ptr[i] ?? 0;
        valued++;
      } else {
        cur[i] = phi;
        curSeg[i] = -1;
      }
      count[cur[i] ?? phi] = (count[cur[i] ?? phi] ?? 0) + 1;
    }
    for (let a = 0; a <= V; a++) {
      const na = count[a] ?? 0;
      if (na === 0) continue;
      const row = l[a] as number[];
      for (let b = 0; b <= V; b++) {
        const nb = count[b] ?? 0;
        if (nb === 0) continue;
        const pairs = a === b ? na * (na - 1) : na * nb;
        if (pairs > 0) row[b] = (row[b] ?? 0) + (len * pairs) / (m - 1);
      }
    }
    for (let i = 0; i < m; i++) {
      const g = curSeg[i] ?? -1;
      if (g >= 0) {
        const arr = mass[i] as Float64Array;
        arr[g] = (arr[g] ?? 0) + (len * (valued - 1)) / (m - 1);
      }
    }
  }
  const labels = [...values, PHI];
  const table: AgreementTable = { kind: 'unitizing-coincidence', rowLabels: labels, columnLabels: [...labels], counts: l.map((r) => [...r]) };

  const uAlpha = alphaFromLengths('u_alpha', m, L, l, corr, 'single-value');
  uAlpha.definition = 'uα (Krippendorff et al. 2016): agreement on where segments are and which value they carry, φ = uncoded';

  const noPhi = (l[phi] ?? []).every((x) => x === 0);
  const relevant = (a: number[]) => a.slice(0, V).reduce((s, x) => s + x, 0);
  const lRR = l.slice(0, V).reduce((s, row) => s + relevant(row), 0);
  const lRphi = l.slice(0, V).reduce((s, row) => s + (row[phi] ?? 0), 0);
  const binary = [
    [lRR, lRphi],
    [lRphi, l[phi]?.[phi] ?? 0],
  ];
  const binaryUAlpha = noPhi ? undefinedResult('binary_u_alpha', 'nominal', 'no-irrelevant-matter', L, m) : alphaFromLengths('binary_u_alpha', m, L, binary, [corr.slice(0, V).reduce((s, x) => s + x, 0), corr[phi] ?? 0], 'single-value');
  binaryUAlpha.definition = '|uα (Krippendorff et al. 2016): agreement on which stretches are relevant (coded with any value) versus φ';

  const star = l.slice(0, V).map((row) => row.slice(0, V));
  const cStar = new Array<number>(V).fill(0);
  sorted.coders.forEach((segs, i) =>
    segs.forEach((s, g) => {
      const k = index.get(s.value) ?? 0;
      cStar[k] = (cStar[k] ?? 0) + (mass[i]?.[g] ?? 0) ** 2;
    }),
  );
  const cuAlpha = alphaFromLengths('cu_alpha', m, L, star, cStar, 'no-coincident-units');
  cuAlpha.definition = 'cuα (Krippendorff 2019 eqs. 36–37, tentative reconstruction): agreement on values where coders agree a stretch is relevant';
  return { uAlpha, binaryUAlpha, cuAlpha, table };
}
