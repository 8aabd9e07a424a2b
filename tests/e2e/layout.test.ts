import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Result } from '../../src/core/model/result.js';
import type { Case, ProjectData, SourceContent } from '../../src/core/model/types.js';
import { createService } from '../../src/main/service/service.js';
import { screenshot, SEEDS, startApp, tempProjectDir, type RunningApp } from './app.js';

const S002 = join(SEEDS, '002_3a38896384b8e93f.txt');
const COUNTRIES = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras', 'Indonesia', 'Israel', 'Japan', 'Kazakhstan', 'Malaysia', 'Mozambique', 'Nigeria', 'Oman', 'United Arab Emirates', 'Zimbabwe'];
const LONG_CODE = 'Reputational pressure through third-party rankings and indicators';

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A study as a user has it after an hour: 15 cases, seed 002 split by case, two coders, a long code name, one attribute. */
async function setUpStudy(dir: string): Promise<void> {
  const svc = createService({ appVersion: 'e2e', transport: 'cli' });
  const call = async <T>(op: string, args: unknown): Promise<T> => value<T>(await svc.call(op, args));
  await call('project.create', { dir, name: 'Scorecard diplomacy: outcomes across fifteen countries' });
  await call<{ value: Case[] }>('case.create', { names: COUNTRIES });
  await call('import.files', { paths: [S002], splitCases: true });
  await call('code.create', { name: LONG_CODE, parentId: null });
  await call('case.defineAttribute', { name: 'tier_2008', type: 'text' });
  await call('case.setAttributes', { caseName: 'Chad', values: { tier_2008: '2WL' } });
  const data = (await call<{ data: ProjectData }>('project.current', {})).data;
  for (const coder of ['Ana', 'Ben']) {
    await call('coder.use', { name: coder });
    for (const doc of data.documents.slice(0, 3)) {
      const text = (await call<SourceContent>('document.content', { id: doc.id })).text;
      for (const [i, code] of data.codebook
        .filter((c) => c.shortcut)
        .slice(0, 4)
        .entries()) {
        const start = 200 + i * 300 + (coder === 'Ben' ? 20 : 0);
        if (start + 120 < text.length) await call('coding.add', { documentId: doc.id, codeId: code.id, start, end: start + 120 });
      }
    }
  }
  await svc.close();
}

