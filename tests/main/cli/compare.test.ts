import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run-cli.js';

const SEED_000 = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds', '000_b19cde1f6a69a6f8.txt');

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers × 12
// units with missing values (vectors krippendorff2011_alpha_nominal = 0.743, _interval = 0.849,
// krippendorff2011_percent_agreement = 0.800 in ../shared/fixtures/agreement-vectors.json).
const K2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

describe('casecoder agreement --data', () => {
  let csv: string;
  let json: string;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-agr-'));
    csv = join(dir, 'k2011.csv');
    json = join(dir, 'k2011.json');
    const units = K2011[0]!.map((_, u) => K2011.map((row) => row[u] ?? null));
    writeFileSync(csv, ['unit,A,B,C,D', ...units.map((r, u) => [`u${u + 1}`, ...r.map((v) => (v === null ? '' : String(v)))].join(','))].join('\n') + '\n');
    writeFileSync(json, JSON.stringify({ coders: ['A', 'B', 'C', 'D'], units }));
  });

  it('reproduces krippendorff2011_alpha_nominal and _interval from CSV and JSON, in the contract’s JSON shape', async () => {
    const n = await run('agreement', '--data', csv, '--metric', 'alpha', '--json');
    expect(n.code, n.err).toBe(0);
    const r = JSON.parse(n.out) as { metric: string; level: string; value: number; units: number; coders: number };
    expect(r).toMatchObject({ metric: 'alpha', level: 'nominal', units: 11, coders: 4 });
    expect(Math.abs(r.value - 0.743)).toBeLessThan(0.0005);
    const i = JSON.parse((await run('agreement', '--data', json, '--metric', 'alpha', '--level', 'interval', '--json')).out) as { value: number; level: string };
    expect(i.level).toBe('interval');
    expect(Math.abs(i.value - 0.849)).toBeLessThan(0.0005);
    const human = await run('agreement', '--data', csv, '--metric', 'alpha');
    expect(human.out).toMatch(/^alpha \(nominal\) = 0\.743; 11 units, 4 coders/);
  });

  it('offers the percent definitions (krippendorff2011_percent_agreement is the pairable one)', async () => {
    const p = JSON.parse((await run('agreement', '--data', csv, '--metric', 'percent', '--percent', 'pairable', '--json')).out) as { value: number };
    expect(Math.abs(p.value - 0.8)).toBeLessThan(0.0005);
    const all = JSON.parse((await run('agreement', '--data', csv, '--metric', 'percent', '--percent', 'all-agree', '--json')).out) as { value: number };
    expect(all.value).not.toBe(p.value);
  });

  it('needs --categories for Brennan–Prediger and reports null with a reason otherwise', async () => {
    const none = JSON.parse((await run('agreement', '--data', csv, '--metric', 'bp', '--json')).out) as { value: null; reason: string };
    expect(none.value).toBeNull();
    expect(none.reason).toMatch(/number of categories/);
    const q = JSON.parse((await run('agreement', '--data', csv, '--metric', 'bp', '--categories', '5', '--json')).out) as { value: number };
    expect(q.value).toBeGreaterThan(0);
    const cohen = JSON.parse((await run('agreement', '--data', csv, '--metric', 'cohen', '--json')).out) as { value: null; reason: string };
    expect(cohen.value).toBeNull();
  });

  // The same matrix is Gwet (2014), Handbook of Inter-Rater Reliability, p. 120 (irrCAC
  // `cac.raw4raters`): AC1 0.77544 (95% CI 0.46081–1), AC2 ordinal 0.899, quadratic 0.914.
  it("reports Gwet's AC1/AC2 by level with its interval (--metric gwet)", async () => {
    const ac1 = JSON.parse((await run('agreement', '--data', csv, '--metric', 'gwet', '--json')).out) as {
      metric: string;
      value: number;
      interval: { lower: number; upper: number; standardError: number };
      details: { pa: number; pe: number };
    };
    expect(ac1.metric).toBe('ac1');
    expect(Math.abs(ac1.value - 0.77544)).toBeLessThan(5e-6);
    expect(Math.abs(ac1.interval.lower - 0.46081)).toBeLessThan(5e-6);
    expect(ac1.interval.upper).toBe(1);
    expect(Math.abs(ac1.details.pe - 0.19032)).toBeLessThan(5e-6);
    const ord = JSON.parse((await run('agreement', '--data', csv, '--metric', 'gwet', '--level', 'ordinal', '--json')).out) as { metric: string; value: number };
    expect(ord.metric).toBe('ac2');
    expect(Math.abs(ord.value - 0.899)).toBeLessThan(5e-4);
    const quad = JSON.parse((await run('agreement', '--data', csv, '--metric', 'gwet', '--weights', 'quadratic', '--json')).out) as { value: number };
    expect(Math.abs(quad.value - 0.914)).toBeLessThan(5e-4);
    const human = await run('agreement', '--data', csv, '--metric', 'gwet');
    expect(human.out).toMatch(/^ac1 \(nominal\) = 0\.775 \[0\.461, 1\.000\]; 11 units, 4 coders/);
  });

  it('exits 2 on bad usage and 1 on a bad file, with one line on stderr', async () => {
    for (const args of [
      ['--data', csv, '--metric', 'kendall'],
      ['--data', csv, '--metric', 'alpha', '--weights', 'quadratic'],
      ['--data', csv, '--metric', 'gwet', '--weights', 'cubic'],
      ['--data', csv, '--metric', 'alpha', '--level', 'cardinal'],
      ['--data', csv],
      ['--data', csv, '--metric', 'percent', '--percent', 'most'],
    ]) {
      const r = await run('agreement', ...args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    const missing = await run('agreement', '--data', join(tmpdir(), 'no-such-file.csv'), '--metric', 'alpha');
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    const bad = join(mkdtempSync(join(tmpdir(), 'cc-agr-')), 'bad.csv');
    writeFileSync(bad, 'unit,A\n"u1,1\n');
    const r = await run('agreement', '--data', bad, '--metric', 'alpha');
    expect(r.code).toBe(1);
  });
});

