import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ProjectData } from '../../src/core/model/types.js';
import { SCORECARD_SECTIONS } from '../../src/core/import/sections.js';
import { screenshot, SEEDS, startApp, tempProjectDir, type RunningApp } from './app.js';

const seed = (n: string): string => join(SEEDS, n);
const S000 = seed('000_b19cde1f6a69a6f8.txt');
const S001 = seed('001_f1f3b25bdee2a5e2.txt');
const S002 = seed('002_3a38896384b8e93f.txt');
const S003 = seed('003_3526632470e2ad38.txt');
const S004 = seed('004_2be0d7b4ef5defb2.txt');
const COUNTRIES = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras', 'Indonesia', 'Israel', 'Japan', 'Kazakhstan', 'Malaysia', 'Mozambique', 'Nigeria', 'Oman', 'United Arab Emirates', 'Zimbabwe'];

/** Seed 002's bare section lines per country, read straight from the source. */
function sectionLinesByCountry(): Map<string, string[]> {
  const names = new Set(SCORECARD_SECTIONS.map((x) => x.name));
  const out = new Map<string, string[]>();
  let current = '';
  for (const raw of readFileSync(S002, 'utf8').split('\n')) {
    const line = raw.trim();
    const country = COUNTRIES.find((c) => line === c || line.startsWith(`${c} (`));
    if (country) current = country;
    else if (current && names.has(line)) out.set(current, [...(out.get(current) ?? []), line]);
  }
  return out;
}

/** The project as the backend has it (the page's own token, over its own API). */
async function projectData(page: Page): Promise<ProjectData> {
  return page.evaluate(async () => {
    const res = await fetch('/api/project.current', { method: 'POST', headers: { 'content-type': 'application/json', 'x-casecoder-token': sessionStorage.getItem('casecoder-token') ?? '' }, body: '{}' });
    const r = (await res.json()) as { ok: boolean; value: { data: ProjectData } };
    return r.value.data;
  });
}

async function openDocument(page: Page, id: string, title: string): Promise<void> {
  await page.getByRole('tab', { name: 'Reader' }).click();
  await page.locator(`.documents [data-doc-id="${id}"]`).click();
  await page.locator('.doc-heading', { hasText: title }).waitFor();
  await page.locator('.reader-doc').waitFor();
}

/** Choose files in the import dialog, set where they go, import, and wait for the report. */
async function importThroughDialog(page: Page, files: string[], target: string): Promise<string> {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import case texts' });
  await dialog.getByTestId('import-dialog-input').setInputFiles(files);
  await dialog.getByLabel('Case for the imported documents').selectOption({ label: target });
  await dialog.getByRole('button', { name: /^Import \d+ files?$/ }).click();
  const summary = dialog.getByTestId('import-summary');
  await summary.waitFor();
  return (await summary.textContent()) ?? '';
}

