import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Result } from '../../src/core/model/result.js';
import type { SourceContent } from '../../src/core/model/types.js';
import type { ProjectView } from '../../src/shared/api.js';
import { createService, type Service } from '../../src/main/service/service.js';
import { cli, openedInReader, screenshot, SEEDS, startApp, tempProjectDir, type RunningApp } from './app.js';

/**
 * The double-coding journey a methods reviewer would check: seed 002 split by case; Ben's
 * independent codings and a matrix rating are in the project when Ana codes Chad blind in the UI
 * (none of Ben's work may show); turning blind off is confirmed; a project switch leaves Compare
 * clean; Compare at every unit; every disagreement of Chad decided with the keyboard; the
 * consensus checked against `casecoder info --json`.
 */

const SEED_002 = join(SEEDS, '002_3a38896384b8e93f.txt');
const CASES = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras', 'Indonesia', 'Israel', 'Japan', 'Kazakhstan', 'Malaysia', 'Mozambique', 'Nigeria', 'Oman', 'United Arab Emirates', 'Zimbabwe'];

const AGREE = 'meetings were often at a high level';
const BOUNDARY_A = 'The ambassador also discussed TIP';
const BOUNDARY_B = 'The ambassador also discussed TIP with President Idriss Deby';
const LABEL = 'the US funded a UNICEF project';
const ONLY_A = 'Impending sanctions were brought up to no avail';
const ONLY_B = 'Despite its heavy aid flows,';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

interface Info {
  documents: { id: string; title: string }[];
  coders: { id: string; name: string }[];
  codings: { id: string; document: string; code: string; coder: string; start: number; end: number; exact: string }[];
}

