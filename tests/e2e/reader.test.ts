import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Result } from '../../src/core/model/result.js';
import type { ProjectData, SourceContent } from '../../src/core/model/types.js';
import { createService } from '../../src/main/service/service.js';
import { cli, screenshot, SEEDS, selectText, startApp, tempProjectDir, type RunningApp } from './app.js';

/**
 * The reader as NVivo, MAXQDA and ATLAS.ti users expect it (issue 15): labelled coding stripes
 * told apart by coder, click to select a coding, drag handles, the right-click menu, the `?`
 * overlay, recent coders, the frequency and coverage chart; and the two defects: a drag inside a
 * selection coded the older selection, and the top bar wrapped at 1024 px.
 */

const SEED_000 = join(SEEDS, '000_b19cde1f6a69a6f8.txt');
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000 });

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

interface Setup {
  dir: string;
  text: string;
  direct: number;
  concerns: number;
}

/** Seed 000 with two coders' codings in "Direct diplomacy" (overlapping) and Ana's in "Concerns". */
async function setUp(): Promise<Setup> {
  const dir = tempProjectDir();
  const svc = createService({ appVersion: 'e2e', transport: 'cli' });
  const call = async <T>(op: string, args: unknown): Promise<T> => value<T>(await svc.call(op, args));
  await call('project.create', { dir, name: 'Reader study' });
  await call('import.files', { paths: [SEED_000], format: 'md' });
  const data = (await call<{ data: ProjectData }>('project.current', {})).data;
  const doc = data.documents[0]!;
  const text = (await call<SourceContent>('document.content', { id: doc.id })).text;
  const direct = text.indexOf('Scorecard diplomacy meetings');
  const concerns = text.indexOf('While its evident');
  const code = (k: string) => data.codebook.find((c) => c.shortcut === k)!.id;
  await call('coder.use', { name: 'Ben' });
  await call('coding.add', { documentId: doc.id, codeId: code('2'), start: direct + 20, end: direct + 95 });
  await call('coder.use', { name: 'Ana' });
  await call('coding.add', { documentId: doc.id, codeId: code('1'), start: direct, end: direct + 60 });
  await call('coding.add', { documentId: doc.id, codeId: code('4'), start: concerns, end: concerns + 50 });
  await svc.close();
  return { dir, text, direct, concerns };
}

/**
 * Client coordinates of the middle of character `offset` of the paragraph after heading `heading`.
 * The paragraph is scrolled to the middle first and measured once layout has settled (blocks out of
 * view are laid out only when they come near it: `content-visibility: auto`).
 */
function charPoint(page: Page, heading: string, offset: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    async ({ heading, offset }) => {
      const h = [...document.querySelectorAll('.reader-doc h2, .reader-doc h3')].find((e) => e.textContent === heading);
      const p = h?.nextElementSibling;
      if (!p) throw new Error(`no paragraph after ${heading}`);
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent?.length ?? 0;
        if (offset < seen + len) {
          const r = document.createRange();
          r.setStart(n, offset - seen);
          r.setEnd(n, offset - seen + 1);
          for (let i = 0; i < 3; i++) {
            p.scrollIntoView({ block: 'center' });
            await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
          }
          const b = r.getBoundingClientRect();
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
        }
        seen += len;
      }
      throw new Error(`offset ${offset} past the paragraph`);
    },
    { heading, offset },
  );
}

const codingsOf = (dir: string): { code: string; coder: string; exact: string; start: number; end: number }[] => JSON.parse(cli(['info', dir, '--json']).stdout).codings;

