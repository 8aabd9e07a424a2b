import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProjectFolder } from '../../src/main/store/open-project.js';
import { richProject } from '../main/refi/rich-project.js';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import type { Download } from 'playwright-core';
import { cli, ROOT, screenshot, startApp, tempProjectDir, type RunningApp } from './app.js';
import { durableState } from '../main/store/helpers.js';

const FIXTURES = join(ROOT, '..', 'shared', 'fixtures', 'refi');
const NVIVO_WIN = join(FIXTURES, 'nvivo-win-12.6_oltas.qdpx');
const ATLAS_SPEC = join(FIXTURES, 'atlasti-mac-8.4_refi-spec-example2.qde');

async function xsdErrors(xml: string, schema: 'Project.xsd' | 'Codebook.xsd'): Promise<string[]> {
  const xsd = readFileSync(join(FIXTURES, 'schema', schema), 'utf8');
  const r = await validateXML({ xml: [{ fileName: 'file.xml', contents: xml }], schema: [{ fileName: schema, contents: xsd }] });
  return r.errors.map((e) => e.rawMessage);
}

async function bytesOf(d: Download): Promise<Uint8Array> {
  const path = await d.path();
  return new Uint8Array(readFileSync(path));
}

describe('REFI-QDA exchange in the UI', () => {
  let app: RunningApp;
  const dir = tempProjectDir();
  beforeAll(async () => {
    const init = cli(['init', dir, '--name', 'Exchange study']);
    expect(init.code, init.stderr).toBe(0);
    app = await startApp({ dir, coder: 'Ana' });
    await app.page
      .getByRole('button', { name: /Exchange/ })
      .waitFor()
      .catch(async (e: unknown) => {
        await screenshot(app.page, 'refi-00-boot-failure');
        throw new Error(`${String(e)}\npage errors: ${app.pageErrors.join('; ')}`);
      });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports the NVivo project through the Exchange menu, users mapped first, and shows the report: unit detected, counts, nothing left out', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Exchange/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: /Import REFI-QDA project/ }).click();
    await (await chooser).setFiles(NVIVO_WIN);
    // The mapping step: Gergo created the 97 selections (floriansipos only exported them); nothing is imported yet.
    const mapping = page.getByRole('dialog', { name: /Import nvivo-win-12\.6_oltas\.qdpx: who coded what/ });
    await mapping.waitFor();
    expect(await mapping.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^Gergo\s+97/), expect.stringMatching(/^floriansipos\s+0/)]);
    await mapping.getByText(/97 codings name one user on the passage and another on the coding/).waitFor();
    expect(JSON.parse(cli(['info', dir, '--json']).stdout).counts.codings).toBe(0);
    await screenshot(page, 'refi-00-user-mapping');
    await mapping.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Imported nvivo-win-12.6_oltas.qdpx' });
    await dialog.waitFor();
    const row = async (label: string) =>
      (
        await dialog
          .locator('tr', { has: page.getByRole('rowheader', { name: label }) })
          .locator('td')
          .allTextContents()
      ).map(Number);
    expect(await row('Documents')).toEqual([1, 0]);
    expect(await row('Codes')).toEqual([60, 0]);
    expect(await row('Codings')).toEqual([97, 0]);
    await expect(dialog.getByText(/UTF-16 code units, a line break \(CRLF\) counted as 2; confirmed/).count()).resolves.toBe(1);
    await expect(dialog.getByText('Gergo → Gergo: 97 codings').count()).resolves.toBe(1);
    await expect(dialog.getByText(/made by NVivo/).count()).resolves.toBe(1);
    await expect(dialog.getByRole('button', { name: 'Close' }).evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await screenshot(page, 'refi-01-import-report');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByRole('button', { name: /Exchange/ }).evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await page.locator('.reader-doc .hl').first().waitFor();
    expect(await page.locator('.reader-doc .hl').count()).toBeGreaterThan(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('exports .qdpx by keyboard as a download that validates and holds the 97 codings, and an NVivo and a .qdc variant', async () => {
    const { page } = app;
    const exchange = page.getByRole('button', { name: /Exchange/ });
    await exchange.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toMatch(/^Export \.qdpxREFI-QDA project/);
    await screenshot(page, 'refi-02-exchange-menu');
    await page.keyboard.press('Enter');
    // The export dialog says what a .qdpx cannot hold before anything is written; Enter exports.
    const exportDialog = page.getByRole('dialog', { name: 'Export .qdpx (positions in code points)' });
    await exportDialog.getByRole('button', { name: 'Export' }).and(page.locator(':focus')).waitFor();
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const d = await download;
    expect(d.suggestedFilename()).toBe('Exchange study.qdpx');
    const files = unzipSync(await bytesOf(d));
    const qde = strFromU8(files['project.qde'] as Uint8Array);
    expect(await xsdErrors(qde, 'Project.xsd')).toEqual([]);
    expect(qde.match(/<PlainTextSelection /g)).toHaveLength(97);
    expect(Object.keys(files).filter((n) => n.startsWith('sources/'))).toHaveLength(1);
    await page.getByText(/Exported Exchange study\.qdpx: 1 document, \d+ codes, 97 codings/).waitFor();

    await exchange.click();
    await page.getByRole('menuitem', { name: /Export \.qdpx for NVivo/ }).click();
    const nvivo = page.waitForEvent('download');
    await page.getByTestId('refi-export-dialog').getByRole('button', { name: 'Export' }).click();
    expect((await nvivo).suggestedFilename()).toBe('Exchange study-nvivo.qdpx');

    await exchange.click();
    await page.getByRole('menuitem', { name: /Export codebook \.qdc/ }).click();
    const qdcDialog = page.getByTestId('refi-export-dialog');
    await qdcDialog.getByText(/^A \.qdc holds the codebook only: 1 document, 97 codings.* stay out \(export a \.qdpx for them\)\.$/).waitFor();
    await screenshot(page, 'refi-02b-export-dialog-qdc');
    const qdc = page.waitForEvent('download');
    await qdcDialog.getByRole('button', { name: 'Export' }).click();
    const codebook = await qdc;
    expect(codebook.suggestedFilename()).toBe('Exchange study.qdc');
    expect(await xsdErrors(strFromU8(await bytesOf(codebook)), 'Codebook.xsd')).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('lists what the ATLAS.ti specification example holds that was not imported (sources without text, media, sets, graph), and undo takes an import back in one step', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Exchange/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: /Import REFI-QDA project/ }).click();
    await (await chooser).setFiles(ATLAS_SPEC);
    const dialog = page.getByRole('dialog', { name: /Imported atlasti-mac-8\.4/ });
    await dialog.waitFor();
    const heading = await dialog.getByRole('heading', { name: /Not imported \(\d+\)/ }).textContent();
    expect(Number(/\((\d+)\)/.exec(heading ?? '')?.[1])).toBeGreaterThan(5);
    const kinds = await dialog.locator('details summary').allTextContents();
    for (const k of ['document', 'picture', 'pdf', 'audio', 'video', 'set', 'graph']) expect(kinds.join(' ')).toMatch(new RegExp(`\\d+ ${k}`));
    await screenshot(page, 'refi-03-atlas-report');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByText(/Undid: Import atlasti-mac-8\.4_refi-spec-example2\.qde/).waitFor();
    const info = JSON.parse(cli(['info', dir, '--json']).stdout) as { counts: { documents: number; codings: number } };
    expect(info.counts).toMatchObject({ documents: 1, codings: 97 });
    expect(app.pageErrors).toEqual([]);
  });
});

describe('a lossless REFI-QDA round trip through the UI', () => {
  const sourceDir = tempProjectDir();
  const targetDir = tempProjectDir();
  let app: RunningApp | null = null;
  beforeAll(async () => {
    // A project with structure (headings, lists, a table, footnotes), three coder roles and a rated matrix.
    const { data, sources } = richProject();
    const created = await createProjectFolder(sourceDir, data);
    if (!created.ok) throw new Error(created.error.message);
    for (const src of sources) {
      const w = await created.value.store.writeSource(src);
      if (!w.ok) throw new Error(w.error.message);
    }
    await created.value.store.close();
    const init = cli(['init', targetDir, '--name', 'Fresh study']);
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('exports a project with structure and ratings; a fresh project imports it with the user mapping step and shows its headings and ratings', async () => {
    app = await startApp({ dir: sourceDir, coder: 'Alice' });
    let page = app.page;
    await page.getByRole('button', { name: /Exchange/ }).click();
    await page.getByRole('menuitem', { name: /^Export \.qdpx\s*REFI-QDA project/ }).click();
    const exportDialog = page.getByTestId('refi-export-dialog');
    await exportDialog.getByText(/^Coder roles: REFI-QDA knows users only\. "Consensus" \(consensus\), "Autocoder" \(automatic\)/).waitFor();
    await exportDialog.getByText(/^Matrices: REFI-QDA has no element for them\. 1 matrix with 5 ratings/).waitFor();
    await screenshot(page, 'refi-10-export-dialog-limits');
    const download = page.waitForEvent('download');
    await exportDialog.getByRole('button', { name: 'Export' }).click();
    const file = join(mkdtempSync(join(tmpdir(), 'cc-qdpx-')), 'scorecard.qdpx');
    writeFileSync(file, await bytesOf(await download));
    expect(app.pageErrors).toEqual([]);
    await app.close();

    app = await startApp({ dir: targetDir, coder: 'Alice' });
    page = app.page;
    await page.getByRole('button', { name: /Exchange/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: /Import REFI-QDA project/ }).click();
    await (await chooser).setFiles(file);
    const mapping = page.getByTestId('refi-user-map');
    await mapping.waitFor();
    const rows = await mapping.locator('tbody tr th').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['Alice', 'Bob', 'Consensus consensus', 'Autocoder automatic']);
    // Bob becomes a new coder named Robert; the others keep their names.
    await mapping.getByLabel('Name of the new coder for Bob').fill('Robert');
    await screenshot(page, 'refi-11-user-mapping');
    await mapping.getByRole('button', { name: 'Import' }).click();
    const report = page.getByRole('dialog', { name: 'Imported scorecard.qdpx' });
    await report.waitFor();
    const row = async (label: string) =>
      (
        await report
          .locator('tr', { has: page.getByRole('rowheader', { name: label }) })
          .locator('td')
          .allTextContents()
      ).map(Number);
    expect(await row('Matrices')).toEqual([1, 0]);
    expect(await row('Ratings')).toEqual([5, 0]);
    await report.getByText('Bob → Robert: 5 codings').waitFor();
    await screenshot(page, 'refi-12-round-trip-report');
    await report.getByRole('button', { name: 'Close' }).click();

    await page.locator('nav[aria-label="Documents"] .doc-row', { hasText: 'Ruritania.docx' }).click();
    const reader = page.locator('.reader-doc');
    await reader.locator('h1', { hasText: 'Ruritania case study' }).waitFor();
    await reader.locator('h2', { hasText: 'Outcomes' }).waitFor();
    await expect(reader.locator('table tr').count()).resolves.toBe(3);
    await expect(reader.locator('ul ul li').allInnerTexts()).resolves.toEqual(['Penal code article 177']);
    await expect(reader.locator('.footnotes .footnote').count()).resolves.toBe(2);
    await expect(reader.locator('em', { hasText: 'promised' }).count()).resolves.toBe(1);
    await screenshot(page, 'refi-13-structure-in-reader');

    await page.getByRole('tab', { name: 'Matrices' }).click();
    await page.getByLabel('Matrix', { exact: true }).selectOption({ label: 'Table A6' });
    const coderValue = async (name: string) => (await page.getByLabel('Coder', { exact: true }).locator('option', { hasText: name }).first().getAttribute('value')) ?? '';
    const cell = (caseName: string, column: string) => page.locator(`td[data-case="${caseName}"][data-column="${column}"] .mx-label`);
    await page.getByLabel('Coder', { exact: true }).selectOption(await coderValue('Alice'));
    await expect.poll(() => cell('United States', 'Legislation').textContent()).toBe('strong');
    await expect.poll(() => cell('France', 'Institution building').textContent()).toBe('n/a');
    await screenshot(page, 'refi-14-ratings-in-matrices');
    await page.getByLabel('Coder', { exact: true }).selectOption(await coderValue('Robert'));
    await expect.poll(() => cell('United States', 'Legislation').textContent()).toBe('some');
    const saved = durableState(targetDir);
    expect(saved.coders.find((c) => c.name === 'Consensus')?.consensus).toBe(true);
    expect(saved.coders.find((c) => c.name === 'Autocoder')?.auto).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
