import type { Page } from 'playwright-core';

/**
 * Measurements of the reader in Chromium shared by the reader benchmarks: each reads the reader's
 * own performance marks (`reader:first-render`, `coding:pending-shown`, `coding:acknowledged`, `patch:received`,
 * `reader:highlights-applied`) or times its baseline in the same page.
 */

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Median of the reader's own measure of mounting document `big` (switching from `small` and back `reps` times). */
export async function firstRenderMs(page: Page, big: string, small: string, reps: number): Promise<number> {
  const open = async (title: string): Promise<void> => {
    await page.locator('.documents').getByText(title, { exact: true }).first().click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor({ timeout: 120_000 });
  };
  const renders: number[] = [];
  for (let i = 0; i < reps + 1; i++) {
    await open(small);
    await page.locator('.reader-doc').waitFor();
    await page.evaluate(() => performance.clearMeasures('reader:first-render'));
    await open(big);
    await page.waitForFunction(() => performance.getEntriesByName('reader:first-render').length > 0 && document.querySelectorAll('.reader-doc .hl').length > 0, undefined, { timeout: 120_000 });
    const ms = await page.evaluate(() => performance.getEntriesByName('reader:first-render')[0]?.duration ?? NaN);
    if (i > 0) renders.push(ms);
  }
  return median(renders);
}

/** Median time to set `text` (paragraphs at blank lines) as static HTML in the reader's place, laid out. */
export async function staticHtmlMs(page: Page, text: string, reps: number): Promise<number> {
  return page.evaluate(
    ({ paras, reps }) => {
      const host = document.querySelector('.reader-wrap')?.parentElement ?? document.body;
      const html = paras.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
      const times: number[] = [];
      for (let i = 0; i < reps + 1; i++) {
        const div = document.createElement('div');
        div.className = 'reader-doc';
        const t0 = performance.now();
        div.innerHTML = html;
        host.appendChild(div);
        void div.offsetHeight;
        times.push(performance.now() - t0);
        div.remove();
      }
      times.shift();
      times.sort((a, b) => a - b);
      return times[Math.floor(times.length / 2)] ?? NaN;
    },
    { paras: text.split('\n\n'), reps },
  );
}

/** Mean time of a no-op transaction on the reader's EditorView, laid out (timer resolution is coarse: a batch). */
export async function noopTransactionMs(page: Page, reps = 200): Promise<number> {
  return page.evaluate((reps) => {
    const view = (globalThis as { __casecoderReader?: { view: { state: { tr: unknown }; dispatch(tr: unknown): void; dom: HTMLElement } | null } }).__casecoderReader?.view;
    if (!view) return NaN;
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) {
      view.dispatch(view.state.tr);
      void view.dom.offsetHeight;
    }
    return (performance.now() - t0) / reps;
  }, reps);
}

/** One coding and its undo, timed from the key press. */
export interface CodingTimes {
  /** Key press → pending highlight drawn. */
  shown: number;
  /** Key press → acknowledged highlight applied and laid out. */
  roundtrip: number;
  /** Change set received (result or event, whichever came first) → highlight applied and laid out: the renderer's share. */
  applied: number;
  /** Ctrl+Z → highlight removed and laid out. */
  undo: number;
}

/** Code a fresh paragraph with key 1 and undo it, `reps` times; medians of each figure. */
export async function codeAndUndo(page: Page, reps: number): Promise<CodingTimes> {
  const runs: CodingTimes[] = [];
  for (let i = 0; i < reps; i++) {
    const add = await page.evaluate(async (n) => {
      const paras = [...document.querySelectorAll('.reader-doc p')].filter((p) => (p.textContent ?? '').length > 80);
      const p = paras[(n * 37 + 11) % paras.length] as HTMLElement;
      // A selection made with the mouse focuses the reader first. Without focus (after a click in the
      // document list, as firstRenderMs leaves it) ProseMirror does not own the DOM selection, so the
      // highlights' redraw around the new viewport dropped it and the key coded nothing.
      (p.closest('.reader-doc') as HTMLElement).focus({ preventScroll: true });
      p.scrollIntoView();
      // The first 40 characters of the paragraph, across the text nodes highlights split it into.
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const node = walker.nextNode() as Text;
      const range = document.createRange();
      range.setStart(node, 0);
      let last = node;
      let left = 40 - node.length;
      for (let next = walker.nextNode() as Text | null; next && left > 0; next = walker.nextNode() as Text | null) {
        last = next;
        left -= next.length;
      }
      range.setEnd(last, Math.max(0, last.length + Math.min(0, left)));
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
      // Let the scroll's own work settle first (the highlights' window and the margin follow the
      // viewport a frame later), as it has by the time a person has dragged over a passage: a
      // 50 ms wait counted that work, hundreds of ms under load, in the coding's round trip.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300))));
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
      // The change set reaches the applier twice (the call's result and the event stream), either first.
      while (performance.now() - t0 < 30_000) {
        const shown = performance.getEntriesByName('coding:pending-shown').find((e) => e.startTime > t0);
        const got = performance.getEntriesByName('patch:received').find((e) => e.startTime > t0);
        const m = got && performance.getEntriesByName('reader:highlights-applied').find((e) => e.startTime > got.startTime);
        if (m && shown && got) return { shown: shown.startTime - t0, roundtrip: m.startTime - t0, applied: m.startTime - got.startTime };
        await new Promise((r) => setTimeout(r, 2));
      }
      const toasts = [...document.querySelectorAll('.toast')].map((t) => t.textContent).join(' | ');
      const marks = ['coding:pending-shown', 'patch:received', 'reader:highlights-applied'].map((k) => `${k}: ${performance.getEntriesByName(k).filter((e) => e.startTime > t0).length}`).join(', ');
      const why = `no coding round trip within 30 s (${marks}; selection "${window.getSelection()?.toString().slice(0, 40)}"; focus ${document.activeElement?.className}; toasts: ${toasts || 'none'})`;
      return { shown: NaN, roundtrip: NaN, applied: NaN, why };
    }, i);
    const undo = await page.evaluate(async () => {
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
      while (performance.now() - t0 < 30_000) {
        const m = performance.getEntriesByName('reader:highlights-applied').find((e) => e.startTime > t0);
        if (m) return m.startTime - t0;
        await new Promise((r) => setTimeout(r, 2));
      }
      return NaN;
    });
    // A probe that times out says why (its figure is then NaN).
    if ('why' in add) process.stderr.write(`reader probe, coding ${i + 1}: ${add.why}\n`);
    runs.push({ shown: add.shown, roundtrip: add.roundtrip, applied: add.applied, undo });
  }
  return { shown: median(runs.map((r) => r.shown)), roundtrip: median(runs.map((r) => r.roundtrip)), applied: median(runs.map((r) => r.applied)), undo: median(runs.map((r) => r.undo)) };
}
