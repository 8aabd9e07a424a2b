import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import type { Result } from '../../src/core/model/result.js';
import type { Case, ProjectData, SourceContent } from '../../src/core/model/types.js';
import { createService, type Service } from '../../src/main/service/service.js';
import { runCli } from '../../src/main/cli/main.js';
import { cli, screenshot, SEEDS, SHOTS, startApp, tempProjectDir, type RunningApp } from './app.js';
import { durableState } from '../main/store/helpers.js';

const S002 = join(SEEDS, '002_3a38896384b8e93f.txt');
const COUNTRIES = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras', 'Indonesia', 'Israel', 'Japan', 'Kazakhstan', 'Malaysia', 'Mozambique', 'Nigeria', 'Oman', 'United Arab Emirates', 'Zimbabwe'];
const RATED = ['Argentina', 'Armenia', 'Chad'];
const COLUMNS: [codeId: string, name: string, path: string, heading: RegExp][] = [
  ['sd-legislation', 'Legislation', 'Outcomes/Legislation', /\n\n(Legislation( and other policy)?)\n\n/],
  ['sd-institution-building', 'Institution building', 'Outcomes/Institution building', /\n\n(Institution building)\n\n/],
  ['sd-norms-practices', 'Norms and practices', 'Outcomes/Norms and practices', /\n\n(The promotion and adoption of new norms and practices)\n\n/],
];
/** Ana rates in the UI, Ben with the CLI; they disagree on three cells. */
const ANA: Record<string, string[]> = { Argentina: ['strong', 'moderate', 'weak'], Armenia: ['strong', 'strong', 'moderate'], Chad: ['weak', 'none', 'none'] };
const BEN: Record<string, string[]> = { Argentina: ['strong', 'weak', 'weak'], Armenia: ['moderate', 'strong', 'moderate'], Chad: ['weak', 'none', 'not applicable'] };

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/**
 * Set up the study the way a team would before rating: 15 cases, seed 002 imported split by case,
 * and the first paragraph of each outcome section coded by both coders in three countries (Ana the
 * whole paragraph, Ben its first sentence).
 */
async function setUpStudy(dir: string): Promise<ProjectData> {
  const svc: Service = createService({ appVersion: 'e2e', transport: 'cli' });
  const call = async <T>(op: string, args: unknown): Promise<T> => value<T>(await svc.call(op, args));
  await call('project.create', { dir, name: 'Scorecard outcomes' });
  const cases = (await call<{ value: Case[] }>('case.create', { names: COUNTRIES })).value;
  await call('import.files', { paths: [S002], splitCases: true });
  const data = (await call<{ data: ProjectData }>('project.current', {})).data;
  for (const coder of ['Ana', 'Ben']) {
    await call('coder.use', { name: coder });
    for (const name of RATED) {
      const doc = data.documents.find((d) => d.caseId === cases.find((c) => c.name === name)?.id)!;
      const text = (await call<SourceContent>('document.content', { id: doc.id })).text;
      for (const [codeId, , , heading] of COLUMNS) {
        const m = heading.exec(text);
        if (!m) continue;
        const start = m.index + m[0].length;
        const paraEnd = text.indexOf('\n\n', start);
        const end = coder === 'Ana' ? paraEnd : Math.min(paraEnd, text.indexOf('. ', start) + 1);
        await call('coding.add', { documentId: doc.id, codeId, start, end });
      }
    }
  }
  const out = (await call<{ data: ProjectData }>('project.current', {})).data;
  await svc.close();
  return out;
}

/** Collect every download the page starts, saved into `dir`. */
function downloads(page: Page, dir: string): { take(n: number): Promise<string[]>; pending(): number } {
  const queue: Download[] = [];
  page.on('download', (d) => queue.push(d));
  return {
    pending: () => queue.length,
    async take(n) {
      for (let i = 0; i < 200 && queue.length < n; i++) await page.waitForTimeout(50);
      const got = queue.splice(0, n);
      expect(got).toHaveLength(n);
      return Promise.all(
        got.map(async (d) => {
          const p = join(dir, d.suggestedFilename());
          await d.saveAs(p);
          return p;
        }),
      );
    },
  };
}

const cell = (page: Page, caseName: string, column: string) => page.locator(`td[data-case="${caseName}"][data-column="${column}"]`);

