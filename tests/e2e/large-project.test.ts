import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateProject } from '../bench/generate-project.js';
import { screenshot, startApp, type RunningApp } from './app.js';

/** A generated project of this size: three coders, 200 documents, 1,000 codings each on average. */
const CODINGS = 200_000;
const DOCUMENTS = 200;

const count = async (page: Page): Promise<number> => Number(((await page.getByTestId('codings-count').textContent()) ?? '').replace(/[^\d]/g, ''));

describe(`a generated project of ${CODINGS.toLocaleString('en')} codings in the browser`, () => {
  let app: RunningApp;
  beforeAll(async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-large-')), 'study');
    generateProject(dir, { codings: CODINGS, documents: DOCUMENTS });
    app = await startApp({ dir, coder: 'Ana' });
    await app.page.getByRole('heading', { name: 'Report 1', level: 1 }).waitFor({ timeout: 60_000 });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('opens with every coding counted and the first document highlighted', async () => {
    const { page } = app;
    await page.locator('.reader-doc .hl').first().waitFor();
    expect(await count(page)).toBe(CODINGS);
    await screenshot(page, 'large-01-opened');
  });

  it('codes, undoes and redoes in the reader', async () => {
    const { page } = app;
    const before = await count(page);
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('.reader-doc p')].find((x) => (x.textContent ?? '').length > 120) as HTMLElement;
      p.scrollIntoView();
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const first = walker.nextNode() as Text;
      let last = first;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n as Text;
      const range = document.createRange();
      range.setStart(first, 0);
      range.setEnd(last, last.length);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
    });
    await page.keyboard.press('1');
    await expect.poll(() => count(page), { timeout: 30_000 }).toBe(before + 1);
    await screenshot(page, 'large-02-coded');
    await page.locator('.doc-heading').click();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => count(page), { timeout: 30_000 }).toBe(before);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => count(page), { timeout: 30_000 }).toBe(before + 1);
    await screenshot(page, 'large-03-redone');
  });

  it('switches documents', async () => {
    const { page } = app;
    await page.locator('.documents').getByText('Report 2', { exact: true }).first().click();
    await page.getByRole('heading', { name: 'Report 2', level: 1 }).waitFor({ timeout: 30_000 });
    await page.locator('.reader-doc .hl').first().waitFor();
    await screenshot(page, 'large-04-second-document');
  });

  it('opens Compare and Matrices', async () => {
    const { page } = app;
    // Compare computes the point estimates over every coding of the first two coders at once, in
    // this process (which also drives the browser); the bootstrap intervals wait for a click here.
    await page.getByRole('tab', { name: 'Compare' }).click({ timeout: 60_000 });
    const pooled = page.getByRole('region', { name: 'Pooled agreement' });
    await pooled.waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('pooled-alpha').textContent()).resolves.toMatch(/^-?\d\.\d{3}$/);
    expect(await pooled.textContent()).not.toContain('bootstrap CI');
    await screenshot(page, 'large-05-compare');
    // On demand: each code's interval, then the pooled one, one request at a time, with progress.
    // The service computes in this process, so what the page shows is checked between figures.
    const compute = pooled.getByRole('button', { name: 'Compute bootstrap intervals' });
    await expect(pooled.textContent()).resolves.toMatch(/95% intervals of alpha for \d+ codes and the pooled figure/);
    await compute.click();
    const progress = page.getByRole('status', { name: 'Bootstrap intervals' });
    await expect(progress.textContent()).resolves.toMatch(/\d+ of \d+ figures/);
    // Stop: the run ends after the figure under way; a click resumes with the figures still missing.
    // While a figure is resampled this process answers nothing, and a locator click takes several
    // round trips: the button is clicked in the page in one.
    const clickIn = (selector: string, text: string): Promise<void> =>
      page.evaluate(({ selector, text }) => [...document.querySelectorAll<HTMLButtonElement>(selector)].find((b) => b.textContent?.trim() === text)?.click(), { selector, text });
    await clickIn('.compare-intervals button', 'Stop');
    await compute.waitFor({ timeout: 120_000 });
    const stoppedAt = await page.locator('.compare-table .stat-ci').count();
    await clickIn('.compare-intervals button', 'Compute bootstrap intervals');
    await pooled.getByText(/95% bootstrap CI \[-?\d\.\d{3}, -?\d\.\d{3}\]/).waitFor({ timeout: 240_000 });
    await expect.poll(() => progress.count()).toBe(0);
    expect(await compute.count()).toBe(0);
    // Every code with an alpha and the pooled figure (in the totals row) show their interval.
    const withAlpha = await page.locator('.compare-table tbody tr:not(.compare-totals) td:last-child .stat-value').evaluateAll((xs) => xs.filter((x) => x.textContent !== 'n/a').length);
    expect(await page.locator('.compare-table td:last-child .stat-ci').count()).toBe(withAlpha + 1);
    expect(stoppedAt).toBeLessThan(withAlpha + 1);
    await expect(page.locator('.compare-table .stat-ci').first().textContent()).resolves.toMatch(/^\[-?\d\.\d{3}, -?\d\.\d{3}\]$/);
    await screenshot(page, 'large-05b-compare-intervals');
    await page.getByRole('tab', { name: 'Matrices' }).click();
    await page.getByRole('heading', { name: /A6 outcomes/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('td.mx-cell').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, 'large-06-matrices');
    expect(app.pageErrors).toEqual([]);
  }, 480_000);
});