function info(dir: string): Info {
  const r = cli(['info', dir, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Info;
}

/** Select `phrase` (plus `extra` characters) in the reader, as a drag would. */
async function selectPhrase(page: Page, phrase: string, extra = 0): Promise<void> {
  const got = await page.evaluate(
    ({ phrase, extra }) => {
      const root = document.querySelector('.reader-doc');
      if (!root) throw new Error('no reader');
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      for (const n of nodes) {
        const at = n.data.indexOf(phrase);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + phrase.length + extra);
        const sel = window.getSelection();
        sel?.removeAllRanges();
        sel?.addRange(range);
        document.dispatchEvent(new Event('selectionchange'));
        return range.toString();
      }
      return null;
    },
    { phrase, extra },
  );
  if (got === null) throw new Error(`not in one text node of the reader: ${phrase}`);
}

/** Code the phrase with a code chosen in the command palette (Ctrl+K). */
async function codeWithPalette(page: Page, phrase: string, code: string): Promise<void> {
  await selectPhrase(page, phrase);
  await page.keyboard.press('Control+K');
  await page.getByRole('combobox', { name: 'Code name' }).fill(code);
  await page.keyboard.press('Enter');
}

const chadMeta = (page: Page): Promise<string | null> => page.locator('.documents .doc-row', { hasText: 'Chad' }).locator('.doc-meta').textContent();

/** The Compare table's column of a document (by its header), 0 being the row header. */
const columnOf = (page: Page, title: string): Promise<number> => page.locator('.compare-table thead th').evaluateAll((ths, t) => ths.findIndex((th) => th.textContent === t), title);

const poll = <T>(f: () => Promise<T> | T) => expect.poll(f, { timeout: 15_000 });

describe('double coding: blind coding, a project switch, Compare at every unit, adjudication by keyboard', () => {
  let app: RunningApp;
  let dir: string;
  let other: string;
  let chad: string;
  let chadText: string;

  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    dir = tempProjectDir();
    other = tempProjectDir();
    let svc: Service = createService({ appVersion: 'e2e', transport: 'cli' });
    must(await svc.call('project.create', { dir, name: 'Supplement study' }));
    must(await svc.call('case.create', { names: CASES }));
    must(await svc.call('import.files', { paths: [SEED_002], splitCases: true }));
    must(await svc.call('coder.use', { name: 'Ben' }));
    let view = must(await svc.call('project.current', {})) as ProjectView;
    chad = view.data.documents.find((d) => d.title === 'Chad')?.id as string;
    chadText = (must(await svc.call('document.content', { id: chad })) as SourceContent).text;
    const code = async (phrase: string, name: string): Promise<void> => {
      const s = chadText.indexOf(phrase);
      if (s < 0) throw new Error(`not in Chad: ${phrase}`);
      const codeId = view.data.codebook.find((c) => c.name === name)?.id as string;
      must(await svc.call('coding.add', { documentId: chad, codeId, start: s, end: s + phrase.length }));
    };
    await code(AGREE, 'Direct diplomacy');
    await code(BOUNDARY_B, 'Direct diplomacy');
    await code(LABEL, 'Direct diplomacy');
    await code(ONLY_B, 'Concerns');
    must(await svc.call('matrix.list', {}));
    view = must(await svc.call('project.current', {})) as ProjectView;
    const a6 = view.data.matrices.find((m) => m.name === 'A6 outcomes') ?? view.data.matrices[0]!;
    const chadCase = view.data.cases.find((c) => c.name === 'Chad')!.id;
    must(await svc.call('rating.set', { matrixId: a6.id, caseId: chadCase, codeId: a6.columns[0]!, value: a6.scale[a6.scale.length - 1]!, note: 'BEN-SECRET-NOTE' }));
    await svc.close();
    // A second project with two other coders, for the project switch.
    svc = createService({ appVersion: 'e2e', transport: 'cli' });
    must(await svc.call('project.create', { dir: other, name: 'Other study' }));
    must(await svc.call('import.files', { paths: [join(SEEDS, '000_b19cde1f6a69a6f8.txt')], caseName: 'Ecuador' }));
    const ov = must(await svc.call('project.current', {})) as ProjectView;
    const doc = ov.data.documents[0]!.id;
    const dd = ov.data.codebook.find((c) => c.name === 'Direct diplomacy')!.id;
    for (const [name, end] of [
      ['Xena', 120],
      ['Yann', 160],
    ] as const) {
      must(await svc.call('coder.use', { name }));
      must(await svc.call('coding.add', { documentId: doc, codeId: dd, start: 100, end }));
    }
    await svc.close();
    app = await startApp({ dir, coder: 'Ana' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('Ana codes Chad blind: none of Ben’s codings, counts, ratings, agreement or exports show', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Coding as Ana/ }).waitFor();
    await page.getByLabel('Blind').check();
    const chadRow = page.locator('.documents .doc-row', { hasText: 'Chad' });
    await chadRow.click();
    await openedInReader(page, 'Chad');
    // Ben's four codings exist, but the list counts none of them, and the reader draws none.
    expect(info(dir).codings.filter((c) => c.coder === 'Ben')).toHaveLength(4);
    await expect(chadRow.locator('.doc-meta').textContent()).resolves.not.toMatch(/coding/);
    expect(await page.locator('.reader-doc .hl').count()).toBe(0);
    await codeWithPalette(page, AGREE, 'Direct diplomacy');
    await poll(() => chadRow.locator('.doc-meta').textContent()).toMatch(/· 1 coding$/);
    await codeWithPalette(page, BOUNDARY_A, 'Direct diplomacy');
    await codeWithPalette(page, LABEL, 'Indirect pressure');
    await codeWithPalette(page, ONLY_A, 'Concerns');
    await poll(() => chadRow.locator('.doc-meta').textContent()).toMatch(/· 4 codings$/);
    expect(info(dir).codings.filter((c) => c.coder === 'Ana')).toHaveLength(4);
    await poll(async () => (await page.locator('.reader-doc .hl').allTextContents()).join('|')).not.toContain('Idriss Deby');
    // Matrices: Ana sees her own (empty) ratings, not Ben's rating or note, and no agreement.
    await page.getByRole('tab', { name: 'Matrices' }).click();
    const cell = page.locator('td.mx-cell[data-case="Chad"]').first();
    await cell.waitFor();
    await expect(page.getByLabel('Coder', { exact: true }).inputValue()).resolves.toBe(info(dir).coders.find((c) => c.name === 'Ana')!.id);
    await expect(page.locator('.mx-grid').textContent()).resolves.not.toContain('BEN-SECRET-NOTE');
    await expect(cell.locator('.mx-label').getAttribute('aria-label')).resolves.toBe('unrated');
    await cell.click();
    const panel = page.locator('.mx-panel');
    await panel.waitFor();
    await expect(panel.textContent()).resolves.not.toMatch(/Ben|BEN-SECRET-NOTE|Ratings by coder|other coders/);
    expect(await page.getByTestId('rating-alpha').count()).toBe(0);
    // Exports offered while blind are the code tables of Ana's own codings only.
    await page.getByRole('button', { name: 'Export ▾' }).click();
    const options = await page.getByLabel('What to export').locator('option').allTextContents();
    expect(options.some((o) => /Ratings of this matrix|Passage counts of this matrix/.test(o))).toBe(false);
    await page.keyboard.press('Escape');
    // Compare hides agreement and disagreements; passages and frequencies count Ana's only.
    await page.keyboard.press('Alt+a');
    await page.getByRole('heading', { name: 'Blind coding is on' }).waitFor();
    expect(await page.locator('.compare-table').count()).toBe(0);
    await page.getByRole('tab', { name: 'Passages', exact: true }).click();
    await poll(() => page.getByTestId('codings-count').textContent()).toBe('4 codings');
    await screenshot(page, 'double-coding-01-blind');
    // The exchange menu offers no project export (it would hold Ben's codings).
    await page.getByRole('button', { name: /Exchange/ }).click();
    await expect(
      page
        .getByRole('menuitem', { name: /Export \.qdpx/ })
        .first()
        .isDisabled(),
    ).resolves.toBe(true);
    await page.keyboard.press('Escape');
    expect(app.pageErrors).toEqual([]);
  });

  it('turning blind off is a confirmed act that names what will show', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Reader' }).click();
    await page.getByLabel('Blind').click();
    const dialog = page.getByRole('alertdialog', { name: 'Turn blind coding off?' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/other coders’ work/);
    await dialog.getByRole('button', { name: 'Keep coding blind' }).click();
    await expect(page.getByLabel('Blind').isChecked()).resolves.toBe(true);
    await poll(() => chadMeta(page)).toMatch(/· 4 codings$/);
    await page.getByLabel('Blind').click();
    await dialog.getByRole('button', { name: 'Show other coders’ work' }).click();
    await expect(page.getByLabel('Blind').isChecked()).resolves.toBe(false);
    await poll(() => chadMeta(page)).toMatch(/· 8 codings$/);
  });

  it('a memo draft typed but not saved survives a reload, and the page warns before it goes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Memo/ }).click();
    const draft = 'Draft: check the 2009 sanctions cables against the TIP report';
    await page.getByLabel('Document memo text').fill(draft);
    await page.getByText('Unsaved draft').first().waitFor();
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await page.locator('.documents .doc-row', { hasText: 'Chad' }).click();
    await openedInReader(page, 'Chad');
    await page.getByRole('button', { name: /^Memo/ }).click();
    await expect(page.getByLabel('Document memo text').inputValue()).resolves.toBe(draft);
    await page.getByRole('button', { name: 'Save memo' }).click();
    await page
      .getByText(/^Saved /)
      .first()
      .waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('casecoder-memo-draft:')))).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('after a project switch Compare shows the new project’s coders and documents, never the old table', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+a');
    await page.locator('.compare-table').waitFor();
    await poll(() => page.locator('.compare-table thead').textContent()).toContain('Chad');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('input[name="open-dir"]').fill(other);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText('Other study').waitFor();
    await page.keyboard.press('Alt+a');
    await poll(() => page.locator('.compare-table thead').textContent()).toContain('Ecuador');
    const head = (await page.locator('.compare-table thead').textContent()) ?? '';
    expect(head).not.toContain('Chad');
    expect(head).not.toMatch(/\bd_[\w-]+/);
    for (const name of ['Xena', 'Yann']) await expect(page.getByRole('checkbox', { name, exact: true }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('.compare-table').waitFor();
    await expect(page.locator('.toast').allTextContents()).resolves.not.toContainEqual(expect.stringMatching(/No coder with id/));
    // And back.
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('input[name="open-dir"]').fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText('Supplement study').waitFor();
    await page.keyboard.press('Alt+a');
    await poll(() => page.locator('.compare-table thead').textContent()).toContain('Chad');
    expect((await page.locator('.compare-table thead').textContent()) ?? '').not.toContain('Ecuador study');
    expect(app.pageErrors).toEqual([]);
  });

  it('computes agreement at every unit', async () => {
    const { page } = app;
    const unit = page.locator('.compare-controls select').first();
    const values = await unit.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(values).toEqual(expect.arrayContaining(['segment', 'character', 'paragraph', 'document']));
    for (const v of values) {
      await unit.selectOption(v);
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await poll(() => page.locator('.compare-pooled').textContent()).toContain(`(${v}`);
      await expect(page.getByTestId('pooled-alpha').textContent()).resolves.toMatch(/^(-?\d\.\d{3}|n\/a|—)$/);
    }
    await screenshot(page, 'double-coding-02-compare-table');
    // The tables behind Chad's figure (the document both coders coded).
    await page
      .locator('.compare-totals > *')
      .nth(await columnOf(page, 'Chad'))
      .locator('.stat-table')
      .click();
    await page.locator('.figure-detail').waitFor();
    await page.locator('.figure-detail').scrollIntoViewIfNeeded();
    await screenshot(page, 'double-coding-03-figure-tables');
    await page.getByRole('button', { name: 'Close the tables' }).click();
    expect(app.pageErrors).toEqual([]);
  });

  it('lists a passage coded with different codes once, whichever code’s cell opens the browser', async () => {
    const { page } = app;
    const ip = page.locator('.compare-table tbody tr', { has: page.locator('th', { hasText: /^Indirect pressure$/ }) });
    const col = await columnOf(page, 'Chad');
    expect(col).toBeGreaterThan(0);
    await ip.locator('> *').nth(col).locator('.stat-main').click();
    await page.locator('.adj-browser').waitFor();
    const items = await page.locator('.adj-queue li').allTextContents();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(/Label · (Indirect pressure ≠ Direct diplomacy|Direct diplomacy ≠ Indirect pressure) · “the US funded/);
    await page.keyboard.press('Escape');
    await page.locator('.compare-table').waitFor();
  });

  it('decides every disagreement of Chad with the keyboard, the browser showing what is judged', async () => {
    const { page } = app;
    const chadCol = await columnOf(page, 'Chad');
    expect(chadCol).toBeGreaterThan(0);
    await page.locator('.compare-totals > *').nth(chadCol).locator('.stat-main').click();
    await page.locator('.adj-browser').waitFor();
    const progress = page.locator('.adj-progress');
    await poll(() => progress.textContent()).toContain('Decided 0 of 4 disagreements');
    // Items are named by kind, code and a short quote, never by offsets.
    const labels = await page.locator('.adj-queue li').allTextContents();
    expect(labels, labels.join('\n')).toHaveLength(4);
    for (const l of labels) expect(l).not.toMatch(/\d+\s*[–-]\s*\d+/);
    expect(labels.filter((l) => l.includes('Label'))).toHaveLength(1);
    expect(
      labels.some((l) => /Only [AB] · Concerns · “Impending sanctions were brought up…”/.test(l)),
      labels.join('\n'),
    ).toBe(true);
    // Which side is Ana (the coders are taken in project order).
    const anaIsA = ((await page.locator('.adj-legend .adj-a').textContent()) ?? '').includes('Ana');
    const anaSide = anaIsA ? 0 : 1;
    // The text opens at the current disagreement.
    const inView = async (): Promise<boolean> =>
      page.evaluate(() => {
        const box = document.querySelector('.adj-text')!.getBoundingClientRect();
        const cur = document.querySelector('.adj-current')!.getBoundingClientRect();
        return cur.top >= box.top && cur.bottom <= box.bottom;
      });
    await page.locator('.adj-current').first().waitFor();
    await poll(inView).toBe(true);
    const card = page.locator('.adj-current-card');
    for (let i = 0; i < 4; i++) {
      await poll(inView).toBe(true);
      const heading = (await card.locator('h3').textContent()) ?? '';
      const quotes = (await card.locator('li').allTextContents()).join(' | ');
      if (heading.includes('Boundary')) {
        // Both extents are drawn over their union: Ana's lacks the end only Ben took, struck through.
        await expect(card.locator('li').nth(anaSide).locator('del.adj-out').textContent()).resolves.toBe(' with President Idriss Deby');
        expect(
          await card
            .locator('li')
            .nth(1 - anaSide)
            .locator('del')
            .count(),
        ).toBe(0);
        await expect(card.getByRole('button', { name: /Union of both/ }).isEnabled()).resolves.toBe(true);
        await screenshot(page, 'double-coding-04-browser-boundary');
        await page.keyboard.press('o');
      } else if (heading.includes('Label'))
        await page.keyboard.press(anaIsA ? 'a' : 'b'); // Ana's Indirect pressure
      else if (quotes.includes('Impending sanctions')) await page.keyboard.press('x');
      else {
        expect(quotes).toContain('Despite its heavy aid flows');
        await page.keyboard.press('e');
        // The extent is adjusted by words, from the keyboard: end one word later.
        await card.getByRole('button', { name: 'End one word later' }).focus();
        await page.keyboard.press('Enter');
        await poll(() => card.getByLabel('Edited extent').textContent()).toContain('neither');
        await screenshot(page, 'double-coding-05-browser-edit');
        await page.keyboard.press('e');
      }
      await poll(() => progress.textContent()).toContain(`Decided ${i + 1} of 4`);
    }
    await page.getByRole('button', { name: /Copy 1 agreement to consensus/ }).click();
    await poll(() => progress.textContent()).toContain('agreements copied 1 of 1');
    expect(app.pageErrors).toEqual([]);
  });

  it('the consensus in casecoder info --json is what was decided, without duplicates', () => {
    const i = info(dir);
    const consensus = i.codings.filter((c) => c.coder === 'Consensus' && c.document === chad).map((c) => [c.code, c.exact]);
    const edited = chadText.slice(chadText.indexOf(ONLY_B), chadText.indexOf(ONLY_B) + ONLY_B.length + ' neither'.length);
    expect(edited.endsWith(' neither')).toBe(true);
    expect(consensus.sort()).toEqual(
      [
        ['Concerns', edited],
        ['Direct diplomacy', AGREE],
        ['Direct diplomacy', BOUNDARY_B],
        ['Indirect pressure', LABEL],
      ].sort(),
    );
    // One coding over the union, not two nested codings of one code.
    expect(consensus.filter(([, exact]) => exact!.includes('The ambassador'))).toHaveLength(1);
    expect(consensus.some(([, exact]) => exact!.includes('Impending sanctions'))).toBe(false);
  });
});
