/**
 * Maps each vector of ../shared/fixtures/agreement-vectors.json to the engine function computing
 * its statistic. Shared by the vector tests and the tentative-vector report.
 */
import { readFileSync } from 'node:fs';
import {
  alphaU1995,
  brennanPrediger,
  cohenKappa,
  compareCodings,
  dataFromContingency,
  fleissFromCounts,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  scottPi,
  sectionDistance,
  unitizingAlphas,
  type Continuum,
  type Segment,
  type Value,
  type WeightedReliabilityData,
} from '../../../src/core/agreement/index.js';
import type { Coding } from '../../../src/core/model/types.js';

export interface Vector {
  name: string;
  status: string;
  statistic: string;
  data: Record<string, unknown> & { format: string };
  expected: number | number[];
  tolerance: number;
  exact?: number;
  exact_tolerance?: number;
}

export function loadVectors(): Vector[] {
  const url = new URL('../../../../shared/fixtures/agreement-vectors.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { vectors: Vector[] }).vectors;
}

type Raw = (Value | null)[][];

/** The vector's data as reliability data (units × coders). */
export function reliabilityOf(v: Vector): WeightedReliabilityData {
  const d = v.data;
  if (d.format === 'contingency') return dataFromContingency(d.categories as Value[], d.counts as number[][]);
  if (d.format === 'reliability_matrix') {
    const rows = d.values as Raw;
    const units = (rows[0] ?? []).map((_, u) => rows.map((r) => r[u] ?? null));
    return { coders: rows.map((_, i) => `c${i + 1}`), units };
  }
  if (d.format === 'ratings_by_unit') {
    const units = d.values as Raw;
    return { coders: (units[0] ?? []).map((_, i) => `r${i + 1}`), units };
  }
  if (d.format === 'char_counts') {
    const n = d as unknown as { both: number; one_only: number; neither: number };
    return {
      coders: ['a', 'b'],
      units: [
        [1, 1],
        [1, 0],
        [0, 0],
      ],
      weights: [n.both, n.one_only, n.neither],
    };
  }
  throw new Error(`no reliability data for format ${d.format}`);
}

function continuumOf(v: Vector): Continuum {
  const d = v.data;
  if (d.format === 'units_begin_length') {
    const units = d.units as { begin: number; length: number; coder: number; value: string }[];
    const coders: Segment[][] = Array.from({ length: d.coders as number }, () => []);
    for (const u of units) coders[u.coder]?.push({ start: u.begin, end: u.begin + u.length, value: u.value });
    return { begin: d.continuum_begin as number, length: d.continuum_length as number, coders };
  }
  const raw = d.coders as Segment[][] | Record<string, Segment[]>;
  const coders = Array.isArray(raw) ? raw : Object.values(raw);
  return { length: d.continuum_length as number, coders: coders.map((segs) => segs.map((s) => ({ start: s.start, end: s.end, value: String(s.value) }))) };
}

function coding(coderId: string, codeId: string, start: number, end: number, documentId = 'doc'): Coding {
  return { id: `${coderId}-${codeId}-${start}`, documentId, codeId, coderId, start, end, exact: '', prefix: '', suffix: '', memo: '', created: '', updated: '' };
}

/** Compute the vector's statistic with the engine; null when undefined. */
export function compute(v: Vector): number | null | (number | null)[] {
  const s = v.statistic;
  const d = v.data;
  const categories = (d.categories as Value[] | undefined) ?? undefined;
  switch (s) {
    case 'cohen_kappa':
      return cohenKappa(reliabilityOf(v)).value;
    case 'scott_pi':
      return scottPi(reliabilityOf(v)).value;
    case 'percent_agreement':
      return percentAgreement(reliabilityOf(v)).value;
    case 'percent_agreement_pairable':
      return percentAgreement(reliabilityOf(v), 'pairable').value;
    case 'percent_agreement_all_coders_agree':
      return percentAgreement(reliabilityOf(v), 'all-agree').value;
    case 'brennan_prediger':
    case 'brennan_prediger_multirater':
      return brennanPrediger(reliabilityOf(v), categories?.length).value;
    case 'fleiss_kappa':
      if (d.format === 'category_counts') return fleissFromCounts(d.values as number[][]).value;
      return fleissKappa(reliabilityOf(v)).value;
    case 'fleiss_kappa_per_category':
      return (fleissKappa(reliabilityOf(v), { categories }).perCategory ?? []).map((p) => p.value);
    case 'krippendorff_alpha_nominal':
    case 'krippendorff_alpha_ordinal':
    case 'krippendorff_alpha_interval':
    case 'krippendorff_alpha_ratio':
      return krippendorffAlpha(reliabilityOf(v), s.replace('krippendorff_alpha_', '') as 'nominal').value;
    case 'krippendorff_alpha_custom_distance': {
      const table = d.distance as Record<string, number>;
      const distance = (a: Value, b: Value) => table[`${a}|${b}`] ?? table[`${b}|${a}`] ?? 0;
      return krippendorffAlpha(reliabilityOf(v), 'nominal', { distance }).value;
    }
    case 'nvivo_percentage_agreement':
      return percentAgreement(reliabilityOf(v)).value;
    case 'nvivo_kappa': {
      const c = continuumOf(v);
      const codings = c.coders.flatMap((segs, i) => segs.map((g) => coding(`coder${i}`, g.value, g.start, g.end)));
      const cmp = compareCodings(codings, [{ id: 'doc', length: c.length }], ['coder0', 'coder1'], ['node'], 'character');
      return cmp.ok ? (cmp.value.cells[0]?.kappa.value ?? null) : null;
    }
    case 'alpha_U_1995':
      return alphaU1995(continuumOf(v)).value;
    case 'alpha_U_1995_distance':
      return (d.pairs as { a: { begin: number; length: number; value: string | null }; b: { begin: number; length: number; value: string | null } }[]).map((p) =>
        sectionDistance({ start: p.a.begin, end: p.a.begin + p.a.length, unit: p.a.value !== null }, { start: p.b.begin, end: p.b.begin + p.b.length, unit: p.b.value !== null }),
      );
    case 'u_alpha_nominal':
      return unitizingAlphas(continuumOf(v)).uAlpha.value;
    case 'u_alpha_binary':
      return unitizingAlphas(continuumOf(v)).binaryUAlpha.value;
    case 'cu_alpha_nominal':
      return unitizingAlphas(continuumOf(v)).cuAlpha.value;
    case 'maxqda_segment_percent_agreement': {
      const rows = [
        ...(d.coder1 as { start: number; end: number; code: string }[]).map((g) => coding('c1', g.code, g.start, g.end)),
        ...(d.coder2 as { start: number; end: number; code: string }[]).map((g) => coding('c2', g.code, g.start, g.end)),
      ];
      const cmp = compareCodings(rows, [{ id: 'doc', length: 1000 }], ['c1', 'c2'], ['X', 'Y', 'Z'], 'segment', { overlapThreshold: d.threshold as number });
      return cmp.ok ? (cmp.value.pooled.segmentRowAgreement?.value ?? null) : null;
    }
    default:
      if (s.startsWith('alpha_U_1995_category:')) {
        const value = s.slice('alpha_U_1995_category:'.length);
        return alphaU1995(continuumOf(v)).perValue.find((p) => p.value === value)?.result.value ?? null;
      }
      throw new Error(`unmapped statistic ${s}`);
  }
}
