import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createService } from '../../src/main/service/service.js';
import { cli, createProjectInUi, openedInReader, screenshot, selectText, SEEDS, startApp, tempProjectDir, type RunningApp } from './app.js';

const SEED_000 = join(SEEDS, '000_b19cde1f6a69a6f8.txt');
const FIRST_SENTENCE = 'Scorecard diplomacy meetings to discuss TIP were frequent and meetings were typically at a high level such as ministers and even once directly with the President Alfredo Palacio.';
const DIRECT = '.reader-doc h2:text-is("Direct diplomacy") + p';
const CONCERNS = '.reader-doc h2:text-is("Concerns") + p';
const poll = expect.poll;

/** A project holding seed 000 as the case Ecuador, built through the service before the app starts. */
async function seededProject(): Promise<string> {
  process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
  const dir = tempProjectDir();
  const svc = createService({ appVersion: 'e2e', transport: 'cli' });
  for (const [op, args] of [
    ['project.create', { dir, name: 'Live study' }],
    ['import.files', { paths: [SEED_000], caseName: 'Ecuador', format: 'md' }],
  ] as const) {
    const r = await svc.call(op, args);
    if (!r.ok) throw new Error(r.error.message);
  }
  await svc.close();
  return dir;
}

const cell = (page: Page, caseName: string, column: string) => page.locator(`td[data-case="${caseName}"][data-column="${column}"]`);
const hlText = async (page: Page, sel: string): Promise<string> => (await page.locator(`${sel} .hl`).allTextContents()).join('');

