import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ProjectData } from '../../src/core/model/types.js';
import { configureImportPool } from '../../src/main/import/worker-pool.js';
import { footnoteFlood } from '../fixtures/import/hostile.js';
import { createProjectInUi, importOneAndOpen, openedInReader, screenshot, SEEDS, selectText, startApp, type RunningApp } from './app.js';

const SEED_000 = join(SEEDS, '000_b19cde1f6a69a6f8.txt');

async function projectData(page: Page): Promise<ProjectData> {
  return page.evaluate(async () => {
    const res = await fetch('/api/project.current', { method: 'POST', headers: { 'content-type': 'application/json', 'x-casecoder-token': sessionStorage.getItem('casecoder-token') ?? '' }, body: '{}' });
    const r = (await res.json()) as { ok: boolean; value: { data: ProjectData } };
    return r.value.data;
  });
}

describe('a hostile import in one tab while another tab keeps coding', () => {
  let app: RunningApp;
  let hostile: string;
  beforeAll(async () => {
    // The server runs in this process: give its import workers a short time limit.
    await configureImportPool({ size: 2, limits: { timeMs: 8000, heapMb: 1024 } });
    hostile = join(mkdtempSync(join(tmpdir(), 'cc-hostile-')), 'footnote-flood.md');
    // Notes of two lines: the slowest form for the parser (one-line notes now import quickly).
    writeFileSync(hostile, footnoteFlood(150_000, { continued: true }));
    app = await startApp({ coder: 'Ana' });
    await app.page.getByRole('heading', { name: 'Ruritania', level: 1 }).waitFor();
    await createProjectInUi(app.page, 'Hostile study');
    await importOneAndOpen(app.page, SEED_000, 'Ecuador', { format: 'md' });
  });
  afterAll(async () => {
    await app?.close();
    await configureImportPool({});
  });

  it('codes land in tab B while tab A imports an 18 MB footnote flood, which fails alone with its message', async () => {
    const tabA = app.page;
    const tabB = await tabA.context().newPage();
    await tabB.goto(app.web.url);
    await tabB.locator('.documents').getByText('Ecuador').click();
    await openedInReader(tabB, 'Ecuador');

    // Tab A: the hostile import starts and is still running.
    await tabA.bringToFront();
    await tabA.getByRole('button', { name: 'Import…' }).click();
    const dialog = tabA.getByRole('dialog', { name: 'Import case texts' });
    await dialog.getByTestId('import-dialog-input').setInputFiles(hostile);
    await dialog.getByRole('button', { name: 'Import 1 file' }).click();
    await dialog.getByTestId('import-progress').waitFor();

    // Tab B: three codings through the reader (select, press the code's key), each acknowledged
    // by the server while the import runs.
    await tabB.bringToFront();
    for (let i = 0; i < 3; i++) {
      await selectText(tabB, { afterHeading: 'Background' }, i * 60, i * 60 + 25);
      await tabB.keyboard.press(String(i + 1));
      await expect.poll(async () => (await projectData(tabB)).codings.length, { timeout: 8000 }).toBe(i + 1);
    }
    expect(await dialog.getByTestId('import-summary').count()).toBe(0);
    expect((await projectData(tabB)).codings).toHaveLength(3);
    await screenshot(tabB, 'import-hostile-01-tab-b-coding');

    // Tab A: the flood stops at the limit, alone, with its message; nothing was added.
    await tabA.bringToFront();
    const summary = dialog.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toBe('0 imported (0 documents), 0 skipped as duplicates, 1 failed');
    await expect(dialog.getByText(/footnote-flood\.md took longer than 8 s to import and was stopped; nothing was imported from it\./).count()).resolves.toBe(1);
    await screenshot(tabA, 'import-hostile-02-tab-a-failed');
    const data = await projectData(tabA);
    expect(data.documents).toHaveLength(1);
    expect(data.codings).toHaveLength(3);
    expect(app.pageErrors).toEqual([]);
  });
});