describe('matrices end to end: seed 002 by case, two coders, adjudication, every export', () => {
  let app: RunningApp;
  let dir: string;
  let out: string;
  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = tempProjectDir();
    out = mkdtempSync(join(tmpdir(), 'cc-mx-out-'));
    const data = await setUpStudy(dir);
    expect(data.documents).toHaveLength(15);
    expect(data.codings.length).toBeGreaterThanOrEqual(12);
    // Ben rates with the CLI
    for (const name of RATED) {
      for (const [j, [, , path]] of COLUMNS.entries()) {
        const code = await runCli(['rate', dir, '--matrix', 'A6 outcomes', '--case', name, '--column', path, '--value', BEN[name]![j]!, '--coder', 'Ben', '--note', `Ben: ${name}`], { out: () => undefined, err: (t) => console.error(t) });
        expect(code).toBe(0);
      }
    }
    app = await startApp({ dir, coder: 'Ana' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('Ana rates her three countries in the Matrices view: cell editor with evidence, and the keyboard', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Matrices' }).click();
    await page.getByRole('heading', { name: /A6 outcomes/ }).waitFor();
    await expect(page.getByLabel('Coder', { exact: true }).inputValue()).resolves.toBe(durableState(dir).coders.find((c: { name: string }) => c.name === 'Ana')?.id);
    await expect(page.locator('tbody tr').count()).resolves.toBe(15);

    // Argentina: through the cell editor, evidence suggested and cited
    for (const [j, [, column]] of COLUMNS.entries()) {
      await cell(page, 'Argentina', column).click();
      const panel = page.locator('.mx-panel');
      await panel.locator('h2', { hasText: 'Argentina' }).waitFor();
      const evidence = panel.locator('.mx-passages').first().locator('input[type="checkbox"]');
      if (j === 0) {
        await expect(evidence.count()).resolves.toBe(1);
        await expect(evidence.first().isChecked()).resolves.toBe(true);
      }
      await panel.getByRole('radio', { name: ANA['Argentina']![j]!, exact: true }).check();
      await panel.getByLabel(/Note/).fill(`Ana: Argentina ${column}`);
      await panel.getByRole('button', { name: 'Save rating' }).click();
      await expect.poll(() => cell(page, 'Argentina', column).locator('.mx-label').textContent()).toBe(ANA['Argentina']![j]!);
    }
    // Armenia and Chad: from the grid with the keyboard (1 = none … 4 = strong, 0 = not applicable)
    const digit = (label: string): string => String(['none', 'weak', 'moderate', 'strong'].indexOf(label) + 1);
    await cell(page, 'Armenia', 'Legislation').focus();
    for (const name of ['Armenia', 'Chad']) {
      for (const [j, [, column]] of COLUMNS.entries()) {
        await cell(page, name, column).focus();
        await page.keyboard.press(digit(ANA[name]![j]!));
        await expect.poll(() => cell(page, name, column).locator('.mx-label').textContent()).toBe(ANA[name]![j]!);
      }
    }
    // Ana and Ben now differ on three cells, and alpha (ordinal) is reported
    await expect.poll(() => page.locator('.mx-cell.disagree').count()).toBe(3);
    await expect(page.getByTestId('rating-alpha').textContent()).resolves.toMatch(/Krippendorff’s α \(ordinal\) on ratings: 0\.\d{3}/);
    await expect(page.getByTestId('rating-ac2').textContent()).resolves.toMatch(/Gwet’s AC2 \(ordinal\) -?\d\.\d{3} \[-?\d\.\d{3}, \d\.\d{3}\]/);
    await page.locator('.mx-disagreements').waitFor();
    await cell(page, 'Argentina', 'Legislation').click();
    await screenshot(page, 'matrix-01-ana-ratings');
  });

  it('adjudicates: adopt every agreed cell, then accept a coder on each disagreement', async () => {
    const { page } = app;
    await page.getByLabel('Coder', { exact: true }).selectOption('consensus');
    await page.getByRole('button', { name: 'Adopt all agreed ratings' }).click();
    await expect.poll(() => page.locator('td.mx-cell .mx-label').filter({ hasText: /[a-z]/ }).count()).toBe(6);
    // one action, one report: what it filled and what it left
    await page.locator('.toast', { hasText: 'Adopted 6 agreed ratings as consensus; left 3 cells where the coders disagree or not all rated' }).waitFor();
    for (let k = 0; k < 3; k++) {
      await page.locator('.mx-disagreements').click();
      await page
        .locator('.mx-panel')
        .getByRole('button', { name: /^Accept Ana:/ })
        .click();
      await expect.poll(() => page.locator('td.mx-cell .mx-label').filter({ hasText: /[a-z]/ }).count()).toBe(7 + k);
    }
    for (const name of RATED) {
      for (const [j, [, column]] of COLUMNS.entries()) await expect(cell(page, name, column).locator('.mx-label').textContent()).resolves.toBe(ANA[name]![j]!);
    }
    await page.locator('.mx-panel').getByRole('button', { name: 'Close cell' }).click();
    await screenshot(page, 'matrix-02-consensus-heatmap');
    await page.getByRole('radio', { name: 'Counts' }).click();
    await page.getByLabel('Coder', { exact: true }).selectOption('all');
    await expect.poll(() => cell(page, 'Argentina', 'Legislation').locator('.mx-label').textContent()).toBe('2');
    await screenshot(page, 'matrix-03-counts');
    await page.getByRole('radio', { name: 'Ratings' }).click();
  });

  it('a cell’s evidence passage is one click away from the reader', async () => {
    const { page } = app;
    await page.getByLabel('Coder', { exact: true }).selectOption({ label: 'Ana (you)' });
    await cell(page, 'Chad', 'Legislation').click();
    const passage = page.locator('.mx-panel .mx-passage').first();
    const quote = ((await passage.locator('blockquote').textContent()) ?? '').slice(0, 40);
    await passage.getByRole('button', { name: 'Open in reader' }).click();
    await page.locator('.doc-heading', { hasText: 'Chad' }).waitFor();
    // the passage is outlined as the selected coding
    const outlined = page.locator('.reader-doc .hl-selected');
    await outlined.first().waitFor();
    expect((await outlined.allTextContents()).join('').replace(/\s+/g, ' ')).toContain(quote.replace(/\s+/g, ' ').trim());
    // the reader scrolled the passage into view, and the coding inspector shows it
    await expect
      .poll(() =>
        outlined.first().evaluate((el) => {
          const r = el.getBoundingClientRect();
          const c = (el.closest('.reader-column') as HTMLElement).getBoundingClientRect();
          return r.top >= c.top && r.bottom <= c.bottom;
        }),
      )
      .toBe(true);
    await page.locator('.coding-inspector .inspector-quote').waitFor();
    await screenshot(page, 'matrix-05-evidence-in-reader');
    await page.getByRole('tab', { name: 'Matrices' }).click();
  });

  it('exports every format from the view; the files read back with the same ratings', async () => {
    const { page } = app;
    await page.getByLabel('Coder', { exact: true }).selectOption('consensus');
    const dl = downloads(page, out);
    const files: Record<string, string> = {};
    for (const format of ['xlsx', 'docx', 'tex', 'csv', 'tidy', 'md', 'html', 'json', 'svg', 'png']) {
      if (!(await page.locator('.mx-export').isVisible())) await page.getByRole('button', { name: 'Export ▾' }).click();
      await page.locator(`.mx-export button[data-format="${format}"]`).click();
      const got = await dl.take(1);
      files[format] = got[0]!;
      // one file name scheme: project slug, what, coder or unit, date
      expect(got[0]!.split('/').pop()).toMatch(new RegExp(`^scorecard-outcomes_a6-outcomes_${format === 'tidy' ? 'tidy' : 'consensus'}_\\d{4}-\\d{2}-\\d{2}\\.${format === 'tidy' ? 'csv' : format}$`));
    }
    // one click, one file: nothing else arrives (the wide CSV used to download twice)
    await page.waitForTimeout(500);
    expect(dl.pending()).toBe(0);
    const consensus = RATED.map((n) => ANA[n]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files['xlsx']!);
    const ws = wb.getWorksheet('Ratings')!;
    const rowOf = (name: string): number => ws.getColumn(1).values.indexOf(name);
    expect(RATED.map((n) => [2, 3, 4].map((c) => ws.getRow(rowOf(n)).getCell(c).value))).toEqual(consensus);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Ratings', 'Counts', 'Legend', 'Ratings by coder', 'Evidence', 'Agreement', 'Manifest']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getRow(1).getCell(1).value).toMatch(/^Table 1\. A6 outcomes: consensus ratings/);

    const docXml = strFromU8(unzipSync(readFileSync(files['docx']!))['word/document.xml']!);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(docXml) as { 'w:document': { 'w:body': { 'w:tbl': { 'w:tr': unknown[] } } } };
    expect(doc['w:document']['w:body']['w:tbl']['w:tr']).toHaveLength(16);
    expect(docXml).toContain('strong');
    expect(docXml).toContain('SEQ Table');
    expect(docXml).not.toContain('w:footnoteReference');

    const tex = readFileSync(files['tex']!, 'utf8');
    expect(tex).toMatch(/\\begin\{tabular\}/);
    expect(tex).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
    const body = tex
      .slice(tex.indexOf('\\midrule'), tex.indexOf('\\bottomrule'))
      .split('\n')
      .filter((l) => l.trimEnd().endsWith('\\\\'));
    expect(body.map((l) => l.split(' & ')[0]!.trim())).toEqual(COUNTRIES);

    const tidy = Papa.parse<Record<string, string>>(readFileSync(files['tidy']!, 'utf8'), { header: true, skipEmptyLines: true });
    expect(tidy.errors).toEqual([]);
    expect(tidy.data).toHaveLength(15 * 3 * 3);
    expect(new Set(tidy.data.map((r) => `${r['case']}|${r['column']}|${r['coder']}`)).size).toBe(15 * 3 * 3);
    expect(tidy.data.filter((r) => r['coder'] === 'Ben' && r['rating_label'] !== '')).toHaveLength(9);
    expect(tidy.data.find((r) => r['case'] === 'Argentina' && r['coder'] === 'Ana' && r['column'] === 'Outcomes/Legislation')?.['evidence']).toMatch(/Argentina/);

    const csv = Papa.parse<string[]>(readFileSync(files['csv']!, 'utf8'), { skipEmptyLines: true }).data;
    expect(RATED.map((n) => csv.find((r) => r[0] === n)?.slice(1))).toEqual(consensus);
    expect(readFileSync(files['md']!, 'utf8')).toMatch(/^\| Armenia \| strong<sup>[a-z]+<\/sup> \| strong<sup>[a-z]+<\/sup> \| moderate<sup>[a-z]+<\/sup> \|$/m);
    expect(readFileSync(files['html']!, 'utf8')).toMatch(/<table/);
    expect(JSON.parse(readFileSync(files['json']!, 'utf8'))).toBeTruthy();
    expect(readFileSync(files['svg']!, 'utf8')).toMatch(/^<svg|<\?xml/);
    const png = readFileSync(files['png']!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(files['png']!, join(SHOTS, 'matrix-04-exported-heatmap.png'));

    // the CSV for Excel on Windows starts with a byte-order mark
    if (!(await page.locator('.mx-export').isVisible())) await page.getByRole('button', { name: 'Export ▾' }).click();
    await page.getByLabel('CSV for Excel on Windows (byte-order mark)').check();
    await screenshot(page, 'matrix-07-export-menu');
    await page.locator('.mx-export button[data-format="csv"]').click();
    const [bomCsv] = await dl.take(1);
    expect([...readFileSync(bomCsv!).subarray(0, 7)]).toEqual([0xef, 0xbb, 0xbf, ...Buffer.from('Case')]);
    expect(app.pageErrors).toEqual([]);
  });

  it('the real CLI exports the same matrix while the app holds the project', () => {
    const file = join(out, 'cli-a6.xlsx');
    const r = cli(['matrix', dir, '--matrix', 'A6 outcomes', '--coder', 'consensus', '--format', 'xlsx', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const md = cli(['matrix', dir, '--coder', 'consensus', '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^\| Chad \| weak<sup>[a-z]+<\/sup> \| none<sup>[a-z]+<\/sup> \| none<sup>[a-z]+<\/sup> \|$/m);
    const bin = cli(['matrix', dir, '--format', 'docx']);
    expect(bin.code).toBe(2);
  });
  it('creates a matrix from the codebook, relabels and reorders its scale keeping ratings, deletes it, and undo brings it back', async () => {
    const { page } = app;
    await page.getByLabel('Coder', { exact: true }).selectOption({ label: 'Ana (you)' });
    await page.getByRole('button', { name: 'New matrix' }).click();
    const editor = page.locator('.mx-panel');
    await editor.getByLabel('Name').fill('Cycle steps');
    await editor.getByLabel('Direct diplomacy').check();
    await editor.getByLabel('Concerns').check();
    await editor.getByLabel('Scale label 1').fill('absent');
    await editor.getByRole('button', { name: 'Create matrix' }).click();
    await page.locator('.mx-caption', { hasText: 'Cycle steps' }).waitFor();
    await expect(page.locator('thead th').allTextContents()).resolves.toEqual(['Case', ' Direct diplomacy', ' Concerns']);
    await cell(page, 'Chad', 'Concerns').focus();
    await page.keyboard.press('1');
    await expect.poll(() => cell(page, 'Chad', 'Concerns').locator('.mx-label').textContent()).toBe('absent');

    await page.getByRole('button', { name: 'Edit matrix' }).click();
    await editor.getByLabel('Scale label 2').fill('slight');
    await editor.getByRole('button', { name: 'Move absent up the scale' }).click();
    await editor.getByRole('button', { name: 'Save matrix' }).click();
    await expect.poll(() => page.locator('.mx-legend .mx-key').allTextContents()).toEqual(['1 slight', '2 absent', '3 moderate', '4 strong', '0 not applicable', '≠ coders differ']);
    await expect(cell(page, 'Chad', 'Concerns').locator('.mx-label').textContent()).resolves.toBe('absent');
    await screenshot(page, 'matrix-06-new-matrix');

    await page.getByRole('button', { name: 'Edit matrix' }).click();
    await editor.getByRole('button', { name: 'Delete…' }).click();
    await editor.getByRole('alert').getByText('Delete “Cycle steps” and its 1 rating?').waitFor();
    await editor.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Matrix', exact: true }).locator('option').allTextContents()).toEqual(['A6 outcomes', 'Scorecard cycle']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Matrix', exact: true }).locator('option').allTextContents()).toEqual(['A6 outcomes', 'Scorecard cycle', 'Cycle steps']);
    expect(app.pageErrors).toEqual([]);
  });

  it('reads the matrix, its agreement, disagreements and evidence from the API, and follows a rating made in another window', async () => {
    const { page, web } = app;
    const ops: string[] = [];
    page.on('request', (r) => {
      const m = /\/api\/([\w.]+)$/.exec(new URL(r.url()).pathname);
      if (m) ops.push(m[1]!);
    });
    await page.getByRole('combobox', { name: 'Matrix', exact: true }).selectOption({ label: 'A6 outcomes' });
    await page.getByLabel('Coder', { exact: true }).selectOption('all');
    const chadNorms = cell(page, 'Chad', 'Norms and practices');
    // Every coder's rating side by side (the view's byCoder), and the coders' three disagreements
    await expect.poll(() => chadNorms.locator('.mx-values').textContent()).toBe('Ana: noneBen: not applicable');
    await expect.poll(() => page.locator('.mx-disagreements').textContent()).toMatch(/^3 disagreements/);
    const alphaBefore = await page.getByTestId('rating-alpha').textContent();
    await chadNorms.click();
    await page.locator('.mx-panel', { hasText: 'Ratings by coder' }).waitFor();

    // Ben, in another window, changes his rating of that cell: every figure of this view follows
    const data = durableState(dir);
    const ben = data.coders.find((c) => c.name === 'Ben')!.id;
    const a6 = data.matrices.find((m) => m.name === 'A6 outcomes')!.id;
    const chad = data.cases.find((c) => c.name === 'Chad')!.id;
    const res = await fetch(new URL('/api/rating.set', web.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-casecoder-token': web.token, 'x-casecoder-client': 'another-window' },
      body: JSON.stringify({ matrixId: a6, caseId: chad, codeId: 'sd-norms-practices', coderId: ben, value: 'none' }),
    });
    expect(((await res.json()) as Result<unknown>).ok).toBe(true);
    await expect.poll(() => chadNorms.locator('.mx-values').textContent()).toBe('Ana: noneBen: none');
    await expect.poll(() => page.locator('.mx-disagreements').textContent()).toMatch(/^2 disagreements/);
    await expect.poll(() => page.getByTestId('rating-alpha').textContent()).not.toBe(alphaBefore);
    await expect.poll(() => page.locator('.mx-panel .mx-coders').textContent()).toContain('Ben: none');
    await screenshot(page, 'matrix-08-all-coders-follow-another-window');
    await page.getByLabel('Coder', { exact: true }).selectOption({ label: 'Ana (you)' });
    await chadNorms.click();
    await page.locator('.mx-panel .mx-passage').first().waitFor();
    // None of these figures was computed in the page: it asked the API for each
    for (const op of ['matrix.view', 'rating.agreement', 'rating.disagreements', 'matrix.evidence']) expect(ops, op).toContain(op);
    await expect.poll(() => page.locator('.mx-cell.disagree').count()).toBe(2);

    // Blind: whether Ben differs from Ana stays hidden, as his ratings do
    await page.getByRole('tab', { name: 'Reader' }).click();
    await page.getByLabel('Blind').check();
    await page.getByRole('tab', { name: 'Matrices' }).click();
    await page.locator('.hint', { hasText: 'Blind coding is on' }).waitFor();
    await expect(chadNorms.locator('.mx-label').textContent()).resolves.toBe('none');
    expect(await page.locator('.mx-cell.disagree').count()).toBe(0);
    expect(await page.locator('.mx-disagreements').count()).toBe(0);
    await page.getByRole('tab', { name: 'Reader' }).click();
    await page.getByLabel('Blind').click();
    await page.getByRole('alertdialog', { name: 'Turn blind coding off?' }).getByRole('button', { name: 'Show other coders’ work' }).click();
    expect(app.pageErrors).toEqual([]);
  });
});
