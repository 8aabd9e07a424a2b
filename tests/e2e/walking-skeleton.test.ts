import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli, createProjectInUi, importOneAndOpen, screenshot, selectText, SEEDS, startApp, type RunningApp } from './app.js';

const SEED_000 = join(SEEDS, '000_b19cde1f6a69a6f8.txt');
const FIRST_SENTENCE = 'Scorecard diplomacy meetings to discuss TIP were frequent and meetings were typically at a high level such as ministers and even once directly with the President Alfredo Palacio.';

describe('walking skeleton: open, import, code, persist', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ coder: 'Ana' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens the demo project on first start', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Ruritania', level: 1 }).waitFor();
    // The title shows before the reader has mounted the text: wait for the section, then check there is one.
    const section = page.locator('.reader-doc h2', { hasText: 'Direct diplomacy' });
    await section.first().waitFor();
    await expect(section.count()).resolves.toBe(1);
    await screenshot(page, 'skeleton-01-demo');
  });

  it('creates a project, imports seed 000 and shows its structure and footnotes', async () => {
    const { page } = app;
    const dir = await createProjectInUi(page, 'Scorecard study');
    await importOneAndOpen(page, SEED_000, 'Ecuador', { format: 'md' });
    const headings = await page.locator('.reader-doc h2, .reader-doc h3').allTextContents();
    for (const h of ['Background', 'Direct diplomacy', 'Indirect pressure', 'Concerns', 'Outcomes', 'Legislation', 'Conditioning factors']) {
      expect(headings).toContain(h);
    }
    await expect(page.locator('.reader-doc .footnotes .footnote').count()).resolves.toBe(32);
    await expect(page.locator('.reader-doc .footnote-ref').count()).resolves.toBeGreaterThanOrEqual(32);
    (app as RunningApp & { dir?: string }).dir = dir;
    await screenshot(page, 'skeleton-02-seed000');
  });

  it('codes the first sentence under Direct diplomacy with key 1, and it survives a reload', async () => {
    const { page } = app;
    const para = '.reader-doc h2:text-is("Direct diplomacy") + p';
    const selected = await selectText(page, { afterHeading: 'Direct diplomacy' }, 0, FIRST_SENTENCE.length);
    expect(selected).toBe(FIRST_SENTENCE);
    await page.keyboard.press('1');
    const hl = page.locator(`${para} .hl`);
    await hl.first().waitFor();
    expect((await hl.allTextContents()).join('')).toBe(FIRST_SENTENCE);
    const bg = await hl.first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgba(0, 114, 178, 0.32)'); // Direct diplomacy's colour, #0072B2
    await hl.first().hover();
    await page.locator('.hover-card').getByText('Direct diplomacy').waitFor();
    await page.locator('.hover-card').getByText(/Ana/).waitFor();
    await screenshot(page, 'skeleton-03-coded');

    await page.reload();
    await page.getByRole('heading', { name: 'Ecuador', level: 1 }).waitFor();
    await page.locator(`${para} .hl`).first().waitFor();
    expect((await page.locator(`${para} .hl`).allTextContents()).join('')).toBe(FIRST_SENTENCE);
    expect(app.pageErrors).toEqual([]);
  });

  it('casecoder info --json reports the coding with its exact quote', () => {
    const dir = (app as RunningApp & { dir?: string }).dir as string;
    const r = cli(['info', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout) as { counts: { codings: number }; codings: { code: string; coder: string; exact: string }[]; documents: { title: string }[] };
    expect(info.documents.map((d) => d.title)).toEqual(['Ecuador']);
    expect(info.counts.codings).toBe(1);
    expect(info.codings[0]).toMatchObject({ code: 'Direct diplomacy', coder: 'Ana', exact: FIRST_SENTENCE });
  });

  it('renames a document with F2 (saved on disk), and undo brings the old title back', async () => {
    const { page } = app;
    const dir = (app as RunningApp & { dir?: string }).dir as string;
    await page.locator('.documents .doc-row', { hasText: 'Ecuador' }).focus();
    await page.keyboard.press('F2');
    const input = page.getByLabel('New title for Ecuador');
    await input.fill('Ecuador (case study website)');
    await input.press('Enter');
    await page.locator('.documents .doc-row', { hasText: 'Ecuador (case study website)' }).waitFor();
    const titles = (): string[] => (JSON.parse(cli(['info', dir, '--json']).stdout) as { documents: { title: string }[] }).documents.map((d) => d.title);
    expect(titles()).toEqual(['Ecuador (case study website)']);
    await page.getByRole('button', { name: 'Undo' }).first().click();
    await page.locator('.documents .doc-title', { hasText: /^Ecuador$/ }).waitFor();
    expect(titles()).toEqual(['Ecuador']);
  });
});
