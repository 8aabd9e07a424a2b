import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ProjectData } from '../../src/core/model/types.js';
import { screenshot, startApp, tempProjectDir, type RunningApp } from './app.js';

/**
 * Hostile markup, each payload trying to run script (setting `window.__xss`, or `alert`), open a
 * dialog, or make the browser fetch something. Written for this test from the classic families:
 * script elements, event handlers, javascript:/data: URLs (plain, entity-encoded, with control
 * characters), SVG/MathML, CSS loads, meta refresh, base, frames, forms, parser differentials.
 */
const HTML_PAYLOADS: string[] = [
  '<script>window.__xss=1;alert(1)</script>',
  '<img src=x onerror="window.__xss=2;alert(2)">',
  '<img src="https://evil.example/pixel.png" alt="tracking pixel">',
  '<svg onload="window.__xss=3"><circle r=5 /></svg>',
  '<svg><script>window.__xss=4</script></svg>',
  '<svg><a xlink:href="javascript:window.__xss=5"><text x=0 y=10>svg link</text></a></svg>',
  '<math><mi xlink:href="javascript:window.__xss=6">math link</mi></math>',
  '<a href="javascript:window.__xss=7">js link</a>',
  '<a href="&#106;avascript:window.__xss=8">entity link</a>',
  '<a href="jav&#x09;ascript:window.__xss=9">tab link</a>',
  '<a href=" JaVaScRiPt:window.__xss=10">case link</a>',
  '<a href="data:text/html,<script>alert(11)</script>">data link</a>',
  '<a href="vbscript:msgbox(12)">vb link</a>',
  '<iframe src="javascript:window.parent.__xss=13"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=14</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">',
  '<style>@import url(https://evil.example/a.css); body{background:url(https://evil.example/b.png)}</style>',
  '<link rel="stylesheet" href="https://evil.example/c.css">',
  '<div style="background-image:url(https://evil.example/d.png)">styled div</div>',
  '<table background="https://evil.example/e.png"><tr><td>cell</td></tr></table>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example/f"><input name=q autofocus onfocus="window.__xss=15"><button>Go</button></form>',
  '<details open ontoggle="window.__xss=16"><summary>details</summary>body</details>',
  '<body onload="window.__xss=17">body handler</body>',
  '<video poster="https://evil.example/g.png"><source src="https://evil.example/h.mp4"></video>',
  '<img srcset="https://evil.example/i.png 1x">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=18>"></noscript>',
  '<template><script>window.__xss=19</script></template>',
  '<p onclick="window.__xss=20" onmouseover="window.__xss=21">hover me</p>',
  '<a href="https://evil.example/" target="_blank" rel="opener">plain external link</a>',
  '<isindex action="javascript:window.__xss=22">',
  '<textarea><script>window.__xss=23</script></textarea>',
  '<!--<img src=x onerror=window.__xss=24>-->',
  '<x onafterscriptexecute="window.__xss=25">custom</x><script>1</script>',
];

const MD_PAYLOADS: string[] = [
  ...HTML_PAYLOADS,
  '[js link](javascript:window.__xss=101)',
  '[entity link](&#106;avascript:window.__xss=102)',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMDMpPC9zY3JpcHQ+)',
  '![image](https://evil.example/j.png)',
  '![image "title" onerror="window.__xss=104"](x)',
  '<javascript:window.__xss=105>',
  '[ref link][r]\n\n[r]: javascript:window.__xss=106',
  'Text[^n]\n\n[^n]: <img src=x onerror="window.__xss=107"> footnote',
  '| a | b |\n|---|---|\n| <img src=x onerror="window.__xss=108"> | [x](javascript:window.__xss=109) |',
  '---\ntitle: "<script>window.__xss=110</script>"\n---\nfront matter',
  '<div markdown="1">*x* <span onmouseover="window.__xss=111">span</span></div>',
];

async function projectData(page: Page): Promise<ProjectData> {
  return page.evaluate(async () => {
    const res = await fetch('/api/project.current', { method: 'POST', headers: { 'content-type': 'application/json', 'x-casecoder-token': sessionStorage.getItem('casecoder-token') ?? '' }, body: '{}' });
    return ((await res.json()) as { value: { data: ProjectData } }).value.data;
  });
}

