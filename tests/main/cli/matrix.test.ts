import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { run } from './run-cli.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import { durableState } from '../store/helpers.js';

const S002 = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds', '002_3a38896384b8e93f.txt');
const COUNTRIES = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras', 'Indonesia', 'Israel', 'Japan', 'Kazakhstan', 'Malaysia', 'Mozambique', 'Nigeria', 'Oman', 'United Arab Emirates', 'Zimbabwe'];

/** The durable state on disk: casecoder.json plus the journal (see durableState). */
const onDisk = (dir: string): ProjectData => durableState(dir);

describe.skipIf(!existsSync(S002))('casecoder rate / matrix', () => {
  let dir: string;
  let outDir: string;
  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = join(mkdtempSync(join(tmpdir(), 'cc-cli-matrix-')), 'study');
    outDir = mkdtempSync(join(tmpdir(), 'cc-cli-out-'));
    expect((await run('init', dir)).code).toBe(0);
    expect((await run('case', dir, 'add', ...COUNTRIES)).code).toBe(0);
    expect((await run('import', dir, S002, '--split-cases')).code).toBe(0);
  });

  it('rate records one coder’s judgement and prints it; --json gives the rating as data', async () => {
    const r = await run('rate', dir, '--matrix', 'A6 outcomes', '--case', 'Chad', '--column', 'Outcomes/Legislation', '--value', 'Strong', '--coder', 'Ana', '--note', 'Law 2012-006');
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim()).toBe('A6 outcomes: Chad × Outcomes/Legislation = strong (Ana) — Law 2012-006');
    const j = await run('rate', dir, '--matrix', 'a6 outcomes', '--case', 'chad', '--column', 'Outcomes/Institution building', '--value', 'weak', '--coder', 'Ana', '--json');
    expect(j.code, j.err).toBe(0);
    expect(JSON.parse(j.out)).toMatchObject({ matrix: 'A6 outcomes', case: 'Chad', column: 'Outcomes/Institution building', coder: 'Ana', value: 'weak' });
    const data = onDisk(dir);
    expect(data.ratings.map((x) => x.value)).toEqual(['strong', 'weak']);
    expect(data.ratings[0]?.note).toBe('Law 2012-006');
  });

  it('rate: bad references are one-line domain errors (exit 1) and register nobody; missing flags are usage errors (exit 2)', async () => {
    const base = ['rate', dir, '--matrix', 'A6 outcomes', '--case', 'Chad', '--column', 'Outcomes/Legislation', '--value', 'weak', '--coder', 'Zed'];
    const cases: [string[], RegExp][] = [
      [['--matrix', 'Nope'], /^No matrix "Nope" \(have: A6 outcomes, Scorecard cycle\)$/],
      [['--case', 'Atlantis'], /^No case "Atlantis" \(cases: Argentina, /],
      [['--column', 'Concerns'], /^"Concerns" is not a column of matrix "A6 outcomes"$/],
      [['--column', 'Outcomes/Nothing'], /^No code "Outcomes\/Nothing"/],
      [['--value', 'enormous'], /^"enormous" is not on the scale of "A6 outcomes" \(none, weak, moderate, strong, not applicable\)$/],
    ];
    for (const [patch, message] of cases) {
      const args = [...base];
      args[args.indexOf(patch[0]!) + 1] = patch[1]!;
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err.trim()).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect(onDisk(dir).coders.map((c) => c.name)).toEqual(['Ana']);
    const missing = await run('rate', dir, '--matrix', 'A6 outcomes', '--case', 'Chad', '--column', 'Outcomes/Legislation', '--coder', 'Ana');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--value is required/);
  });

  it('matrix prints text formats to stdout, writes files with -o (CSV with its manifest sidecar) and refuses binary formats without -o', async () => {
    const md = await run('matrix', dir, '--matrix', 'A6 outcomes', '--coder', 'Ana', '--format', 'md');
    expect(md.code, md.err).toBe(0);
    expect(md.out).toMatch(/^\| Chad \| strong<sup>a<\/sup> \| weak \| {2}\|$/m);
    expect(md.out).toMatch(/^\*\*Table 1\.\*\* A6 outcomes: ratings by Ana/);
    const csv = await run('matrix', dir, '--format', 'csv');
    expect(csv.code, csv.err).toBe(0);
    const rows = Papa.parse<string[]>(csv.out, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Case', 'Legislation', 'Institution building', 'Norms and practices']);
    expect(rows.find((r) => r[0] === 'Chad')).toEqual(['Chad', 'strong', 'weak', '']);
    expect(rows).toHaveLength(16);

    const bin = await run('matrix', dir, '--format', 'xlsx');
    expect(bin.code).toBe(2);
    expect(bin.err).toMatch(/binary/);
    expect((await run('matrix', dir, '--format', 'pdf')).code).toBe(2);

    const tidyPath = join(outDir, 'a6-tidy.csv');
    const tidy = await run('matrix', dir, '--format', 'tidy', '-o', tidyPath, '--json');
    expect(tidy.code, tidy.err).toBe(0);
    expect(JSON.parse(tidy.out)).toMatchObject({ path: tidyPath, format: 'tidy', manifest: `${tidyPath}.manifest.json` });
    const manifest = JSON.parse(readFileSync(`${tidyPath}.manifest.json`, 'utf8')) as { kind: string; matrix: { name: string; scale: string[] } };
    expect(manifest).toMatchObject({ kind: 'ratings', matrix: { name: 'A6 outcomes', scale: ['none', 'weak', 'moderate', 'strong'] } });
    const parsed = Papa.parse<Record<string, string>>(readFileSync(tidyPath, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(15 * 3);

    const xlsxPath = join(outDir, 'a6.xlsx');
    const x = await run('matrix', dir, '--format', 'xlsx', '-o', xlsxPath);
    expect(x.code, x.err).toBe(0);
    expect(x.out).toMatch(/^Wrote .*a6\.xlsx \(\d+ bytes\)$/m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const ws = wb.getWorksheet('Ratings')!;
    const chad = ws.getColumn(1).values.indexOf('Chad');
    expect([2, 3].map((c) => ws.getRow(chad).getCell(c).value)).toEqual(['strong', 'weak']);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Ratings', 'Counts', 'Legend', 'Ratings by coder', 'Evidence', 'Agreement', 'Manifest']);

    const counts = await run('matrix', dir, '--counts', '--format', 'tex');
    expect(counts.code, counts.err).toBe(0);
    expect(counts.out).toMatch(/\\toprule/);
  });

  it('matrix: several raters and no consensus is a domain error naming them; --coder consensus after adjudication via rate', async () => {
    expect((await run('rate', dir, '--matrix', 'A6 outcomes', '--case', 'Chad', '--column', 'Outcomes/Legislation', '--value', 'moderate', '--coder', 'Ben')).code).toBe(0);
    const amb = await run('matrix', dir, '--format', 'csv');
    expect(amb.code).toBe(1);
    expect(amb.err.trim()).toBe('Several coders rated this matrix (Ana, Ben); choose one or "consensus"');
    const none = await run('matrix', dir, '--coder', 'consensus', '--format', 'csv');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no consensus coder/);
    const adj = await run('rate', dir, '--matrix', 'A6 outcomes', '--case', 'Chad', '--column', 'Outcomes/Legislation', '--value', 'moderate', '--coder', 'consensus', '--json');
    expect(adj.code, adj.err).toBe(0);
    expect(JSON.parse(adj.out)).toMatchObject({ coder: 'Consensus', value: 'moderate', decision: 'accept-b' });
    const data = onDisk(dir);
    expect(data.coders.filter((c) => c.consensus).map((c) => c.name)).toEqual(['Consensus']);
    const csv = await run('matrix', dir, '--format', 'csv');
    expect(csv.code, csv.err).toBe(0);
    expect(Papa.parse<string[]>(csv.out, { skipEmptyLines: true }).data.find((r) => r[0] === 'Chad')).toEqual(['Chad', 'moderate', '', '']);
  });
  it('matrix: tidy holds every coder without --coder (one row per coder × case × column); --bom; --standalone; -o DIR names the file by the scheme', async () => {
    const tidy = await run('matrix', dir, '--format', 'tidy');
    expect(tidy.code, tidy.err).toBe(0);
    const rows = Papa.parse<Record<string, string>>(tidy.out, { header: true, skipEmptyLines: true }).data;
    expect(new Set(rows.map((r) => r['coder']))).toEqual(new Set(['Ana', 'Ben', 'Consensus']));
    expect(rows).toHaveLength(15 * 3 * 3);
    expect(rows.find((r) => r['coder'] === 'Ben' && r['case'] === 'Chad' && r['column'] === 'Outcomes/Legislation')).toMatchObject({ rating_label: 'moderate', rating: '2' });
    const bom = await run('matrix', dir, '--format', 'csv', '--coder', 'Ana', '--bom');
    expect(bom.code, bom.err).toBe(0);
    expect(bom.out.startsWith('\ufeffCase,Legislation')).toBe(true);
    expect((await run('matrix', dir, '--format', 'md', '--bom')).code).toBe(2);
    const tex = await run('matrix', dir, '--format', 'tex', '--coder', 'Ana', '--standalone');
    expect(tex.code, tex.err).toBe(0);
    expect(tex.out).toMatch(/\\documentclass\[11pt\]\{article\}[\s\S]*\\begin\{document\}[\s\S]*\\label\{tab:a6-outcomes-ana\}[\s\S]*\\end\{document\}/);
    const written = await run('matrix', dir, '--format', 'docx', '--coder', 'consensus', '-o', outDir, '--json');
    expect(written.code, written.err).toBe(0);
    expect(JSON.parse(written.out).path).toBe(join(outDir, `study_a6-outcomes_consensus_${new Date().toISOString().slice(0, 10)}.docx`));
    expect(existsSync(JSON.parse(written.out).path)).toBe(true);
  });

  it('rate --evidence cites passages by coding id or by quote; bad references change nothing', async () => {
    const data = onDisk(dir);
    const chad = data.documents.find((d) => d.caseId === data.cases.find((c) => c.name === 'Chad')?.id)!;
    const text = (await run('text', dir, '--doc', chad.id)).out;
    const at = text.search(/\n\nLegislation\n\n/) + '\n\nLegislation\n\n'.length;
    const end = text.indexOf('\n\n', at);
    expect((await run('code', dir, '--doc', chad.id, '--code', 'Outcomes/Legislation', '--start', String(at), '--end', String(end), '--coder', 'Ana')).code).toBe(0);
    const sentence = text.indexOf('. ', at) + 1;
    expect((await run('code', dir, '--doc', chad.id, '--code', 'Outcomes/Legislation', '--start', String(at), '--end', String(sentence), '--coder', 'Ben')).code).toBe(0);
    const [anaCoding, benCoding] = onDisk(dir).codings.slice(-2);
    const quote = text.slice(at + 10, at + 40);
    const base = ['rate', dir, '--matrix', 'A6 outcomes', '--case', 'Chad', '--column', 'Outcomes/Legislation', '--value', 'strong', '--coder', 'Ana'];
    // the quote is in both coders' passages: Ana's own wins
    const byQuote = await run(...base, '--evidence', quote, '--json');
    expect(byQuote.code, byQuote.err).toBe(0);
    expect(JSON.parse(byQuote.out)).toMatchObject({ evidence: 1 });
    const rating = (): string[] => onDisk(dir).ratings.find((r) => r.coderId === anaCoding!.coderId && r.caseId === chad.caseId && r.codeId === 'sd-legislation')!.evidence;
    expect(rating()).toEqual([anaCoding!.id]);
    expect((await run(...base, '--evidence', benCoding!.id, '--evidence', anaCoding!.id)).code).toBe(0);
    expect(rating()).toEqual([benCoding!.id, anaCoding!.id]);
    const bad = await run(...base, '--evidence', 'words nobody wrote');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^No coded passage of this cell is "words nobody wrote" or contains it \(passages: /);
    expect(rating()).toEqual([benCoding!.id, anaCoding!.id]);
  });

  it('rate --adopt-agreed fills the consensus where the coders agree and reports what it filled and what it left', async () => {
    // Ana and Ben agree on Argentina × Legislation, disagree on Argentina × Institution building
    for (const [coder, a, b] of [
      ['Ana', 'weak', 'strong'],
      ['Ben', 'weak', 'none'],
    ] as const) {
      expect((await run('rate', dir, '--matrix', 'A6 outcomes', '--case', 'Argentina', '--column', 'Outcomes/Legislation', '--value', a, '--coder', coder)).code).toBe(0);
      expect((await run('rate', dir, '--matrix', 'A6 outcomes', '--case', 'Argentina', '--column', 'Outcomes/Institution building', '--value', b, '--coder', coder)).code).toBe(0);
    }
    const r = await run('rate', dir, '--matrix', 'A6 outcomes', '--adopt-agreed');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^A6 outcomes: adopted 1 agreed rating into the consensus; left \d+ cells\.$/m);
    expect(r.out).toMatch(/^ {2}filled {2}Argentina × Outcomes\/Legislation = weak$/m);
    expect(r.out).toMatch(/^ {2}left {4}Argentina × Outcomes\/Institution building: coders disagree \(Ana: strong; Ben: none\)$/m);
    expect(r.out).toMatch(/^ {2}left {4}Chad × Outcomes\/Legislation: consensus already decided \(moderate\)$/m);
    const again = await run('rate', dir, '--matrix', 'A6 outcomes', '--adopt-agreed', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ adopted: 0, filled: [] });
    expect((await run('rate', dir, '--matrix', 'A6 outcomes', '--adopt-agreed', '--case', 'Chad')).code).toBe(2);
  });

  it('info --json lists memos with what they are attached to', async () => {
    const { createService } = await import('../../../src/main/service/service.js');
    const svc = createService({ appVersion: 't', transport: 'cli' });
    await svc.call('project.open', { dir });
    const r = await svc.call('memo.set' as never, { target: { kind: 'case', id: onDisk(dir).cases.find((c) => c.name === 'Chad')!.id }, text: 'Watch the 2012 law' } as never);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    await svc.close();
    const info = await run('info', dir, '--json');
    expect(info.code, info.err).toBe(0);
    expect(JSON.parse(info.out).memos).toEqual([expect.objectContaining({ target: { kind: 'case', id: expect.any(String), name: 'Chad' }, text: 'Watch the 2012 law' })]);
  });
});
