import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohenKappa, compareCodings, figureInterval, krippendorffAlpha, paragraphRanges, parseReliabilityCsv, reliabilityCsv, seededRandom } from '../../../src/core/agreement/index.js';
import type { Coding } from '../../../src/core/model/types.js';

const seed = readFileSync(new URL('../../../../shared/seeds/000_b19cde1f6a69a6f8.txt', import.meta.url), 'utf8').replace(/\r\n/g, '\n');

function coding(coderId: string, codeId: string, start: number, end: number, documentId = 'ecuador'): Coding {
  return { id: `${coderId}-${codeId}-${start}-${end}`, documentId, codeId, coderId, start, end, exact: '', prefix: '', suffix: '', memo: '', created: '', updated: '' };
}

/** Two coders coding the seed: coder B copies A's passages with jittered boundaries, skips some, adds others. */
function seededCodings(): Coding[] {
  const rand = seededRandom(42);
  const out: Coding[] = [];
  const paras = paragraphRanges(seed);
  for (const [s, e] of paras) {
    for (const code of ['legislation', 'norms', 'concerns']) {
      if (rand() < 0.55) continue;
      const a = s + Math.floor(rand() * Math.max(1, (e - s) / 3));
      const b = Math.min(e, a + 5 + Math.floor(rand() * (e - a)));
      out.push(coding('A', code, a, b));
      if (rand() < 0.8) out.push(coding('B', code, Math.max(0, a + Math.floor(rand() * 11) - 5), Math.min(seed.length, b + Math.floor(rand() * 11) - 5)));
      if (rand() < 0.1) out.push(coding('B', code, s, e));
    }
  }
  return out;
}

describe('character level on the Ecuador seed', () => {
  const codings = seededCodings();
  const cmp = compareCodings(codings, [{ id: 'ecuador', text: seed }], ['A', 'B'], ['legislation', 'norms', 'concerns'], 'character');
  if (!cmp.ok) throw new Error(cmp.error.message);

  it('matches a brute-force per-character computation (NVivo definition)', () => {
    for (const code of ['legislation', 'norms', 'concerns']) {
      const cover = (coder: string) => {
        const arr = new Array<number>(seed.length).fill(0);
        for (const c of codings) if (c.coderId === coder && c.codeId === code) for (let i = c.start; i < c.end; i++) arr[i] = 1;
        return arr;
      };
      const a = cover('A');
      const b = cover('B');
      let both = 0,
        onlyA = 0,
        onlyB = 0,
        neither = 0;
      a.forEach((x, i) => (x && b[i] ? both++ : x ? onlyA++ : b[i] ? onlyB++ : neither++));
      const TU = seed.length;
      const TA = both + neither;
      const EF = ((both + onlyA) * (both + onlyB)) / TU + ((neither + onlyB) * (neither + onlyA)) / TU;
      const nvivoKappa = (TA - EF) / (TU - EF);
      const cell = cmp.value.cells.find((c) => c.codeId === code);
      expect(cell?.units).toBe(seed.length);
      expect(cell?.percent.value).toBeCloseTo(TA / TU, 12);
      expect(cell?.kappa.metric).toBe('cohen');
      expect(cell?.kappa.value).toBeCloseTo(nvivoKappa, 10);
      const expanded = { coders: ['A', 'B'], units: a.map((x, i) => [x, b[i] ?? 0]) };
      expect(cell?.alpha.value).toBeCloseTo(krippendorffAlpha(expanded).value ?? NaN, 10);
    }
  });

  it('pooled = one 2×2 table over all characters of all codes; tables attached', () => {
    const p = cmp.value.pooled;
    expect(p.units).toBe(3 * seed.length);
    expect(p.kappa.table?.kind).toBe('contingency');
    const total = (p.kappa.table?.counts ?? []).flat().reduce((s, x) => s + x, 0);
    expect(total).toBe(3 * seed.length);
    expect(cmp.value.perCode).toHaveLength(3);
    expect(cmp.value.perDocument).toHaveLength(1);
    expect(cmp.value.perDocument[0]?.kappa.value).toBeCloseTo(p.kappa.value ?? NaN, 12);
  });

  it('exports reliability data as CSV that reproduces the figure', () => {
    const cell = cmp.value.cells[0];
    if (!cell) throw new Error('no cell');
    const text = reliabilityCsv(cell.data);
    // Runs of identical characters are one weighted line each (issue 11: the file was one line per character).
    const lines = text
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(lines[0]).toBe('unit,weight,A,B');
    expect(lines).toHaveLength(cell.data.units.length + 1);
    const back = parseReliabilityCsv(text, 'nominal');
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.weights?.reduce((s, w) => s + w, 0)).toBe(seed.length);
    expect(krippendorffAlpha(back.value).value).toBeCloseTo(cell.alpha.value ?? NaN, 12);
    expect(cohenKappa(back.value).value).toBeCloseTo(cell.kappa.value ?? NaN, 12);
  });
});