describe('import and cases through the UI', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ coder: 'Ana' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Ruritania', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('input[name="new-dir"]').fill(tempProjectDir());
    await page.locator('input[name="new-name"]').fill('Scorecard study');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByText('No documents yet').first().waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('defines the 15 cases in the Cases view', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+c');
    await page.getByLabel('New case names, separated by commas').fill(COUNTRIES.join(', '));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.cases-table tbody tr').nth(14).waitFor();
    expect(await page.locator('.cases-table .case-title').allTextContents()).toEqual(COUNTRIES);
  });

  it('imports seeds 000, 001, 003 and 004 into Ecuador with per-file progress and report; one undo removes the whole import', async () => {
    const { page } = app;
    const summary = await importThroughDialog(page, [S000, S001, S003, S004], 'Case: Ecuador');
    expect(summary).toBe('4 imported (4 documents), 0 skipped as duplicates, 0 failed');
    const dialog = page.getByRole('dialog', { name: 'Import case texts' });
    expect(await dialog.getByTestId('import-file-stage').allTextContents()).toEqual(['imported · Ecuador', 'imported · Ecuador', 'imported · Ecuador', 'imported · Ecuador']);
    expect(await dialog.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
    // The three .txt seeds written in Markdown stayed plain text, and the report offers Markdown.
    await expect(dialog.getByTestId('reimport-markdown').count()).resolves.toBe(3);
    await expect(dialog.getByText(/looks like Markdown/).count()).resolves.toBe(3);
    await screenshot(page, 'import-01-dialog-report');
    expect((await projectData(page)).documents.map((d) => d.format)).toEqual(['txt', 'txt', 'txt', 'txt']);
    // One action re-imports seed 000 as Markdown, in place of its plain-text document.
    await dialog.locator('.import-file').first().getByTestId('reimport-markdown').click();
    await expect.poll(async () => dialog.getByTestId('reimport-markdown').count(), { timeout: 60_000 }).toBe(2);
    // And seed 003 (the third row).
    await dialog.locator('.import-file').nth(2).getByTestId('reimport-markdown').click();
    await expect.poll(async () => dialog.getByTestId('reimport-markdown').count(), { timeout: 60_000 }).toBe(1);
    expect(await dialog.getByTestId('import-file-stage').allTextContents()).toEqual(['imported · Ecuador', 'imported · Ecuador', 'imported · Ecuador', 'imported · Ecuador']);
    expect(await dialog.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
    await screenshot(page, 'import-01b-reimported-as-markdown');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const afterReimport = await projectData(page);
    expect(afterReimport.documents).toHaveLength(4);
    expect(afterReimport.documents.find((d) => d.sourceFile === '000_b19cde1f6a69a6f8.txt')).toMatchObject({ format: 'md', title: 'Ecuador' });
    expect(afterReimport.documents.map((d) => d.format).sort()).toEqual(['md', 'md', 'txt', 'txt']);

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undid: Import 003_3526632470e2ad38.txt').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undid: Import 000_b19cde1f6a69a6f8.txt').waitFor();
    expect((await projectData(page)).documents.find((d) => d.sourceFile === '000_b19cde1f6a69a6f8.txt')?.format).toBe('txt');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undid: Import 4 files').waitFor();
    expect((await projectData(page)).documents).toHaveLength(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.getByText('Redid: Import 4 files').waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.getByText('Redid: Import 000_b19cde1f6a69a6f8.txt').waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.getByText('Redid: Import 003_3526632470e2ad38.txt').waitFor();
    const data = await projectData(page);
    expect(data.documents).toHaveLength(4);
    const ecuador = data.cases.find((c) => c.name === 'Ecuador');
    expect(data.documents.every((d) => d.caseId === ecuador?.id)).toBe(true);

    const again = await importThroughDialog(page, [S001], 'No case (assign later)');
    expect(again).toBe('0 imported (0 documents), 1 skipped as duplicates, 0 failed');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  });

  it('splits seed 002 by the defined cases into 15 documents, each assigned to its country', async () => {
    const { page } = app;
    const summary = await importThroughDialog(page, [S002], 'Split by cases (at lines naming a case)');
    expect(summary).toBe('1 imported (15 documents), 0 skipped as duplicates, 0 failed');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    const data = await projectData(page);
    const parts = data.documents.filter((d) => d.sourceFile === '002_3a38896384b8e93f.txt');
    expect(parts).toHaveLength(15);
    // each part is assigned to its case and titled by its section line ("Israel (see also case discussion in book)")
    for (const d of parts) expect([data.cases.find((c) => c.id === d.caseId)?.name, `${data.cases.find((c) => c.id === d.caseId)?.name} (see also case discussion in book)`]).toContain(d.title);
    expect(parts.map((d) => d.title)).toContain('Israel (see also case discussion in book)');
    // The Cases view lists the documents per case: Ecuador now has five.
    await page.getByRole('tab', { name: 'Cases' }).click();
    const ecuadorRow = page.locator('.case-row', { has: page.locator('.case-title', { hasText: /^Ecuador$/ }) });
    await expect(ecuadorRow.locator('.case-docs li').count()).resolves.toBe(5);
  });

  it('the reader shows seed 000 with its sections and 32 footnotes', async () => {
    const { page } = app;
    const data = await projectData(page);
    const d = data.documents.find((x) => x.sourceFile === '000_b19cde1f6a69a6f8.txt');
    await openDocument(page, d?.id ?? '', 'Ecuador');
    const headings = await page.locator('.reader-doc h2, .reader-doc h3').allTextContents();
    for (const h of ['Background', 'Direct diplomacy', 'Indirect pressure', 'Concerns', 'Outcomes', 'Legislation', 'Conditioning factors']) expect(headings).toContain(h);
    await expect(page.locator('.reader-doc .footnotes .footnote').count()).resolves.toBe(32);
    await screenshot(page, 'import-02-seed000-reader');
    await page.locator('.reader-doc table').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'import-02b-seed000-table');
    await page.locator('.reader-doc .footnotes').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-02c-seed000-footnotes');
  });

  it('every country of seed 002 shows its own section headings', async () => {
    const { page } = app;
    const data = await projectData(page);
    const parts = data.documents.filter((d) => d.sourceFile === '002_3a38896384b8e93f.txt');
    const expected = sectionLinesByCountry();
    for (const d of parts) {
      await openDocument(page, d.id, d.title);
      const headings = await page.locator('.reader-doc h2, .reader-doc h3').allTextContents();
      const want = expected.get(data.cases.find((c) => c.id === d.caseId)?.name ?? '') ?? [];
      // Every bare section line of this country's part of the source is a heading, in order.
      expect(
        headings.filter((h) => want.includes(h)),
        d.title,
      ).toEqual(want);
      expect(want.length, d.title).toBeGreaterThanOrEqual(3);
      expect(await page.locator('.reader-doc h1').allTextContents()).toEqual([d.title]);
    }
    const israel = parts.find((d) => d.title.startsWith('Israel'));
    await openDocument(page, israel?.id ?? '', 'Israel (see also case discussion in book)');
    await screenshot(page, 'import-03-seed002-israel-reader');
  });

  it('seeds 003 and 004 read as paragraphs, not hard-wrapped lines or blank space', async () => {
    const { page } = app;
    const data = await projectData(page);
    for (const file of ['003_3526632470e2ad38.txt', '004_2be0d7b4ef5defb2.txt']) {
      const d = data.documents.find((x) => x.sourceFile === file);
      await openDocument(page, d?.id ?? '', d?.title ?? '');
      const paras = await page.locator('.reader-doc > p').evaluateAll((ps) => ps.map((p) => ({ text: p.textContent ?? '', breaks: p.querySelectorAll('br').length })));
      expect(paras.length).toBeGreaterThan(50);
      expect(paras.filter((p) => p.text.trim() === '')).toEqual([]);
      expect(paras.reduce((n, p) => n + p.breaks, 0)).toBe(0);
      const long = paras.filter((p) => p.text.length >= 200).length;
      expect(long / paras.length, file).toBeGreaterThan(0.5);
    }
  });

  it('files dropped on the window open the import dialog with those files', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Reader' }).click();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['# Dropped note\n\nA short memo about Chad, dropped from the desktop.\n'], 'dropped-note.md', { type: 'text/markdown' }));
      const target = document.querySelector('.reader-column') ?? document.body;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const dialog = page.getByRole('dialog', { name: 'Import case texts' });
    await dialog.locator('.import-file-name', { hasText: 'dropped-note.md' }).waitFor();
    await dialog.getByLabel('Case for the imported documents').selectOption({ label: 'Case: Chad' });
    await dialog.getByRole('button', { name: 'Import 1 file' }).click();
    await expect(dialog.getByTestId('import-summary').textContent()).resolves.toBe('1 imported (1 document), 0 skipped as duplicates, 0 failed');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const data = await projectData(page);
    const dropped = data.documents.find((d) => d.sourceFile === 'dropped-note.md');
    expect(dropped?.title).toBe('Dropped note');
    expect(data.cases.find((c) => c.id === dropped?.caseId)?.name).toBe('Chad');
  });

  it('a chosen folder brings its documents (and leaves out other files, saying so)', async () => {
    const { page } = app;
    const folder = join(mkdtempSync(join(tmpdir(), 'cc-e2e-folder-')), 'memos');
    mkdirSync(join(folder, 'older'), { recursive: true });
    writeFileSync(join(folder, 'memo-a.md'), '# Memo A\n\nNotes on Oman, written for this test.\n');
    writeFileSync(join(folder, 'older', 'memo-b.txt'), 'Memo B: notes on Japan, written for this test.\n');
    writeFileSync(join(folder, 'budget.xyz'), 'not a document');
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import case texts' });
    await dialog.getByTestId('import-folder-input').setInputFiles(folder);
    await page.getByText('1 file(s) in the folder are not documents Casecoder reads; they were left out.').waitFor();
    expect((await dialog.locator('.import-file-name').allTextContents()).sort()).toEqual(['memo-a.md', 'memo-b.txt']);
    await dialog.getByLabel('Case for the imported documents').selectOption({ label: 'No case (assign later)' });
    await dialog.getByRole('button', { name: 'Import 2 files' }).click();
    await expect(dialog.getByTestId('import-summary').textContent()).resolves.toBe('2 imported (2 documents), 0 skipped as duplicates, 0 failed');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('assigns documents by drag and by keyboard, edits typed attributes, and imports attributes with unmatched rows', async () => {
    const { page } = app;
    const data = await projectData(page);
    const s001 = data.documents.find((x) => x.sourceFile === '001_f1f3b25bdee2a5e2.txt');
    await page.getByRole('tab', { name: 'Cases' }).click();
    const chadRow = page.locator('.case-row', { has: page.locator('.case-title', { hasText: /^Chad$/ }) });
    await page.locator(`.documents [data-doc-id="${s001?.id}"]`).dragTo(chadRow);
    await expect.poll(async () => (await projectData(page)).documents.find((d) => d.id === s001?.id)?.caseId).toBe(data.cases.find((c) => c.name === 'Chad')?.id);
    await expect(chadRow.locator('.case-docs li').count()).resolves.toBe(3);

    const select = page.getByLabel(`Case of ${s001?.title}`);
    await select.focus();
    await select.selectOption({ label: 'Ecuador' });
    await expect.poll(async () => (await projectData(page)).documents.find((d) => d.id === s001?.id)?.caseId).toBe(data.cases.find((c) => c.name === 'Ecuador')?.id);

    await page.getByLabel('New attribute name').fill('tier_2008');
    await page.getByLabel('New attribute type').selectOption('number');
    await page.getByRole('button', { name: 'Add column' }).click();
    const cell = page.getByLabel('tier_2008 of Chad');
    await cell.fill('three');
    await cell.press('Enter');
    await page.getByText('Chad: tier_2008: "three" is not a number.').waitFor();
    await cell.fill('3');
    await cell.press('Enter');
    await expect.poll(async () => (await projectData(page)).cases.find((c) => c.name === 'Chad')?.attributes['tier_2008']).toBe(3);

    const csv = join(mkdtempSync(join(tmpdir(), 'cc-e2e-attr-')), 'attributes.csv');
    writeFileSync(csv, 'country,region,ratified\nChad,Sahel,yes\nOman,Gulf,no\nAtlantis,Ocean,yes\n');
    await page.getByTestId('attributes-input').setInputFiles(csv);
    const report = page.getByTestId('attributes-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('2 cases updated.');
    expect(await report.textContent()).toContain('1 row matched no case: row 3 “Atlantis”');
    await expect(page.getByLabel('region of Oman').inputValue()).resolves.toBe('Gulf');
    await expect(page.getByLabel('ratified of Chad').inputValue()).resolves.toBe('yes');
    await screenshot(page, 'import-04-cases-view');
    expect(app.pageErrors).toEqual([]);
  });

  it('renames, merges and deletes cases in place; deleting keeps the documents and says how many', async () => {
    const { page } = app;
    await page.getByLabel('New case names, separated by commas').fill('Nippon');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Rename Nippon' }).click();
    const name = page.getByLabel('New name for Nippon');
    await name.fill('Japan (duplicate)');
    await name.press('Enter');
    await page.locator('.case-title', { hasText: 'Japan (duplicate)' }).waitFor();

    await page.getByLabel('Merge Japan (duplicate) into another case').selectOption({ label: 'Japan' });
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(async () => (await projectData(page)).cases.map((c) => c.name)).not.toContain('Japan (duplicate)');

    const before = await projectData(page);
    const oman = before.cases.find((c) => c.name === 'Oman');
    const omanDocs = before.documents.filter((d) => d.caseId === oman?.id);
    await page.getByRole('button', { name: 'Delete Oman' }).click();
    await page.getByText(`Delete Oman? Its ${omanDocs.length} document`).waitFor();
    await page.getByRole('button', { name: 'Delete case' }).click();
    await page.getByText(`Deleted case Oman. ${omanDocs.length} document${omanDocs.length === 1 ? '' : 's'} kept, now without a case.`).waitFor();
    const after = await projectData(page);
    expect(after.documents).toHaveLength(before.documents.length);
    for (const d of omanDocs) expect(after.documents.find((x) => x.id === d.id)?.caseId).toBeNull();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undid: Delete case Oman').waitFor();
    expect((await projectData(page)).cases.some((c) => c.name === 'Oman')).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