describe('hostile HTML and Markdown imported and rendered in Chromium', () => {
  let app: RunningApp;
  const dialogs: string[] = [];
  const foreign: string[] = [];
  let origin = '';

  beforeAll(async () => {
    app = await startApp({ coder: 'Ana' });
    const { page } = app;
    origin = new URL(app.web.url).origin;
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    // The app's own traffic is its API and its bundled assets; anything else is a leak.
    page.on('request', (r) => {
      const u = r.url();
      if (u.startsWith(`${origin}/api/`) || u.startsWith(`${origin}/assets/`) || u === `${origin}/` || u.startsWith(`${origin}/?`) || u.startsWith(`${origin}/#`)) return;
      foreign.push(u);
    });
    await page.getByRole('heading', { name: 'Ruritania', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('input[name="new-dir"]').fill(tempProjectDir());
    await page.locator('input[name="new-name"]').fill('XSS corpus');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByText('No documents yet').first().waitFor();
    foreign.length = 0;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the detectors work: a script run, a dialog and a foreign request in this page are all seen', async () => {
    const { page } = app;
    await page.evaluate(() => {
      (window as unknown as { __xss?: unknown }).__xss = 'probe';
      alert('probe');
      new Image().src = 'https://evil.example/probe.png';
    });
    await expect.poll(() => foreign.length).toBeGreaterThan(0);
    expect(foreign).toEqual(['https://evil.example/probe.png']);
    expect(dialogs).toEqual(['alert: probe']);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBe('probe');
    await page.evaluate(() => delete (window as unknown as { __xss?: unknown }).__xss);
    // The probe's failed load is logged by Chromium as a console error: wait for it, then forget it.
    await expect.poll(() => app.pageErrors.length).toBeGreaterThan(0);
    app.pageErrors.length = 0;
    foreign.length = 0;
    dialogs.length = 0;
  });

  it('imports every payload file (sanitised or refused with a reason), renders each, and nothing runs, pops up or fetches', async () => {
    const { page } = app;
    const dir = mkdtempSync(join(tmpdir(), 'cc-xss-'));
    const files: string[] = [];
    HTML_PAYLOADS.forEach((p, i) => {
      const f = join(dir, `payload-${String(i).padStart(2, '0')}.html`);
      writeFileSync(f, `<!doctype html><html><head><title>HTML payload ${i}</title></head><body><p>HTML payload ${i} begins.</p>${p}<p>HTML payload ${i} ends.</p></body></html>`);
      files.push(f);
    });
    MD_PAYLOADS.forEach((p, i) => {
      const f = join(dir, `payload-${String(i).padStart(2, '0')}.md`);
      writeFileSync(f, `# Markdown payload ${i}\n\nBefore the payload.\n\n${p}\n\nAfter the payload ${i}.\n`);
      files.push(f);
    });

    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import case texts' });
    await dialog.getByTestId('import-dialog-input').setInputFiles(files);
    await dialog.getByRole('button', { name: `Import ${files.length} files` }).click();
    await dialog.getByTestId('import-summary').waitFor();
    const stages = await dialog.getByTestId('import-file-stage').allTextContents();
    expect(stages.filter((s) => !s.startsWith('imported') && !s.startsWith('failed'))).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    const data = await projectData(page);
    expect(data.documents.length).toBeGreaterThanOrEqual(files.length - 5);
    for (const d of data.documents) {
      await page.locator(`.documents [data-doc-id="${d.id}"]`).click();
      await page.locator('.doc-heading', { hasText: d.title }).waitFor();
      await page.locator('.reader-doc').waitFor();
      // Hover and focus everything a handler could hang on.
      const blocks = page.locator('.reader-doc > *');
      for (let i = 0; i < Math.min(await blocks.count(), 12); i++)
        await blocks
          .nth(i)
          .hover({ force: true, timeout: 2000 })
          .catch(() => undefined);
      const bad = await page.evaluate(() => {
        const root = document.querySelector('.reader-doc');
        const found: string[] = [];
        for (const el of root?.querySelectorAll('*') ?? []) {
          const tag = el.tagName.toLowerCase();
          if (['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'input', 'textarea', 'svg', 'math', 'video', 'audio', 'source', 'template'].includes(tag)) found.push(`<${tag}>`);
          if (tag === 'img' && (el.getAttribute('src') || el.getAttribute('srcset'))) found.push(`img src=${el.getAttribute('src') ?? el.getAttribute('srcset')}`);
          for (const a of el.getAttributeNames()) if (a.startsWith('on') || a === 'srcdoc' || a === 'background' || a === 'poster' || a === 'formaction') found.push(`${tag}[${a}]`);
          const style = el.getAttribute('style') ?? '';
          if (/url\s*\(/i.test(style)) found.push(`${tag} style url`);
          const href = el.getAttribute('href');
          if (href !== null && !/^(https?:|mailto:|#)/i.test(href.trim())) found.push(`${tag} href=${href}`);
        }
        return found;
      });
      expect(bad, d.title).toEqual([]);
    }
    await page.waitForTimeout(300);
    await screenshot(page, 'xss-01-last-payload');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