describe('NVivo degenerate cases', () => {
  it('nobody coded → percent 1, kappa undefined (NVivo shows 1); one coder only → kappa 0', () => {
    const none = compareCodings([], [{ id: 'd', length: 100 }], ['A', 'B'], ['x'], 'character');
    if (!none.ok) throw new Error();
    expect(none.value.cells[0]?.percent.value).toBe(1);
    expect(none.value.cells[0]?.kappa.value).toBeNull();
    const one = compareCodings([coding('A', 'x', 10, 20, 'd')], [{ id: 'd', length: 100 }], ['A', 'B'], ['x'], 'character');
    if (!one.ok) throw new Error();
    expect(one.value.cells[0]?.kappa.value).toBeCloseTo(0, 12);
  });
});

describe('paragraph, document and segment levels', () => {
  const text = 'First paragraph.\n\nSecond one here.\n\n\n\nThird.';
  const codings = [coding('A', 'x', 0, 5, 'd'), coding('B', 'x', 3, 20, 'd'), coding('A', 'x', 40, 44, 'd'), coding('B', 'y', 18, 22, 'd'), coding('B', 'y', 23, 25, 'd')];

  it('paragraphs split at "\\n\\n", empty ones skipped; presence by any shared character', () => {
    expect(paragraphRanges(text)).toEqual([
      [0, 16],
      [18, 34],
      [38, 44],
    ]);
    const r = compareCodings(codings, [{ id: 'd', text }], ['A', 'B'], ['x', 'y'], 'paragraph');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.cells[0]?.data.units).toEqual([
      [1, 1],
      [0, 1],
      [1, 0],
    ]);
    expect(r.value.cells[1]?.data.units).toEqual([
      [0, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(r.value.pooled.units).toBe(6);
    expect(compareCodings(codings, [{ id: 'd', length: 44 }], ['A', 'B'], ['x'], 'paragraph').ok).toBe(false);
  });

  it('document presence and frequency', () => {
    const p = compareCodings(codings, [{ id: 'd', text }], ['A', 'B'], ['x', 'y'], 'document');
    const f = compareCodings(codings, [{ id: 'd', text }], ['A', 'B'], ['x', 'y'], 'document', { documentCriterion: 'frequency' });
    if (!p.ok || !f.ok) throw new Error();
    expect(p.value.pooled.data.units).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(f.value.pooled.data.units).toEqual([
      [2, 1],
      [0, 2],
    ]);
    expect(f.value.pooled.alpha.level).toBe('interval');
  });

  it("segment matching uses |A∩B|/|A∪B| ≥ threshold and row agreement counts every coder's rows", () => {
    const segs = [coding('A', 'x', 0, 100, 'd'), coding('B', 'x', 5, 100, 'd'), coding('A', 'x', 200, 260, 'd'), coding('B', 'x', 200, 300, 'd')];
    const r90 = compareCodings(segs, [{ id: 'd', length: 400 }], ['A', 'B'], ['x'], 'segment');
    const r50 = compareCodings(segs, [{ id: 'd', length: 400 }], ['A', 'B'], ['x'], 'segment', { overlapThreshold: 0.5 });
    if (!r90.ok || !r50.ok) throw new Error();
    expect(r90.value.cells[0]?.data.units).toEqual([
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(r90.value.cells[0]?.segmentRowAgreement?.value).toBeCloseTo(0.5, 12);
    expect(r50.value.cells[0]?.data.units).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(r50.value.cells[0]?.segmentRowAgreement?.value).toBe(1);
    expect(compareCodings(segs, [{ id: 'd', length: 400 }], ['A', 'B'], ['x'], 'segment', { overlapThreshold: 0 }).ok).toBe(false);
  });

  it('three coders: kappa is Fleiss; each segment joins at most one unit per coder', () => {
    const segs = [coding('A', 'x', 0, 100, 'd'), coding('B', 'x', 0, 99, 'd'), coding('C', 'x', 1, 100, 'd'), coding('C', 'x', 0, 100, 'd')];
    const r = compareCodings(segs, [{ id: 'd', length: 400 }], ['A', 'B', 'C'], ['x'], 'segment');
    if (!r.ok) throw new Error();
    expect(r.value.cells[0]?.kappa.metric).toBe('fleiss');
    expect(r.value.cells[0]?.data.units).toEqual([
      [1, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('invalid input is an error value', () => {
    expect(compareCodings([], [], [], ['x'], 'character').ok).toBe(false);
    expect(compareCodings([], [], ['A', 'A'], ['x'], 'character').ok).toBe(false);
    expect(compareCodings([], [{ id: 'd' }], ['A'], ['x'], 'character').ok).toBe(false);
  });

  it('bootstrap intervals on pooled and per-code alpha are reproducible from the seed', () => {
    const opts = { bootstrap: { samples: 200, seed: 7 } };
    const a = compareCodings(codings, [{ id: 'd', text }], ['A', 'B'], ['x', 'y'], 'character', opts);
    const b = compareCodings(codings, [{ id: 'd', text }], ['A', 'B'], ['x', 'y'], 'character', opts);
    if (!a.ok || !b.ok) throw new Error();
    expect(a.value.pooled.alpha.interval).toBeDefined();
    expect(a.value.pooled.alpha.interval).toEqual(b.value.pooled.alpha.interval);
    expect(a.value.cells[0]?.alpha.interval).toBeUndefined();
  });
});

describe("one figure's interval on demand", () => {
  const codings = seededCodings();
  // A second document: the Ecuador codings again, shifted, with one coder's passages trimmed.
  const second = codings.map((c) => ({ ...c, id: `${c.id}-2`, documentId: 'copy', start: c.start + (c.coderId === 'B' ? 3 : 0) }));
  const all = [...codings, ...second];
  const docs = [
    { id: 'ecuador', text: seed },
    { id: 'copy', text: seed },
  ];
  const codes = ['legislation', 'norms', 'concerns'];
  const bootstrap = { samples: 150, seed: 11 };

  // Document frequencies (interval level): presence of a code in two documents is too degenerate for an alpha.
  it.each(['character', 'segment', 'paragraph', 'document'] as const)('at the %s unit equals the interval the whole comparison attaches, per code and pooled', (unit) => {
    const options = { bootstrap, ...(unit === 'document' ? { documentCriterion: 'frequency' as const } : {}) };
    const full = compareCodings(all, docs, ['A', 'B'], codes, unit, options);
    if (!full.ok) throw new Error(full.error.message);
    let defined = 0;
    for (const [codeId, figure] of [...codes.map((c, i) => [c, full.value.perCode[i]] as const), [null, full.value.pooled] as const]) {
      const one = figureInterval(all, docs, ['A', 'B'], codes, unit, codeId, options);
      if (!one.ok) throw new Error(one.error.message);
      expect(one.value ?? undefined).toEqual(figure?.alpha.interval);
      if (one.value) defined++;
    }
    expect(defined).toBeGreaterThan(0);
  });

  it('refuses a code that is not compared', () => {
    const r = figureInterval(all, docs, ['A', 'B'], codes, 'character', 'elsewhere', { bootstrap });
    expect(r.ok).toBe(false);
  });
});
