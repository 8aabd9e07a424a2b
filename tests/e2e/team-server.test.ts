/**
 * The team server in Chromium, end to end: the real `startTeamServer` with the real auth half on
 * the test PostgreSQL, the built renderer, and three browser contexts — two coders and an
 * adjudicator — coding seed 000 blind. The coders never see each other's work in the UI until the
 * adjudicator opens comparison; the adjudicator then decides every disagreement and rates the A6
 * matrix, and PostgreSQL holds what was decided.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type pg from 'pg';
import { addAccount } from '../../src/main/team/auth/accounts.js';
import { createTeamAuth } from '../../src/main/team/auth/index.js';
import { PasswordHasher } from '../../src/main/team/auth/passwords.js';
import { PgProjectStore } from '../../src/main/team/pg-store.js';
import { startTeamServer, type TeamServer } from '../../src/main/team/team-server.js';
import { pushFolder } from '../../src/main/team/transfer.js';
import { ensureRendererBuilt } from '../../src/main/web/browser-mode.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { TEST_SCRYPT } from '../main/team/auth/server.js';
import { freshDatabase, seedFolder } from '../main/team/fixture.js';
import { CHROMIUM_FLAGS, chromiumPath, openedInReader, screenshot } from './app.js';

const PASSWORD = 'team passphrase 2026';
/** Both coders: same code, same extent. */
const AGREE = 'strong political will to combat trafficking';
/** Cora: Direct diplomacy; Dan: Indirect pressure. */
const LABEL = 'The US actively pushed for the';
/** Only Cora. */
const ONLY_CORA = 'Local gangs are involved in sex';
/** Only Dan. */
const ONLY_DAN = 'Traffickers sometimes recruit children from impoverished';

const poll = <T>(f: () => Promise<T> | T) => expect.poll(f, { timeout: 15_000 });

/** Select `phrase` in the reader, as a drag would. */
async function selectPhrase(page: Page, phrase: string): Promise<void> {
  const got = await page.evaluate((phrase) => {
    const root = document.querySelector('.reader-doc');
    if (!root) throw new Error('no reader');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const at = n.data.indexOf(phrase);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + phrase.length);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
      return range.toString();
    }
    return null;
  }, phrase);
  if (got === null) throw new Error(`not in one text node of the reader: ${phrase}`);
}

/** The team bar is at the top of the window and the page itself does not scroll (the app fits under the bar). */
async function expectBarInView(page: Page): Promise<void> {
  expect((await page.locator('.team-bar').boundingBox())?.y).toBe(0);
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollHeight, inner: window.innerHeight }));
  expect(scroll).toBeLessThanOrEqual(inner);
  const main = await page.locator('.team-main').boundingBox();
  const bar = await page.locator('.team-bar').boundingBox();
  expect(Math.round(main!.y)).toBe(Math.round(bar!.height));
  expect(Math.round(main!.y + main!.height)).toBe(inner);
}

async function codeWithPalette(page: Page, phrase: string, code: string): Promise<void> {
  await selectPhrase(page, phrase);
  await page.keyboard.press('Control+K');
  await page.getByRole('combobox', { name: 'Code name' }).fill(code);
  await page.keyboard.press('Enter');
}

