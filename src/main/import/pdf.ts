import type { PmNodeJson } from '../../core/model/types.js';
import type { Result } from '../../core/model/result.js';
import { err, ok } from '../../core/model/result.js';
import { importPlainText } from '../../core/import/plain-text.js';
import { docNode } from '../../core/import/pm-build.js';
import type { ParsedDocument } from '../../core/import/parsed-document.js';
import { withTimeout } from './timeout.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/**
 * Load pdf.js on first use, keeping the process's JSON and Array natives.
 *
 * The legacy build (the one that runs on Node 20) bundles core-js, which replaces
 * `JSON.stringify`, `JSON.parse` and `Array.prototype.push` with spec polyfills that are 10–15×
 * slower. Loaded eagerly, that slowed every project save and every API response of the whole
 * process (2.6 MB of codings: 10 ms → 150 ms to stringify). Node 20's natives are correct for
 * everything pdf.js does here, so they are put back right after the import; a test guards it.
 */
export function loadPdfJs(): Promise<PdfJs> {
  if (!pdfjs) {
    const saved = [
      [JSON, 'stringify'],
      [JSON, 'parse'],
      [Array.prototype, 'push'],
    ].map(([target, key]) => [target, key, Object.getOwnPropertyDescriptor(target as object, key as string)] as const);
    pdfjs = import('pdfjs-dist/legacy/build/pdf.mjs').then((mod) => {
      for (const [target, key, descriptor] of saved) if (descriptor) Object.defineProperty(target as object, key as string, descriptor);
      return mod;
    });
  }
  return pdfjs;
}

/** Options for PDF import. */
export interface PdfOptions {
  timeoutMs?: number | undefined;
  /** Refuse documents with more pages than this (default 5,000). */
  maxPages?: number;
  headings?: readonly string[];
  caseNames?: readonly string[];
}

interface TextItemLike {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

function isTextItem(x: unknown): x is TextItemLike {
  return typeof x === 'object' && x !== null && typeof (x as { str?: unknown }).str === 'string' && Array.isArray((x as { transform?: unknown }).transform);
}

/**
 * Lines of a page from pdf.js text items: items join until one ends a line; a vertical gap much
 * larger than the page's usual line spacing becomes a blank line (a paragraph break).
 */
export function pageLines(items: readonly TextItemLike[]): string[] {
  const lines: { text: string; y: number }[] = [];
  let cur = '';
  let y: number | null = null;
  for (const it of items) {
    if (y === null) y = it.transform[5] ?? 0;
    cur += it.str;
    if (it.hasEOL) {
      lines.push({ text: cur, y });
      cur = '';
      y = null;
    }
  }
  if (cur || y !== null) lines.push({ text: cur, y: y ?? 0 });
  const gaps = lines
    .slice(1)
    .map((l, i) => Math.abs((lines[i]?.y ?? 0) - l.y))
    .filter((g) => g > 0);
  const sorted = [...gaps].sort((a, b) => a - b);
  const usual = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const out: string[] = [];
  lines.forEach((l, i) => {
    const prev = lines[i - 1];
    if (prev && usual > 0 && Math.abs(prev.y - l.y) > usual * 1.4) out.push('');
    out.push(l.text);
  });
  return out;
}

/**
 * Import a PDF's text with pdf.js (legacy build; eval, fonts and XFA off). Each page starts with
 * a `page_marker`, so every passage knows its page; page text is read like plain text (paragraphs,
 * bullets, bare-line section headings). The title is the PDF's Title metadata when present.
 * Stops after `timeoutMs` (default 30 s). Never throws: broken files give `corrupt`, encrypted
 * ones `unsupported`, image-only ones `invalid` (no text layer).
 */
export async function importPdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<Result<ParsedDocument>> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    enableXfa: false,
    stopAtErrors: false,
    maxImageSize: 1,
    verbosity: 0,
  });
  const work = (async (): Promise<Result<ParsedDocument>> => {
    const pdf = await task.promise;
    if (pdf.numPages > (opts.maxPages ?? 5000)) return err('too-large', `The PDF has ${pdf.numPages} pages, over the limit of ${opts.maxPages ?? 5000}.`);
    const blocks: PmNodeJson[] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      page.cleanup();
      const text = pageLines((content.items as unknown[]).filter(isTextItem)).join('\n');
      chars += text.trim().length;
      blocks.push({ type: 'page_marker', attrs: { page: n } });
      const parsed = importPlainText(text, { headings: opts.headings, caseNames: opts.caseNames });
      blocks.push(...(parsed.doc.content ?? []).filter((b) => b.type !== 'paragraph' || (b.content ?? []).length > 0));
    }
    const meta = await pdf.getMetadata().catch(() => null);
    const info = meta?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' ? info.Title.trim() : '';
    await pdf.destroy();
    if (chars === 0) return err('invalid', 'The PDF has no text layer (scanned pages?); run OCR first.');
    return ok({ title, doc: docNode(blocks), warnings: [] });
  })();
  try {
    const r = await withTimeout(work, opts.timeoutMs ?? 30_000, 'PDF text extraction', () => void task.destroy());
    return r.ok ? r.value : r;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = e instanceof Error ? e.name : '';
    if (name === 'PasswordException') return err('unsupported', 'The PDF is password-protected.');
    return err('corrupt', `The PDF could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
}
