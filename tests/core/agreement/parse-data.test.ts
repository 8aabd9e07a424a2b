import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeMetric, parseCsv, parseReliabilityData } from '../../../src/core/agreement/index.js';

function tmpFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

// Krippendorff 2011 as a --data CSV file (unit 12 has a single value).
const CSV = '\uFEFFunit,A,B,C,D\r\n1,1,1,,1\r\n2,2,2,3,2\r\n3,3,3,3,3\r\n4,3,3,3,3\r\n5,2,2,2,2\r\n6,1,2,3,4\r\n7,4,4,4,4\r\n8,1,1,2,1\r\n9,2,2,2,2\r\n10,,5,5,5\r\n11,,,1,1\r\n12,,3,,\r\n';

describe('--data parsing', () => {
  it('reads the CSV form from a real file and reproduces the published alphas at every level', () => {
    const text = fs.readFileSync(tmpFile('k2011.csv', CSV), 'utf8');
    const expected = { nominal: 0.743421052631579, ordinal: 0.8153875037548813, interval: 0.8491071428571428, ratio: 0.797402774711612 } as const;
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const data = parseReliabilityData(text, level);
      if (!data.ok) throw new Error(data.error.message);
      expect(data.value.coders).toEqual(['A', 'B', 'C', 'D']);
      const r = computeMetric(data.value, 'alpha', level);
      expect(r.value).toBeCloseTo(expected[level], 12);
      expect(r).toMatchObject({ metric: 'alpha', level, units: 11, coders: 4 });
    }
  });

  it('reads the JSON form with nulls', () => {
    const json = JSON.stringify({
      coders: ['a', 'b'],
      units: [
        ['x', 'x'],
        ['y', null],
        ['y', 'x'],
        ['x', 'x'],
      ],
    });
    const data = parseReliabilityData(fs.readFileSync(tmpFile('d.json', json), 'utf8'), 'nominal');
    if (!data.ok) throw new Error(data.error.message);
    expect(data.value.units[1]).toEqual(['y', null]);
    expect(computeMetric(data.value, 'cohen').units).toBe(3);
  });

  it('keeps CSV cells as strings at the nominal level and makes them numbers at numeric levels', () => {
    const text = 'unit,a,b\nu1,1,01\nu2,2,2\n';
    const nominal = parseReliabilityData(text, 'nominal');
    const interval = parseReliabilityData(text, 'interval');
    const ordinalMixed = parseReliabilityData('unit,a,b\nu1,low,1\n', 'ordinal');
    if (!nominal.ok || !interval.ok || !ordinalMixed.ok) throw new Error();
    expect(nominal.value.units[0]).toEqual(['1', '01']);
    expect(interval.value.units[0]).toEqual([1, 1]);
    expect(ordinalMixed.value.units[0]).toEqual(['low', '1']);
  });

  it('quoted cells with commas, quotes and newlines', () => {
    const rows = parseCsv('unit,"coder, one",b\n"u ""1""","a\nb",c\n');
    expect(rows.ok && rows.value).toEqual([
      ['unit', 'coder, one', 'b'],
      ['u "1"', 'a\nb', 'c'],
    ]);
  });

  const bad: [string, string, string, RegExp][] = [
    ['empty file', '', 'nominal', /empty/],
    ['wrong first header', 'id,a,b\n1,x,y\n', 'nominal', /first header cell must be "unit"/],
    ['no coder columns', 'unit\n1\n', 'nominal', /no coder columns/],
    ['duplicate coder', 'unit,a,a\n1,x,y\n', 'nominal', /appears twice/],
    ['ragged row', 'unit,a,b\n1,x\n', 'nominal', /row 2 has 2 cells, the header has 3/],
    ['header only', 'unit,a,b\n', 'nominal', /no unit rows/],
    ['unterminated quote', 'unit,a,b\n1,"x,y\n', 'nominal', /unterminated/],
    ['non-number at interval', 'unit,a,b\n1,3,high\n', 'interval', /row 2, coder "b": "high" is not a number/],
    ['JSON syntax', '{"coders": [', 'nominal', /JSON:/],
    ['JSON no coders', '{"units": [[1]]}', 'nominal', /"coders" must be/],
    ['JSON row length', '{"coders":["a","b"],"units":[[1]]}', 'nominal', /unit 1 must be an array of 2 values/],
    ['JSON bad value', '{"coders":["a","b"],"units":[[1,true]]}', 'nominal', /strings, numbers or null/],
    ['JSON string at ratio', '{"coders":["a","b"],"units":[[1,"x"]]}', 'ratio', /"x" is not a number/],
  ];
  it.each(bad)('%s → specific invalid error', (_n, text, level, message) => {
    const r = parseReliabilityData(text, level as 'nominal');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid');
      expect(r.error.message).toMatch(message);
    }
  });
});

describe('computeMetric (CLI contract shape)', () => {
  const data = {
    coders: ['a', 'b'],
    units: [
      [1, 1],
      [2, 2],
      [1, 2],
      [3, 3],
      [null, 1],
    ],
  };
  it('returns metric, level, value, units, coders for every metric', () => {
    for (const metric of ['percent', 'cohen', 'scott', 'fleiss', 'bp', 'alpha'] as const) {
      const r = computeMetric(data, metric, 'nominal', { q: 3 });
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['metric', 'level', 'value', 'units', 'coders']));
      expect(r.metric).toBe(metric);
      expect(r.coders).toBe(2);
    }
    expect(computeMetric(data, 'fleiss').reasonCode).toBe('unequal-ratings-per-unit');
    expect(computeMetric(data, 'bp').reasonCode).toBe('too-few-categories');
    expect(computeMetric(data, 'bp', 'nominal', { categories: [1, 2, 3, 4] }).details?.q).toBe(4);
    expect(computeMetric(data, 'percent', 'nominal', { percentDefinition: 'all-agree' }).definition).toMatch(/all agree/);
  });
  it('unknown metric or level, and ragged data, give null with a reason instead of throwing', () => {
    expect(computeMetric(data, 'kappa' as 'alpha').reasonCode).toBe('invalid-input');
    expect(computeMetric(data, 'alpha', 'log' as 'ratio').reasonCode).toBe('invalid-input');
    expect(computeMetric({ coders: ['a', 'b'], units: [[1]] }, 'alpha').reasonCode).toBe('invalid-input');
  });
  it('serialises to JSON without NaN', () => {
    const s = JSON.stringify(computeMetric({ coders: ['a', 'b'], units: [[1, 1]] }, 'alpha', 'nominal'));
    expect(s).not.toMatch(/NaN/);
    expect(JSON.parse(s)).toMatchObject({ value: null, reasonCode: 'single-value' });
  });
  it('alpha with a bootstrap interval and table', () => {
    const r = computeMetric({ coders: ['a', 'b', 'c'], units: Array.from({ length: 30 }, (_, i) => [i % 3, i % 3, (i * 7) % 4]) }, 'alpha', 'interval', { bootstrap: { samples: 300, seed: 3 }, withTable: true });
    expect(r.interval?.lower).toBeLessThanOrEqual(r.value ?? NaN);
    expect(r.interval?.upper).toBeGreaterThanOrEqual(r.interval?.lower ?? NaN);
    expect(r.table?.kind).toBe('coincidence');
  });
});
