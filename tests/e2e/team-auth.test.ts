/**
 * The team sign-in page and the owner's panels in Chromium. The page is served by a small front
 * server that answers `/auth/*` with the real auth half (real PostgreSQL) and passes everything
 * else to browser mode on a real project, as the team server will once both halves are merged.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type pg from 'pg';
import { runCli } from '../../src/main/cli/main.js';
import { startBrowserMode } from '../../src/main/web/browser-mode.js';
import type { WebServer } from '../../src/main/web/server.js';
import { addAccount } from '../../src/main/team/auth/accounts.js';
import { createTeamAuth, type TeamAuthImpl } from '../../src/main/team/auth/index.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { authDatabase, TEST_SCRYPT } from '../main/team/auth/server.js';
import { CHROMIUM_FLAGS, chromiumPath, screenshot, SEEDS } from './app.js';

const PASSWORD = 'owner passphrase 2026';

describe.skipIf(postgresUnavailable())('team sign-in and owner panels in Chromium', () => {
  let cluster: TestPostgres;
  let pool: pg.Pool;
  let web: WebServer;
  let front: Server;
  let origin: string;
  let auth: TeamAuthImpl;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    cluster = startTestPostgres();
    pool = await authDatabase(cluster, 'auth_e2e');
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-team-')), 'project');
    const quiet = { out: () => undefined, err: (t: string) => console.error(t) };
    expect(await runCli(['init', dir, '--name', 'Team study'], quiet)).toBe(0);
    expect(await runCli(['import', dir, join(SEEDS, '000_b19cde1f6a69a6f8.txt'), join(SEEDS, '001_f1f3b25bdee2a5e2.txt')], quiet)).toBe(0);
    // On the team server the account names the coder; browser mode behind the front reads it from its app state.
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    writeFileSync(join(process.env['CASECODER_HOME'], 'state.json'), JSON.stringify({ recent: [], coderName: 'Olga Owner' }));
    web = await startBrowserMode({ dir, roots: [tmpdir()], openBrowser: false });
    const upstream = new URL(web.url);
    front = createServer((req, res) => {
      void auth.handleAuthRoute(req, res).then((answered) => {
        if (answered) return;
        // Everything else goes to browser mode, addressed as itself (its Host and Origin checks stay on).
        // The front holds browser mode's token, as the team server holds its own session: the page has none.
        const headers = { ...req.headers, host: upstream.host, 'x-casecoder-token': upstream.hash.replace('#token=', ''), ...(req.headers.origin ? { origin: upstream.origin } : {}) };
        const out = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        req.pipe(out);
      });
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
    auth = await createTeamAuth({ pool, projectId: 'p_team', allowedOrigins: [origin], scrypt: TEST_SCRYPT, log: () => undefined });
    await addAccount(pool, auth.runtime.hasher, 'p_team', { login: 'olga', displayName: 'Olga Owner', password: PASSWORD, role: 'owner' }, null);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => front?.close(r));
    await web?.close();
    await pool?.end();
    cluster?.destroy();
  });

  it('signs in, manages accounts, reads the audit, opens comparison and signs out', async () => {
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Sign in to the team project' }).waitFor();
    await page.fill('input[name=login]', 'olga');
    await page.fill('input[name=password]', 'not my password');
    await page.click('button:has-text("Sign in")');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong login or password.');
    // One wrong try delays the account by a second.
    await page.waitForTimeout(1100);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button:has-text("Sign in")');
    await page.getByText('Signed in as').waitFor();
    expect(await page.locator('.team-bar').textContent()).toContain('Olga Owner (owner)');
    // The project behind it opened as usual.
    await page.getByText('Team study').first().waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'casecoder-session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.click('button:has-text("Accounts…")');
    await page.fill('input[name=new-login]', 'carl');
    await page.fill('input[name=new-name]', 'Carl Coder');
    await page.fill('input[name=new-password]', 'carl passphrase 1');
    await page.click('button:has-text("Add account")');
    await page.locator('tr[data-login=carl]').waitFor();
    await page.selectOption('select[aria-label="Role of carl"]', 'adjudicator');
    await page.getByText('carl is now adjudicator').waitFor();
    await screenshot(page, 'team-accounts');
    await page.click('#accounts-title ~ .modal-actions button:has-text("Close")');

    await page.click('button:has-text("Audit…")');
    await page.locator('table[aria-label="Audit entries"] td', { hasText: 'added account carl' }).waitFor();
    expect(await page.locator('table[aria-label="Audit entries"]').textContent()).toContain('changed the role of carl from coder to adjudicator');
    await screenshot(page, 'team-audit');
    await page.click('#audit-title ~ .modal-actions button:has-text("Close")');

    await page.click('button:has-text("Comparison…")');
    const first = page.locator('.team-docs li').first();
    await first.locator('input').check();
    await page.click('button:has-text("Open for chosen documents")');
    await page.getByText('Comparison opened for 1 document.').waitFor();
    expect(await first.textContent()).toContain('open');
    expect(auth.runtime.comparisonOf('p_team').documents.size).toBe(1);
    await screenshot(page, 'team-comparison');
    expect((await pool.query(`SELECT action FROM auth_events WHERE action = 'comparison.open'`)).rowCount).toBe(1);
    await page.click('#comparison-title ~ .modal-actions button:has-text("Close")');

    await page.click('button:has-text("Sign out")');
    await page.getByRole('heading', { name: 'Sign in to the team project' }).waitFor();
    await page.fill('input[name=login]', 'carl');
    await page.fill('input[name=password]', 'carl passphrase 1');
    await page.click('button:has-text("Sign in")');
    await page.getByText('Signed in as').waitFor();
    expect(await page.locator('.team-bar').textContent()).toContain('Carl Coder (adjudicator)');
    expect(await page.locator('button:has-text("Accounts…")').count()).toBe(0);
    await screenshot(page, 'team-adjudicator');
    await page.click('button:has-text("Sign out")');
    await page.getByRole('heading', { name: 'Sign in to the team project' }).waitFor();
    await screenshot(page, 'team-login');
    expect(errors).toEqual([]);
  });
});
