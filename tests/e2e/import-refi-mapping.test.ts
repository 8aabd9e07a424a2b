import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { cli, ROOT, screenshot, startApp, tempProjectDir, type RunningApp } from './app.js';
import { durableState } from '../main/store/helpers.js';

const NVIVO_WIN = join(ROOT, '..', 'shared', 'fixtures', 'refi', 'nvivo-win-12.6_oltas.qdpx');

function info(dir: string): { counts: { codings: number; documents: number } } {
  const r = cli(['info', dir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { counts: { codings: number; documents: number } };
}

async function chooseAndImport(page: Page, files: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import case texts' });
  // The dialog says it takes REFI-QDA projects (its list of formats is the importer's own table).
  await expect(dialog.getByTestId('import-formats').textContent()).resolves.toBe('or drop files on the window · Markdown, text, HTML, DOCX, PDF, REFI-QDA (.qdpx, .qdc, .qde)');
  await dialog.getByTestId('import-dialog-input').setInputFiles(files);
  await dialog.getByRole('button', { name: /^Import \d+ files?$/ }).click();
}

describe('a .qdpx chosen in the ordinary Import dialog', () => {
  let app: RunningApp;
  const dir = tempProjectDir();
  const notes = join(mkdtempSync(join(tmpdir(), 'cc-refi-dialog-')), 'field-notes.md');
  beforeAll(async () => {
    const init = cli(['init', dir, '--name', 'Dialog exchange']);
    expect(init.code, init.stderr).toBe(0);
    writeFileSync(notes, '# Field notes\n\nThe ministry answered the embassy.\n');
    app = await startApp({ dir, coder: 'Ana' });
    await app.page.getByRole('button', { name: 'Import…' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('stops at the mapping step (attribution rule shown, nothing committed), then imports with the user mapped to a new coder', async () => {
    const { page } = app;
    await chooseAndImport(page, [notes, NVIVO_WIN]);
    // The same step as the Exchange menu's: one component, over the Import dialog.
    const mapping = page.getByRole('dialog', { name: /Import nvivo-win-12\.6_oltas\.qdpx: who coded what/ });
    await mapping.waitFor();
    expect(await mapping.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^Gergo\s+97/), expect.stringMatching(/^floriansipos\s+0/)]);
    await mapping.getByText(/attributed to the user who created its selection \(the passage\), else to the user who created the coding/).waitFor();
    await mapping.getByText(/97 codings name one user on the passage and another on the coding/).waitFor();
    const importDialog = page.getByRole('dialog', { name: 'Import case texts' });
    const qdpxRow = importDialog.locator('.import-file', { hasText: 'nvivo-win-12.6_oltas.qdpx' });
    await expect(qdpxRow.getByTestId('import-file-stage').textContent()).resolves.toBe('waiting for you to map its users…');
    // The Markdown file is in; the REFI project is not, before the user confirms.
    expect(info(dir).counts).toMatchObject({ documents: 1, codings: 0 });
    await screenshot(page, 'import-refi-01-mapping-over-import-dialog');

    await mapping.getByLabel('Coder for Gergo', { exact: true }).selectOption({ label: 'New coder…' });
    await mapping.getByLabel('Name of the new coder for Gergo').fill('Gergely');
    await mapping.getByRole('button', { name: 'Import' }).click();
    const report = page.getByRole('dialog', { name: 'Imported nvivo-win-12.6_oltas.qdpx' });
    await report.waitFor();
    await expect(report.getByText('Gergo → Gergely: 97 codings').count()).resolves.toBe(1);
    await screenshot(page, 'import-refi-02-refi-report');
    await page.keyboard.press('Escape');
    await report.waitFor({ state: 'detached' });

    await expect(importDialog.getByTestId('import-summary').textContent()).resolves.toBe('2 imported (2 documents), 0 skipped as duplicates, 0 failed');
    await expect(qdpxRow.getByTestId('import-file-stage').textContent()).resolves.toBe('imported');
    await qdpxRow.getByText(/Coders: Gergo → Gergely \(97\)/).waitFor();
    await screenshot(page, 'import-refi-03-import-dialog-report');
    expect(info(dir).counts).toMatchObject({ documents: 2, codings: 97 });
    const gergely = durableState(dir).coders.find((c) => c.name === 'Gergely');
    expect(gergely).toBeDefined();
    expect(durableState(dir).codings.filter((c) => c.coderId === gergely?.id)).toHaveLength(97);
    await importDialog.getByRole('button', { name: 'Close' }).click();
    expect(app.pageErrors).toEqual([]);
  });

  it('imports nothing from the .qdpx when the mapping step is cancelled', async () => {
    const { page } = app;
    const before = info(dir).counts;
    await chooseAndImport(page, [NVIVO_WIN]);
    const mapping = page.getByRole('dialog', { name: /who coded what/ });
    await mapping.waitFor();
    await mapping.getByRole('button', { name: 'Cancel' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import case texts' });
    await expect(importDialog.getByTestId('import-summary').textContent()).resolves.toBe('0 imported (0 documents), 0 skipped as duplicates, 0 failed, 1 not imported (cancelled)');
    await importDialog.getByText(/Not imported: the import was cancelled/).waitFor();
    await screenshot(page, 'import-refi-04-cancelled');
    expect(info(dir).counts).toEqual(before);
    expect(app.pageErrors).toEqual([]);
  });
});