describe.skipIf(postgresUnavailable())('team server in Chromium: two coders and an adjudicator on seed 000', () => {
  let cluster: TestPostgres;
  let pool: pg.Pool;
  let tmp: string;
  let server: TeamServer;
  let origin: string;
  let projectId: string;
  let browser: Browser;
  const pages = new Map<string, Page>();
  const errors: string[] = [];

  beforeAll(async () => {
    cluster = startTestPostgres();
    tmp = mkdtempSync(join(tmpdir(), 'cc-team-e2e-'));
    const db = await freshDatabase(cluster);
    pool = db.pool;
    await seedFolder(join(tmp, 'seed'), []);
    const pushed = await pushFolder(pool, join(tmp, 'seed'));
    if (!pushed.ok) throw new Error(pushed.error.message);
    projectId = pushed.value.projectId;
    const hasher = new PasswordHasher(TEST_SCRYPT);
    for (const [login, displayName, role] of [
      ['olga', 'Olga Owner', 'owner'],
      ['cora', 'Cora', 'coder'],
      ['dan', 'Dan', 'coder'],
      ['ada', 'Ada Adjudicator', 'adjudicator'],
    ] as const)
      await addAccount(pool, hasher, projectId, { login, displayName, password: PASSWORD, role }, null);
    const staticDir = await ensureRendererBuilt(() => undefined);
    // The allowed origin names the port: find a free one first.
    const probe = await startTeamServer({ pool, dbUrl: db.url, auth: await createTeamAuth({ pool, projectId, allowedOrigins: ['http://127.0.0.1:1'], scrypt: TEST_SCRYPT }), staticDir: null, appVersion: 'e2e' });
    const port = probe.port;
    await probe.close();
    origin = `http://127.0.0.1:${port}`;
    const auth = await createTeamAuth({ pool, projectId, allowedOrigins: [origin], scrypt: TEST_SCRYPT, log: () => undefined });
    server = await startTeamServer({ pool, dbUrl: db.url, auth, staticDir, appVersion: 'e2e', port });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
    for (const login of ['cora', 'dan', 'ada']) {
      // One browser context each: their own cookies, as three people on three machines.
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
      page.on('pageerror', (e) => errors.push(`${login}: ${e.message}`));
      page.on('console', (m) => {
        // Before sign-in the page's probes are answered 401 by design; anything else is a fault.
        if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(`${login}: ${m.text()}`);
      });
      pages.set(login, page);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await pool?.end();
    cluster?.destroy();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const page = (login: string): Page => pages.get(login)!;

  async function signIn(login: string): Promise<void> {
    const p = page(login);
    await p.goto(`${origin}/`);
    await p.getByRole('heading', { name: 'Sign in to the team project' }).waitFor();
    await p.fill('input[name=login]', login);
    await p.fill('input[name=password]', PASSWORD);
    await p.click('button:has-text("Sign in")');
    await p.getByText('Signed in as').waitFor();
  }

  async function openEcuador(p: Page): Promise<void> {
    await p.locator('.documents .doc-row', { hasText: 'Ecuador' }).click();
    await openedInReader(p, 'Ecuador');
  }

  it('two coders code seed 000 blind: neither sees the other’s codings, counts or quotes', async () => {
    for (const login of ['cora', 'dan', 'ada']) await signIn(login);
    const cora = page('cora');
    const dan = page('dan');
    await openEcuador(cora);
    await codeWithPalette(cora, AGREE, 'Direct diplomacy');
    await codeWithPalette(cora, LABEL, 'Direct diplomacy');
    await codeWithPalette(cora, ONLY_CORA, 'Concerns');
    const coraRow = cora.locator('.documents .doc-row', { hasText: 'Ecuador' });
    await poll(() => coraRow.locator('.doc-meta').textContent()).toMatch(/· 3 codings$/);
    // Cora's work is in PostgreSQL before Dan starts.
    await poll(async () => (await PgProjectStore.open(pool, projectId))!.data.codings.length).toBe(3);

    await openEcuador(dan);
    const danRow = dan.locator('.documents .doc-row', { hasText: 'Ecuador' });
    // The server sends Dan none of Cora's codings: no count, no highlight, even with Blind unticked.
    await expect(dan.getByLabel('Blind').isChecked()).resolves.toBe(false);
    await expect(danRow.locator('.doc-meta').textContent()).resolves.not.toMatch(/coding/);
    expect(await dan.locator('.reader-doc .hl').count()).toBe(0);
    await codeWithPalette(dan, AGREE, 'Direct diplomacy');
    await codeWithPalette(dan, LABEL, 'Indirect pressure');
    await codeWithPalette(dan, ONLY_DAN, 'Concerns');
    await poll(() => danRow.locator('.doc-meta').textContent()).toMatch(/· 3 codings$/);
    await poll(async () => (await dan.locator('.reader-doc .hl').allTextContents()).join('|')).toContain('Traffickers sometimes');
    const danMarks = (await dan.locator('.reader-doc .hl').allTextContents()).join('|');
    expect(danMarks).not.toContain('Local gangs');
    await screenshot(dan, 'team-server-01-dan-blind');
    // Passages works for a blind coder, over his own codings only.
    await dan.getByRole('tab', { name: 'Passages', exact: true }).click();
    await poll(() => dan.getByTestId('codings-count').textContent()).toBe('3 codings');
    await expect(dan.locator('main, body').first().textContent()).resolves.not.toContain('Local gangs are involved');
    // Nor does he learn who else codes: Cora's name is nowhere on his page (the Coders filter included).
    await expect(dan.locator('body').textContent()).resolves.not.toMatch(/cora/i);
    await screenshot(dan, 'team-server-02-dan-passages');
    await dan.getByRole('tab', { name: 'Reader' }).click();
    // Cora, live, still sees only her own three.
    await cora.waitForTimeout(1500);
    await expect(coraRow.locator('.doc-meta').textContent()).resolves.toMatch(/· 3 codings$/);
    const coraMarks = (await cora.locator('.reader-doc .hl').allTextContents()).join('|');
    expect(coraMarks).toContain('Local gangs');
    expect(coraMarks).not.toContain('Traffickers sometimes');
    await screenshot(cora, 'team-server-02-cora-blind-live');
    // The codebook counts and the code filter hold nothing of the other either.
    await expect(cora.locator('.codebook').first().textContent()).resolves.not.toContain('6 codings');
    expect((await PgProjectStore.open(pool, projectId))!.data.codings).toHaveLength(6);
    // The adjudicator, who sees everything, received both coders' work live, without a reload.
    await poll(() => page('ada').locator('.documents .doc-row', { hasText: 'Ecuador' }).locator('.doc-meta').textContent()).toMatch(/· 6 codings$/);
  });

  it('the adjudicator opens comparison; the coders’ open pages then show each other’s work', async () => {
    const ada = page('ada');
    await ada.click('button:has-text("Comparison…")');
    const ecuador = ada.locator('.team-docs li', { hasText: 'Ecuador' });
    await ecuador.locator('input').check();
    await ada.click('button:has-text("Open for chosen documents")');
    await ada.getByText('Comparison opened for 1 document.').waitFor();
    await screenshot(ada, 'team-server-03-comparison-opened');
    await ada.click('#comparison-title ~ .modal-actions button:has-text("Close")');
    // Both coders' pages, without a reload, now show both coders' six codings (the server told them to reload their view).
    for (const login of ['cora', 'dan']) await poll(() => page(login).locator('.documents .doc-row', { hasText: 'Ecuador' }).locator('.doc-meta').textContent()).toMatch(/· 6 codings$/);
    const cora = page('cora');
    await poll(async () => (await cora.locator('.reader-doc .hl').allTextContents()).join('|')).toContain('Traffickers sometimes');
    await screenshot(cora, 'team-server-03b-cora-after-opening');
  });

  it('the adjudicator decides every disagreement in Compare', async () => {
    const ada = page('ada');
    await openEcuador(ada);
    await ada.getByRole('tab', { name: 'Compare' }).click();
    // Compare exactly the two coders.
    const boxes = ada.locator('.compare-controls input[type=checkbox]');
    await boxes.first().waitFor();
    // The adjudicator, who has not coded, is not among the coders to compare.
    const offered = await Promise.all((await boxes.all()).map((b) => b.evaluate((el) => (el.closest('label')?.textContent ?? '').trim())));
    expect(offered).toEqual(expect.arrayContaining(['cora', 'dan']));
    expect(offered.join('|')).not.toMatch(/ada/i);
    for (const box of await boxes.all()) {
      const name = (await box.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
      if (name === 'cora' || name === 'dan') await box.check();
      else if (await box.isChecked()) await box.uncheck();
    }
    await ada.getByRole('button', { name: 'Compare', exact: true }).click();
    await ada.locator('.compare-table').waitFor();
    await expectBarInView(ada);
    await screenshot(ada, 'team-server-04-compare');
    await ada.locator('.compare-totals > *').nth(1).locator('.stat-main').click();
    await ada.locator('.adj-browser').waitFor();
    const progress = ada.locator('.adj-progress');
    await poll(() => progress.textContent()).toContain('Decided 0 of 3 disagreements');
    const coraIsA = ((await ada.locator('.adj-legend .adj-a').textContent()) ?? '').includes('cora');
    const card = ada.locator('.adj-current-card');
    for (let i = 0; i < 3; i++) {
      const heading = (await card.locator('h3').textContent()) ?? '';
      const quotes = (await card.locator('li').allTextContents()).join(' | ');
      if (heading.includes('Label'))
        await ada.keyboard.press(coraIsA ? 'b' : 'a'); // Dan's Indirect pressure
      else if (quotes.includes('Local gangs')) await ada.keyboard.press('x');
      else {
        expect(quotes).toContain('Traffickers sometimes');
        await screenshot(ada, 'team-server-05-adjudication');
        await ada.keyboard.press(coraIsA ? 'b' : 'a');
      }
      await poll(() => progress.textContent()).toContain(`Decided ${i + 1} of 3`);
    }
    await ada.getByRole('button', { name: /Copy 1 agreement to consensus/ }).click();
    await poll(() => progress.textContent()).toContain('agreements copied 1 of 1');
    await screenshot(ada, 'team-server-06-decided');
    await ada.keyboard.press('Escape');
    const data = (await PgProjectStore.open(pool, projectId))!.data;
    const consensus = data.coders.find((c) => c.consensus)!;
    const codeName = (id: string) => data.codebook.find((c) => c.id === id)!.name;
    const decided = data.codings.filter((c) => c.coderId === consensus.id).map((c) => [codeName(c.codeId), c.exact]);
    expect(decided.sort()).toEqual(
      [
        ['Direct diplomacy', AGREE],
        ['Indirect pressure', LABEL],
        ['Concerns', ONLY_DAN],
      ].sort(),
    );
  });

  it('the adjudicator rates the A6 matrix as consensus', async () => {
    const ada = page('ada');
    await ada.getByRole('tab', { name: 'Matrices' }).click();
    await ada.getByRole('heading', { name: /A6 outcomes/ }).waitFor();
    await ada.getByLabel('Coder', { exact: true }).selectOption('consensus');
    const cell = (column: string) => ada.locator(`td[data-case="Ecuador"][data-column="${column}"]`);
    // With the keyboard: 1 = none … 4 = strong.
    const RATING: [column: string, key: string, label: string][] = [
      ['Legislation', '4', 'strong'],
      ['Institution building', '3', 'moderate'],
      ['Norms and practices', '2', 'weak'],
    ];
    for (const [column, key, label] of RATING) {
      await cell(column).focus();
      await ada.keyboard.press(key);
      await poll(() => cell(column).locator('.mx-label').textContent()).toBe(label);
    }
    await cell('Legislation').click();
    await ada.locator('.mx-panel').waitFor();
    await expectBarInView(ada);
    await screenshot(ada, 'team-server-07-matrix');
    const data = (await PgProjectStore.open(pool, projectId))!.data;
    const a6 = data.matrices.find((m) => m.name === 'A6 outcomes')!;
    const consensus = data.coders.find((c) => c.consensus)!;
    const stored = data.ratings.filter((r) => r.matrixId === a6.id && r.coderId === consensus.id).map((r) => [data.codebook.find((c) => c.id === r.codeId)!.name, r.value]);
    expect(stored.sort()).toEqual(RATING.map(([column, , label]) => [column, label]).sort());
    expect(errors).toEqual([]);
  });
});
