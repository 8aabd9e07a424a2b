import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserMode } from '../../src/main/web/browser-mode.js';
import type { WebServer } from '../../src/main/web/server.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SEEDS = join(ROOT, '..', 'shared', 'seeds');
export const SHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');

/** Debian's Chromium on PATH (CI installs it with apt-get). */
export function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  throw new Error('Chromium is not installed: apt-get install chromium');
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface RunningApp {
  web: WebServer;
  browser: Browser;
  page: Page;
  home: string;
  /** Errors the page threw or logged; tests assert this stays empty. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Start Casecoder in browser mode in this process (its own app home in a temp dir, so first-run
 * behaviour is real) and open it in a fresh headless Chromium.
 */
export async function startApp(opts: { dir?: string; coder?: string } = {}): Promise<RunningApp> {
  const home = mkdtempSync(join(tmpdir(), 'cc-home-'));
  process.env['CASECODER_HOME'] = home;
  if (opts.coder) {
    mkdirSync(home, { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(home, 'state.json'), JSON.stringify({ recent: [], coderName: opts.coder }));
  }
  // Projects of the tests live in the temp folder: it is the picker's root (as `casecoder web --root`).
  const web = await startBrowserMode({ ...(opts.dir ? { dir: opts.dir } : {}), roots: [tmpdir()], openBrowser: false });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(web.url);
  return {
    web,
    browser,
    page,
    home,
    pageErrors,
    async close() {
      await browser.close();
      await web.close();
    },
  };
}

/** Save a screenshot under tests/e2e/screenshots (git-ignored) to look at as a user would. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Select characters [start, end) of the text inside `selector`'s first match, as a user's drag
 * would: a DOM range that ProseMirror picks up through selectionchange.
 */
export async function selectText(page: Page, target: string | { afterHeading: string }, start: number, end: number): Promise<string> {
  return page.evaluate(
    ({ target, start, end }) => {
      const el =
        typeof target === 'string' ? document.querySelector(target) : [...document.querySelectorAll('.reader-doc h1, .reader-doc h2, .reader-doc h3, .reader-doc h4')].find((h) => h.textContent === target.afterHeading)?.nextElementSibling;
      if (!el) throw new Error(`nothing matches ${JSON.stringify(target)}`);
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let seen = 0;
      const range = document.createRange();
      let startSet = false;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent?.length ?? 0;
        if (!startSet && start <= seen + len) {
          range.setStart(n, start - seen);
          startSet = true;
        }
        if (startSet && end <= seen + len) {
          range.setEnd(n, end - seen);
          break;
        }
        seen += len;
      }
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
      return range.toString();
    },
    { target, start, end },
  );
}

/** Run the real CLI (bin/casecoder.js) and return stdout, stderr and the exit code. */
export function cli(args: string[]): { stdout: string; stderr: string; code: number } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'casecoder.js'), ...args], { encoding: 'utf8', env: { ...process.env } });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

/** A fresh temp folder for a project. */
export function tempProjectDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'cc-proj-')), 'study');
}

export { execFileSync };

/** Close the open project and create a new one through the project picker; returns its folder. */
export async function createProjectInUi(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Close' }).click();
  const dir = tempProjectDir();
  await page.locator('input[name="new-dir"]').fill(dir);
  await page.locator('input[name="new-name"]').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByText('No documents yet').first().waitFor();
  return dir;
}

/**
 * Import one file through the import dialog (default options, or the format chosen, e.g. `md` for
 * a seed written in Markdown), then open the document titled `title`.
 */
export async function importOneAndOpen(page: Page, file: string, title: string, opts: { format?: 'md' | 'txt' } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import case texts' });
  await dialog.getByTestId('import-dialog-input').setInputFiles(file);
  if (opts.format) await dialog.getByLabel('Format').selectOption(opts.format);
  await dialog.getByRole('button', { name: 'Import 1 file' }).click();
  await dialog.getByTestId('import-summary').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.locator('.documents').getByText(title).click();
  await openedInReader(page, title);
}

/**
 * Wait until the reader shows the document titled `title`: its title, then its text. The title
 * shows before the reader has loaded and mounted the text, and a selection or a count taken in
 * between finds nothing.
 */
export async function openedInReader(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { name: title, level: 1 }).first().waitFor();
  await page.locator('.reader-doc').waitFor();
}