describe('two tabs on one project stay identical without a reload', () => {
  let app: RunningApp;
  let tab2: Page;
  const errors2: string[] = [];
  beforeAll(async () => {
    const dir = await seededProject();
    app = await startApp({ dir, coder: 'Ana' });
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    tab2 = await context.newPage();
    tab2.on('pageerror', (e) => errors2.push(e.message));
    tab2.on('console', (m) => {
      if (m.type() === 'error') errors2.push(m.text());
    });
    await tab2.goto(app.web.url);
    for (const page of [app.page, tab2]) await openedInReader(page, 'Ecuador');
  });
  afterAll(async () => {
    await app?.close();
  });

  it("each tab codes, and each sees the other's codings", async () => {
    const tab1 = app.page;
    await selectText(tab1, { afterHeading: 'Direct diplomacy' }, 0, FIRST_SENTENCE.length);
    await tab1.keyboard.press('1');
    await poll(() => hlText(tab2, DIRECT)).toBe(FIRST_SENTENCE);
    const quote = await selectText(tab2, { afterHeading: 'Concerns' }, 0, 60);
    await tab2.keyboard.press('4');
    await poll(() => hlText(tab1, CONCERNS)).toBe(quote);
    await poll(() => hlText(tab2, CONCERNS)).toBe(quote);
    await screenshot(tab1, 'live-01-tab1-both-codings');
    await screenshot(tab2, 'live-02-tab2-both-codings');
  });

  it('undo in one tab removes the coding in both', async () => {
    const tab1 = app.page;
    await tab1.locator('.doc-heading').click();
    await tab1.keyboard.press('Control+Z');
    await poll(() => tab1.locator(`${CONCERNS} .hl`).count()).toBe(0);
    await poll(() => tab2.locator(`${CONCERNS} .hl`).count()).toBe(0);
    expect(await hlText(tab2, DIRECT)).toBe(FIRST_SENTENCE);
    // Redo from the other tab brings it back in both.
    await tab2.locator('.doc-heading').click();
    await tab2.keyboard.press('Control+Shift+Z');
    await poll(() => tab1.locator(`${CONCERNS} .hl`).count()).toBeGreaterThan(0);
    await poll(() => tab2.locator(`${CONCERNS} .hl`).count()).toBeGreaterThan(0);
  });

  it("a code's definition saved in one tab and its name saved in the other are both kept", async () => {
    const tab1 = app.page;
    for (const page of [tab1, tab2]) {
      await page.locator('.code-row', { hasText: 'Concerns' }).first().dblclick();
      await page.getByRole('region', { name: /Edit code/ }).waitFor();
    }
    const editor1 = tab1.getByRole('region', { name: /Edit code/ });
    const editor2 = tab2.getByRole('region', { name: /Edit code/ });
    await editor1.getByLabel('Definition').fill('Worries officials voiced about the tier rating.');
    await editor1.getByRole('button', { name: 'Save code' }).click();
    // Tab 2's open editor follows the saved definition (the user has not touched it there).
    await poll(() => editor2.getByLabel('Definition').inputValue()).toBe('Worries officials voiced about the tier rating.');
    await editor2.getByLabel('Name').fill('Concerns voiced');
    await editor2.getByRole('button', { name: 'Save code' }).click();
    await poll(() => tab1.locator('.code-row', { hasText: 'Concerns voiced' }).count()).toBe(1);
    await poll(() => editor1.getByLabel('Definition').inputValue()).toBe('Worries officials voiced about the tier rating.');
    await poll(() => editor1.getByLabel('Name').inputValue()).toBe('Concerns voiced');
    await screenshot(tab1, 'live-03-tab1-code-renamed-in-tab2');
  });

  it('a matrix column added in one tab survives a rename saved from the other, and ratings show in both', async () => {
    const tab1 = app.page;
    for (const page of [tab1, tab2]) {
      await page.getByRole('tab', { name: 'Matrices' }).click();
      await page.getByRole('heading', { name: /A6 outcomes/ }).waitFor();
      await page.getByRole('button', { name: 'Edit matrix' }).click();
      await page.locator('.mx-panel').getByLabel('Name').waitFor();
    }
    const columnsBefore = await tab1.locator('thead th').count();
    await tab1.locator('.mx-panel').getByLabel('Concerns voiced').check();
    await tab1.locator('.mx-panel').getByRole('button', { name: 'Save matrix' }).click();
    await poll(() => tab2.locator('thead th').count()).toBe(columnsBefore + 1);
    await tab2.locator('.mx-panel').getByLabel('Name').fill('Outcomes and concerns');
    await tab2.locator('.mx-panel').getByRole('button', { name: 'Save matrix' }).click();
    for (const page of [tab1, tab2]) {
      await page.locator('.mx-caption', { hasText: 'Outcomes and concerns' }).waitFor();
      await poll(() => page.locator('thead th').count()).toBe(columnsBefore + 1);
    }
    await cell(tab1, 'Ecuador', 'Concerns voiced').focus();
    await tab1.keyboard.press('4');
    await poll(() => cell(tab2, 'Ecuador', 'Concerns voiced').locator('.mx-label').textContent()).toBe('strong');
    await screenshot(tab2, 'live-04-tab2-rating-from-tab1');
  });

  it('when one tab opens another project, the other follows it (and is told)', async () => {
    const tab1 = app.page;
    for (const page of [tab1, tab2]) await page.getByRole('tab', { name: 'Reader' }).click();
    await tab1.getByRole('complementary', { name: 'Codebook' }).getByRole('button', { name: 'Close' }).click();
    const second = await createProjectInUi(tab1, 'Second study');
    await poll(() => tab2.locator('.project-name').textContent(), { timeout: 10_000 }).toContain('Second study');
    await tab2.getByText('No documents yet').first().waitFor();
    await tab2.getByText(/Another window opened “Second study”/).waitFor();
    await screenshot(tab2, 'live-05-tab2-followed');
    // Its edits now land in the project it shows.
    await tab2.getByLabel('Filter codes').fill('Outcomes');
    await tab2.getByLabel('Filter codes').press('ArrowDown');
    await tab2.getByRole('button', { name: 'New sub-code' }).click();
    await tab2.getByLabel(/New name for/).fill('Followed');
    await tab2.getByLabel(/New name for/).press('Enter');
    await tab1.locator('.code-row', { hasText: 'Followed' }).waitFor();
    const info = cli(['info', second, '--json']);
    expect(info.code, info.stderr).toBe(0);
    expect((JSON.parse(info.stdout) as { codes: { path: string }[] }).codes.map((c) => c.path)).toContain('Outcomes/Followed');
    expect(errors2).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