describe('the reader: what QDA users expect', () => {
  let app: RunningApp;
  let s: Setup;
  beforeAll(async () => {
    s = await setUp();
    app = await startApp({ dir: s.dir, coder: 'Ana' });
    await app.page.locator('.reader-doc').waitFor();
    await app.page.getByRole('heading', { name: 'Direct diplomacy' }).scrollIntoViewIfNeeded();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('labels each stripe with its code and tells coders apart by line style', async () => {
    const { page } = app;
    // Brackets are drawn for the codings near the viewport: Ana's and Ben's in "Direct diplomacy".
    await charPoint(page, 'Direct diplomacy', 0);
    await poll(() => page.locator('.stripe').count()).toBeGreaterThanOrEqual(2);
    const stripes = await page.locator('.stripe').evaluateAll((els) => els.map((e) => ({ label: e.querySelector('.stripe-label')?.textContent ?? '', style: getComputedStyle(e).borderLeftStyle, coder: e.getAttribute('data-coder-id') })));
    const labels = stripes.map((x) => x.label);
    expect(labels).toEqual(expect.arrayContaining([expect.stringMatching(/ · A$/), expect.stringMatching(/ · B$/)]));
    const styleOf = new Map(stripes.map((x) => [x.coder, x.style]));
    expect(new Set(styleOf.values()).size).toBe(2);
    await screenshot(page, 'reader-01-stripes');
  });

  it('selects a coding by clicking its text, and resizes it with a drag handle', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Concerns' }).scrollIntoViewIfNeeded();
    const inside = await charPoint(page, 'Concerns', 10);
    await page.mouse.click(inside.x, inside.y);
    const quote = page.locator('.coding-inspector .inspector-quote');
    await poll(() => quote.textContent()).toBe(s.text.slice(s.concerns, s.concerns + 50).trim());
    const handle = page.locator('.resize-handle.end');
    await handle.waitFor();
    await screenshot(page, 'reader-02-selected-with-handles');
    const box = (await handle.boundingBox())!;
    const to = await charPoint(page, 'Concerns', 80);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 3);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await page.mouse.up();
    await poll(async () => (await quote.textContent())?.length ?? 0).toBeGreaterThan(70);
    expect((await quote.textContent())?.startsWith('While its evident')).toBe(true);
    const mine = codingsOf(s.dir).find((c) => c.exact.startsWith('While its evident'))!;
    expect(mine.end - mine.start).toBeGreaterThan(70);
    await screenshot(page, 'reader-03-resized');
    await page.keyboard.press('Escape');
  });

  it('offers code, uncode, memo and recode on a right-click', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Direct diplomacy' }).scrollIntoViewIfNeeded();
    // Where only Ben's coding is (past Ana's 60 characters).
    const p = await charPoint(page, 'Direct diplomacy', 80);
    await page.mouse.click(p.x, p.y, { button: 'right' });
    const menu = page.getByRole('menu', { name: 'Reader menu' });
    await menu.waitFor();
    await screenshot(page, 'reader-04-menu-on-coding');
    const group = menu.getByRole('group').first();
    await expect(group.getByRole('menuitem').allTextContents()).resolves.toEqual(['Select coding', 'Memo…', 'Recode to…', 'Uncode']);
    await group.getByRole('menuitem', { name: 'Recode to…' }).click();
    await menu
      .getByRole('group', { name: 'Recode to' })
      .getByRole('menuitem', { name: /Concerns/ })
      .click();
    await poll(async () => codingsOf(s.dir).find((c) => c.coder === 'Ben')?.code).toBe('Concerns');
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await menu.getByRole('group').first().getByRole('menuitem', { name: 'Uncode' }).click();
    await poll(async () => codingsOf(s.dir).filter((c) => c.coder === 'Ben').length).toBe(0);
    // Code a selection from the menu.
    await selectText(page, { afterHeading: 'Background' }, 0, 40);
    const q = await charPoint(page, 'Background', 10);
    await page.mouse.click(q.x, q.y, { button: 'right' });
    await menu.getByRole('group', { name: 'Code the selection' }).waitFor();
    await screenshot(page, 'reader-05-menu-on-selection');
    await menu.getByRole('menuitem', { name: /^Conditioning factors/ }).click();
    await poll(async () => codingsOf(s.dir).filter((c) => c.code === 'Conditioning factors').length).toBe(1);
  });

  it('codes a new selection made inside an existing one (it dragged the text and coded the old one)', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Indirect pressure' }).scrollIntoViewIfNeeded();
    await selectText(page, { afterHeading: 'Indirect pressure' }, 0, 150);
    const a = await charPoint(page, 'Indirect pressure', 40);
    const b = await charPoint(page, 'Indirect pressure', 75);
    await page.mouse.move(a.x - 3, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 8 });
    await page.mouse.up();
    const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
    expect(selected.length).toBeGreaterThan(20);
    expect(selected.length).toBeLessThan(60);
    const before = codingsOf(s.dir).length;
    await page.keyboard.press('3'); // Concerns
    await poll(async () => codingsOf(s.dir).length).toBe(before + 1);
    const made = codingsOf(s.dir).find((c) => c.code === 'Concerns')!;
    expect(made.exact).toBe(selected.trim());
    await screenshot(page, 'reader-06-new-selection-coded');
  });

  it('lists every keyboard shortcut under ?', async () => {
    const { page } = app;
    await page.locator('.doc-heading').click();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Code the selection with the code of that shortcut/);
    await expect(dialog.locator('kbd').count()).resolves.toBeGreaterThan(12);
    await screenshot(page, 'reader-07-shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('offers recent coders when switching', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Coding as Ana/ }).click();
    const menu = page.getByRole('menu', { name: 'Switch coder' });
    await menu.getByRole('menuitem', { name: /^Ben/ }).click();
    await page.getByRole('button', { name: /Coding as Ben/ }).waitFor();
    await page.getByRole('button', { name: /Coding as Ben/ }).click();
    await expect(menu.getByRole('menuitem').first().textContent()).resolves.toBe('Anarecent');
    await screenshot(page, 'reader-08-recent-coders');
    await menu.getByRole('menuitem', { name: /^Ana/ }).click();
    await page.getByRole('button', { name: /Coding as Ana/ }).waitFor();
  });

  it('charts code frequency and coverage, for one coder or all', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+p');
    await page.getByRole('tab', { name: 'Frequencies' }).click();
    const chart = page.locator('svg.freq-chart');
    await chart.waitFor();
    const all = codingsOf(s.dir);
    const codes = new Set(all.map((c) => c.code.split('/').pop()));
    await expect(chart.locator('g[data-code-id]').count()).resolves.toBe(codes.size);
    await screenshot(page, 'reader-09-chart-all');
    await page.getByLabel('Chart coder').selectOption({ label: 'Ana' });
    await poll(() => chart.locator('g[data-code-id]').count()).toBe(new Set(all.filter((c) => c.coder === 'Ana').map((c) => c.code)).size);
    await screenshot(page, 'reader-10-chart-ana');
    await page.keyboard.press('Alt+r');
  });

  it('keeps the top bar and the reader toolbar on one line at 1024 px', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(200);
    const heights = await page.evaluate(() => ['.topbar', '.reader-toolbar'].map((q) => Math.round(document.querySelector(q)!.getBoundingClientRect().height)));
    await screenshot(page, 'reader-11-1024');
    expect(heights[0]).toBeLessThanOrEqual(56);
    expect(heights[1]).toBeLessThanOrEqual(44);
    expect(app.pageErrors).toEqual([]);
  });
});
