import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { micromark } from 'micromark';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/model/result.js';
import type { MatrixExportResult } from '../../../src/shared/api.js';
import type { Service } from '../../../src/main/service/service.js';
import { buildSeed002Study, COUNTRIES, HAVE_SEED } from './seed-002-study.js';

/**
 * The done-when of issue 12, checked in the tools a researcher uses: the A6 outcomes matrix of
 * seed 002 (15 countries, Ana and Ben plus the consensus, notes holding `& % _ # $ { } ~ ^ \`,
 * accents, smart and straight quotes, an emoji and CJK) exported in every format, then
 * - every LaTeX export compiled with pdfLaTeX, XeLaTeX and LuaLaTeX (fragments with the preamble
 *   their header comment names; the `--standalone` document as it is);
 * - the DOCX and XLSX exports converted to PDF by LibreOffice headless (one batched run);
 * - the HTML, the Markdown (rendered by micromark, the CommonMark reference parser) and the
 *   heatmap SVG rendered in Chromium.
 * The pages are saved as PNGs in tests/main/export/rendered/ (git-ignored): look at them.
 */
const RENDERED = join(import.meta.dirname, 'rendered');
const ENGINES = ['pdflatex', 'xelatex', 'lualatex'] as const;

function have(cmd: string): boolean {
  return spawnSync('which', [cmd]).status === 0;
}
const TOOLS = HAVE_SEED && ENGINES.every(have) && have('soffice') && have('pdftotext') && have('pdftoppm') && have('chromium');
if (!TOOLS) console.warn('real-tools export tests SKIPPED: needs seed 002, pdflatex, xelatex, lualatex, soffice, poppler-utils and chromium (.ci/run installs them)');

