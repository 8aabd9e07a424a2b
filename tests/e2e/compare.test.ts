import type { ProjectView } from '../../src/shared/api.js';
import type { SourceContent } from '../../src/core/model/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Result } from '../../src/core/model/result.js';
import { createService } from '../../src/main/service/service.js';
import { cli, screenshot, SEEDS, startApp, tempProjectDir, type RunningApp } from './app.js';

const SEED_000 = join(SEEDS, '000_b19cde1f6a69a6f8.txt');

function ok(args: string[]): string {
  const r = cli(args);
  if (r.code !== 0) throw new Error(`casecoder ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

interface Info {
  coders: { id: string; name: string }[];
  codings: { id: string; code: string; coder: string; start: number; end: number; exact: string }[];
}

describe('compare: two coders merged, agreement per code, a document adjudicated into a consensus coder', () => {
  let app: RunningApp;
  let ana: string;
  let ben: string;

  beforeAll(async () => {
    // Two coders code copies of the same project independently (prepared through the service,
    // in process: spawning the CLI per coding is slow on a shared machine).
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    ana = tempProjectDir();
    ben = join(dirname(ana), 'ben');
    let svc = createService({ appVersion: 'e2e', transport: 'cli' });
    must(await svc.call('project.create', { dir: ana, name: 'Ecuador study' }));
    must(await svc.call('import.files', { paths: [SEED_000], format: 'md', caseName: 'Ecuador' }));
    await svc.close();
    cpSync(ana, ben, { recursive: true });
    const code = async (dir: string, coder: string, name: string, phrase: string, extra = 0): Promise<void> => {
      svc = createService({ appVersion: 'e2e', transport: 'cli' });
      const view = must(await svc.call('project.open', { dir })) as ProjectView;
      must(await svc.call('coder.use', { name: coder }));
      const doc = view.data.documents[0]?.id as string;
      const text = (must(await svc.call('document.content', { id: doc })) as SourceContent).text;
      const s = text.indexOf(phrase);
      if (s < 0) throw new Error(`not in text: ${phrase}`);
      const codeId = view.data.codebook.find((c) => c.name === name)?.id as string;
      must(await svc.call('coding.add', { documentId: doc, codeId, start: s, end: s + phrase.length + extra }));
      await svc.close();
    };
    const meetings = 'Scorecard diplomacy meetings to discuss TIP were frequent';
    await code(ana, 'Ana', 'Direct diplomacy', meetings); // agreement
    await code(ben, 'Ben', 'Direct diplomacy', meetings);
    await code(ana, 'Ana', 'Legislation', 'Scorecard diplomacy focused on the passage of anti-TIP'); // boundary
    await code(ben, 'Ben', 'Legislation', 'Scorecard diplomacy focused on the passage of anti-TIP', 12);
    await code(ana, 'Ana', 'Direct diplomacy', 'A key figure was the minister of government'); // label
    await code(ben, 'Ben', 'Indirect pressure', 'A key figure was the minister of government');
    await code(ana, 'Ana', 'Concerns', 'The cables that discuss TIP'); // A only
    await code(ben, 'Ben', 'Conditioning factors', 'Indeed, A US TIP delegation visited Ecuador'); // B only
    app = await startApp({ dir: ana, coder: 'Judge' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('merges Ben’s folder in the Compare view and shows alpha per code', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Ecuador', level: 1 }).waitFor();
    await page.keyboard.press('Alt+a');
    await page.locator('.merge-panel').waitFor();
    await page.locator('input[name="merge-path"]').fill(ben);
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByText(/Merged ben: 4 codings added/).waitFor();
    await page.locator('.merge-reports li', { hasText: 'ben' }).waitFor();
    // Compare Ana and Ben only (the Judge has no codings).
    for (const name of ['Ana', 'Ben', 'Judge']) {
      const box = page.getByRole('checkbox', { name, exact: true });
      if ((await box.isChecked()) !== (name !== 'Judge')) await box.click();
    }
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const rows = page.locator('.compare-table tbody tr');
    await page.locator('.compare-table tbody th', { hasText: 'Outcomes/Legislation' }).waitFor();
    expect(await rows.count()).toBe(9); // 8 codes + all codes
    const dip = page.locator('.compare-table tbody tr', { has: page.locator('th', { hasText: /^Direct diplomacy$/ }) });
    await expect(dip.locator('.stat-value').first().textContent()).resolves.toMatch(/^-?\d\.\d{3}$|^n\/a$/);
    const legislationCell = page
      .locator('.compare-table tbody tr', { has: page.locator('th', { hasText: 'Outcomes/Legislation' }) })
      .locator('.stat-main')
      .first();
    await expect(legislationCell.getAttribute('aria-label')).resolves.toMatch(/alpha -?\d\.\d{3}, (poor|slight|fair|moderate|substantial|almost perfect)/);
    await expect(page.getByTestId('pooled-alpha').textContent()).resolves.toMatch(/^-?\d\.\d{3}$/);
    // The intervals follow the point estimates, one figure at a time (a small project: by themselves).
    await page.locator('.compare-pooled', { hasText: /95% bootstrap CI \[-?\d\.\d{3}, -?\d\.\d{3}\]/ }).waitFor({ timeout: 30_000 });
    await expect(page.locator('.compare-intervals').count()).resolves.toBe(0);
    await expect(page.locator('.compare-table .stat-ci').first().textContent()).resolves.toMatch(/^\[-?\d\.\d{3}, -?\d\.\d{3}\]$/);
    // The table behind a figure, with its reliability data export.
    await dip.locator('.stat-table').first().click();
    await page.locator('.figure-detail').getByText('Contingency table', { exact: false }).waitFor();
    await page.locator('.figure-detail').getByText('Coincidence matrix', { exact: false }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export reliability data (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^reliability-.*\.csv$/);
    // The comparison shown carries no reliability data: the export asked for this figure's.
    const csv = readFileSync((await file.path()) as string, 'utf8')
      .trim()
      .split('\n');
    const header = csv.findIndex((l) => /Ana.*Ben/.test(l));
    expect(header).toBeGreaterThanOrEqual(0);
    expect(csv.length).toBeGreaterThan(header + 1);
    await screenshot(page, 'compare-01-table');
    expect(app.pageErrors).toEqual([]);
  });

  it('steps through the disagreements of the document by keyboard and adjudicates each one', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close the tables' }).click();
    const all = page.locator('.compare-totals .stat-main').first();
    await all.click();
    await page.locator('.adj-browser').waitFor();
    const progress = page.locator('.adj-progress');
    await expect(progress.textContent()).resolves.toContain('Decided 0 of 4 disagreements');
    await page.locator('.adj-current').first().waitFor();
    await page.keyboard.press('n');
    await page.keyboard.press('p');
    await screenshot(page, 'compare-02-browser');
    // Decide each item by its kind: boundary → accept B, label → accept A, A only → reject, B only → edit.
    for (let i = 0; i < 4; i++) {
      const heading = (await page.locator('.adj-current-card h3').textContent()) ?? '';
      if (heading.includes('Boundary')) await page.keyboard.press('b');
      else if (heading.includes('Label')) await page.keyboard.press('a');
      else if (heading.includes('Only A')) await page.keyboard.press('x');
      else {
        await page.keyboard.press('e');
        await page.getByRole('button', { name: 'Save edited coding' }).click();
      }
      await expect.poll(() => progress.textContent()).toContain(`Decided ${i + 1} of 4`);
      if (i < 3) {
        // Find the next undecided item (decisions move on by themselves; make sure).
        const next = page.locator('.adj-queue button', { hasText: '•' }).first();
        await next.click();
      }
    }
    await page.getByRole('button', { name: /Copy 1 agreement to consensus/ }).click();
    await expect.poll(() => progress.textContent()).toContain('agreements copied 1 of 1');
    await screenshot(page, 'compare-03-adjudicated');
    // Each decision is one undo step.
    await page.keyboard.press('Control+z');
    await expect.poll(() => progress.textContent()).toContain('agreements copied 0 of 1');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => progress.textContent()).toContain('agreements copied 1 of 1');
    expect(app.pageErrors).toEqual([]);
  });

  it('casecoder info --json shows the consensus coder and its codings', () => {
    const info = JSON.parse(ok(['info', ana, '--json'])) as Info;
    expect(info.coders.map((c) => c.name).sort()).toEqual(['Ana', 'Ben', 'Consensus', 'Judge']);
    const consensus = info.codings.filter((g) => g.coder === 'Consensus');
    // accept B (boundary), accept A (label), edit (B only), the copied agreement; the reject writes none.
    expect(consensus.map((g) => g.code).sort()).toEqual(['Conditioning factors', 'Direct diplomacy', 'Direct diplomacy', 'Outcomes/Legislation']);
    // The boundary disagreement was settled for Ben's longer extent.
    const benLegislation = info.codings.find((g) => g.coder === 'Ben' && g.code === 'Outcomes/Legislation');
    expect(consensus.find((g) => g.code === 'Outcomes/Legislation')?.exact).toBe(benLegislation?.exact);
    expect(benLegislation?.exact.length).toBe('Scorecard diplomacy focused on the passage of anti-TIP'.length + 12);
    expect(info.codings.filter((g) => g.coder === 'Ana')).toHaveLength(4);
    expect(info.codings.filter((g) => g.coder === 'Ben')).toHaveLength(4);
  });
});