/**
 * What a user would call broken layout, measured in the page: a top bar on more than one line, a
 * control cut off by its panel or the window, text overflowing a box with no scrollbar or ellipsis.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (el: Element): string =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} “${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || ''}”`;
    const bar = document.querySelector('.topbar');
    if (bar) {
      const tops = new Set([...bar.children].filter((c) => (c as HTMLElement).offsetParent).map((c) => Math.round(c.getBoundingClientRect().bottom / 8)));
      const h = bar.getBoundingClientRect().height;
      if (h > 56) out.push(`top bar wraps: ${Math.round(h)}px high, ${tops.size} rows`);
    }
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
    };
    const scrolls = (s: CSSStyleDeclaration): boolean => /auto|scroll/.test(s.overflowX) || /auto|scroll/.test(s.overflow);
    for (const el of document.querySelectorAll('button, select, input:not([type=hidden]):not([type=file]), textarea, [role=tab]')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      let scroller = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (scrolls(s)) {
          scroller = true;
          break;
        }
        if (/hidden|clip/.test(s.overflowX) || /hidden|clip/.test(s.overflow)) {
          const ar = a.getBoundingClientRect();
          if (r.right > ar.right + 1 || r.left < ar.left - 1) out.push(`${name(el)} clipped by ${name(a)}`);
          break;
        }
      }
      if (!scroller && (r.right > window.innerWidth + 1 || r.left < -1)) out.push(`${name(el)} outside the window (${Math.round(r.left)}–${Math.round(r.right)} of ${window.innerWidth})`);
    }
    for (const el of document.querySelectorAll('body *')) {
      if (!visible(el)) continue;
      const s = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 2 && /hidden|clip/.test(s.overflowX) && s.textOverflow !== 'ellipsis' && el.clientWidth > 1 && !/^(svg|INPUT|TEXTAREA|SELECT)$/i.test(el.tagName)) {
        out.push(`${name(el)} overflows with no cue (${el.scrollWidth} in ${el.clientWidth})`);
      }
    }
    return [...new Set(out)];
  });
}

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
];

describe('layout at 1024×768 and 1440×900: every main view, panels and dialogs', () => {
  let app: RunningApp;
  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    const dir = tempProjectDir();
    await setUpStudy(dir);
    app = await startApp({ dir, coder: 'Ana' });
  });
  afterAll(async () => {
    await app?.close();
  });

  for (const vp of VIEWPORTS) {
    it(`${vp.width}×${vp.height}: no wrapped top bar, clipped control or overflow without a cue`, async () => {
      const { page } = app;
      await page.setViewportSize(vp);
      const problems: string[] = [];
      const shot = async (what: string): Promise<void> => {
        await page.waitForTimeout(150);
        await screenshot(page, `layout-${vp.width}-${what}`);
        problems.push(...(await layoutProblems(page)).map((p) => `${what}: ${p}`));
      };
      const tab = (name: string) => page.getByRole('tab', { name, exact: true });

      await tab('Reader').click();
      await page
        .locator('.documents')
        .getByText(/Argentina/)
        .first()
        .click();
      await page.locator('.doc-heading').waitFor();
      await shot('reader');
      await page.locator('.doc-heading').click();
      await page.keyboard.press('Control+F');
      // the heading "Legislation" is a match: the find bar sits under the toolbar and never covers it
      await page.getByRole('search', { name: 'Find in document' }).getByRole('textbox').fill('Legislation');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await shot('reader-find');
      const covered = await page.evaluate(() => {
        const bar = document.querySelector('.find-bar')!.getBoundingClientRect();
        const tools = document.querySelector('.reader-toolbar')!.getBoundingClientRect();
        const hit = document.querySelector('.find-hit.current')!.getBoundingClientRect();
        return { overToolbar: bar.top < tools.bottom - 1, overHit: hit.top < bar.bottom && hit.bottom > bar.top };
      });
      expect(covered).toEqual({ overToolbar: false, overHit: false });
      await page.getByRole('search', { name: 'Find in document' }).getByRole('button', { name: 'Close' }).click();
      await page.getByRole('toolbar', { name: 'Reader tools' }).getByRole('button', { name: /Memo/ }).click();
      await page.getByRole('region', { name: 'Document memo' }).waitFor();
      await shot('reader-memo');
      // Esc closes the memo even when the focus has left it
      await page.locator('.doc-heading').click();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('region', { name: 'Document memo' }).count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Undo menu' }).click();
      await page.getByRole('menu', { name: 'Undo menu' }).waitFor();
      await shot('reader-undo-menu');
      await page.keyboard.press('Escape');
      await page.locator('.code-row', { hasText: 'Reputational' }).hover();
      await page.locator('.code-row', { hasText: 'Reputational' }).locator('.code-edit').click();
      await shot('codebook-editor');

      await tab('Passages').click();
      await shot('passages');
      await tab('Cases').click();
      await page.getByLabel('tier_2008 of Argentina').waitFor();
      await shot('cases');
      // an empty attribute cell shows where to type; the merge selects line up in one column
      await expect(page.getByLabel('tier_2008 of Argentina').evaluate((i) => [(i as HTMLInputElement).placeholder, getComputedStyle(i).borderBottomStyle])).resolves.toEqual(['—', 'dashed']);
      const lefts = await page.locator('.case-actions select').evaluateAll((ss) => [...new Set(ss.map((s) => Math.round(s.getBoundingClientRect().left)))]);
      expect(lefts).toHaveLength(1);
      await tab('Compare').click();
      await shot('compare');
      await tab('Matrices').click();
      await page.getByRole('heading', { name: /A6 outcomes/ }).waitFor();
      for (const mode of ['Ratings', 'Counts', 'Coverage']) {
        await page
          .getByRole('button', { name: mode, exact: true })
          .or(page.getByRole('radio', { name: mode, exact: true }))
          .first()
          .click();
        await shot(`matrices-${mode.toLowerCase()}`);
      }
      await page.locator('td[data-case="Argentina"]').first().click();
      await shot('matrices-cell');

      await page.getByRole('button', { name: 'Import…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import case texts' });
      await dialog.getByTestId('import-dialog-input').setInputFiles(S002);
      await shot('import-dialog');
      await dialog
        .getByRole('button', { name: 'Cancel' })
        .or(dialog.getByRole('button', { name: 'Close' }))
        .first()
        .click();
      await tab('Reader').click();

      expect(problems).toEqual([]);
    });
  }
});