function run(cmd: string, args: string[], cwd: string, timeout = 240_000): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'cc-tool-home-')) } });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function pdfText(pdf: string, page?: number): string {
  const args = page === undefined ? ['-layout', pdf, '-'] : ['-layout', '-f', String(page), '-l', String(page), pdf, '-'];
  const r = spawnSync('pdftotext', args, { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function pdfPages(pdf: string): number {
  const r = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(r.stdout)?.[1] ?? 0);
}

/** Page 1 (or every page) of a PDF as PNG(s) into rendered/, for looking at. */
function snapshot(pdf: string, name: string, pages = 1): void {
  const r = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', String(pages), pdf, join(RENDERED, name)]);
  expect(r.status).toBe(0);
}

const squash = (s: string): string => s.replace(/[\uFB00-\uFB06]/g, (c) => c.normalize('NFKC')).replace(/\s+/g, ' ');

describe.skipIf(!TOOLS)('issue 12 done-when: the A6 matrix of seed 002 in the real tools', () => {
  let svc: Service;
  let work: string;
  const files: Record<string, string> = {};
  const warnings: Record<string, string[]> = {};

  beforeAll(async () => {
    rmSync(RENDERED, { recursive: true, force: true });
    mkdirSync(RENDERED, { recursive: true });
    const study = await buildSeed002Study();
    svc = study.svc;
    work = mkdtempSync(join(tmpdir(), 'cc-real-'));
    const exports: [string, Record<string, unknown>][] = [
      ['a6.tex', { op: 'matrix.export', format: 'tex', coder: 'consensus' }],
      ['a6-standalone.tex', { op: 'matrix.export', format: 'tex', coder: 'consensus', standalone: true }],
      ['a6-ana.tex', { op: 'matrix.export', format: 'tex', coder: 'Ana' }],
      ['a6-counts.tex', { op: 'matrix.export', format: 'tex', counts: true }],
      ['code-case.tex', { op: 'matrix.exportCodeCase', format: 'tex' }],
      ['co-occurrence.tex', { op: 'matrix.exportCoOccurrence', format: 'tex', rule: 'paragraph' }],
      ['a6-table.docx', { op: 'matrix.export', format: 'docx', coder: 'consensus' }],
      ['a6-workbook.xlsx', { op: 'matrix.export', format: 'xlsx', coder: 'consensus' }],
      ['code-case.docx', { op: 'matrix.exportCodeCase', format: 'docx' }],
      ['co-occurrence.xlsx', { op: 'matrix.exportCoOccurrence', format: 'xlsx', rule: 'paragraph' }],
      ['a6.html', { op: 'matrix.export', format: 'html', coder: 'consensus' }],
      ['a6.md', { op: 'matrix.export', format: 'md', coder: 'consensus' }],
      ['a6.svg', { op: 'matrix.export', format: 'svg', coder: 'consensus' }],
      ['a6-ana.svg', { op: 'matrix.export', format: 'svg', coder: 'Ana' }],
      ['a6.png', { op: 'matrix.export', format: 'png', coder: 'consensus' }],
    ];
    for (const [name, { op, ...args }] of exports) {
      const r = (await svc.call(op as 'matrix.export', { ...args, outPath: join(work, name) } as never)) as Result<MatrixExportResult>;
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      files[name] = r.value.path!;
      warnings[name] = r.value.warnings;
    }
  }, 120_000);
  afterAll(async () => {
    await svc?.close();
  });

  it('the LaTeX export warns about exactly the characters pdfLaTeX cannot set (CJK and the emoji)', () => {
    expect(warnings['a6.tex']).toHaveLength(1);
    expect(warnings['a6.tex']![0]).toContain('人口販賣防制');
    expect(warnings['a6.tex']![0]).toContain('😀');
    expect(warnings['a6.tex']![0]).not.toMatch(/café|año|“smart”/);
    const tex = readFileSync(files['a6.tex']!, 'utf8');
    expect(tex).toMatch(/^% Table "A6 outcomes: consensus ratings"/);
    expect(tex).toContain('%   \\usepackage{booktabs}');
    expect(tex).toContain('\\label{tab:a6-outcomes-consensus}');
    // outside the comments the source is pure ASCII: no engine needs anything to read it
    expect(tex.split('\n').filter((l) => !l.startsWith('%') && /[^\x00-\x7f]/.test(l))).toEqual([]);
  });

  it.each(ENGINES)(
    'every LaTeX fragment compiles under %s with the preamble its comment names, one page, nothing lost',
    (engine) => {
      const dir = join(work, `tex-${engine}`);
      mkdirSync(dir, { recursive: true });
      const fragments = ['a6.tex', 'a6-ana.tex', 'a6-counts.tex', 'code-case.tex', 'co-occurrence.tex'];
      for (const f of fragments) copyFileSync(files[f]!, join(dir, f));
      const head = readFileSync(files['a6.tex']!, 'utf8').split('\n');
      const preamble = head.filter((l) => /^%\s+\\usepackage/.test(l)).map((l) => l.replace(/^%\s+/, ''));
      expect(preamble.length).toBeGreaterThanOrEqual(1);
      const doc = [
        '\\documentclass[11pt]{article}',
        ...preamble,
        '\\begin{document}',
        'Table~\\ref{tab:a6-outcomes-consensus} rates the outcomes of the fifteen cases.',
        '\\input{a6.tex}',
        '\\clearpage',
        ...fragments.slice(1).flatMap((f) => [`\\input{${f}}`, '\\clearpage']),
        '\\end{document}',
      ].join('\n');
      writeFileSync(join(dir, 'paper.tex'), doc);
      for (let pass = 0; pass < (engine === 'pdflatex' ? 2 : 1); pass++) {
        const r = run(engine, ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], dir);
        expect(r.code, r.out.slice(-3000)).toBe(0);
      }
      const log = readFileSync(join(dir, 'paper.log'), 'latin1');
      expect(log).not.toMatch(/Missing character|Unicode character .* not set up/);
      // the A6 tables fit their page; the project-wide code × case and co-occurrence tables (every code of the codebook) may not
      expect(log.slice(0, log.indexOf('(./code-case.tex'))).not.toMatch(/Float too large|Overfull \\hbox/);
      const pdf = join(dir, 'paper.pdf');
      expect(pdfPages(pdf)).toBeGreaterThanOrEqual(fragments.length);
      // the table starts on page 1 with every row; its notes may run on to page 2 (a longtable breaks between notes)
      const page1 = squash(pdfText(pdf, 1));
      const a6 = squash(pdfText(pdf, 1) + pdfText(pdf, 2));
      if (engine === 'pdflatex') expect(page1).toContain('Table 1 rates the outcomes');
      expect(page1).toMatch(/Table 1: A6 outcomes: consensus ratings \(adjudicated by Consensus\), 15 cases × 3 columns\./);
      for (const c of COUNTRIES) expect(page1).toContain(c);
      expect(page1).toMatch(/Note\. Ratings on an ordinal scale: none < weak < moderate < strong/);
      expect(page1).toMatch(/Krippendorff’s α \(ordinal\) = [−\d.]+, 95% CI \[[−\d.]+, [−\d.]+\]/);
      expect(a6).toContain('Law 26.364 & 50% of cases; file_name #2 cost $5 {draft} ~approx ^sup \\path — “smart” and "straight" quotes, café, año.');
      expect(a6).toContain('Résumé of NGO reports (naïve coördination, São Paulo, Kraków, Ñandú).');
      expect(a6).toContain('[U+4EBA U+53E3 U+8CA9 U+8CE3 U+9632 U+5236]');
      expect(page1).toMatch(/Evidence: [A-Z][^:]+: “/);
      expect(squash(pdfText(pdf))).toContain('Table 2: A6 outcomes: ratings by Ana');
      snapshot(pdf, `latex-${engine}`, fragments.length);
    },
    300_000,
  );

  it.each(ENGINES)(
    'the --standalone LaTeX document compiles as it is under %s',
    (engine) => {
      const dir = join(work, `standalone-${engine}`);
      mkdirSync(dir, { recursive: true });
      copyFileSync(files['a6-standalone.tex']!, join(dir, 'table.tex'));
      const r = run(engine, ['-interaction=nonstopmode', '-halt-on-error', 'table.tex'], dir);
      expect(r.code, r.out.slice(-3000)).toBe(0);
      const pdf = join(dir, 'table.pdf');
      expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
      expect(squash(pdfText(pdf, 1))).toContain('Table 1: A6 outcomes: consensus ratings');
      if (engine === 'xelatex') snapshot(pdf, 'latex-standalone-xelatex', 2);
    },
    300_000,
  );

  it('LibreOffice converts the DOCX and XLSX exports (one batched run): numbered caption, notes under the table, XLSX one page wide', () => {
    const dir = join(work, 'office');
    mkdirSync(dir, { recursive: true });
    const inputs = ['a6-table.docx', 'a6-workbook.xlsx', 'code-case.docx', 'co-occurrence.xlsx'];
    const profile = pathToFileURL(mkdtempSync(join(tmpdir(), 'cc-lo-profile-'))).href;
    const r = run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...inputs.map((f) => files[f]!)], dir, 280_000);
    expect(r.code, r.out).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['a6-table.pdf', 'a6-workbook.pdf', 'co-occurrence.pdf', 'code-case.pdf']);

    // Word: one page, "Table 1." caption (the SEQ field's value), every case, the notes under the table, no manifest in the body
    const docx = join(dir, 'a6-table.pdf');
    const text = squash(pdfText(docx));
    expect(pdfPages(docx)).toBeLessThanOrEqual(2);
    expect(text).toContain('Table 1. A6 outcomes: consensus ratings (adjudicated by Consensus), 15 cases × 3 columns.');
    for (const c of COUNTRIES) expect(text).toContain(c);
    expect(text).toMatch(/Note\. Ratings on an ordinal scale: none < weak < moderate < strong; “not applicable” is outside the scale\./);
    expect(text).toMatch(/Krippendorff’s α \(ordinal\) = [−\d.]+, 95% CI \[[−\d.]+, [−\d.]+\]/);
    expect(text).toContain('Law 26.364 & 50% of cases; file_name #2 cost $5 {draft} ~approx ^sup \\path — “smart” and "straight" quotes, café, año.');
    expect(text).toContain('人口販賣防制');
    expect(text).toMatch(/Evidence: [A-Z][^:]+: “/);
    expect(text).not.toMatch(/SHA-256|Generated by|\.\./);
    snapshot(docx, 'docx-a6', 2);

    // Excel: the Ratings sheet prints one page wide: title, header and every case on page 1
    const xlsx = join(dir, 'a6-workbook.pdf');
    const first = squash(pdfText(xlsx, 1));
    expect(first).toContain('Table 1. A6 outcomes: consensus ratings');
    expect(first).toMatch(/Case Legislation Institution building Norms and practices/);
    for (const c of COUNTRIES) expect(first).toMatch(new RegExp(`${c} (none|weak|moderate|strong|not applicable)`));
    const pages = pdfPages(xlsx);
    // no page holds a column split off its rows: every page with a "Norms and practices" header has the "Case" column too
    for (let p = 1; p <= pages; p++) {
      const t = pdfText(xlsx, p);
      if (/Norms and practices/.test(t) && /^\s*Case\b/m.test(t) === false) expect(t, `page ${p}`).toMatch(/Case|Column|Disagreement/);
    }
    expect(pages).toBeLessThan(12);
    snapshot(xlsx, 'xlsx-a6', Math.min(pages, 4));
    snapshot(join(dir, 'code-case.pdf'), 'docx-code-case');
    snapshot(join(dir, 'co-occurrence.pdf'), 'xlsx-co-occurrence');
  }, 300_000);

  describe('Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: spawnSync('which', ['chromium'], { encoding: 'utf8' }).stdout.trim(),
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders the HTML table: numbered caption, legend, notes; markers legible on the darkest cells', async () => {
      const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
      await page.goto(pathToFileURL(files['a6.html']!).href);
      await expect(page.locator('figcaption').textContent()).resolves.toMatch(/^Table 1\. A6 outcomes: consensus ratings/);
      await expect(page.locator('tbody tr').count()).resolves.toBe(15);
      await expect(page.locator('.legend span').allTextContents()).resolves.toEqual(['none', 'weak', 'moderate', 'strong', 'not applicable']);
      await expect(page.locator('.notes p').first().textContent()).resolves.toMatch(/^Note\. .*Krippendorff’s α \(ordinal\) = .*95% CI/);
      await expect(page.locator('details.manifest').getAttribute('open')).resolves.toBeNull();
      // WCAG contrast of every marker against its cell: at least 4.5:1
      const ratios = await page.$$eval('sup.mark a', (links) => {
        const lum = (rgb: string): number => {
          const [r, g, b] = (rgb.match(/\d+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
            const c = Number(v) / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
        };
        return links.map((a) => {
          const td = a.closest('td') as HTMLElement;
          const view = a.ownerDocument.defaultView!;
          const bg = view.getComputedStyle(td).backgroundColor;
          const fg = view.getComputedStyle(a).color;
          const [hi, lo] = [lum(fg), lum(bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255,255,255)' : bg)].sort((x, y) => y - x) as [number, number];
          return { dark: lum(bg) < 0.2, ratio: (hi + 0.05) / (lo + 0.05) };
        });
      });
      expect(ratios.length).toBeGreaterThan(10);
      expect(ratios.some((r) => r.dark)).toBe(true);
      for (const r of ratios) expect(r.ratio).toBeGreaterThanOrEqual(4.5);
      await page.screenshot({ path: join(RENDERED, 'html-a6.png'), fullPage: true });
      await page.close();
    });

    it('renders the Markdown (micromark, GFM) with the caption, the markers and the notes', async () => {
      const html = micromark(readFileSync(files['a6.md']!, 'utf8'), { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
      const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
      await page.setContent(`<!DOCTYPE html><meta charset="utf-8"><style>body{font-family:serif;max-width:46rem;margin:2rem auto}table{border-collapse:collapse}th,td{padding:.2rem .6rem;border-bottom:1px solid #ccc}</style>${html}`);
      await expect(page.locator('p').first().textContent()).resolves.toMatch(/^Table 1\. A6 outcomes/);
      await expect(page.locator('tbody tr').count()).resolves.toBe(15);
      await expect(page.locator('td sup').count()).resolves.toBeGreaterThan(10);
      await expect(page.locator('body').textContent()).resolves.not.toMatch(/Manifest|SHA-256/);
      await page.screenshot({ path: join(RENDERED, 'markdown-a6.png'), fullPage: true });
      await page.close();
    });

    it('renders the heatmaps: the title names the matrix and whose ratings, a legend, the notes, no dangling markers', async () => {
      for (const [name, who] of [
        ['a6.svg', 'consensus ratings'],
        ['a6-ana.svg', 'ratings by Ana'],
      ] as const) {
        const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
        await page.goto(pathToFileURL(files[name]!).href);
        const texts = await page.$$eval('text', (ts) => ts.map((t) => t.textContent ?? ''));
        expect(texts[0]).toBe(`A6 outcomes: ${who}`);
        for (const l of ['none', 'weak', 'moderate', 'strong', 'not applicable']) expect(texts).toContain(l);
        expect(texts.some((t) => t.startsWith('Note. Ratings on an ordinal scale'))).toBe(true);
        expect(await page.locator('tspan').count()).toBe(0);
        await page.locator('svg').screenshot({ path: join(RENDERED, `heatmap-${name.replace('.svg', '')}.png`) });
        await page.close();
      }
      copyFileSync(files['a6.png']!, join(RENDERED, 'heatmap-a6-resvg.png'));
    });
  });
});
