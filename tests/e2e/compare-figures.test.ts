/**
 * Issue 11, statistics and figures: the Compare view opens at a unit where the coefficients mean
 * something (characters) and remembers the unit per project, names degenerate cases in words,
 * shows Cohen's kappa and Gwet's AC1 with intervals, tells two documents titled "Ecuador" apart,
 * gives a per-pair table for three coders, and shows the table behind a figure on screen with its
 * tables side by side, not on top of each other.
 */
import type { ProjectView } from '../../src/shared/api.js';
import type { SourceContent } from '../../src/core/model/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../src/core/model/result.js';
import { createService } from '../../src/main/service/service.js';
import { screenshot, SEEDS, startApp, tempProjectDir, type RunningApp } from './app.js';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('compare figures: default unit, intervals, AC1, warnings, pairs, figure tables', () => {
  let app: RunningApp;
  let dir: string;

  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = tempProjectDir();
    let svc = createService({ appVersion: 'e2e', transport: 'cli' });
    must(await svc.call('project.create', { dir, name: 'Two Ecuadors' }));
    must(await svc.call('import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt'), join(SEEDS, '001_f1f3b25bdee2a5e2.txt')], format: 'md' }));
    await svc.close();
    // Three coders, coding in turn (one service session each, as separate people would).
    const code = async (coder: string, docIndex: number, name: string, phrase: string, extra = 0): Promise<void> => {
      svc = createService({ appVersion: 'e2e', transport: 'cli' });
      const view = must(await svc.call('project.open', { dir })) as ProjectView;
      must(await svc.call('coder.use', { name: coder }));
      const doc = view.data.documents[docIndex]?.id as string;
      if (docIndex === 1 && view.data.documents[1]?.title !== 'Ecuador') must(await svc.call('document.rename', { id: doc, title: 'Ecuador' }));
      const text = (must(await svc.call('document.content', { id: doc })) as SourceContent).text;
      const s = text.indexOf(phrase);
      if (s < 0) throw new Error(`not in text: ${phrase}`);
      const codeId = view.data.codebook.find((c) => c.name === name)?.id as string;
      must(await svc.call('coding.add', { documentId: doc, codeId, start: s, end: s + phrase.length + extra }));
      await svc.close();
    };
    const meetings = 'Scorecard diplomacy meetings to discuss TIP were frequent';
    await code('Ana', 0, 'Direct diplomacy', meetings);
    await code('Ben', 0, 'Direct diplomacy', meetings, 8);
    await code('Cy', 0, 'Direct diplomacy', meetings);
    await code('Ana', 0, 'Concerns', 'The cables that discuss TIP'); // never the same text as Ben
    await code('Ben', 0, 'Concerns', 'Indeed, A US TIP delegation visited Ecuador');
    await code('Ana', 1, 'Direct diplomacy', 'International Organization for Migration');
    await code('Ben', 1, 'Direct diplomacy', 'International Organization for Migration');
    app = await startApp({ dir, coder: 'Judge' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens at characters with kappa and AC1 intervals, and tells the two Ecuador documents apart', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Ecuador', level: 1 }).first().waitFor();
    await page.keyboard.press('Alt+a');
    await page.locator('.compare-table tbody th', { hasText: /^Direct diplomacy$/ }).waitFor();
    await expect(page.getByLabel('Unit').inputValue()).resolves.toBe('character');
    const pooled = (await page.getByTestId('pooled-figures').textContent()) ?? '';
    expect(pooled).toMatch(/Cohen’s kappa \d\.\d{3} 95% CI \[\d\.\d{3}, \d\.\d{3}\]/);
    expect(pooled).toMatch(/Gwet’s AC1 \d\.\d{3} 95% CI \[\d\.\d{3}, \d\.\d{3}\]/);
    expect(pooled).toMatch(/Percent agreement \d\.\d{3} \(not chance-corrected\)/);
    await expect(page.locator('.compare-warning').count()).resolves.toBe(0);
    const headers = await page.locator('.compare-table thead th').allTextContents();
    const ecuadors = headers.filter((h) => h.startsWith('Ecuador'));
    expect(ecuadors).toHaveLength(2);
    expect(new Set(ecuadors).size).toBe(2);
    expect(ecuadors.every((h) => /^Ecuador \[d_\w{6}\]$/.test(h))).toBe(true);
    // A code the coders never applied to the same text reads "no agreement", not a Landis–Koch band.
    const concerns = page
      .locator('.compare-table tbody tr', { has: page.locator('th', { hasText: /^Concerns$/ }) })
      .locator('.stat-main')
      .first();
    await expect(concerns.getAttribute('aria-label')).resolves.toMatch(/, no agreement;/);
    await expect(page.locator('body').textContent()).resolves.not.toMatch(/-0\.000/);
    await screenshot(page, 'compare-figures-01-character');
    expect(app.pageErrors).toEqual([]);
  });

  it('opens the table behind a figure on screen, its tables apart, percent without a band', async () => {
    const { page } = app;
    const dip = page.locator('.compare-table tbody tr', { has: page.locator('th', { hasText: /^Direct diplomacy$/ }) });
    await dip.locator('.stat-table').first().click();
    const panel = page.locator('.figure-detail');
    await panel.getByText('Coincidence matrix', { exact: false }).waitFor();
    await expect
      .poll(async () => {
        const box = await panel.boundingBox();
        return box !== null && box.y >= -1 && box.y < 900;
      })
      .toBe(true);
    const blocks = await panel.locator('.figure-block').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        const t = e.querySelector('table');
        const tr = t?.closest('.figure-table-wrap')?.getBoundingClientRect();
        return { box: { x: r.x, y: r.y, width: r.width, height: r.height }, wrapRight: tr ? tr.right : r.right, right: r.right };
      }),
    );
    expect(blocks.length).toBe(4);
    for (let i = 0; i < blocks.length; i++) {
      expect(blocks[i]!.wrapRight).toBeLessThanOrEqual(blocks[i]!.right + 0.5);
      for (let j = i + 1; j < blocks.length; j++) expect(overlaps(blocks[i]!.box, blocks[j]!.box)).toBe(false);
    }
    const percent = panel.locator('.figure-block', { hasText: 'Percent agreement' });
    await expect(percent.locator('.strength-label').count()).resolves.toBe(0);
    await expect(panel.locator('.figure-block', { hasText: 'Gwet’s AC1' }).textContent()).resolves.toMatch(/95% CI \[/);
    await expect(panel.locator('.figure-block', { hasText: 'Cohen’s kappa' }).textContent()).resolves.toMatch(/95% CI \[/);
    await screenshot(page, 'compare-figures-02-tables');
    await page.getByRole('button', { name: 'Close the tables' }).click();
    expect(app.pageErrors).toEqual([]);
  });

  it('flags segment units as degenerate in words and remembers the unit after a reload', async () => {
    const { page } = app;
    await page.getByLabel('Unit').selectOption('segment');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('.compare-warning', { hasText: 'every unit was coded by at least one coder' }).waitFor();
    await screenshot(page, 'compare-figures-03-segment-warning');
    await page.reload();
    await page.getByRole('heading', { name: 'Ecuador', level: 1 }).first().waitFor();
    await page.keyboard.press('Alt+a');
    await page.locator('.compare-table tbody th', { hasText: /^Direct diplomacy$/ }).waitFor();
    await expect(page.getByLabel('Unit').inputValue()).resolves.toBe('segment');
    await page.locator('.compare-warning').first().waitFor();
    await page.getByLabel('Unit').selectOption('character');
    expect(app.pageErrors).toEqual([]);
  });

  it('gives three coders a table per coder pair', async () => {
    const { page } = app;
    const box = page.getByRole('checkbox', { name: 'Cy', exact: true });
    if (!(await box.isChecked())) await box.click();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const pairs = page.locator('.compare-pair-table tbody tr');
    await expect.poll(() => pairs.count()).toBe(3);
    await expect(pairs.locator('th').allTextContents()).resolves.toEqual(['Ana / Ben', 'Ana / Cy', 'Ben / Cy']);
    await expect(pairs.first().textContent()).resolves.toMatch(/95% CI \[/);
    await screenshot(page, 'compare-figures-04-pairs');
    expect(app.pageErrors).toEqual([]);
  });

  it('counts distinct passages in the frequency table by default, and says what each number counts', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+p');
    await page.getByRole('tab', { name: 'Frequencies' }).click();
    const row = page.locator('.freq-table tbody tr', { has: page.locator('th', { hasText: /Direct diplomacy$/ }) });
    // Ana, Ben and Cy coded the same meetings sentence in the first document: one passage, three codings.
    await expect.poll(async () => (await row.locator('td').allTextContents()).slice(0, 2)).toEqual(['1', '1']);
    await expect(page.getByTestId('frequency-measure').textContent()).resolves.toMatch(/distinct passages: overlapping codings of the code are merged/);
    await page.getByLabel('What each number counts').selectOption('codings');
    await expect.poll(async () => (await row.locator('td').allTextContents()).slice(0, 2)).toEqual(['3', '2']);
    await expect(page.getByTestId('frequency-measure').textContent()).resolves.toMatch(/a passage coded by two coders counts twice/);
    await screenshot(page, 'compare-figures-05-frequencies');
    expect(app.pageErrors).toEqual([]);
  });
});