describe('casecoder agreement <dir> and merge', () => {
  let root: string;
  let ana: string;
  let ben: string;
  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    root = mkdtempSync(join(tmpdir(), 'cc-cli-merge-'));
    ana = join(root, 'ana');
    ben = join(root, 'ben');
    expect((await run('init', ana, '--name', 'Study')).code).toBe(0);
    expect((await run('import', ana, SEED_000, '--format', 'md', '--case', 'Ecuador')).code).toBe(0);
    cpSync(ana, ben, { recursive: true });
    const t = (await run('text', ana, '--doc', 'Ecuador')).out;
    const span = (phrase: string, extra = 0) => {
      const s = t.indexOf(phrase);
      return ['--start', String(s), '--end', String(s + phrase.length + extra)];
    };
    const code = async (dir: string, coder: string, path: string, phrase: string, extra = 0) => {
      const r = await run('code', dir, '--doc', 'Ecuador', '--code', path, ...span(phrase, extra), '--coder', coder);
      expect(r.code, r.err).toBe(0);
    };
    await code(ana, 'Ana', 'Direct diplomacy', 'Scorecard diplomacy meetings to discuss TIP were frequent');
    await code(ana, 'Ana', 'Outcomes/Legislation', 'President Alfredo Palacio');
    await code(ben, 'Ben', 'Direct diplomacy', 'Scorecard diplomacy meetings to discuss TIP were frequent');
    await code(ben, 'Ben', 'Outcomes/Legislation', 'President Alfredo Palacio', 1);
  });

  it('merges another project folder (twice: nothing new), then reports agreement per code', async () => {
    const m = await run('merge', ana, ben, '--json');
    expect(m.code, m.err).toBe(0);
    expect(JSON.parse(m.out)).toMatchObject({ added: { codings: 2, coders: 1 }, keptAside: [] });
    const again = await run('merge', ana, ben);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/added 0 codings/);
    const list = JSON.parse((await run('merge', ana, '--reports', '--json')).out) as unknown[];
    expect(list).toHaveLength(2);

    const a = await run('agreement', ana, '--coders', 'Ana,Ben', '--codes', 'Direct diplomacy,Outcomes/Legislation', '--unit', 'segment', '--json');
    expect(a.code, a.err).toBe(0);
    const r = JSON.parse(a.out) as { metric: string; level: string; value: number | null; units: number; coders: number; coderNames: string[]; perCode: { code: string; alpha: { value: number | null } }[] };
    expect(r).toMatchObject({ metric: 'alpha', level: 'nominal', coders: 2, coderNames: ['Ana', 'Ben'] });
    expect(r.perCode.map((f) => f.code)).toEqual(['Direct diplomacy', 'Outcomes/Legislation']);
    expect(r.units).toBeGreaterThan(0);
    const ch = JSON.parse((await run('agreement', ana, '--json')).out) as { unit: string; perCode: unknown[]; value: number };
    expect(ch.unit).toBe('character');
    expect(ch.perCode.length).toBe(8);
    expect(ch.value).toBeGreaterThan(0.9);

    // AC1 and the kappa interval sit beside alpha; segment units are flagged as degenerate in words.
    const full = JSON.parse((await run('agreement', ana, '--json')).out) as { pooled: { kappa: { interval: { lower: number; upper: number } }; gwet: { metric: string; value: number; interval: { lower: number } } }; warnings: string[] };
    expect(full.pooled.gwet.metric).toBe('ac1');
    expect(full.pooled.gwet.value).toBeGreaterThan(0.9);
    expect(full.pooled.gwet.interval.lower).toBeLessThan(full.pooled.gwet.value);
    expect(full.pooled.kappa.interval.upper).toBeLessThanOrEqual(1);
    expect(full.warnings).toEqual([]);
    const seg = await run('agreement', ana, '--unit', 'segment');
    expect(seg.out).toMatch(/Warning: every unit was coded by at least one coder/);
    expect(seg.out).not.toMatch(/-0\.000/);
    const charCsv = join(root, 'chars.csv');
    expect((await run('agreement', ana, '--reliability-csv', charCsv)).code).toBe(0);
    const charLines = readFileSync(charCsv, 'utf8').trim().split('\n');
    expect(charLines.find((l) => !l.startsWith('#'))).toBe('unit,weight,Ana,Ben');
    expect(charLines.length).toBeLessThan(200);

    const out = join(root, 'report.html');
    const rep = await run('agreement', ana, '--report', 'html', '-o', out);
    expect(rep.code, rep.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<h2>Per code</h2>');
    const csvOut = join(root, 'rel.csv');
    expect((await run('agreement', ana, '--unit', 'paragraph', '--reliability-csv', csvOut)).code).toBe(0);
    expect(readFileSync(csvOut, 'utf8').split('\n')[0]).toBe('unit,Ana,Ben');

    expect((await run('agreement', ana, '--unit', 'word')).code).toBe(2);
    expect((await run('agreement', ana, '--coders', 'Ana,Zed')).code).toBe(1);
    expect((await run('agreement', ana, '--coders', 'Ana')).code).toBe(1);
    expect((await run('agreement', ana, '--report', 'pdf')).code).toBe(2);
  });

  it('writes a coder export and merges it', async () => {
    const file = join(root, 'ben-export.json');
    const e = await run('merge', ben, '--export-coder', 'Ben', '-o', file, '--json');
    expect(e.code, e.err).toBe(0);
    expect(existsSync(file)).toBe(true);
    const fresh = join(root, 'fresh');
    expect((await run('init', fresh)).code).toBe(0);
    expect((await run('import', fresh, SEED_000, '--format', 'md')).code).toBe(0);
    const m = JSON.parse((await run('merge', fresh, file, '--json')).out) as { source: { kind: string }; added: { codings: number } };
    expect(m).toMatchObject({ source: { kind: 'coder-export' }, added: { codings: 2 } });
    expect((await run('merge', fresh)).code).toBe(2);
  });
});
