import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import type { Download } from 'playwright-core';
import { cli, ROOT, screenshot, startApp, tempProjectDir, type RunningApp } from './app.js';

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

  it('imports the NVivo project through the Exchange menu and shows the report: unit detected, counts, nothing left out', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Exchange/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: /Import REFI-QDA project/ }).click();
    await (await chooser).setFiles(NVIVO_WIN);
    const dialog = page.getByRole('dialog', { name: 'Imported nvivo-win-12.6_oltas.qdpx' });
    await dialog.waitFor();
    const row = async (label: string) => (await dialog.locator('tr', { has: page.getByRole('rowheader', { name: label }) }).locator('td').allTextContents()).map(Number);
    expect(await row('Documents')).toEqual([1, 0]);
    expect(await row('Codes')).toEqual([60, 0]);
    expect(await row('Codings')).toEqual([97, 0]);
    await expect(dialog.getByText(/UTF-16 code units, a line break counted as 2; confirmed/).count()).resolves.toBe(1);
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
    const nvivo = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: /Export \.qdpx for NVivo/ }).click();
    expect((await nvivo).suggestedFilename()).toBe('Exchange study-nvivo.qdpx');

    await exchange.click();
    const qdc = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: /Export codebook \.qdc/ }).click();
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
